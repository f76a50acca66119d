use proptest::prelude::*;

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A claim lodged on 2026-01-10 by an adult woman, undecided.
fn lodged(offence_type: OffenceType) -> ClaimFigures {
    ClaimFigures {
        jurisdiction: "kosovo".to_owned(),
        offence_type,
        age_band: AgeBand::From26To64,
        gender: Some(VictimGender::Female),
        outcome: None,
        lodged_on: date("2026-01-10"),
        decided_on: None,
        first_paid_on: None,
        currency: Currency::Eur,
        awarded_minor: 0,
        paid_minor: 0,
        recovered_minor: 0,
    }
}

fn awarded(offence_type: OffenceType, decided_after_days: u64, minor: i64) -> ClaimFigures {
    let claim = lodged(offence_type);
    let decided_on = claim.lodged_on + chrono::Days::new(decided_after_days);
    ClaimFigures {
        outcome: Some(OutcomeKind::Award),
        decided_on: Some(decided_on),
        first_paid_on: Some(decided_on + chrono::Days::new(30)),
        awarded_minor: minor,
        paid_minor: minor,
        ..claim
    }
}

#[test]
fn the_age_band_is_the_age_on_the_day_of_the_crime() {
    let crime = date("2026-03-10");
    let band = |birth: &str| AgeBand::of(Some(date(birth)), crime);
    assert_eq!(band("2012-03-11"), AgeBand::Under14);
    assert_eq!(band("2012-03-10"), AgeBand::From14To17);
    assert_eq!(band("2008-03-10"), AgeBand::From18To25);
    assert_eq!(band("2000-03-10"), AgeBand::From26To64);
    assert_eq!(band("1961-03-10"), AgeBand::From65);
    assert_eq!(AgeBand::of(None, crime), AgeBand::Unknown);
    assert_eq!(AgeBand::From65.as_str(), "65+");
}

#[test]
fn group_by_names_its_dimensions_and_refuses_others_by_name() {
    assert_eq!(
        parse_group_by("offence_type, gender").unwrap(),
        vec![Dimension::OffenceType, Dimension::Gender]
    );
    assert_eq!(parse_group_by("").unwrap(), Vec::new());
    let unknown = parse_group_by("offence_type,victim_name").unwrap_err();
    assert!(matches!(
        unknown,
        DomainError::InvalidInput { field: "group_by", ref reason } if reason.contains("victim_name")
    ));
    assert!(parse_group_by("gender,gender").is_err());
}

#[test]
fn a_large_group_is_published_and_a_small_one_suppressed_with_its_complement() {
    let mut claims: Vec<ClaimFigures> = (0..6)
        .map(|days| awarded(OffenceType::DomesticViolence, 10 * (days + 1), 10_000))
        .collect();
    claims.extend((0..5).map(|_| lodged(OffenceType::SexualViolence)));
    claims.extend((0..2).map(|_| lodged(OffenceType::TraffickingInHumanBeings)));
    let table = tabulate(&claims, &[Dimension::OffenceType], Threshold::DEFAULT);
    let figures: Vec<(String, Option<u64>)> = table
        .cells
        .iter()
        .map(|cell| {
            (
                cell.values[0].clone(),
                cell.figures.as_ref().map(|f| f.lodged),
            )
        })
        .collect();
    assert_eq!(
        figures,
        vec![
            ("domestic_violence".to_owned(), Some(6)),
            ("sexual_violence".to_owned(), None),
            ("trafficking_in_human_beings".to_owned(), None),
        ]
    );
    let domestic = table.cells[0].figures.as_ref().unwrap();
    assert_eq!(domestic.awarded, 6);
    assert_eq!(
        domestic.lodging_to_decision,
        Some(DaysSummary {
            median_days: 30,
            percentile_90_days: 60
        })
    );
    assert_eq!(
        domestic.decision_to_payment.map(|days| days.median_days),
        Some(30)
    );
    assert_eq!(domestic.amounts[0].awarded.to_string(), "600.00 EUR");
    assert_eq!(table.total.figures.as_ref().unwrap().lodged, 13);
}

#[test]
fn amounts_in_different_currencies_are_never_added() {
    let euros = awarded(OffenceType::DomesticViolence, 5, 10_000);
    let pounds = ClaimFigures {
        currency: Currency::Gbp,
        ..awarded(OffenceType::DomesticViolence, 5, 50_00)
    };
    let table = tabulate(&[euros, pounds], &[], Threshold::new(1).unwrap());
    let amounts = &table.total.figures.as_ref().unwrap().amounts;
    let awarded: Vec<String> = amounts
        .iter()
        .map(|amounts| amounts.awarded.to_string())
        .collect();
    assert_eq!(awarded, ["100.00 EUR", "50.00 GBP"]);
}

#[test]
fn a_total_of_fewer_claims_than_the_threshold_is_suppressed() {
    let claims = vec![lodged(OffenceType::SexualViolence); 4];
    let table = tabulate(&claims, &[], Threshold::DEFAULT);
    assert!(table.total.figures.is_none());
}

/// The definition of a nearest-rank percentile read directly: the smallest value such that at
/// least `percent`% of the values are at or below it.
fn brute_force_percentile(values: &[i64], percent: u32) -> Option<i64> {
    values
        .iter()
        .copied()
        .filter(|candidate| {
            let at_or_below = values.iter().filter(|value| *value <= candidate).count();
            at_or_below * 100 >= values.len() * percent as usize
        })
        .min()
}

proptest! {
    #[test]
    fn percentiles_match_their_definition(
        mut days in proptest::collection::vec(0i64..400, 0..40),
        percent in 1u32..=100,
    ) {
        let expected = brute_force_percentile(&days, percent);
        days.sort_unstable();
        prop_assert_eq!(nearest_rank(&days, percent), expected);
    }

    #[test]
    fn published_cells_carry_their_real_counts_and_small_ones_none(
        offences in proptest::collection::vec(0usize..4, 0..40),
        genders in proptest::collection::vec(0usize..4, 40),
        threshold in 1u64..8,
    ) {
        use strum::IntoEnumIterator;
        let kinds: Vec<OffenceType> = OffenceType::iter().collect();
        let claims: Vec<ClaimFigures> = offences
            .iter()
            .zip(&genders)
            .map(|(offence, gender)| ClaimFigures {
                gender: VictimGender::iter().nth(*gender),
                ..lodged(kinds[*offence])
            })
            .collect();
        let group_by = [Dimension::OffenceType, Dimension::Gender];
        let table = tabulate(&claims, &group_by, Threshold::new(threshold).unwrap());
        for cell in &table.cells {
            let real = claims
                .iter()
                .filter(|claim| group_by.iter().map(|d| claim.value(*d)).eq(cell.values.iter().cloned()))
                .count() as u64;
            if let Some(figures) = &cell.figures {
                prop_assert_eq!(figures.lodged, real);
            }
            if real < threshold {
                prop_assert!(cell.figures.is_none());
            }
        }
        let published: u64 = table.cells.iter().filter_map(|cell| cell.figures.as_ref()).map(|f| f.lodged).sum();
        let suppressed = table.cells.iter().filter(|cell| cell.figures.is_none()).count();
        if table.total.figures.is_some() {
            // The grand total never gives a single suppressed cell away.
            prop_assert_ne!(suppressed, 1);
            prop_assert!(published <= claims.len() as u64);
        }
    }
}
