//! Anonymised statistics: published and suppressed cells, who may read them, how a bad request
//! is refused, and the command line's CSV.

use redress::domain::Role;
use redress::service::Clock as _;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, draft_body, on_both_databases, problem};
use crate::payments::claim_in_payment;

on_both_databases!(
    a_large_group_is_published_and_small_ones_are_suppressed_with_their_complement,
    the_command_line_prints_the_same_report_as_csv,
    only_the_secretariat_the_chair_and_auditors_read_statistics,
    an_unknown_dimension_or_a_reversed_period_is_refused_by_name,
    a_drafts_victim_gender_is_optional_and_may_be_changed,
    finance_records_a_recovery_that_statistics_count_and_the_audit_trail_names_without_its_note,
);

const NOVEMBER: &str = "from=2026-11-01&to=2026-11-30";

/// Lodges (creates and submits) `count` claims of an offence and a victim's gender.
async fn lodge(app: &TestApp, secretariat: &User, count: usize, offence: &str, gender: &str) {
    for _ in 0..count {
        let mut body = draft_body();
        body["offence_type"] = json!(offence);
        body["victim_gender"] = json!(gender);
        let response = app.create_claim(secretariat, body).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let claim = response.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap();
        app.act_ok(secretariat, claim, "submit", None).await;
    }
}

/// Six domestic violence claims (women), five of sexual violence (men) and two of other violent
/// crime (other), all lodged on the test's first day.
pub(crate) async fn thirteen_claims(app: &TestApp) -> User {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    lodge(app, &secretariat, 6, "domestic_violence", "female").await;
    lodge(app, &secretariat, 5, "sexual_violence", "male").await;
    lodge(app, &secretariat, 2, "other_violent_crime", "other").await;
    secretariat
}

async fn a_large_group_is_published_and_small_ones_are_suppressed_with_their_complement(
    app: TestApp,
) {
    let secretariat = thirteen_claims(&app).await;
    let report = app
        .get_json(
            &secretariat,
            &format!("/api/v1/reports/statistics?{NOVEMBER}&group_by=offence_type"),
        )
        .await;
    assert_eq!(report["threshold"], 5);
    let cells = report["cells"].as_array().unwrap();
    let published: Vec<(&str, bool, &Value)> = cells
        .iter()
        .map(|cell| {
            (
                cell["values"]["offence_type"].as_str().unwrap(),
                cell["suppressed"].as_bool().unwrap(),
                &cell["lodged"],
            )
        })
        .collect();
    // Two claims are too few to show; five would be, but the total less six gives them away.
    assert_eq!(
        published,
        vec![
            ("domestic_violence", false, &json!(6)),
            ("other_violent_crime", true, &Value::Null),
            ("sexual_violence", true, &Value::Null),
        ]
    );
    assert_eq!(cells[1]["amounts"], Value::Null);
    assert_eq!(cells[0]["decided"], 0);
    assert_eq!(report["total"]["lodged"], 13);
    assert_eq!(report["total"]["suppressed"], false);
    let by_gender = app
        .get_json(
            &secretariat,
            &format!("/api/v1/reports/statistics?{NOVEMBER}&group_by=gender"),
        )
        .await;
    assert_eq!(by_gender["cells"][0]["values"]["gender"], "female");
    assert_eq!(by_gender["cells"][0]["lodged"], 6);
    let report_text = by_gender.to_string();
    assert!(!report_text.contains("Synthetic"), "no names in statistics");
    let october = app
        .get_json(
            &secretariat,
            "/api/v1/reports/statistics?from=2026-10-01&to=2026-10-31",
        )
        .await;
    assert_eq!(october["cells"], json!([]));
    assert_eq!(october["total"]["suppressed"], true);
    assert_eq!(october["total"]["lodged"], Value::Null);
}

/// `redress report statistics` for November as CSV, grouped by `group_by`.
fn november_statistics(app: &TestApp, group_by: &str) -> std::process::Output {
    app.redress(&[
        "report",
        "statistics",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--group-by",
        group_by,
        "--format",
        "csv",
    ])
}

async fn the_command_line_prints_the_same_report_as_csv(app: TestApp) {
    thirteen_claims(&app).await;
    let output = november_statistics(&app, "offence_type");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv = String::from_utf8(output.stdout).unwrap();
    let suppressed = ["suppressed"; 12].join(",");
    let expected = [
        "offence_type,lodged,decided,awarded,rejected,inadmissible,awarded_EUR,paid_EUR,\
         recovered_EUR,lodging_to_decision_median_days,lodging_to_decision_percentile_90_days,\
         decision_to_payment_median_days,decision_to_payment_percentile_90_days"
            .to_owned(),
        "domestic_violence,6,0,0,0,0,0.00,0.00,0.00,,,,".to_owned(),
        format!("other_violent_crime,{suppressed}"),
        format!("sexual_violence,{suppressed}"),
        "total,13,0,0,0,0,0.00,0.00,0.00,,,,".to_owned(),
    ];
    assert_eq!(csv.lines().collect::<Vec<_>>(), expected);
    let refused = november_statistics(&app, "victim_name");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("victim_name"));
}

