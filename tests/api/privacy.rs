//! Protected identities: shown only to those who need them, and every showing is logged.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, draft_body, on_both_databases, pdf, problem};

on_both_databases!(
    a_protected_identity_is_masked_for_others_and_every_read_is_logged,
    trafficking_victims_and_minors_are_protected_unless_the_filer_says_otherwise,
    every_download_of_a_protected_claims_document_is_logged,
);

async fn a_protected_identity_is_masked_for_others_and_every_read_is_logged(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let mut body = draft_body();
    body["protected_identity"] = json!(true);
    body["offence_type"] = json!("trafficking_in_human_beings");
    let created: Value = app.create_claim(&lawyer, body).await.json().await.unwrap();
    let claim = created["id"].as_i64().unwrap();
    assert_eq!(
        created["victim_name"], "Synthetic Applicant",
        "the representing lawyer sees the name"
    );
    let masked: Value = app
        .get(&auditor, &format!("/api/v1/claims/{claim}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            masked["victim_name"].as_str(),
            masked["identity_masked"].as_bool()
        ),
        (Some("S. A."), Some(true))
    );
    assert_eq!(masked["victim_address"], Value::Null);
    let log: Value = app
        .get(&auditor, &format!("/api/v1/claims/{claim}/access-log"))
        .await
        .json()
        .await
        .unwrap();
    let readers: Vec<i64> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["user_id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        readers,
        vec![lawyer.id],
        "the auditor's masked read shows nothing and logs nothing"
    );
    assert_eq!(
        log[0]["fields"],
        json!([
            "applicant_name",
            "victim_name",
            "victim_birth_date",
            "victim_address",
            "victim_gender",
            "bank_account",
            "claimed_loss_details"
        ])
    );
    let refused = app
        .get(&lawyer, &format!("/api/v1/claims/{claim}/access-log"))
        .await;
    assert_eq!(
        problem(refused, StatusCode::FORBIDDEN).await["code"],
        "forbidden"
    );
}

async fn every_download_of_a_protected_claims_document_is_logged(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let mut body = draft_body();
    body["offence_type"] = json!("trafficking_in_human_beings");
    let created: Value = app.create_claim(&lawyer, body).await.json().await.unwrap();
    let claim = created["id"].as_i64().unwrap();
    let uploaded = app
        .upload(
            &lawyer,
            claim,
            "power_of_attorney",
            "poa.pdf",
            pdf("protected"),
        )
        .await;
    let document = uploaded.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let download = app
        .get(&auditor, &format!("/api/v1/documents/{document}/content"))
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    let log = app
        .get_json(&auditor, &format!("/api/v1/claims/{claim}/access-log"))
        .await;
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["user_id"], auditor.id);
    assert_eq!(last["fields"], json!([format!("document:{document}")]));
}

async fn trafficking_victims_and_minors_are_protected_unless_the_filer_says_otherwise(
    app: TestApp,
) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let protection = |body: Value| {
        let app = &app;
        let lawyer = &lawyer;
        async move {
            let created: Value = app.create_claim(lawyer, body).await.json().await.unwrap();
            created["protected_identity"].as_bool().unwrap()
        }
    };
    assert!(
        !protection(draft_body()).await,
        "an adult victim of violence"
    );
    let mut trafficked = draft_body();
    trafficked["offence_type"] = json!("trafficking_in_human_beings");
    assert!(protection(trafficked.clone()).await);
    let mut minor = draft_body();
    minor["victim_birth_date"] = json!("2015-02-01");
    assert!(protection(minor).await);
    trafficked["protected_identity"] = json!(false);
    assert!(!protection(trafficked).await, "the filer's choice stands");
}
