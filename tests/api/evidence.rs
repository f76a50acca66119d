//! Evidence requests: the secretariat asks for documents by a date, the lawyer's uploads answer
//! the items, and everyone who may see the claim can tell what is still outstanding.

use redress::domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, on_both_databases, problem};

on_both_databases!(
    a_request_for_evidence_is_answered_item_by_item,
    an_upload_must_answer_an_item_of_its_own_kind_and_claim,
    only_the_secretariat_requests_evidence_and_only_when_the_state_allows,
);

async fn submitted_claim(app: &TestApp, lawyer: &User) -> i64 {
    let claim = app.draft(lawyer).await;
    app.file_power_of_attorney(lawyer, claim).await;
    app.act_ok(lawyer, claim, "submit", None).await;
    claim
}

async fn request(app: &TestApp, secretariat: &User, claim: i64, body: Value) -> reqwest::Response {
    let path = format!("/api/v1/claims/{claim}/evidence-requests");
    app.post(secretariat, &path, Some(body)).await
}

async fn answer(
    app: &TestApp,
    lawyer: &User,
    claim: i64,
    (kind, item): (&str, i64),
    marker: &str,
) -> reqwest::Response {
    let pdf = format!("%PDF-1.7\n% synthetic {marker}\n%%EOF\n").into_bytes();
    let form = Form::new()
        .text("kind", kind.to_owned())
        .text("request_item", item.to_string())
        .part("file", Part::bytes(pdf).file_name("scan.pdf"));
    app.client
        .post(app.url(&format!("/api/v1/claims/{claim}/documents")))
        .bearer_auth(&lawyer.token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn a_request_for_evidence_is_answered_item_by_item(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = submitted_claim(&app, &lawyer).await;
    let body = json!({"items": ["medical_report", "police_report"], "due_on": "2026-12-20"});
    let response = request(&app, &secretariat, claim, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["due_on"], "2026-12-20");
    let kinds: Vec<&str> = created["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["police_report", "medical_report"],
        "in the kinds' order"
    );
    assert_eq!(created["items"][1]["document_ids"], json!([]));
    let claim_now: Value = app
        .get(&lawyer, &format!("/api/v1/claims/{claim}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(claim_now["state"], "awaiting_evidence");
    assert_eq!(claim_now["deadlines"]["evidence_due"], "2026-12-20");
    let item = created["items"][1]["id"].as_i64().unwrap();
    let uploaded = answer(&app, &lawyer, claim, ("medical_report", item), "report").await;
    assert_eq!(uploaded.status(), StatusCode::CREATED);
    let document: Value = uploaded.json().await.unwrap();
    assert_eq!(document["request_item"], item);
    let path = format!("/api/v1/claims/{claim}/evidence-requests");
    let listed: Value = app.get(&lawyer, &path).await.json().await.unwrap();
    assert_eq!(listed[0]["items"][0]["document_ids"], json!([]));
    assert_eq!(
        listed[0]["items"][1]["document_ids"],
        json!([document["id"]])
    );
}

async fn an_upload_must_answer_an_item_of_its_own_kind_and_claim(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = submitted_claim(&app, &lawyer).await;
    let other = submitted_claim(&app, &lawyer).await;
    let created: Value = request(
        &app,
        &secretariat,
        claim,
        json!({"items": ["medical_report"]}),
    )
    .await
    .json()
    .await
    .unwrap();
    let item = created["items"][0]["id"].as_i64().unwrap();
    let wrong_kind = answer(&app, &lawyer, claim, ("police_report", item), "one").await;
    let error = problem(wrong_kind, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "kind");
    let wrong_claim = answer(&app, &lawyer, other, ("medical_report", item), "two").await;
    let error = problem(wrong_claim, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "request_item");
}

async fn only_the_secretariat_requests_evidence_and_only_when_the_state_allows(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = submitted_claim(&app, &lawyer).await;
    let body = json!({"items": ["medical_report"]});
    let by_lawyer = request(&app, &lawyer, claim, body.clone()).await;
    assert_eq!(by_lawyer.status(), StatusCode::FORBIDDEN);
    let past = json!({"items": ["medical_report"], "due_on": "2020-01-01"});
    let error = problem(
        request(&app, &secretariat, claim, past).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "due_on");
    let empty = request(&app, &secretariat, claim, json!({"items": []})).await;
    let error = problem(empty, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "items");
    assert_eq!(
        request(&app, &secretariat, claim, body.clone())
            .await
            .status(),
        StatusCode::CREATED
    );
    let again = request(&app, &secretariat, claim, body).await;
    assert_eq!(
        problem(again, StatusCode::CONFLICT).await["code"],
        "illegal_action"
    );
}