async fn only_the_secretariat_the_chair_and_auditors_read_statistics(app: TestApp) {
    let path = format!("/api/v1/reports/statistics?{NOVEMBER}");
    for role in [Role::Secretariat, Role::Chair, Role::Auditor] {
        let reader = app.user(role.as_str(), &[role]).await;
        assert_eq!(app.get(&reader, &path).await.status(), StatusCode::OK);
    }
    for role in [
        Role::Lawyer,
        Role::Commissioner,
        Role::FinanceOfficer,
        Role::Admin,
    ] {
        let other = app.user(role.as_str(), &[role]).await;
        problem(app.get(&other, &path).await, StatusCode::FORBIDDEN).await;
    }
}

async fn an_unknown_dimension_or_a_reversed_period_is_refused_by_name(app: TestApp) {
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let unknown = problem(
        app.get(
            &auditor,
            &format!("/api/v1/reports/statistics?{NOVEMBER}&group_by=offence_type,victim_name"),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(unknown["errors"][0]["field"], "group_by");
    assert!(
        unknown["errors"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("victim_name")
    );
    let reversed = problem(
        app.get(
            &auditor,
            "/api/v1/reports/statistics?from=2026-11-30&to=2026-11-01",
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(reversed["errors"][0]["field"], "to");
}

async fn finance_records_a_recovery_that_statistics_count_and_the_audit_trail_names_without_its_note(
    app: TestApp,
) {
    let (finance, claim) = claim_in_payment(&app).await;
    let path = format!("/api/v1/claims/{claim}/recoveries");
    let today = (app.clock.now().date_naive()).to_string();
    let recovery = |amount: &str, currency: &str, received_on: &str| {
        json!({"amount": amount, "currency": currency, "received_on": received_on,
            "note": "Instalment from the offender's wages"})
    };
    let recorded = app
        .post(
            &finance.officer,
            &path,
            Some(recovery("120.50", "EUR", &today)),
        )
        .await;
    assert_eq!(recorded.status(), StatusCode::OK);
    let tomorrow = (app.clock.now().date_naive() + chrono::Days::new(1)).to_string();
    for (body, field) in [
        (recovery("1.00", "EUR", &tomorrow), "received_on"),
        (recovery("1.00", "GBP", &today), "currency"),
        (recovery("0", "EUR", &today), "amount"),
    ] {
        let refused = problem(
            app.post(&finance.officer, &path, Some(body)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused["errors"][0]["field"], field);
    }
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let not_finance = app
        .post(&auditor, &path, Some(recovery("1.00", "EUR", &today)))
        .await;
    problem(not_finance, StatusCode::FORBIDDEN).await;
    let events = app
        .get_json(&auditor, &format!("/api/v1/claims/{claim}/events"))
        .await;
    let last = events.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "record_recovery");
    assert!(
        !last.to_string().contains("wages"),
        "the note stays out of the trail"
    );
    let period = ("2026-01-01".parse().unwrap(), "2027-12-31".parse().unwrap());
    let rows = redress::store::statistics::lodged_between(app.services.database(), period)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].recovered_minor, 12_050);
    assert_eq!(rows[0].awarded_minor, 424_500);
    let report = app
        .get_json(
            &auditor,
            "/api/v1/reports/statistics?from=2026-01-01&to=2027-12-31&group_by=outcome",
        )
        .await;
    assert_eq!(report["cells"][0]["values"]["outcome"], "award");
    assert_eq!(
        report["cells"][0]["suppressed"], true,
        "one claim is too few to show"
    );
}

async fn a_drafts_victim_gender_is_optional_and_may_be_changed(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = app.draft(&secretariat).await;
    let path = format!("/api/v1/claims/{claim}");
    assert_eq!(
        app.get_json(&secretariat, &path).await["victim_gender"],
        Value::Null
    );
    let patched = app
        .patch(&secretariat, &path, json!({"victim_gender": "other"}))
        .await;
    assert_eq!(patched.status(), StatusCode::OK);
    assert_eq!(
        app.get_json(&secretariat, &path).await["victim_gender"],
        "other"
    );
    let unknown = app
        .patch(&secretariat, &path, json!({"victim_gender": "unknown"}))
        .await;
    assert!(unknown.status().is_client_error());
}
