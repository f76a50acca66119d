//! Careless clients: every mistake answers with problem+json naming the field and the reason.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, draft_body, on_both_databases, problem};

on_both_databases!(
    a_missing_field_is_named,
    a_number_where_a_string_belongs_is_refused,
    an_amount_sent_as_a_json_number_is_refused,
    a_field_the_action_does_not_use_is_refused,
    a_role_without_the_permission_is_forbidden,
    control_and_text_direction_characters_are_refused,
    if_match_star_matches_any_version,
    malformed_json_is_a_bad_request,
    an_oversized_body_is_refused,
);

async fn secretariat(app: &TestApp) -> crate::helpers::User {
    app.user("secretariat", &[Role::Secretariat]).await
}

async fn a_missing_field_is_named(app: TestApp) {
    let user = secretariat(&app).await;
    let mut body = draft_body();
    body.as_object_mut().unwrap().remove("offence_type");
    let error = problem(
        app.create_claim(&user, body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "offence_type");
    assert_eq!(error["errors"][0]["reason"], "missing field `offence_type`");
}

async fn a_number_where_a_string_belongs_is_refused(app: TestApp) {
    let user = secretariat(&app).await;
    let mut body = draft_body();
    body["applicant_name"] = json!(42);
    let error = problem(
        app.create_claim(&user, body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "applicant_name");
}

async fn an_amount_sent_as_a_json_number_is_refused(app: TestApp) {
    let user = secretariat(&app).await;
    let claim = app.draft(&user).await;
    app.act_ok(&user, claim, "submit", None).await;
    app.act_ok(&user, claim, "accept_for_assessment", None)
        .await;
    for amount in [json!(1e3), json!(1000.5), json!("1e3"), json!("12.345")] {
        let body = json!({"losses": [{"head": "medical_costs", "amount": amount}]});
        let path = format!("/api/v1/claims/{claim}/assessment");
        let response = app
            .client
            .put(app.url(&path))
            .bearer_auth(&user.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let error = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(
            error["errors"][0]["field"], "losses[0].amount",
            "{amount}: {error}"
        );
    }
}

async fn a_field_the_action_does_not_use_is_refused(app: TestApp) {
    let user = secretariat(&app).await;
    let claim = app.draft(&user).await;
    let body = json!({"reason": "applicant asked", "varied_award": "5.00"});
    let error = problem(
        app.act(&user, claim, "withdraw", Some(body)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        error["errors"],
        json!([{"field": "varied_award", "reason": "is not used by withdraw"}])
    );
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut other = draft_body();
    other["representative_id"] = json!(user.id);
    let error = problem(
        app.create_claim(&lawyer, other).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "representative_id");
}

async fn a_role_without_the_permission_is_forbidden(app: TestApp) {
    let user = secretariat(&app).await;
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let commissioner = app.user("commissioner", &[Role::Commissioner]).await;
    let claim = app.draft(&user).await;
    let error = problem(
        app.act(&auditor, claim, "submit", None).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(error["code"], "action_not_permitted");
    assert_eq!(error["allowed_actions"], json!([]));
    // A draft has not been put before the commission: to a commissioner it does not exist.
    let hidden = problem(
        app.act(&commissioner, claim, "submit", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(hidden["code"], "not_found");
}

async fn control_and_text_direction_characters_are_refused(app: TestApp) {
    let user = secretariat(&app).await;
    for name in ["A\u{0}B", "A\u{202e}B"] {
        let mut body = draft_body();
        body["victim_name"] = json!(name);
        let error = problem(
            app.create_claim(&user, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(error["errors"][0]["field"], "victim_name");
    }
    let mut cyrillic = draft_body();
    cyrillic["victim_name"] = json!("Ђорђе Петровић");
    cyrillic["applicant_name"] = json!("Besë Krasniqi");
    assert_eq!(
        app.create_claim(&user, cyrillic).await.status(),
        StatusCode::CREATED
    );
}

async fn if_match_star_matches_any_version(app: TestApp) {
    let user = secretariat(&app).await;
    let claim = app.draft(&user).await;
    let url = app.url(&format!("/api/v1/claims/{claim}/actions/submit"));
    let response = app
        .client
        .post(url)
        .bearer_auth(&user.token)
        .header("If-Match", "*")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

async fn malformed_json_is_a_bad_request(app: TestApp) {
    let user = secretariat(&app).await;
    let response = app
        .client
        .post(app.url("/api/v1/claims"))
        .bearer_auth(&user.token)
        .header("content-type", "application/json")
        .body("{\"jurisdiction\": ")
        .send()
        .await
        .unwrap();
    let error = problem(response, StatusCode::BAD_REQUEST).await;
    assert!(
        error["detail"]
            .as_str()
            .unwrap()
            .starts_with("the body is not valid JSON"),
        "{error}"
    );
}

async fn an_oversized_body_is_refused(app: TestApp) {
    let user = secretariat(&app).await;
    let mut body = draft_body();
    body["victim_address"] = Value::String("x".repeat(300 * 1024));
    let response = app.create_claim(&user, body).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}
