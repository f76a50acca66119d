//! Award previews over HTTP and on the command line take the same JSON and agree.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, forms_dir, on_both_databases, problem, redress_with_input};

on_both_databases!(
    the_preview_explains_a_uk_award_line_by_line,
    a_preview_names_the_field_it_refuses,
);

/// The example of the awards issue, worked by hand: injury 3,300; loss of earnings 30 weeks at
/// 99.35 with 28 unpaid = 198.70; funeral 6,200 capped at 5,000; bereavement 2 × 5,500 = 11,000;
/// child payment 2.5 × 2,000 = 5,000; gross 24,498.70, less 1,000 insurance = 23,498.70.
fn uk_example() -> Value {
    json!({
        "jurisdiction": "uk-cica-2012", "as_of": "2025-01-31",
        "losses": [
            {"head": "injury", "amount": "3300.00"},
            {"head": "loss_of_earnings", "weeks": 30, "weekly_rate": "99.35"},
            {"head": "bereavement", "relatives": 2},
            {"head": "child_payment", "years": "2.5"},
            {"head": "funeral", "amount": "6200.00"}
        ],
        "offsets": [{"source": "insurance", "amount": "1000.00", "head": "funeral"}],
        "reduction_percent": "0", "interim_paid": "0.00"
    })
}

async fn the_preview_explains_a_uk_award_line_by_line(app: TestApp) {
    let user = app.user("secretariat", &[Role::Secretariat]).await;
    let response = app
        .post(&user, "/api/v1/awards/preview", Some(uk_example()))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let calculation: Value = response.json().await.unwrap();
    assert_eq!(calculation["gross"], "24498.70");
    assert_eq!(calculation["total"], "23498.70");
    assert_eq!(calculation["schedule_version"], "uk-cica-2012/2012-11-27");
    assert_eq!(calculation["lines"].as_array().unwrap().len(), 5);
    let cli = calculate_on_the_command_line(&uk_example().to_string());
    assert!(cli.status.success());
    let printed: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(printed["total"], calculation["total"]);
    assert_eq!(
        printed["lines"][1]["explanation"],
        calculation["lines"][1]["explanation"]
    );
}

async fn a_preview_names_the_field_it_refuses(app: TestApp) {
    let user = app.user("secretariat", &[Role::Secretariat]).await;
    let mut foreign_head = uk_example();
    foreign_head["losses"][1] = json!({"head": "medical", "amount": "10.00"});
    let error = problem(
        app.post(&user, "/api/v1/awards/preview", Some(foreign_head.clone()))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "losses[1].head");
    let mut float = uk_example();
    float["losses"][0]["amount"] = json!(3300.0);
    let error = problem(
        app.post(&user, "/api/v1/awards/preview", Some(float)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "losses[0].amount");
    let cli = calculate_on_the_command_line(&foreign_head.to_string());
    assert_eq!(cli.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&cli.stderr).contains("losses[1].head"));
}

fn calculate_on_the_command_line(input: &str) -> std::process::Output {
    redress_with_input(
        &["award", "calculate", "--jurisdiction", "uk-cica-2012"],
        &[],
        input,
    )
}

#[test]
fn the_deadline_command_names_the_rule_that_applies() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_redress"))
        .args([
            "award",
            "deadline",
            "--jurisdiction",
            "uk-cica-2012",
            "--crime-date",
            "2020-03-01",
            "--birth-date",
            "2008-06-15",
        ])
        .env("REDRESS_FORMS_DIR", forms_dir())
        .output()
        .unwrap();
    assert!(output.status.success());
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        printed,
        json!({"last_filing_day": "2028-06-14", "rule": "a victim who was a minor: until the day before turning 20"})
    );
}

#[test]
fn the_deadline_command_refuses_dates_that_cannot_be() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_redress"))
        .args([
            "award",
            "deadline",
            "--jurisdiction",
            "kosovo",
            "--crime-date",
            "2026-01-01",
            "--birth-date",
            "2026-02-01",
        ])
        .env("REDRESS_FORMS_DIR", forms_dir())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("--birth-date: must be on or before the crime date")
    );
}
