//! The secretariat's case pages: each renders in the three languages, refuses other roles, and
//! each form changes the claim exactly as its REST twin would, or shows what to correct and
//! stores nothing.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, draft_body, on_both_databases, pdf};
use crate::web_browser::{Browser, Page};
use crate::workflow::{Cast, all_vote, cast, claim_in_review};

on_both_databases!(
    the_case_page_shows_the_claim_in_the_three_languages_with_exit_this_page,
    other_roles_are_refused_the_case_pages_and_anonymous_visitors_are_sent_to_sign_in,
    a_protected_identity_is_shown_to_the_secretariat_and_its_reading_logged_as_the_api_does,
    accepting_a_claim_as_admissible_moves_it_to_assessment_as_the_api_would,
    declaring_a_claim_inadmissible_needs_a_reason_and_stores_nothing_without_one,
    evidence_is_requested_by_a_date_and_accepted_after_the_lawyer_uploads_it,
    the_assessment_is_previewed_line_by_line_then_recorded_and_put_before_the_commission,
    the_outcome_of_an_appeal_is_recorded_as_the_api_would,
    a_decision_becomes_final_early_only_when_the_applicant_waives_the_appeal,
    a_form_without_a_valid_csrf_token_is_refused_and_changes_nothing,
    the_secretariat_opens_an_uploaded_document_from_the_case_page,
);

const SAME_ORIGIN: &[(&str, &str)] = &[("sec-fetch-site", "same-origin")];

/// The lawyer's claim, lodged and waiting for the secretariat's admissibility check.
async fn submitted_claim(app: &TestApp, cast: &Cast, body: Value) -> i64 {
    let response = app.create_claim(&cast.lawyer, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let claim = response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    app.file_power_of_attorney(&cast.lawyer, claim).await;
    app.act_ok(&cast.lawyer, claim, "submit", None).await;
    claim
}

async fn claim_json(app: &TestApp, user: &User, claim: i64) -> Value {
    app.get_json(user, &format!("/api/v1/claims/{claim}")).await
}

async fn secretariat_browser(app: &TestApp) -> Browser<'_> {
    let mut browser = Browser::new(app);
    browser.sign_in("secretariat").await;
    browser
}

/// Posts `fields` to `path` with the session's CSRF token, as the page's form would.
async fn submit(browser: &mut Browser<'_>, path: &str, fields: &[(&str, &str)]) -> Page {
    let token = browser.get("/secretariat/queue").await.csrf_token();
    let mut all = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    browser.post_form(path, &all, SAME_ORIGIN).await
}

/// The claim is in `state`, as the API reads it.
async fn assert_state(app: &TestApp, cast: &Cast, claim: i64, state: &str) {
    assert_eq!(
        claim_json(app, &cast.secretariat, claim).await["state"],
        state
    );
}

/// A claim the commission has decided, its appeal window open.
async fn decided_claim(app: &TestApp, cast: &Cast) -> i64 {
    let claim = claim_in_review(app, cast).await;
    all_vote(app, cast, claim, "approve").await;
    app.act_ok(&cast.chair, claim, "decide", None).await;
    claim
}

fn assert_error_on(page: &Page, field: &str) {
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(page.body.contains("govuk-error-summary"));
    assert!(
        page.body.contains(&format!("href=\"#{field}\"")),
        "the summary links to {field}: {}",
        page.body
    );
    assert!(page.body.contains(&format!("id=\"{field}\"")));
}

