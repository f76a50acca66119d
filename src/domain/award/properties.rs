//! Properties that must hold for any request on any shipped schedule: limits, signs, sums,
//! monotonicity and independence from the order of the losses.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::tests::{california, kosovo, uk};
use super::*;

/// One of the shipped schedules with its currency.
fn jurisdiction(index: usize) -> (Vec<Schedule>, Currency) {
    match index {
        0 => (uk(), Currency::Gbp),
        1 => (california(), Currency::Usd),
        _ => (kosovo(), Currency::Eur),
    }
}

/// Raw material for one loss; `to_loss` shapes it to whatever its head needs.
#[derive(Clone, Debug)]
struct LossSeed {
    head_choice: usize,
    amount_minor_units: i64,
    weeks: u32,
    relatives: u32,
    years_hundredths: u32,
    class_choice: usize,
}

fn loss_seed() -> impl Strategy<Value = LossSeed> {
    (
        0_usize..20,
        0_i64..30_000_000,
        0_u32..400,
        1_u32..6,
        0_u32..1_800,
        0_usize..3,
    )
        .prop_map(
            |(
                head_choice,
                amount_minor_units,
                weeks,
                relatives,
                years_hundredths,
                class_choice,
            )| {
                LossSeed {
                    head_choice,
                    amount_minor_units,
                    weeks,
                    relatives,
                    years_hundredths,
                    class_choice,
                }
            },
        )
}

fn to_loss(schedule: &Schedule, seed: &LossSeed) -> Loss {
    let head = &schedule.heads[seed.head_choice % schedule.heads.len()];
    let amount = Decimal::new(seed.amount_minor_units, 2);
    let mut loss = Loss {
        head: head.id.clone(),
        ..Loss::default()
    };
    match &head.rule {
        HeadRule::ClaimedAmount { classes, .. } => {
            loss.amount = Some(amount);
            loss.class = classes
                .get(seed.class_choice % classes.len().max(1))
                .map(|class| class.class.clone());
        }
        HeadRule::TariffInjuries { .. } => loss.amount = Some(amount),
        HeadRule::WeeklyLoss { .. } => {
            loss.weeks = Some(seed.weeks);
            loss.weekly_rate = Some(Decimal::new(seed.amount_minor_units % 200_000, 2));
        }
        HeadRule::PerPerson { .. } => loss.relatives = Some(seed.relatives),
        HeadRule::PerYear { .. } => {
            loss.years = Some(Decimal::new(i64::from(seed.years_hundredths), 2));
        }
    }
    loss
}

/// Valid losses: a head that may be claimed once keeps its first loss only.
fn losses(schedule: &Schedule, seeds: &[LossSeed]) -> Vec<Loss> {
    let mut losses: Vec<Loss> = Vec::new();
    for loss in seeds.iter().map(|seed| to_loss(schedule, seed)) {
        let once = matches!(
            schedule.head(&loss.head).map(|head| &head.rule),
            Some(HeadRule::WeeklyLoss { .. } | HeadRule::PerPerson { .. })
        );
        if !(once && losses.iter().any(|earlier| earlier.head == loss.head)) {
            losses.push(loss);
        }
    }
    losses
}

fn award_request(schedule: &Schedule, losses: Vec<Loss>) -> AwardRequest {
    AwardRequest {
        jurisdiction: schedule.jurisdiction.clone(),
        as_of: schedule.applies_from,
        losses,
        offsets: vec![],
        reduction_percent: Decimal::ZERO,
        interim_paid: Decimal::ZERO,
        offence_type: None,
    }
}

