//! What an application asks for: the losses claimed, the account to pay into and the consent,
//! stored exactly, needed to submit where the rules say, and shown only with the identity.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, draft_body, on_both_databases, problem};

on_both_databases!(
    losses_and_an_account_are_stored_exactly_and_the_account_can_be_removed,
    a_draft_without_losses_or_consent_is_not_submitted_and_both_are_named,
    bad_losses_and_accounts_are_named_by_field_and_nothing_is_stored,
    a_masked_reader_sees_the_losses_but_not_their_details_or_the_account,
);

fn account() -> Value {
    json!({"holder": "Synthetic Applicant", "iban": "xk05 1212 0123 4567 8906"})
}

async fn losses_and_an_account_are_stored_exactly_and_the_account_can_be_removed(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut body = draft_body();
    body["bank_account"] = account();
    let created: Value = app.create_claim(&lawyer, body).await.json().await.unwrap();
    let path = format!("/api/v1/claims/{}", created["id"]);
    assert_eq!(
        created["bank_account"],
        json!({"holder": "Synthetic Applicant", "iban": "XK051212012345678906"}),
        "the IBAN is kept in its electronic format"
    );
    let losses = json!([
        {"head": "medical_costs", "amount": "1234.56", "details": "Synthetic Clinic"},
        {"head": "physical_injury"}
    ]);
    let edited = app
        .patch(&lawyer, &path, json!({"claimed_losses": losses}))
        .await;
    assert_eq!(edited.status(), StatusCode::OK);
    let claim = app.get_json(&lawyer, &path).await;
    assert_eq!(
        claim["claimed_losses"],
        json!([
            {"head": "medical_costs", "amount": {"amount": "1234.56", "currency": "EUR"}, "details": "Synthetic Clinic"},
            {"head": "physical_injury", "amount": null, "details": null}
        ])
    );
    let removed = app
        .patch(&lawyer, &path, json!({"bank_account": null}))
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    let claim = app.get_json(&lawyer, &path).await;
    assert_eq!(claim["bank_account"], Value::Null);
    assert_eq!(claim["consent_given"], true);
    let events = app.get_json(&lawyer, &format!("{path}/events")).await;
    let trail = events.to_string();
    assert!(
        !trail.contains("XK05") && !trail.contains("Synthetic Clinic"),
        "the trail names the fields, never the account or the details"
    );
}

async fn a_draft_without_losses_or_consent_is_not_submitted_and_both_are_named(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut body = draft_body();
    body.as_object_mut().unwrap().remove("claimed_losses");
    body.as_object_mut().unwrap().remove("consent_given");
    let created: Value = app.create_claim(&lawyer, body).await.json().await.unwrap();
    let claim = created["id"].as_i64().unwrap();
    assert_eq!(created["consent_given"], false);
    app.file_power_of_attorney(&lawyer, claim).await;
    let refused = app.act(&lawyer, claim, "submit", None).await;
    let problem = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["code"], "required_fields_missing");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["claimed_losses", "consent_given"]);
    let path = format!("/api/v1/claims/{claim}");
    let completed = json!({"claimed_losses": [{"head": "mental_harm"}], "consent_given": true});
    assert_eq!(
        app.patch(&lawyer, &path, completed).await.status(),
        StatusCode::OK
    );
    app.act_ok(&lawyer, claim, "submit", None).await;
}

async fn bad_losses_and_accounts_are_named_by_field_and_nothing_is_stored(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let path = format!("/api/v1/claims/{claim}");
    let before = app.get_json(&lawyer, &path).await;
    let cases = [
        (
            json!({"claimed_losses": [{"head": "medical_costs"}, {"head": "pain_and_suffering"}]}),
            "claimed_losses[1].head",
        ),
        (
            json!({"claimed_losses": [{"head": "medical_costs", "amount": "12.345"}]}),
            "claimed_losses[0].amount",
        ),
        (
            json!({"claimed_losses": [{"head": "medical_costs", "amount": "1e3"}]}),
            "claimed_losses[0].amount",
        ),
        (
            json!({"bank_account": {"holder": "Synthetic Applicant", "iban": "XK05 1212 0123 4567 8907"}}),
            "bank_account.iban",
        ),
        (
            json!({"bank_account": {"holder": " ", "iban": "XK051212012345678906"}}),
            "bank_account.holder",
        ),
    ];
    for (body, field) in cases {
        let response = app.patch(&lawyer, &path, body).await;
        let problem = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        let named = problem["errors"][0]["field"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let detail = problem["detail"].as_str().unwrap_or_default().to_owned();
        assert!(
            named == field || detail.starts_with(field),
            "{field}: {problem}"
        );
    }
    assert_eq!(app.get_json(&lawyer, &path).await, before);
}

async fn a_masked_reader_sees_the_losses_but_not_their_details_or_the_account(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let mut body = draft_body();
    body["offence_type"] = json!("trafficking_in_human_beings");
    body["bank_account"] = account();
    let created: Value = app.create_claim(&lawyer, body).await.json().await.unwrap();
    let masked = app
        .get_json(&auditor, &format!("/api/v1/claims/{}", created["id"]))
        .await;
    assert_eq!(masked["identity_masked"], true);
    assert_eq!(masked["bank_account"], Value::Null);
    assert_eq!(
        masked["claimed_losses"],
        json!([{"head": "medical_costs", "amount": {"amount": "1200.00", "currency": "EUR"}, "details": null}])
    );
}
