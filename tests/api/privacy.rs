//! Protected identities: shown only to those who need them, and every showing is logged.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, draft_body, on_both_databases, problem};

on_both_databases!(a_protected_identity_is_masked_for_others_and_every_read_is_logged);

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
            "victim_address"
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
