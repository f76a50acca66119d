//! Hand-worked examples for every head kind and rule, on the three shipped schedules.

use rust_decimal::Decimal;
use serde_json::json;

use super::*;
use crate::domain::money::MoneyError;
use crate::domain::rules::JurisdictionId;

pub(crate) fn parse_schedule(text: &str) -> Schedule {
    toml::from_str(text).unwrap()
}

pub(crate) fn uk() -> Vec<Schedule> {
    vec![parse_schedule(include_str!(
        "../../../forms/uk-cica-2012/schedule-2012-11-27.toml"
    ))]
}

pub(crate) fn california() -> Vec<Schedule> {
    vec![parse_schedule(include_str!(
        "../../../forms/california/schedule-2024-01-01.toml"
    ))]
}

pub(crate) fn kosovo() -> Vec<Schedule> {
    vec![parse_schedule(include_str!(
        "../../../forms/kosovo/schedule-2017-01-01.toml"
    ))]
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

fn request(jurisdiction: &str, losses: serde_json::Value) -> serde_json::Value {
    json!({"jurisdiction": jurisdiction, "as_of": "2025-01-31", "losses": losses})
}

fn calculate_json(
    schedules: &[Schedule],
    currency: Currency,
    body: serde_json::Value,
) -> Result<Calculation, AwardError> {
    let request: AwardRequest = serde_json::from_value(body).unwrap();
    calculate(schedules, currency, &request)
}

fn uk_calculation(losses: serde_json::Value) -> Calculation {
    calculate_json(&uk(), Currency::Gbp, request("uk-cica-2012", losses)).unwrap()
}

fn uk_error(body: serde_json::Value) -> AwardError {
    calculate_json(&uk(), Currency::Gbp, body).unwrap_err()
}

fn california_calculation(losses: serde_json::Value) -> Calculation {
    calculate_json(&california(), Currency::Usd, request("california", losses)).unwrap()
}

fn kosovo_calculation(losses: serde_json::Value) -> Calculation {
    calculate_json(&kosovo(), Currency::Eur, request("kosovo", losses)).unwrap()
}

/// Each line as (head, allowed), for compact assertions.
fn allowed(calculation: &Calculation) -> Vec<(String, String)> {
    calculation
        .lines
        .iter()
        .map(|line| (line.head.clone(), line.allowed.amount().to_string()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(head, amount)| ((*head).to_owned(), (*amount).to_owned()))
        .collect()
}

fn amount(money: Money) -> String {
    money.amount().to_string()
}

#[test]
fn the_shipped_schedules_are_valid() {
    assert_eq!(uk()[0].validate(Currency::Gbp), Ok(()));
    assert_eq!(california()[0].validate(Currency::Usd), Ok(()));
    assert_eq!(kosovo()[0].validate(Currency::Eur), Ok(()));
}

/// injury 3,300 (100%) + loss of earnings (30 - 28 unpaid) x 99.35 = 198.70 + bereavement
/// 2 x 5,500 = 11,000 + child payment 2.5 x 2,000 = 5,000 + funeral 6,200 capped at 5,000
/// = 24,498.70 gross; the insurance paid 1,000 for the funeral: total 23,498.70.
#[test]
fn uk_worked_example_of_the_contract() {
    let body = json!({"jurisdiction":"uk-cica-2012","as_of":"2025-01-31","losses":[
        {"head":"injury","amount":"3300.00"},
        {"head":"loss_of_earnings","weeks":30,"weekly_rate":"99.35"},
        {"head":"bereavement","relatives":2},
        {"head":"child_payment","years":"2.5"},
        {"head":"funeral","amount":"6200.00"}],
        "offsets":[{"source":"insurance","amount":"1000.00","head":"funeral"}],
        "reduction_percent":"0","interim_paid":"0.00"});
    let calculation = calculate_json(&uk(), Currency::Gbp, body).unwrap();
    assert_eq!(
        allowed(&calculation),
        pairs(&[
            ("injury", "3300.00"),
            ("loss_of_earnings", "198.70"),
            ("funeral", "5000.00"),
            ("bereavement", "11000.00"),
            ("child_payment", "5000.00"),
        ])
    );
    assert_eq!(amount(calculation.gross), "24498.70");
    assert_eq!(amount(calculation.offsets), "1000.00");
    assert_eq!(amount(calculation.total), "23498.70");
    assert_eq!(calculation.schedule_version, "uk-cica-2012/2012-11-27");
    assert_eq!(
        calculation.lines[1].explanation,
        Explanation::of([
            Phrase::WeeksAtRate {
                weeks: 30,
                weekly_rate: decimal("99.35")
            },
            Phrase::UnpaidWeeks { weeks: 28 },
            Phrase::WeeksPaid {
                weeks: 2,
                amount: decimal("198.70")
            },
        ])
    );
    let serialized = serde_json::to_value(&calculation).unwrap();
    assert_eq!(serialized["total"], "23498.70");
    assert_eq!(serialized["currency"], "GBP");
    assert_eq!(serialized["lines"][0]["claimed"], "3300.00");
}

/// 3,300 at 100% + 1,000 at 30% = 300 + the other 1,000 at 15% = 150; 500 is not counted.
#[test]
fn uk_only_the_three_most_valuable_injuries_count() {
    let calculation = uk_calculation(json!([
        {"head":"injury","amount":"1000.00"},
        {"head":"injury","amount":"500.00"},
        {"head":"injury","amount":"3300.00"},
        {"head":"injury","amount":"1000.00"},
    ]));
    assert_eq!(
        allowed(&calculation),
        pairs(&[
            ("injury", "3300.00"),
            ("injury", "300.00"),
            ("injury", "150.00"),
            ("injury", "0.00"),
        ])
    );
    let explanations: Vec<&[Phrase]> = calculation
        .lines
        .iter()
        .map(|line| line.explanation.phrases())
        .collect();
    let injury = |rank, weight_percent, amount| Phrase::Injury {
        rank,
        weight_percent: decimal(weight_percent),
        amount: decimal(amount),
    };
    assert_eq!(
        explanations,
        [
            &[injury(1, "100", "3300.00")][..],
            &[injury(2, "30", "1000.00")],
            &[injury(3, "15", "1000.00")],
            &[Phrase::InjuryNotCounted {
                rank: 4,
                counted: 3
            }],
        ]
    );
    assert_eq!(amount(calculation.total), "3750.00");
}

/// Two injuries of 2,000: one takes 100%, the other 30%: 2,000 + 600 = 2,600.
#[test]
fn uk_of_two_equal_injuries_one_takes_the_lower_percentage() {
    let calculation = uk_calculation(json!([
        {"head":"injury","amount":"2000.00"},
        {"head":"injury","amount":"2000.00"},
    ]));
    assert_eq!(
        allowed(&calculation),
        pairs(&[("injury", "2000.00"), ("injury", "600.00")])
    );
}

/// Exempt injuries are paid in full beside the rule: 2,000 + 30% of 2,000 + 1,500 + 800.
#[test]
fn uk_exempt_injuries_are_paid_in_full_outside_the_multiple_injury_rule() {
    let calculation = uk_calculation(json!([
        {"head":"injury","amount":"2000.00"},
        {"head":"exempt_injury","amount":"1500.00"},
        {"head":"injury","amount":"2000.00"},
        {"head":"exempt_injury","amount":"800.00"},
    ]));
    assert_eq!(
        allowed(&calculation),
        pairs(&[
            ("injury", "2000.00"),
            ("injury", "600.00"),
            ("exempt_injury", "2300.00"),
        ])
    );
    assert_eq!(amount(calculation.total), "4900.00");
}

/// 3,300 + 30% of 1,000.30 = 300.09 + 15% of 1,000.30 = 150.045, rounded half up to 150.05.
#[test]
fn uk_each_weighted_injury_is_rounded_half_up_once() {
    let calculation = uk_calculation(json!([
        {"head":"injury","amount":"3300.00"},
        {"head":"injury","amount":"1000.30"},
        {"head":"injury","amount":"1000.30"},
    ]));
    assert_eq!(
        allowed(&calculation),
        pairs(&[
            ("injury", "3300.00"),
            ("injury", "300.09"),
            ("injury", "150.05"),
        ])
    );
}

/// 28 weeks are all unpaid; with an injury of 1,000 the award is the injury alone.
#[test]
fn uk_no_loss_of_earnings_for_the_first_28_weeks() {
    let calculation = uk_calculation(json!([
        {"head":"injury","amount":"1000.00"},
        {"head":"loss_of_earnings","weeks":28,"weekly_rate":"99.35"},
    ]));
    assert_eq!(calculation.lines[1].claimed.amount().to_string(), "2781.80");
    assert_eq!(amount(calculation.lines[1].allowed), "0.00");
}

#[test]
fn uk_bereavement_pays_a_sole_relative_11000_and_several_5500_each() {
    let sole = uk_calculation(json!([{"head":"bereavement","relatives":1}]));
    assert_eq!(amount(sole.total), "11000.00");
    let three = uk_calculation(json!([{"head":"bereavement","relatives":3}]));
    assert_eq!(amount(three.total), "16500.00");
}

/// 2,000 a year: 2.5 years = 5,000; a second child of 0.75 years = 1,500, a line each.
#[test]
fn uk_child_payment_is_pro_rata_for_part_years_one_line_per_child() {
    let calculation = uk_calculation(json!([
        {"head":"child_payment","years":"0.75"},
        {"head":"child_payment","years":"2.5"},
    ]));
    assert_eq!(
        allowed(&calculation),
        pairs(&[("child_payment", "5000.00"), ("child_payment", "1500.00")])
    );
    assert_eq!(
        calculation.lines[0].explanation,
        Explanation::of([Phrase::YearsUntilAge {
            years: decimal("2.5"),
            yearly_amount: decimal("2000.00"),
            until_age_years: 18,
            amount: decimal("5000.00"),
        }])
    );
}

/// Funeral: 1,200 claimed still gets the fixed 2,500; 3,800 is paid; 6,200 is capped at 5,000.
#[test]
fn uk_funeral_pays_2500_and_further_costs_up_to_5000() {
    for (claimed, expected) in [
        ("1200.00", "2500.00"),
        ("3800.00", "3800.00"),
        ("6200.00", "5000.00"),
    ] {
        let calculation = uk_calculation(json!([{"head":"funeral","amount":claimed}]));
        assert_eq!(amount(calculation.lines[0].allowed), expected, "{claimed}");
    }
}

/// An injury of 900 is below the GBP 1,000 minimum: nothing is awarded.
#[test]
fn uk_a_claim_worth_less_than_1000_gets_nothing() {
    let calculation = uk_calculation(json!([{"head":"injury","amount":"900.00"}]));
    assert_eq!(amount(calculation.gross), "900.00");
    assert_eq!(amount(calculation.lines[0].payable), "0.00");
    assert_eq!(amount(calculation.total), "0.00");
    assert_eq!(
        calculation.limit_explanation,
        Some(Explanation::of([Phrase::BelowMinimumRefused {
            worth: decimal("900.00"),
            minimum: decimal("1000.00"),
        }]))
    );
}

#[test]
fn uk_the_award_is_at_most_500000() {
    let calculation = uk_calculation(json!([
        {"head":"special_expenses","amount":"450000.00"},
        {"head":"injury","amount":"250000.00"},
    ]));
    assert_eq!(amount(calculation.gross), "700000.00");
    assert_eq!(amount(calculation.total), "500000.00");
}

/// 3,300 - 25% = 2,475; the interim payment of 1,000 comes off last: 1,475.
#[test]
fn uk_reduction_then_interim_payment() {
    let mut body = request(
        "uk-cica-2012",
        json!([{"head":"injury","amount":"3300.00"}]),
    );
    body["reduction_percent"] = json!("25");
    body["interim_paid"] = json!("1000.00");
    let calculation = calculate_json(&uk(), Currency::Gbp, body).unwrap();
    assert_eq!(amount(calculation.reduction), "825.00");
    assert_eq!(amount(calculation.interim_deducted), "1000.00");
    assert_eq!(amount(calculation.total), "1475.00");
}

/// 1,001.00 less 33.33% = 333.633 rounded half up to 333.63 off: 667.37.
#[test]
fn the_reduction_is_rounded_once_to_the_minor_unit() {
    let mut body = request(
        "uk-cica-2012",
        json!([{"head":"injury","amount":"1001.00"}]),
    );
    body["reduction_percent"] = json!("33.33");
    let calculation = calculate_json(&uk(), Currency::Gbp, body).unwrap();
    assert_eq!(amount(calculation.reduction), "333.63");
    assert_eq!(amount(calculation.total), "667.37");
}

#[test]
fn deductions_never_take_the_award_below_zero() {
    let mut body = request(
        "uk-cica-2012",
        json!([{"head":"injury","amount":"3300.00"}]),
    );
    body["interim_paid"] = json!("5000.00");
    let calculation = calculate_json(&uk(), Currency::Gbp, body.clone()).unwrap();
    assert_eq!(amount(calculation.interim_deducted), "3300.00");
    assert_eq!(amount(calculation.total), "0.00");
    body["offsets"] = json!([{"source":"civil_damages","amount":"9000.00"}]);
    let calculation = calculate_json(&uk(), Currency::Gbp, body).unwrap();
    assert_eq!(amount(calculation.offsets), "3300.00");
    assert_eq!(amount(calculation.total), "0.00");
}

/// A payment of 7,000 for the funeral takes the funeral's 5,000 only; the injury stays paid.
#[test]
fn an_offset_to_a_head_is_deducted_from_that_head_only() {
    let mut body = request(
        "uk-cica-2012",
        json!([{"head":"funeral","amount":"6200.00"},{"head":"injury","amount":"3300.00"}]),
    );
    body["offsets"] = json!([{"source":"insurance","amount":"7000.00","head":"funeral"}]);
    let calculation = calculate_json(&uk(), Currency::Gbp, body).unwrap();
    assert_eq!(amount(calculation.offsets), "5000.00");
    assert_eq!(amount(calculation.total), "3300.00");
}

#[test]
fn california_heads_are_capped() {
    let calculation = california_calculation(json!([
        {"head":"home_security","amount":"1200.00"},
        {"head":"funeral_burial","amount":"15000.00"},
        {"head":"relocation","amount":"5000.00"},
        {"head":"crime_scene_cleanup","amount":"1500.00"},
        {"head":"medical","amount":"20000.00"},
    ]));
    assert_eq!(
        allowed(&calculation),
        pairs(&[
            ("medical", "20000.00"),
            ("funeral_burial", "12818.00"),
            ("relocation", "3418.00"),
            ("crime_scene_cleanup", "1500.00"),
            ("home_security", "1000.00"),
        ])
    );
    assert_eq!(
        calculation.lines[1].explanation,
        Explanation::of([
            Phrase::Claimed {
                amount: decimal("15000.00")
            },
            Phrase::CappedAt {
                amount: decimal("12818.00")
            },
        ])
    );
}

/// Mental health: each claimant capped by class; victim 12,000 -> 10,000; close 4,000 paid;
/// other derivative 6,000 -> 5,000.
#[test]
fn california_mental_health_is_capped_per_class() {
    let calculation = california_calculation(json!([
        {"head":"mental_health","amount":"6000.00","class":"derivative_other"},
        {"head":"mental_health","amount":"12000.00","class":"victim"},
        {"head":"mental_health","amount":"4000.00","class":"derivative_close"},
    ]));
    let lines: Vec<(Option<String>, String)> = calculation
        .lines
        .iter()
        .map(|line| (line.class.clone(), amount(line.allowed)))
        .collect();
    assert_eq!(
        lines,
        [
            (Some("derivative_close".to_owned()), "4000.00".to_owned()),
            (Some("derivative_other".to_owned()), "5000.00".to_owned()),
            (Some("victim".to_owned()), "10000.00".to_owned()),
        ]
    );
}

/// Income loss is paid for at most 260 weeks: 300 weeks at 100.00 = 26,000.
#[test]
fn california_income_loss_is_paid_for_at_most_five_years() {
    let calculation =
        california_calculation(json!([{"head":"income_loss","weeks":300,"weekly_rate":"100.00"}]));
    assert_eq!(amount(calculation.lines[0].claimed), "30000.00");
    assert_eq!(amount(calculation.lines[0].allowed), "26000.00");
}

/// Medical 30,000 + income loss 200 weeks at 250 = 50,000: gross 80,000 over the 70,000 cap;
/// income loss is paid first in full, medical gets the remaining 20,000.
#[test]
fn california_pays_income_loss_first_when_the_overall_cap_binds() {
    let calculation = california_calculation(json!([
        {"head":"medical","amount":"30000.00"},
        {"head":"income_loss","weeks":200,"weekly_rate":"250.00"},
    ]));
    let payable: Vec<(String, String)> = calculation
        .lines
        .iter()
        .map(|line| (line.head.clone(), amount(line.payable)))
        .collect();
    assert_eq!(
        payable,
        pairs(&[("income_loss", "50000.00"), ("medical", "20000.00")])
    );
    assert_eq!(amount(calculation.gross), "80000.00");
    assert_eq!(amount(calculation.total), "70000.00");
}

/// An offset on medical once the cap binds comes off medical's payable 20,000 only.
#[test]
fn california_a_head_offset_comes_off_the_heads_loss_before_the_cap() {
    // Medical 30,000 less 25,000 insurance = 5,000, plus income loss 200 weeks at 250 = 50,000:
    // 55,000, under the 70,000 cap, so the whole offset counts.
    let mut body = request(
        "california",
        json!([{"head":"medical","amount":"30000.00"},{"head":"income_loss","weeks":200,"weekly_rate":"250.00"}]),
    );
    body["offsets"] = json!([{"source":"insurance","amount":"25000.00","head":"medical"}]);
    let calculation = calculate_json(&california(), Currency::Usd, body).unwrap();
    assert_eq!(amount(calculation.offsets), "25000.00");
    assert_eq!(amount(calculation.total), "55000.00");
}

/// Kosovo: 800 of medical costs is raised to the EUR 1,500 minimum and marked provisional.
#[test]
fn kosovo_a_small_claim_is_raised_to_the_minimum_and_marked_provisional() {
    let calculation = kosovo_calculation(json!([{"head":"medical_costs","amount":"800.00"}]));
    assert_eq!(amount(calculation.gross), "800.00");
    assert_eq!(amount(calculation.limited), "1500.00");
    assert_eq!(amount(calculation.total), "1500.00");
    assert!(
        calculation
            .provisional
            .contains(&"below_minimum".to_owned())
    );
    assert!(
        calculation
            .provisional
            .contains(&"heads.medical_costs.rule.cap".to_owned())
    );
    assert!(
        !calculation
            .provisional
            .contains(&"heads.funeral_costs.rule.cap".to_owned())
    );
}

/// 5,000 + 4,000 = 9,000 is over the EUR 7,000 maximum.
#[test]
fn kosovo_the_award_is_at_most_7000() {
    let calculation = kosovo_calculation(json!([
        {"head":"physical_injury","amount":"5000.00"},
        {"head":"mental_harm","amount":"4000.00"},
    ]));
    assert_eq!(amount(calculation.total), "7000.00");
    let calculation = kosovo_calculation(json!([{"head":"physical_injury","amount":"9000.00"}]));
    assert_eq!(amount(calculation.lines[0].allowed), "7000.00");
}

#[test]
fn no_losses_give_a_zero_award_even_with_a_raised_minimum() {
    let calculation = kosovo_calculation(json!([]));
    assert_eq!(amount(calculation.total), "0.00");
}

fn error_field(error: &AwardError) -> (String, InputProblem) {
    match error {
        AwardError::InvalidInput { field, problem } => (field.clone(), problem.clone()),
        other => panic!("expected an input error, got {other}"),
    }
}

#[test]
fn unknown_heads_and_heads_of_another_jurisdiction_are_refused_by_field() {
    let error = uk_error(request(
        "uk-cica-2012",
        json!([{"head":"injury","amount":"1.00"},{"head":"medical","amount":"1.00"}]),
    ));
    assert_eq!(error.field(), "losses[1].head");
    assert!(
        error
            .to_string()
            .contains("medical is not a head of uk-cica-2012"),
        "{error}"
    );
}

#[test]
fn missing_negative_and_too_precise_amounts_are_refused_by_field() {
    let cases = [
        (
            json!([{"head":"injury"}]),
            "losses[0].amount",
            InputProblem::Missing,
        ),
        (
            json!([{"head":"injury","amount":"-5.00"}]),
            "losses[0].amount",
            InputProblem::Amount(MoneyError::Negative),
        ),
        (
            json!([{"head":"injury","amount":"1.005"}]),
            "losses[0].amount",
            InputProblem::Amount(MoneyError::TooPrecise {
                digits: 2,
                currency: Currency::Gbp,
            }),
        ),
        (
            json!([{"head":"loss_of_earnings","weeks":30}]),
            "losses[0].weekly_rate",
            InputProblem::Missing,
        ),
        (
            json!([{"head":"injury","amount":"1.00","weeks":3}]),
            "losses[0].weeks",
            InputProblem::NotUsed,
        ),
        (
            json!([{"head":"injury","amount":"1.00","class":"victim"}]),
            "losses[0].class",
            InputProblem::ClassNotAllowed,
        ),
    ];
    for (losses, field, problem) in cases {
        let error = uk_error(request("uk-cica-2012", losses));
        assert_eq!(error_field(&error), (field.to_owned(), problem));
    }
}

#[test]
fn a_class_is_required_and_must_be_known_on_a_head_with_classes() {
    let missing = calculate_json(
        &california(),
        Currency::Usd,
        request(
            "california",
            json!([{"head":"mental_health","amount":"10.00"}]),
        ),
    )
    .unwrap_err();
    assert_eq!(
        error_field(&missing),
        ("losses[0].class".to_owned(), InputProblem::Missing)
    );
    let unknown = calculate_json(
        &california(),
        Currency::Usd,
        request(
            "california",
            json!([{"head":"mental_health","amount":"10.00","class":"neighbour"}]),
        ),
    )
    .unwrap_err();
    assert_eq!(unknown.field(), "losses[0].class");
}

#[test]
fn offsets_reduction_and_interim_payment_are_checked_by_field() {
    let losses = json!([{"head":"injury","amount":"3300.00"}]);
    let mut body = request("uk-cica-2012", losses.clone());
    body["offsets"] = json!([{"source":"offender","amount":"1.00","head":"medical"}]);
    assert_eq!(uk_error(body).field(), "offsets[0].head");
    let mut body = request("uk-cica-2012", losses.clone());
    body["offsets"] = json!([{"source":"offender","amount":"1.001"}]);
    assert_eq!(uk_error(body).field(), "offsets[0].amount");
    let mut body = request("uk-cica-2012", losses.clone());
    body["reduction_percent"] = json!("100.5");
    assert_eq!(uk_error(body).field(), "reduction_percent");
    let mut body = request("uk-cica-2012", losses);
    body["interim_paid"] = json!("-1.00");
    assert_eq!(uk_error(body).field(), "interim_paid");
}

#[test]
fn a_weekly_loss_may_be_claimed_only_once() {
    let error = uk_error(request(
        "uk-cica-2012",
        json!([
            {"head":"loss_of_earnings","weeks":30,"weekly_rate":"99.35"},
            {"head":"loss_of_earnings","weeks":40,"weekly_rate":"99.35"},
        ]),
    ));
    assert_eq!(
        error_field(&error),
        (
            "losses[1].head".to_owned(),
            InputProblem::Duplicate {
                first: "losses[0]".to_owned()
            }
        )
    );
}

#[test]
fn years_beyond_the_age_limit_are_refused() {
    let error = uk_error(request(
        "uk-cica-2012",
        json!([{"head":"child_payment","years":"18.5"}]),
    ));
    assert_eq!(error.field(), "losses[0].years");
}

#[test]
fn a_date_before_every_version_has_no_schedule_in_force() {
    let mut body = request("uk-cica-2012", json!([]));
    body["as_of"] = json!("2012-11-26");
    let error = uk_error(body);
    assert_eq!(error.field(), "as_of");
    assert!(matches!(error, AwardError::NoScheduleInForce { .. }));
}

#[test]
fn the_request_must_be_for_the_schedules_jurisdiction() {
    let error = uk_error(request("kosovo", json!([])));
    assert_eq!(error.field(), "jurisdiction");
}

/// A later version raising bereavement to 12,000 applies from its date, not before.
#[test]
fn the_version_in_force_on_as_of_applies_and_is_recorded() {
    let text = include_str!("../../../forms/uk-cica-2012/schedule-2012-11-27.toml");
    let mut later = parse_schedule(text);
    later.version = "uk-cica-2012/2026-01-01".to_owned();
    later.applies_from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    if let Some(head) = later.heads.iter_mut().find(|head| head.id == "bereavement") {
        head.rule = HeadRule::PerPerson {
            sole_amount: Decimal::new(12_000, 0),
            each_amount: Decimal::new(6_000, 0),
        };
    }
    let schedules = vec![later, parse_schedule(text)];
    for (as_of, version, total) in [
        ("2025-12-31", "uk-cica-2012/2012-11-27", "11000.00"),
        ("2026-01-01", "uk-cica-2012/2026-01-01", "12000.00"),
    ] {
        let mut body = request(
            "uk-cica-2012",
            json!([{"head":"bereavement","relatives":1}]),
        );
        body["as_of"] = json!(as_of);
        let calculation = calculate_json(&schedules, Currency::Gbp, body).unwrap();
        assert_eq!(calculation.schedule_version, version);
        assert_eq!(amount(calculation.total), total);
    }
}

#[test]
fn json_numbers_for_amounts_and_unknown_fields_are_refused() {
    let number = json!({"jurisdiction":"uk-cica-2012","as_of":"2025-01-31",
        "losses":[{"head":"injury","amount":3300}]});
    assert!(serde_json::from_value::<AwardRequest>(number).is_err());
    let unknown = json!({"jurisdiction":"uk-cica-2012","as_of":"2025-01-31",
        "losses":[{"head":"injury","amount":"1.00","ammount":"1.00"}]});
    assert!(serde_json::from_value::<AwardRequest>(unknown).is_err());
}

fn schedule_error(edit: impl Fn(&mut Schedule)) -> String {
    let mut schedule = uk().remove(0);
    edit(&mut schedule);
    schedule.validate(Currency::Gbp).unwrap_err().key
}

#[test]
fn schedule_validation_names_the_key() {
    assert_eq!(
        schedule_error(
            |schedule| schedule.heads[4].rule = HeadRule::ClaimedAmount {
                cap: Some(Decimal::new(1000, 0)),
                floor: Some(Decimal::new(2500, 0)),
                classes: vec![],
            }
        ),
        "heads[4].rule.cap"
    );
    assert_eq!(
        schedule_error(
            |schedule| schedule.heads[0].rule = HeadRule::TariffInjuries {
                counted_injuries: 3,
                weights_percent: vec![Decimal::ONE_HUNDRED],
            }
        ),
        "heads[0].rule.weights_percent"
    );
    assert_eq!(
        schedule_error(|schedule| schedule.overall_cap_priority = vec!["medical".to_owned()]),
        "overall_cap_priority[0]"
    );
    assert_eq!(
        schedule_error(|schedule| schedule.provisional = vec!["heads.medical.rule.cap".to_owned()]),
        "provisional[0]"
    );
    assert_eq!(
        schedule_error(|schedule| schedule.maximum_total = Decimal::new(500, 0)),
        "maximum_total"
    );
    assert_eq!(
        schedule_error(|schedule| schedule.minimum_total = Decimal::new(10_005, 3)),
        "minimum_total"
    );
    assert_eq!(
        schedule_error(|schedule| schedule.heads[1].id = schedule.heads[0].id.clone()),
        "heads[1].id"
    );
}

#[test]
fn schedule_files_refuse_unknown_keys_and_numbers_for_amounts() {
    let text = include_str!("../../../forms/uk-cica-2012/schedule-2012-11-27.toml");
    let unknown = text.replace("unpaid_weeks = 28", "unpaid_weeks = 28\nunpiad = 1");
    assert!(toml::from_str::<Schedule>(&unknown).is_err());
    let number = text.replace("cap = \"5000.00\"", "cap = 5000.0");
    assert!(toml::from_str::<Schedule>(&number).is_err());
}

#[test]
fn rounding_modes_differ_only_at_half_a_minor_unit() {
    let half = Decimal::new(1_005, 3);
    assert_eq!(
        Rounding::HalfUp.apply(half, Currency::Eur).to_string(),
        "1.01"
    );
    assert_eq!(
        Rounding::HalfEven.apply(half, Currency::Eur).to_string(),
        "1.00"
    );
    assert_eq!(
        Rounding::Down
            .apply(Decimal::new(1_009, 3), Currency::Eur)
            .to_string(),
        "1.00"
    );
}

#[test]
fn jurisdiction_ids_in_schedules_are_checked() {
    assert_eq!(
        uk()[0].jurisdiction,
        JurisdictionId::parse("uk-cica-2012").unwrap()
    );
}

#[test]
fn a_reduction_rounds_the_payment_half_up_not_the_amount_taken() {
    // 1,000.01 under California at 50%: 500.005 is paid as 500.01, so 500.00 is taken away.
    let mut body = request(
        "california",
        json!([{"head": "medical", "amount": "1000.01"}]),
    );
    body["reduction_percent"] = json!("50");
    let calculation = calculate_json(&california(), Currency::Usd, body).unwrap();
    assert_eq!(
        (amount(calculation.reduction), amount(calculation.total)),
        ("500.00".into(), "500.01".into())
    );
}

#[test]
fn interim_payments_beyond_the_award_are_shown_not_lost() {
    // An award of 1,500.00 after interim payments of 2,500.00: nothing left to pay, 1,000.00 over.
    let mut body = request(
        "california",
        json!([{"head": "medical", "amount": "1500.00"}]),
    );
    body["interim_paid"] = json!("2500.00");
    let calculation = calculate_json(&california(), Currency::Usd, body).unwrap();
    assert_eq!(amount(calculation.interim_deducted), "1500.00");
    assert_eq!(amount(calculation.interim_excess), "1000.00");
    assert_eq!(amount(calculation.total), "0.00");
}

#[test]
fn california_the_victims_mental_health_amounts_share_one_cap() {
    // Two entries for the victim at 6,000.00 each: 12,000.00 claimed, one cap of 10,000.00.
    // Two close family members at 6,000.00 each: a cap of 10,000.00 each, so both are paid.
    let victim = json!({"head": "mental_health", "class": "victim", "amount": "6000.00"});
    let family = json!({"head": "mental_health", "class": "derivative_close", "amount": "6000.00"});
    let calculation = california_calculation(json!([victim, victim, family, family]));
    let gross = amount(calculation.gross);
    assert_eq!(gross, "22000.00");
    assert_eq!(calculation.lines.len(), 3);
}

#[test]
fn california_insurance_comes_off_the_loss_before_the_cap() {
    // Medical 60,000 less 20,000 insurance = 40,000, plus income loss 50 weeks at 600 = 30,000:
    // 70,000, exactly the cap. Capping first (90,000 to 70,000) and then deducting would pay 50,000.
    let mut body = request(
        "california",
        json!([{"head": "medical", "amount": "60000.00"}, {"head": "income_loss", "weeks": 50, "weekly_rate": "600.00"}]),
    );
    body["offsets"] = json!([{"source": "insurance", "amount": "20000.00", "head": "medical"}]);
    let calculation = calculate_json(&california(), Currency::Usd, body).unwrap();
    assert_eq!(amount(calculation.offsets), "20000.00");
    assert_eq!(amount(calculation.total), "70000.00");
}

#[test]
fn kosovo_the_award_range_applies_after_the_offenders_payment() {
    // 8,500 claimed less 2,000 paid by the offender = 6,500, within the 1,500 to 7,000 range.
    let mut within = request(
        "kosovo",
        json!([{"head": "medical_costs", "amount": "4500.00"}, {"head": "mental_harm", "amount": "4000.00"}]),
    );
    within["offsets"] = json!([{"source": "offender", "amount": "2000.00"}]);
    let calculation = calculate_json(&kosovo(), Currency::Eur, within).unwrap();
    assert_eq!(amount(calculation.total), "6500.00");
    // 800 less 300 = 500, raised to the minimum award of 1,500 (a provisional reading).
    let mut small = request(
        "kosovo",
        json!([{"head": "medical_costs", "amount": "800.00"}]),
    );
    small["offsets"] = json!([{"source": "offender", "amount": "300.00"}]);
    let calculation = calculate_json(&kosovo(), Currency::Eur, small).unwrap();
    assert_eq!(amount(calculation.total), "1500.00");
}

#[test]
fn california_pays_trafficking_victims_income_loss_for_two_years() {
    // 300 weeks at 200.00: 260 weeks (52,000.00) in general, 104 weeks (20,800.00) for trafficking.
    let losses = json!([{"head": "income_loss", "weeks": 300, "weekly_rate": "200.00"}]);
    let general = calculate_json(
        &california(),
        Currency::Usd,
        request("california", losses.clone()),
    )
    .unwrap();
    assert_eq!(amount(general.total), "52000.00");
    let mut trafficking = request("california", losses);
    trafficking["offence_type"] = json!("trafficking_in_human_beings");
    let calculation = calculate_json(&california(), Currency::Usd, trafficking).unwrap();
    assert_eq!(amount(calculation.total), "20800.00");
    assert!(
        calculation.lines[0]
            .explanation
            .phrases()
            .contains(&Phrase::MaximumWeeks { weeks: 104 }),
        "{:?}",
        calculation.lines[0].explanation
    );
}