async fn the_case_page_shows_the_claim_in_the_three_languages_with_exit_this_page(app: TestApp) {
    let cast = cast(&app).await;
    let claim = submitted_claim(&app, &cast, draft_body()).await;
    let reference = claim_json(&app, &cast.secretariat, claim).await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut browser = secretariat_browser(&app).await;
    let words = [
        ("sq", "Prano si të pranueshme"),
        ("sr-Cyrl", "Прихвати као допуштен"),
        ("en", "Accept as admissible"),
    ];
    for (tag, accept) in words {
        let page = browser
            .get(&format!("/casework/claims/{claim}?lang={tag}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{tag}");
        assert!(page.body.contains(&format!("lang=\"{tag}\"")));
        assert!(page.body.contains(&reference));
        assert!(page.body.contains(accept), "{tag}: {}", page.body);
        assert!(page.body.contains("govuk-exit-this-page"));
    }
    let english = browser.get(&format!("/casework/claims/{claim}")).await;
    assert!(english.body.contains("Synthetic Applicant"));
    assert!(english.body.contains("Power of attorney"), "the documents");
    assert!(english.body.contains("Submit the claim"), "the timeline");
    assert!(english.body.contains("19 October 2026"), "the crime's date");
}

async fn other_roles_are_refused_the_case_pages_and_anonymous_visitors_are_sent_to_sign_in(
    app: TestApp,
) {
    let cast = cast(&app).await;
    let claim = submitted_claim(&app, &cast, draft_body()).await;
    let paths = [
        format!("/casework/claims/{claim}"),
        format!("/casework/claims/{claim}/actions/declare_inadmissible"),
        format!("/casework/claims/{claim}/assessment"),
    ];
    let mut anonymous = Browser::new(&app);
    let mut lawyer = Browser::new(&app);
    lawyer.sign_in("lawyer").await;
    for path in &paths {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location(), Some("/sign-in"));
        assert_eq!(
            lawyer.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let refused = submit(
        &mut lawyer,
        &format!("/casework/claims/{claim}/actions/accept_for_assessment"),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_state(&app, &cast, claim, "submitted").await;
    let mut secretariat = secretariat_browser(&app).await;
    let missing = secretariat.get("/casework/claims/999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let not_offered = secretariat
        .get(&format!("/casework/claims/{claim}/actions/decide"))
        .await;
    assert_eq!(not_offered.status, StatusCode::NOT_FOUND);
}

async fn a_protected_identity_is_shown_to_the_secretariat_and_its_reading_logged_as_the_api_does(
    app: TestApp,
) {
    let cast = cast(&app).await;
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let mut body = draft_body();
    body["protected_identity"] = json!(true);
    let claim = submitted_claim(&app, &cast, body).await;
    let log_path = format!("/api/v1/claims/{claim}/access-log");
    let before = app.get_json(&auditor, &log_path).await;
    let mut browser = secretariat_browser(&app).await;
    let page = browser
        .get(&format!("/casework/claims/{claim}?lang=en"))
        .await;
    assert!(page.body.contains("Synthetic Applicant"), "the names");
    assert!(page.body.contains("1 Example Street"), "the address");
    let after_page = app.get_json(&auditor, &log_path).await;
    let added = after_page.as_array().unwrap().len() - before.as_array().unwrap().len();
    assert_eq!(added, 1, "one read, logged");
    let entry = after_page.as_array().unwrap().last().unwrap().clone();
    assert_eq!(entry["user_id"], cast.secretariat.id);
    claim_json(&app, &cast.secretariat, claim).await;
    let after_api = app.get_json(&auditor, &log_path).await;
    let api_entry = after_api.as_array().unwrap().last().unwrap();
    assert_eq!(api_entry["fields"], entry["fields"], "the same fields");
}

async fn accepting_a_claim_as_admissible_moves_it_to_assessment_as_the_api_would(app: TestApp) {
    let cast = cast(&app).await;
    let claim = submitted_claim(&app, &cast, draft_body()).await;
    let mut browser = secretariat_browser(&app).await;
    let case = format!("/casework/claims/{claim}");
    let done = submit(
        &mut browser,
        &format!("{case}/actions/accept_for_assessment"),
        &[],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(
        done.location(),
        Some(format!("{case}?done=accept_for_assessment").as_str())
    );
    let after = claim_json(&app, &cast.secretariat, claim).await;
    assert_eq!(after["state"], "under_assessment");
    let events = app
        .get_json(&cast.secretariat, &format!("/api/v1/claims/{claim}/events"))
        .await;
    let last = events.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "accept_for_assessment");
    assert_eq!(last["actor_user_id"], cast.secretariat.id);
    let shown = browser
        .get(&format!("{case}?done=accept_for_assessment&lang=en"))
        .await;
    assert!(shown.body.contains("Recorded: Accept as admissible"));
    assert!(
        shown.body.contains("Record the assessment"),
        "the next step"
    );
    assert!(
        shown.body.contains("Record the assessment first."),
        "why the proposal must wait"
    );
}

async fn declaring_a_claim_inadmissible_needs_a_reason_and_stores_nothing_without_one(
    app: TestApp,
) {
    let cast = cast(&app).await;
    let claim = submitted_claim(&app, &cast, draft_body()).await;
    let before = claim_json(&app, &cast.secretariat, claim).await;
    let mut browser = secretariat_browser(&app).await;
    let path = format!("/casework/claims/{claim}/actions/declare_inadmissible");
    let form = browser.get(&format!("{path}?lang=en")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("id=\"reason\""));
    let refused = submit(&mut browser, &path, &[("reason", "   ")]).await;
    assert_error_on(&refused, "reason");
    assert!(refused.body.contains("Enter the reason"));
    let unchanged = claim_json(&app, &cast.secretariat, claim).await;
    assert_eq!(unchanged["state"], "submitted");
    assert_eq!(unchanged["version"], before["version"]);
    let reason = "The crime happened outside the territory of the scheme.";
    let done = submit(&mut browser, &path, &[("reason", reason)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let decided = claim_json(&app, &cast.secretariat, claim).await;
    assert_eq!(decided["state"], "decided");
    assert_eq!(decided["decision"]["outcome"], "inadmissible");
    assert_eq!(decided["decision"]["reason"], reason);
    let case = browser
        .get(&format!("/casework/claims/{claim}?lang=en"))
        .await;
    assert!(case.body.contains("Inadmissible"));
    assert!(case.body.contains(reason), "the reason, on the case page");
}

async fn evidence_is_requested_by_a_date_and_accepted_after_the_lawyer_uploads_it(app: TestApp) {
    let cast = cast(&app).await;
    let claim = submitted_claim(&app, &cast, draft_body()).await;
    let mut browser = secretariat_browser(&app).await;
    let path = format!("/casework/claims/{claim}/actions/request_evidence");
    let form = browser.get(&format!("{path}?lang=sr-Cyrl")).await;
    assert!(form.body.contains("Полицијски извештај"));
    let nothing_asked = submit(&mut browser, &path, &[]).await;
    assert_error_on(&nothing_asked, "document_police_report");
    let no_such_day = [
        ("document_police_report", "yes"),
        ("evidence_due_day", "31"),
        ("evidence_due_month", "2"),
        ("evidence_due_year", "2027"),
    ];
    assert_error_on(
        &submit(&mut browser, &path, &no_such_day).await,
        "evidence_due_day",
    );
    let in_the_past = [
        ("document_police_report", "yes"),
        ("evidence_due_day", "1"),
        ("evidence_due_month", "11"),
        ("evidence_due_year", "2026"),
    ];
    assert_error_on(
        &submit(&mut browser, &path, &in_the_past).await,
        "evidence_due_day",
    );
    assert_state(&app, &cast, claim, "submitted").await;
    let asked = [
        ("document_police_report", "yes"),
        ("document_medical_report", "yes"),
        ("evidence_due_day", "20"),
        ("evidence_due_month", "12"),
        ("evidence_due_year", "2026"),
    ];
    assert_eq!(
        submit(&mut browser, &path, &asked).await.status,
        StatusCode::SEE_OTHER
    );
    let requests_path = format!("/api/v1/claims/{claim}/evidence-requests");
    let requests = app.get_json(&cast.secretariat, &requests_path).await;
    assert_eq!(requests.as_array().unwrap().len(), 1);
    assert_eq!(requests[0]["due_on"], "2026-12-20");
    let kinds: Vec<&str> = requests[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["police_report", "medical_report"]);
    let uploaded = app
        .upload(
            &cast.lawyer,
            claim,
            "police_report",
            "report.pdf",
            pdf("police"),
        )
        .await;
    assert_eq!(uploaded.status(), StatusCode::CREATED);
    let case = browser
        .get(&format!("/casework/claims/{claim}?lang=en"))
        .await;
    assert!(case.body.contains("Due by 20 December 2026"));
    assert!(case.body.contains("Police report"));
    let accepted = submit(
        &mut browser,
        &format!("/casework/claims/{claim}/actions/complete_evidence"),
        &[],
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert_state(&app, &cast, claim, "under_assessment").await;
}

async fn the_assessment_is_previewed_line_by_line_then_recorded_and_put_before_the_commission(
    app: TestApp,
) {
    let cast = cast(&app).await;
    let claim = submitted_claim(&app, &cast, draft_body()).await;
    app.act_ok(&cast.secretariat, claim, "accept_for_assessment", None)
        .await;
    let mut browser = secretariat_browser(&app).await;
    let path = format!("/casework/claims/{claim}/assessment");
    let form = browser.get(&format!("{path}?lang=en")).await;
    assert!(
        form.body.contains("Medical and hospital costs"),
        "the heads"
    );
    assert!(
        form.body.contains("value=\"1200.00\""),
        "before any assessment, the amounts are those the application claims"
    );
    let case = browser
        .get(&format!("/casework/claims/{claim}?lang=en"))
        .await;
    assert!(case.body.contains("Losses claimed"));
    assert!(case.body.contains("€1,200.00 (Synthetic Clinic)"));
    assert!(case.body.contains("Consent and declaration given"));
    let losses = [
        ("amount_medical_costs", "4245.00"),
        ("amount_funeral_costs", ""),
    ];
    let preview = submit(
        &mut browser,
        &path,
        &[losses[0], losses[1], ("intent", "preview")],
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(preview.body.contains("€4,245.00"), "{}", preview.body);
    assert!(preview.body.contains("Rule applied"));
    let insured = [
        losses[0],
        ("offset_insurance", "245.00"),
        ("intent", "preview"),
    ];
    let deducted = submit(&mut browser, &path, &insured).await;
    assert!(deducted.body.contains("Payments from elsewhere"));
    assert!(deducted.body.contains("€4,000.00"), "{}", deducted.body);
    let unreadable = [
        losses[0],
        ("offset_benefits", "some"),
        ("intent", "preview"),
    ];
    assert_error_on(
        &submit(&mut browser, &path, &unreadable).await,
        "offset_benefits",
    );
    let albanian = browser.get(&format!("{path}?lang=sq")).await;
    assert_eq!(albanian.status, StatusCode::OK);
    let preview = submit(&mut browser, &path, &[losses[0], ("intent", "preview")]).await;
    assert!(preview.body.contains("4.245,00\u{a0}€"), "{}", preview.body);
    assert!(
        claim_json(&app, &cast.secretariat, claim).await["assessment"].is_null(),
        "a preview stores nothing"
    );
    let not_a_number = [("amount_medical_costs", "lots"), ("intent", "record")];
    assert_error_on(
        &submit(&mut browser, &path, &not_a_number).await,
        "amount_medical_costs",
    );
    let too_much = [
        ("amount_medical_costs", "100"),
        ("reduction_percent", "120"),
        ("intent", "record"),
    ];
    assert_error_on(
        &submit(&mut browser, &path, &too_much).await,
        "reduction_percent",
    );
    assert!(claim_json(&app, &cast.secretariat, claim).await["assessment"].is_null());
    let recorded = submit(&mut browser, &path, &[losses[0], ("intent", "record")]).await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER);
    let assessed = claim_json(&app, &cast.secretariat, claim).await;
    assert_eq!(
        assessed["assessment"]["losses"],
        json!([{"head": "medical_costs", "amount": "4245.00"}])
    );
    let proposed = submit(
        &mut browser,
        &format!("/casework/claims/{claim}/actions/propose_award"),
        &[],
    )
    .await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER);
    let review = claim_json(&app, &cast.secretariat, claim).await;
    assert_eq!(review["state"], "in_commission_review");
    assert_eq!(
        review["proposed_award"],
        json!({"amount": "4245.00", "currency": "EUR"})
    );
}

async fn the_outcome_of_an_appeal_is_recorded_as_the_api_would(app: TestApp) {
    let cast = cast(&app).await;
    let claim = decided_claim(&app, &cast).await;
    let mut browser = secretariat_browser(&app).await;
    let decided = browser
        .get(&format!("/casework/claims/{claim}?lang=en"))
        .await;
    assert!(
        decided.body.contains("The appeal window is open until"),
        "{}",
        decided.body
    );
    let appeal = json!({"reason": "The award leaves out the costs of therapy."});
    app.act_ok(&cast.lawyer, claim, "appeal", Some(appeal))
        .await;
    let path = format!("/casework/claims/{claim}/actions/record_appeal_outcome");
    let form = browser.get(&format!("{path}?lang=en")).await;
    assert!(form.body.contains("The decision stands"));
    assert_error_on(&submit(&mut browser, &path, &[]).await, "appeal_outcome");
    assert_state(&app, &cast, claim, "under_appeal").await;
    let upheld = submit(&mut browser, &path, &[("appeal_outcome", "upheld")]).await;
    assert_eq!(upheld.status, StatusCode::SEE_OTHER);
    assert_state(&app, &cast, claim, "final").await;
}

async fn a_decision_becomes_final_early_only_when_the_applicant_waives_the_appeal(app: TestApp) {
    let cast = cast(&app).await;
    let claim = decided_claim(&app, &cast).await;
    let mut browser = secretariat_browser(&app).await;
    let path = format!("/casework/claims/{claim}/actions/finalize");
    let form = browser.get(&format!("{path}?lang=en")).await;
    assert!(form.body.contains("The applicant has waived the appeal"));
    let refused = submit(&mut browser, &path, &[]).await;
    assert_error_on(&refused, "appeal_waived");
    assert!(refused.body.contains("a rule of the scheme stops it now"));
    assert_state(&app, &cast, claim, "decided").await;
    let waived = submit(&mut browser, &path, &[("appeal_waived", "yes")]).await;
    assert_eq!(waived.status, StatusCode::SEE_OTHER);
    assert_state(&app, &cast, claim, "final").await;
}

async fn a_form_without_a_valid_csrf_token_is_refused_and_changes_nothing(app: TestApp) {
    let cast = cast(&app).await;
    let claim = submitted_claim(&app, &cast, draft_body()).await;
    let mut browser = secretariat_browser(&app).await;
    let forms = [
        format!("/casework/claims/{claim}/actions/accept_for_assessment"),
        format!("/casework/claims/{claim}/assessment"),
    ];
    for path in &forms {
        let forged = [("csrf_token", "not-the-token"), ("intent", "record")];
        let refused = browser.post_form(path, &forged, SAME_ORIGIN).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
        let missing = browser.post_form(path, &[], SAME_ORIGIN).await;
        assert_eq!(missing.status, StatusCode::FORBIDDEN, "{path}");
    }
    let after = claim_json(&app, &cast.secretariat, claim).await;
    assert_eq!(after["state"], "submitted");
    assert!(after["assessment"].is_null());
}

async fn the_secretariat_opens_an_uploaded_document_from_the_case_page(app: TestApp) {
    let cast = cast(&app).await;
    let claim = app.draft(&cast.lawyer).await;
    let scan = pdf("power of attorney");
    let uploaded = app
        .upload(
            &cast.lawyer,
            claim,
            "power_of_attorney",
            "poa.pdf",
            scan.clone(),
        )
        .await;
    assert_eq!(uploaded.status(), StatusCode::CREATED);
    let document = uploaded.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    app.act_ok(&cast.lawyer, claim, "submit", None).await;
    let mut browser = secretariat_browser(&app).await;
    let case = browser
        .get(&format!("/casework/claims/{claim}?lang=en"))
        .await;
    let href = format!("href=\"/documents/{document}\"");
    assert!(case.body.contains(&href), "the document is a link");
    let downloaded = browser.get(&format!("/documents/{document}")).await;
    assert_eq!(downloaded.status, StatusCode::OK);
    assert_eq!(downloaded.headers["content-type"], "application/pdf");
    assert_eq!(downloaded.body.as_bytes(), scan.as_slice());
    app.user("other-lawyer", &[Role::Lawyer]).await;
    let mut stranger = Browser::new(&app);
    stranger.sign_in("other-lawyer").await;
    let refused = stranger.get(&format!("/documents/{document}")).await;
    assert_eq!(
        refused.status,
        StatusCode::NOT_FOUND,
        "another lawyer's claim"
    );
}
