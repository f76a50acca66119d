//! Editing drafts: only drafts, only the filers, conditional on the version, audited by field name.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, on_both_databases, problem};

on_both_databases!(
    a_lawyer_edits_a_draft_and_the_trail_names_the_fields_not_their_values,
    a_stale_edit_is_refused_with_412,
    a_lodged_claim_can_no_longer_be_edited,
);

async fn patch(
    app: &TestApp,
    token: &str,
    claim: i64,
    if_match: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut request = app
        .client
        .patch(app.url(&format!("/api/v1/claims/{claim}")))
        .bearer_auth(token)
        .json(&body);
    if let Some(version) = if_match {
        request = request.header("If-Match", version);
    }
    request.send().await.unwrap()
}

async fn a_lawyer_edits_a_draft_and_the_trail_names_the_fields_not_their_values(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let body = json!({"victim_address": "2 Other Street, Pejë", "crime_date": "2026-11-01"});
    let response = patch(&app, &lawyer.token, claim, Some("\"1\""), body).await;
    assert_eq!(response.status(), StatusCode::OK);
    let edited: Value = response.json().await.unwrap();
    assert_eq!(edited["victim_address"], "2 Other Street, Pejë");
    assert_eq!(edited["deadlines"]["filing"], "2027-05-01");
    let events: Value = app
        .get(&lawyer, &format!("/api/v1/claims/{claim}/events"))
        .await
        .json()
        .await
        .unwrap();
    let last = events.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "edit_draft");
    assert_eq!(
        last["payload"]["fields"],
        json!(["crime_date", "victim_address"])
    );
    assert!(!last.to_string().contains("Other Street"));
    let unchanged = patch(&app, &lawyer.token, claim, None, json!({"language": "sq"})).await;
    assert_eq!(
        unchanged.json::<Value>().await.unwrap()["version"],
        2,
        "an edit that changes nothing records nothing"
    );
}

async fn a_stale_edit_is_refused_with_412(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let response = patch(
        &app,
        &lawyer.token,
        claim,
        Some("\"9\""),
        json!({"victim_name": "Synthetic Other"}),
    )
    .await;
    assert_eq!(
        problem(response, StatusCode::PRECONDITION_FAILED).await["code"],
        "stale_version"
    );
}

async fn a_lodged_claim_can_no_longer_be_edited(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = app.draft(&secretariat).await;
    app.act_ok(&secretariat, claim, "submit", None).await;
    let response = patch(
        &app,
        &secretariat.token,
        claim,
        None,
        json!({"victim_name": "Synthetic Other"}),
    )
    .await;
    assert_eq!(
        problem(response, StatusCode::CONFLICT).await["code"],
        "operation_not_allowed"
    );
}