fn whole_award_offsets() -> impl Strategy<Value = Vec<Offset>> {
    prop::collection::vec(0_i64..2_000_000, 0..3).prop_map(|amounts| {
        amounts
            .into_iter()
            .map(|minor_units| Offset {
                source: OffsetSource::Benefits,
                amount: Decimal::new(minor_units, 2),
                head: None,
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn the_total_is_never_negative_nor_above_the_maximum_and_lines_sum_to_gross(
        index in 0_usize..3,
        seeds in prop::collection::vec(loss_seed(), 0..12),
        offsets in whole_award_offsets(),
        reduction_percent in 0_i64..=100,
        interim_minor_units in 0_i64..1_000_000,
    ) {
        let (schedules, currency) = jurisdiction(index);
        let schedule = &schedules[0];
        let mut request = award_request(schedule, losses(schedule, &seeds));
        request.offsets = offsets;
        request.reduction_percent = Decimal::from(reduction_percent);
        request.interim_paid = Decimal::new(interim_minor_units, 2);
        let calculation = calculate(&schedules, currency, &request).unwrap();
        prop_assert!(calculation.total.amount() <= schedule.maximum_total);
        prop_assert!(calculation.total.amount() >= Decimal::ZERO);
        prop_assert!(calculation.limited.amount() <= schedule.maximum_total);
        let sum: Decimal = calculation.lines.iter().map(|line| line.allowed.amount()).sum();
        prop_assert_eq!(sum, calculation.gross.amount());
        let payable: Decimal = calculation.lines.iter().map(|line| line.payable.amount()).sum();
        prop_assert!(payable <= calculation.limited.amount());
        let deducted_after_limits = match schedule.deductions {
            Deductions::FromAward => calculation.offsets.amount() + calculation.reduction.amount(),
            Deductions::BeforeLimits => Decimal::ZERO,
        };
        prop_assert_eq!(
            calculation.total.amount(),
            calculation.limited.amount() - deducted_after_limits - calculation.interim_deducted.amount()
        );
    }

    #[test]
    fn a_full_reduction_gives_nothing(
        index in 0_usize..3,
        seeds in prop::collection::vec(loss_seed(), 0..12),
    ) {
        let (schedules, currency) = jurisdiction(index);
        let schedule = &schedules[0];
        let mut request = award_request(schedule, losses(schedule, &seeds));
        request.reduction_percent = Decimal::ONE_HUNDRED;
        let calculation = calculate(&schedules, currency, &request).unwrap();
        prop_assert!(calculation.total.is_zero());
    }

    #[test]
    fn the_order_of_the_losses_does_not_matter(
        index in 0_usize..3,
        seeds in prop::collection::vec(loss_seed(), 0..12),
        sort_keys in prop::collection::vec(any::<u64>(), 12),
    ) {
        let (schedules, currency) = jurisdiction(index);
        let schedule = &schedules[0];
        // Make the losses valid first, so both requests hold the same ones in any order.
        let valid = losses(schedule, &seeds);
        let mut keyed: Vec<(u64, Loss)> = sort_keys.into_iter().zip(valid.clone()).collect();
        keyed.sort_by_key(|(key, _)| *key);
        let reordered: Vec<Loss> = keyed.into_iter().map(|(_, loss)| loss).collect();
        let first = calculate(&schedules, currency, &award_request(schedule, valid)).unwrap();
        let second = calculate(&schedules, currency, &award_request(schedule, reordered)).unwrap();
        prop_assert_eq!(first, second);
    }

    /// Offsets here go to the whole award: an offset to one head can take more once the
    /// maximum moves that head's share up (see the module's documentation).
    #[test]
    fn adding_a_loss_never_lowers_the_total(
        index in 0_usize..3,
        seeds in prop::collection::vec(loss_seed(), 0..10),
        extra in loss_seed(),
        offsets in whole_award_offsets(),
        reduction_percent in 0_i64..=100,
    ) {
        let (schedules, currency) = jurisdiction(index);
        let schedule = &schedules[0];
        let before = losses(schedule, &seeds);
        let mut after_seeds = seeds.clone();
        after_seeds.push(extra);
        let after = losses(schedule, &after_seeds);
        let mut request = award_request(schedule, before);
        request.offsets = offsets;
        request.reduction_percent = Decimal::from(reduction_percent);
        let smaller = calculate(&schedules, currency, &request).unwrap();
        request.losses = after;
        let larger = calculate(&schedules, currency, &request).unwrap();
        prop_assert!(larger.total.amount() >= smaller.total.amount());
        prop_assert!(larger.gross.amount() >= smaller.gross.amount());
    }
}
