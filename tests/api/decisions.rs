//! Decisions and letters as documents: issued when the commission decides, rendered in each of the scheme's
//! languages from frozen content, the same bytes every time and in every process, and
//! verifiable by anyone from the code printed on them.

use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{TestApp, User, on_both_databases, problem};
use crate::workflow::{CHAIR_NAME, Cast, LAWYER_NAME, all_vote, cast, claim_in_review};

on_both_databases!(
    a_decision_is_issued_in_each_language_and_verifies_by_its_code,
    an_appeals_outcome_issues_a_new_version_that_supersedes_the_old,
    the_command_line_renders_the_same_bytes_as_the_api,
    an_unknown_code_verifies_nothing,
    the_applicant_receives_letters_on_submission_evidence_requests_and_interim_awards,
    a_protected_identity_is_printed_only_on_the_applicants_copy,
    a_decision_is_signed_with_the_chairs_full_name_and_names_the_lawyer_in_full,
);

async fn decided_claim(app: &TestApp, cast: &Cast) -> i64 {
    let claim = claim_in_review(app, cast).await;
    all_vote(app, cast, claim, "approve").await;
    app.act_ok(&cast.chair, claim, "decide", None).await;
    claim
}

async fn pdf(app: &TestApp, user: &User, claim: i64, file: &str) -> Vec<u8> {
    let response = app
        .get(user, &format!("/api/v1/claims/{claim}/decisions/{file}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{file}");
    assert_eq!(response.headers()["content-type"], "application/pdf");
    response.bytes().await.unwrap().to_vec()
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

async fn a_decision_is_issued_in_each_language_and_verifies_by_its_code(app: TestApp) {
    let cast = cast(&app).await;
    let claim = decided_claim(&app, &cast).await;
    let path = format!("/api/v1/claims/{claim}/decisions");
    let decisions = app.get_json(&cast.lawyer, &path).await;
    assert_eq!(decisions.as_array().unwrap().len(), 1);
    let decision = &decisions[0];
    assert_eq!(decision["version"], 1);
    assert_eq!(decision["outcome"], "award");
    assert!(decision["number"].as_str().unwrap().ends_with("/1"));
    let albanian = pdf(&app, &cast.lawyer, claim, "1.pdf?lang=sq").await;
    assert!(albanian.starts_with(b"%PDF"));
    assert_eq!(
        albanian,
        pdf(&app, &cast.lawyer, claim, "1.pdf?lang=sq").await
    );
    assert_eq!(
        albanian,
        pdf(&app, &cast.lawyer, claim, "1.pdf").await,
        "sq is the claim's"
    );
    let serbian = pdf(&app, &cast.lawyer, claim, "1.pdf?lang=sr").await;
    assert_ne!(albanian, serbian);
    let code = decision["verification_code"].as_str().unwrap();
    let response = app
        .client
        .get(app.url(&format!("/api/v1/verify/{code}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert!(!text.contains("Synthetic"), "nothing personal: {text}");
    let verified: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(verified["number"], decision["number"]);
    assert_eq!(verified["copies"].as_array().unwrap().len(), 6);
    let copy = |language: &str, kind: &str| {
        let copies = verified["copies"].as_array().unwrap();
        let found = copies
            .iter()
            .find(|copy| copy["language"] == language && copy["copy"] == kind);
        found.unwrap()["sha256"].clone()
    };
    assert_eq!(copy("sq", "applicant"), json!(sha256(&albanian)));
    assert_eq!(copy("sr", "applicant"), json!(sha256(&serbian)));
}

async fn an_appeals_outcome_issues_a_new_version_that_supersedes_the_old(app: TestApp) {
    let cast = cast(&app).await;
    let claim = decided_claim(&app, &cast).await;
    let reason = Some(json!({"reason": "the loss of earnings was not assessed"}));
    app.act_ok(&cast.lawyer, claim, "appeal", reason).await;
    let upheld = Some(json!({"appeal_outcome": "upheld"}));
    app.act_ok(&cast.secretariat, claim, "record_appeal_outcome", upheld)
        .await;
    let path = format!("/api/v1/claims/{claim}/decisions");
    let decisions = app.get_json(&cast.lawyer, &path).await;
    let versions: Vec<(i64, Value)> = decisions
        .as_array()
        .unwrap()
        .iter()
        .map(|decision| {
            (
                decision["version"].as_i64().unwrap(),
                decision["supersedes"].clone(),
            )
        })
        .collect();
    assert_eq!(versions, [(1, Value::Null), (2, json!(1))]);
    assert_ne!(
        decisions[0]["verification_code"],
        decisions[1]["verification_code"]
    );
    let missing = app.get(&cast.lawyer, &format!("{path}/3.pdf")).await;
    assert_eq!(
        problem(missing, StatusCode::NOT_FOUND).await["code"],
        "not_found"
    );
}

async fn the_command_line_renders_the_same_bytes_as_the_api(app: TestApp) {
    let cast = cast(&app).await;
    let claim = decided_claim(&app, &cast).await;
    let from_api = pdf(&app, &cast.lawyer, claim, "1.pdf?lang=en").await;
    let view = app
        .get_json(&cast.lawyer, &format!("/api/v1/claims/{claim}"))
        .await;
    let reference = view["reference"].as_str().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("decision.pdf");
    let output = app.redress(&[
        "decision",
        "render",
        "--claim",
        reference,
        "--lang",
        "en",
        "--copy",
        "applicant",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        from_api,
        "another process, the same bytes"
    );
}

async fn an_unknown_code_verifies_nothing(app: TestApp) {
    let response = app
        .client
        .get(app.url("/api/v1/verify/0000-0000-0000-0000"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(response, StatusCode::NOT_FOUND).await["code"],
        "not_found"
    );
}

async fn the_applicant_receives_letters_on_submission_evidence_requests_and_interim_awards(
    app: TestApp,
) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let interim = json!({"amount": "500.00", "reason": "funeral costs"});
    let path = format!("/api/v1/claims/{claim}/interim-awards");
    let granted = app.post(&cast.chair, &path, Some(interim)).await;
    assert_eq!(granted.status(), StatusCode::OK);
    let letters = app
        .get_json(&cast.lawyer, &format!("/api/v1/claims/{claim}/letters"))
        .await;
    let kinds: Vec<&str> = letters
        .as_array()
        .unwrap()
        .iter()
        .map(|letter| letter["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["receipt", "evidence_request", "interim_award"]);
    let path = format!("/api/v1/claims/{claim}/letters/2.pdf?lang=sr");
    let response = app.get(&cast.lawyer, &path).await;
    assert_eq!(response.status(), StatusCode::OK);
    let first = response.bytes().await.unwrap();
    assert!(first.starts_with(b"%PDF"));
    let again = app.get(&cast.lawyer, &path).await.bytes().await.unwrap();
    assert_eq!(first, again);
    let bad = app
        .get(
            &cast.lawyer,
            &format!("/api/v1/claims/{claim}/letters/two.pdf"),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

/// The text of a PDF, its words joined by single spaces.
fn text_of(pdf: &[u8]) -> String {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let text = document.extract_text(&pages).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn a_protected_identity_is_printed_only_on_the_applicants_copy(app: TestApp) {
    let cast = cast(&app).await;
    let auditor = app.user("auditor", &[redress::domain::Role::Auditor]).await;
    let mut body = crate::helpers::draft_body();
    body["protected_identity"] = json!(true);
    body["victim_name"] = json!("Zana Krasniqi");
    let created: Value = app
        .create_claim(&cast.lawyer, body)
        .await
        .json()
        .await
        .unwrap();
    let claim = created["id"].as_i64().unwrap();
    crate::workflow::walk_to_review(&app, &cast, claim).await;
    all_vote(&app, &cast, claim, "approve").await;
    app.act_ok(&cast.chair, claim, "decide", None).await;
    let applicants = text_of(&pdf(&app, &cast.lawyer, claim, "1.pdf?lang=en").await);
    assert!(applicants.contains("Zana Krasniqi"), "{applicants}");
    let circulated = text_of(&pdf(&app, &auditor, claim, "1.pdf?lang=en").await);
    assert!(!circulated.contains("Krasniqi"), "{circulated}");
    assert!(circulated.contains("Z. K."), "{circulated}");
}

async fn a_decision_is_signed_with_the_chairs_full_name_and_names_the_lawyer_in_full(app: TestApp) {
    let cast = cast(&app).await;
    let claim = decided_claim(&app, &cast).await;
    for language in ["sq", "sr", "en"] {
        let file = format!("1.pdf?lang={language}");
        let text = text_of(&pdf(&app, &cast.lawyer, claim, &file).await);
        assert!(text.contains(CHAIR_NAME), "{language}: {text}");
        assert!(text.contains(LAWYER_NAME), "{language}: {text}");
        let usernames = text
            .split_whitespace()
            .filter(|word| ["chair", "lawyer"].contains(word));
        assert_eq!(usernames.count(), 0, "{language}: {text}");
    }
}
