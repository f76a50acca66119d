//! The lawyer's pages: a claim is started, answered question by question, given its documents,
//! checked and submitted, then followed (evidence asked for, the decision, an appeal), each step
//! changing the claim exactly as the REST call would, in the three languages, and refused to
//! everyone else.

use redress::domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, on_both_databases, pdf};
use crate::web_browser::{Browser, Page};

on_both_databases!(
    the_lawyers_pages_render_in_the_three_languages,
    other_roles_are_refused_and_anonymous_visitors_are_sent_to_sign_in,
    a_lawyer_starts_a_claim_and_each_answer_is_saved_as_the_api_would_save_it,
    a_bad_answer_is_named_in_the_error_summary_and_nothing_is_stored,
    forms_without_a_valid_csrf_token_are_refused,
    a_claim_is_filed_with_its_power_of_attorney_checked_and_submitted,
    a_claim_without_its_authority_to_act_is_not_submitted_and_the_documents_row_is_named,
    losses_are_added_and_removed_one_at_a_time_and_stored_as_the_api_stores_them,
    the_bank_account_is_optional_checked_and_removable,
    consent_must_be_ticked_to_continue_and_its_absence_blocks_submission,
    a_passed_filing_deadline_is_said_on_the_task_list_before_any_submission,
    the_trafficking_question_is_asked_only_about_trafficking,
    the_lawyer_answers_an_evidence_request_by_upload,
    a_decided_claim_offers_its_decision_as_pdf_and_an_appeal_inside_the_window,
);

const SAME_ORIGIN: &[(&str, &str)] = &[("sec-fetch-site", "same-origin")];

/// Posts `fields` with the page's CSRF token, as the browser sends the form.
async fn post(browser: &mut Browser<'_>, path: &str, fields: &[(&str, &str)]) -> Page {
    let token = browser.get("/lawyer/claims").await.csrf_token();
    let mut all = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    browser.post_form(path, &all, SAME_ORIGIN).await
}

/// Answers the date question `field` with `date` written day-month-year, in its three inputs.
async fn answer_date(browser: &mut Browser<'_>, path: &str, (field, date): (&str, &str)) -> Page {
    let names = ["day", "month", "year"].map(|part| format!("{field}-{part}"));
    let fields: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(date.split('-'))
        .collect();
    post(browser, path, &fields).await
}

/// Posts a multipart form as the browser sends the upload form: the CSRF token first.
async fn upload(
    app: &TestApp,
    browser: &mut Browser<'_>,
    path: &str,
    (token, fields): (Option<String>, &[(&str, &str)]),
    file: Vec<u8>,
) -> Page {
    let mut form = Form::new();
    if let Some(token) = token {
        form = form.text("csrf_token", token);
    }
    for (name, value) in fields {
        form = form.text((*name).to_owned(), (*value).to_owned());
    }
    let form = form.part("file", Part::bytes(file).file_name("scan.pdf"));
    let cookies = browser
        .cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ");
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url(path))
        .header("cookie", cookies)
        .header("sec-fetch-site", "same-origin")
        .multipart(form)
        .send()
        .await
        .unwrap();
    Page {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

async fn signed_in<'app>(app: &'app TestApp, username: &str) -> Browser<'app> {
    let mut browser = Browser::new(app);
    browser.sign_in(username).await;
    browser
}

async fn claim_json(app: &TestApp, user: &User, id: i64) -> Value {
    app.get_json(user, &format!("/api/v1/claims/{id}")).await
}

/// The start page's answers for a synthetic claim.
const START_ANSWERS: &[(&str, &str)] = &[
    ("jurisdiction", "kosovo"),
    ("offence_type", "domestic_violence"),
    ("crime_date-day", "19"),
    ("crime_date-month", "10"),
    ("crime_date-year", "2026"),
    ("applicant_kind", "direct_victim"),
    ("applicant_name", "Synthetic Applicant"),
    ("victim_name", "Synthetic Applicant"),
    ("reported_to_police", "yes"),
    ("language", "sq"),
];

/// The id in a `/lawyer/claims/{id}...` redirect.
fn claim_id(page: &Page) -> i64 {
    let location = page.location().expect("a redirect");
    location
        .trim_start_matches("/lawyer/claims/")
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn the_lawyers_pages_render_in_the_three_languages(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let draft = app.draft(&lawyer).await;
    let submitted = app.draft(&lawyer).await;
    app.file_power_of_attorney(&lawyer, submitted).await;
    app.act_ok(&lawyer, submitted, "submit", None).await;
    let reason = json!({"reason": "Synthetic reason"});
    let decided = app.draft(&lawyer).await;
    app.file_power_of_attorney(&lawyer, decided).await;
    app.act_ok(&lawyer, decided, "submit", None).await;
    app.act_ok(&secretariat, decided, "declare_inadmissible", Some(reason))
        .await;
    let mut browser = signed_in(&app, "lawyer").await;
    let pages = [
        "/lawyer/claims".to_owned(),
        "/lawyer/claims/new".to_owned(),
        format!("/lawyer/claims/{draft}"),
        format!("/lawyer/claims/{draft}/victim-birth-date"),
        format!("/lawyer/claims/{draft}/applicant-kind"),
        format!("/lawyer/claims/{draft}/victim-address"),
        format!("/lawyer/claims/{draft}/documents"),
        format!("/lawyer/claims/{draft}/losses"),
        format!("/lawyer/claims/{draft}/bank-account"),
        format!("/lawyer/claims/{draft}/consent"),
        format!("/lawyer/claims/{draft}/check-answers"),
        format!("/lawyer/claims/{submitted}"),
        format!("/lawyer/claims/{submitted}/submitted"),
        format!("/lawyer/claims/{decided}"),
        format!("/lawyer/claims/{decided}/appeal"),
    ];
    for (tag, words) in [("sq", "Kërkesa"), ("sr-Cyrl", "Захтев"), ("en", "Claim")] {
        for path in &pages {
            let page = browser.get(&format!("{path}?lang={tag}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path} in {tag}");
            assert!(page.body.contains(&format!("lang=\"{tag}\"")), "{path}");
            assert!(page.body.contains("govuk-exit-this-page"), "{path}");
            assert!(!page.body.contains("Unknown"), "{path}");
        }
        let claims = browser.get(&format!("/lawyer/claims?lang={tag}")).await;
        assert!(claims.body.contains("href=\"/lawyer/claims/new\""));
        let claim = browser
            .get(&format!("/lawyer/claims/{submitted}?lang={tag}"))
            .await;
        assert!(claim.body.contains(words), "{tag}");
    }
}

async fn other_roles_are_refused_and_anonymous_visitors_are_sent_to_sign_in(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    app.user("secretariat", &[Role::Secretariat]).await;
    app.user("other-lawyer", &[Role::Lawyer]).await;
    let draft = app.draft(&lawyer).await;
    let paths = [
        "/lawyer/claims/new".to_owned(),
        format!("/lawyer/claims/{draft}"),
        format!("/lawyer/claims/{draft}/victim-name"),
        format!("/lawyer/claims/{draft}/documents"),
        format!("/lawyer/claims/{draft}/check-answers"),
    ];
    let mut anonymous = Browser::new(&app);
    let mut secretariat = signed_in(&app, "secretariat").await;
    for path in &paths {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location(), Some("/sign-in"));
        assert_eq!(
            secretariat.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let mut other = signed_in(&app, "other-lawyer").await;
    let foreign = other.get(&format!("/lawyer/claims/{draft}")).await;
    assert_eq!(
        foreign.status,
        StatusCode::NOT_FOUND,
        "another lawyer's claim"
    );
    let answered = post(
        &mut other,
        &format!("/lawyer/claims/{draft}/victim-name"),
        &[("victim_name", "Someone Else")],
    )
    .await;
    assert_eq!(answered.status, StatusCode::NOT_FOUND);
    let refused = post(
        &mut secretariat,
        &format!("/lawyer/claims/{draft}/submit"),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(claim_json(&app, &lawyer, draft).await["state"], "draft");
}

async fn a_lawyer_starts_a_claim_and_each_answer_is_saved_as_the_api_would_save_it(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let started = post(&mut browser, "/lawyer/claims/new", START_ANSWERS).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    let id = claim_id(&started);
    let claim = claim_json(&app, &lawyer, id).await;
    assert_eq!(claim["state"], "draft");
    assert_eq!(claim["offence_type"], "domestic_violence");
    assert_eq!(claim["crime_date"], "2026-10-19");
    assert_eq!(claim["reported_to_police"], true);
    let tasks = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert!(tasks.body.contains("govuk-task-list"));
    assert!(
        tasks.body.contains("In progress"),
        "the victim's birth date is missing"
    );
    assert!(tasks.body.contains("Cannot start yet"));

    let question = format!("/lawyer/claims/{id}/victim-birth-date");
    let answered = answer_date(&mut browser, &question, ("victim_birth_date", "1-5-1990")).await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER);
    let next = format!("/lawyer/claims/{id}/victim-address");
    assert_eq!(
        answered.location(),
        Some(next.as_str()),
        "on to the task's next question"
    );
    assert_eq!(
        claim_json(&app, &lawyer, id).await["victim_birth_date"],
        "1990-05-01"
    );
    let shown = browser.get(&question).await;
    assert!(
        shown.body.contains("value=\"1990\""),
        "the answer on file is shown"
    );

    let address = [
        ("victim_address", "1 Example Street, Prishtinë"),
        ("later", "yes"),
    ];
    let later = post(&mut browser, &next, &address).await;
    assert_eq!(
        later.location(),
        Some(format!("/lawyer/claims/{id}").as_str())
    );
    assert_eq!(
        claim_json(&app, &lawyer, id).await["victim_address"],
        "1 Example Street, Prishtinë"
    );

    let changed = post(
        &mut browser,
        &format!("/lawyer/claims/{id}/offence-type"),
        &[("offence_type", "sexual_violence"), ("return", "check")],
    )
    .await;
    let check = format!("/lawyer/claims/{id}/check-answers");
    assert_eq!(
        changed.location(),
        Some(check.as_str()),
        "a change returns to check answers"
    );
    assert_eq!(
        claim_json(&app, &lawyer, id).await["offence_type"],
        "sexual_violence"
    );
    let answers = browser.get(&format!("{check}?lang=en")).await;
    assert!(answers.body.contains("govuk-summary-list"));
    assert!(answers.body.contains("Sexual violence"));
    assert!(answers.body.contains("1 May 1990"));
    assert!(
        answers
            .body
            .contains(&format!("/lawyer/claims/{id}/victim-name?return=check"))
    );
}

async fn a_bad_answer_is_named_in_the_error_summary_and_nothing_is_stored(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let id = app.draft(&lawyer).await;
    let before = claim_json(&app, &lawyer, id).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let path = format!("/lawyer/claims/{id}/crime-date?lang=en");
    let refused = answer_date(&mut browser, &path, ("crime_date", "1-1-2030")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("govuk-error-summary"));
    assert!(
        refused.body.contains("<title>Error: "),
        "the title says so first"
    );
    assert!(refused.body.contains("href=\"#crime_date-day\""));
    assert!(refused.body.contains("today or in the past"));
    assert!(
        refused.body.contains("value=\"2030\""),
        "the answer is kept on the form"
    );
    let path = format!("/lawyer/claims/{id}/victim-birth-date");
    let refused = answer_date(&mut browser, &path, ("victim_birth_date", "31-2-1990")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#victim_birth_date-day\""));
    let blank = post(
        &mut browser,
        &format!("/lawyer/claims/{id}/victim-name"),
        &[("victim_name", " ")],
    )
    .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("href=\"#victim_name\""));
    let after = claim_json(&app, &lawyer, id).await;
    assert_eq!(after["version"], before["version"], "nothing was stored");

    let partial: Vec<(&str, &str)> = START_ANSWERS
        .iter()
        .copied()
        .filter(|(name, _)| !["jurisdiction", "victim_name"].contains(name))
        .collect();
    let refused = post(&mut browser, "/lawyer/claims/new", &partial).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#jurisdiction\""));
    assert!(refused.body.contains("href=\"#victim_name\""));
    let listed = app.get_json(&lawyer, "/api/v1/claims").await;
    assert_eq!(
        listed["items"].as_array().unwrap().len(),
        1,
        "no second draft"
    );
}

async fn forms_without_a_valid_csrf_token_are_refused(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let id = app.draft(&lawyer).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let answer = [("csrf_token", "forged"), ("victim_name", "Forged Name")];
    let path = format!("/lawyer/claims/{id}/victim-name");
    let forged = browser.post_form(&path, &answer, SAME_ORIGIN).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let started = browser
        .post_form("/lawyer/claims/new", &START_ANSWERS[..2], SAME_ORIGIN)
        .await;
    assert_eq!(started.status, StatusCode::FORBIDDEN);
    let submitted = browser
        .post_form(&format!("/lawyer/claims/{id}/submit"), &[], SAME_ORIGIN)
        .await;
    assert_eq!(submitted.status, StatusCode::FORBIDDEN);
    let documents = format!("/lawyer/claims/{id}/documents");
    let fields: &[(&str, &str)] = &[("kind", "power_of_attorney")];
    let unsigned = upload(
        &app,
        &mut browser,
        &documents,
        (None, fields),
        pdf("forged"),
    )
    .await;
    assert_eq!(unsigned.status, StatusCode::FORBIDDEN);
    let wrong = Some("forged".to_owned());
    let forged = upload(
        &app,
        &mut browser,
        &documents,
        (wrong, fields),
        pdf("forged"),
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let claim = claim_json(&app, &lawyer, id).await;
    assert_eq!(claim["victim_name"], "Synthetic Applicant");
    assert_eq!(claim["state"], "draft");
    let listed = app
        .get_json(&lawyer, &format!("/api/v1/claims/{id}/documents"))
        .await;
    assert_eq!(listed.as_array().unwrap().len(), 0);
}

async fn a_claim_is_filed_with_its_power_of_attorney_checked_and_submitted(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let id = app.draft(&lawyer).await;
    let documents = format!("/lawyer/claims/{id}/documents");
    let token = browser.get(&documents).await.csrf_token();
    let fields: &[(&str, &str)] = &[("kind", "power_of_attorney")];
    let uploaded = upload(
        &app,
        &mut browser,
        &documents,
        (Some(token.clone()), fields),
        pdf("poa"),
    )
    .await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    assert_eq!(uploaded.location(), Some(documents.as_str()));
    let listed = app
        .get_json(&lawyer, &format!("/api/v1/claims/{id}/documents"))
        .await;
    assert_eq!(listed[0]["kind"], "power_of_attorney");
    let page = browser.get(&format!("{documents}?lang=en")).await;
    assert!(page.body.contains("Power of attorney"));
    let again = upload(
        &app,
        &mut browser,
        &documents,
        (Some(token.clone()), fields),
        pdf("poa"),
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the same file twice"
    );
    assert!(again.body.contains("href=\"#file\""));
    let not_a_pdf = b"plain text".to_vec();
    let refused = upload(
        &app,
        &mut browser,
        &documents,
        (Some(token), fields),
        not_a_pdf,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let tasks = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert!(
        !tasks.body.contains("Cannot start yet"),
        "ready to check and submit"
    );

    let submitted = post(&mut browser, &format!("/lawyer/claims/{id}/submit"), &[]).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    let confirmation_path = format!("/lawyer/claims/{id}/submitted");
    assert_eq!(submitted.location(), Some(confirmation_path.as_str()));
    let claim = claim_json(&app, &lawyer, id).await;
    assert_eq!(claim["state"], "submitted");
    let confirmation = browser.get(&format!("{confirmation_path}?lang=en")).await;
    assert!(confirmation.body.contains("govuk-panel--confirmation"));
    assert!(
        confirmation
            .body
            .contains(claim["reference"].as_str().unwrap())
    );
    let receipt = format!("/lawyer/claims/{id}/letters/1/sq");
    assert!(confirmation.body.contains(&receipt));
    let pdf_response = browser.get(&receipt).await;
    assert_eq!(pdf_response.status, StatusCode::OK);
    assert_eq!(pdf_response.headers["content-type"], "application/pdf");
    let disposition = pdf_response.headers["content-disposition"]
        .to_str()
        .unwrap();
    assert!(disposition.starts_with("attachment"));
    let standing = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert!(standing.body.contains("Submitted"));
    assert!(
        standing
            .body
            .contains("the secretariat is checking the application")
    );
}

async fn a_claim_without_its_authority_to_act_is_not_submitted_and_the_documents_row_is_named(
    app: TestApp,
) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let id = app.draft(&lawyer).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let refused = post(
        &mut browser,
        &format!("/lawyer/claims/{id}/submit?lang=en"),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#documents\""));
    assert!(refused.body.contains("Power of attorney"));
    assert_eq!(claim_json(&app, &lawyer, id).await["state"], "draft");
}

async fn the_lawyer_answers_an_evidence_request_by_upload(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let id = app.draft(&lawyer).await;
    app.file_power_of_attorney(&lawyer, id).await;
    app.act_ok(&lawyer, id, "submit", None).await;
    app.request_evidence(&secretariat, id, &["medical_report"], "2026-12-20")
        .await;
    let mut browser = signed_in(&app, "lawyer").await;
    let page = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert!(page.body.contains("Medical report"));
    assert!(page.body.contains("Evidence by 20 December 2026"));
    let requests = app
        .get_json(&lawyer, &format!("/api/v1/claims/{id}/evidence-requests"))
        .await;
    let item = requests[0]["items"][0]["id"].as_i64().unwrap().to_string();
    assert!(page.body.contains(&format!("id=\"file-{item}\"")));
    let token = page.csrf_token();
    let path = format!("/lawyer/claims/{id}/documents");
    let fields: &[(&str, &str)] = &[("kind", "medical_report"), ("request_item", &item)];
    let empty = upload(
        &app,
        &mut browser,
        &path,
        (Some(token.clone()), fields),
        Vec::new(),
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains(&format!("href=\"#file-{item}\"")));
    let answered = upload(
        &app,
        &mut browser,
        &path,
        (Some(token), fields),
        pdf("medical"),
    )
    .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER);
    assert_eq!(
        answered.location(),
        Some(format!("/lawyer/claims/{id}").as_str())
    );
    let requests = app
        .get_json(&lawyer, &format!("/api/v1/claims/{id}/evidence-requests"))
        .await;
    assert_eq!(
        requests[0]["items"][0]["document_ids"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let page = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert!(
        !page.body.contains(&format!("id=\"file-{item}\"")),
        "answered"
    );
}

async fn a_decided_claim_offers_its_decision_as_pdf_and_an_appeal_inside_the_window(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let id = app.draft(&lawyer).await;
    app.file_power_of_attorney(&lawyer, id).await;
    app.act_ok(&lawyer, id, "submit", None).await;
    let reason = json!({"reason": "Synthetic reason"});
    app.act_ok(&secretariat, id, "declare_inadmissible", Some(reason))
        .await;
    let mut browser = signed_in(&app, "lawyer").await;
    let page = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    for language in ["sq", "sr", "en"] {
        let link = format!("/lawyer/claims/{id}/decisions/1/{language}");
        assert!(page.body.contains(&link), "{language}");
    }
    let decision = browser
        .get(&format!("/lawyer/claims/{id}/decisions/1/sr"))
        .await;
    assert_eq!(decision.status, StatusCode::OK);
    assert_eq!(decision.headers["content-type"], "application/pdf");
    assert!(
        decision.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let missing = browser
        .get(&format!("/lawyer/claims/{id}/decisions/9/sq"))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains(&format!("/lawyer/claims/{id}/appeal")));
    let confirm = browser
        .get(&format!("/lawyer/claims/{id}/appeal?lang=en"))
        .await;
    assert!(confirm.body.contains("Confirm the appeal"));
    let too_long = "x".repeat(2001);
    let refused = post(
        &mut browser,
        &format!("/lawyer/claims/{id}/appeal"),
        &[("reason", &too_long)],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#reason\""));
    assert_eq!(claim_json(&app, &lawyer, id).await["state"], "decided");
    let appealed = post(
        &mut browser,
        &format!("/lawyer/claims/{id}/appeal"),
        &[("reason", "The claim was filed in time")],
    )
    .await;
    assert_eq!(appealed.status, StatusCode::SEE_OTHER);
    assert_eq!(claim_json(&app, &lawyer, id).await["state"], "under_appeal");

    // A second decided claim whose appeal window has passed offers no appeal.
    let late = app.draft(&lawyer).await;
    app.file_power_of_attorney(&lawyer, late).await;
    app.act_ok(&lawyer, late, "submit", None).await;
    let reason = json!({"reason": "Synthetic reason"});
    app.act_ok(&secretariat, late, "declare_inadmissible", Some(reason))
        .await;
    app.advance(400);
    let mut browser = signed_in(&app, "lawyer").await;
    let page = browser.get(&format!("/lawyer/claims/{late}")).await;
    assert!(
        !page
            .body
            .contains(&format!("/lawyer/claims/{late}/appeal\""))
    );
    let closed = post(
        &mut browser,
        &format!("/lawyer/claims/{late}/appeal?lang=en"),
        &[],
    )
    .await;
    assert_eq!(closed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(closed.body.contains("appeal window has closed"));
}

/// A claim started from the start page alone: no losses, no account, no consent.
async fn started_claim(browser: &mut Browser<'_>) -> i64 {
    let started = post(browser, "/lawyer/claims/new", START_ANSWERS).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    claim_id(&started)
}

/// The status the task list shows for the task `id`.
fn task_status(page: &Page, id: &str) -> String {
    let marker = format!("id=\"{id}-status\">");
    let start = page.body.find(&marker).expect("the task's status") + marker.len();
    let rest = &page.body[start..];
    let text = &rest[..rest.find("</div>").unwrap()];
    let without_tags: String = text
        .split('<')
        .map(|part| part.split_once('>').map_or(part, |(_, after)| after))
        .collect();
    without_tags.trim().to_owned()
}

async fn losses_are_added_and_removed_one_at_a_time_and_stored_as_the_api_stores_them(
    app: TestApp,
) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let id = started_claim(&mut browser).await;
    let tasks = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert_eq!(task_status(&tasks, "lawyer-task-losses"), "Not started");
    let losses = format!("/lawyer/claims/{id}/losses");
    let unnamed = post(
        &mut browser,
        &format!("{losses}?lang=en"),
        &[("amount", "5")],
    )
    .await;
    assert_eq!(unnamed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unnamed.body.contains("href=\"#head\""));
    assert!(unnamed.body.contains("Select the kind of loss"));
    let nothing = [("head", "medical_costs"), ("amount", "0")];
    let refused = post(&mut browser, &losses, &nothing).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#amount\""));
    assert_eq!(
        claim_json(&app, &lawyer, id).await["claimed_losses"],
        json!([])
    );

    let medical = [
        ("head", "medical_costs"),
        ("amount", "1.234,50"),
        ("details", "Synthetic Clinic"),
    ];
    let added = post(&mut browser, &losses, &medical).await;
    assert_eq!(added.location(), Some(losses.as_str()));
    let injury = post(&mut browser, &losses, &[("head", "physical_injury")]).await;
    assert_eq!(injury.status, StatusCode::SEE_OTHER);
    let listed = browser.get(&format!("{losses}?lang=en")).await;
    assert!(listed.body.contains("€1,234.50"));
    assert!(listed.body.contains("Amount not known"));
    let removed = post(
        &mut browser,
        &format!("{losses}/remove"),
        &[("position", "1")],
    )
    .await;
    assert_eq!(removed.location(), Some(losses.as_str()));
    assert_eq!(
        claim_json(&app, &lawyer, id).await["claimed_losses"],
        json!([{"head": "medical_costs", "amount": {"amount": "1234.50", "currency": "EUR"}, "details": "Synthetic Clinic"}])
    );
    let tasks = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert_eq!(task_status(&tasks, "lawyer-task-losses"), "Completed");
    let answers = browser
        .get(&format!("/lawyer/claims/{id}/check-answers?lang=en"))
        .await;
    assert!(answers.body.contains("Medical and hospital costs"));
    assert!(answers.body.contains("Synthetic Clinic"));
}

async fn the_bank_account_is_optional_checked_and_removable(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let id = started_claim(&mut browser).await;
    let tasks = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert_eq!(task_status(&tasks, "lawyer-task-bank-account"), "Optional");
    let page = format!("/lawyer/claims/{id}/bank-account");
    let skipped = post(&mut browser, &page, &[("holder", ""), ("iban", "")]).await;
    assert_eq!(
        skipped.location(),
        Some(format!("/lawyer/claims/{id}").as_str()),
        "left blank, the optional task is skipped"
    );
    let typo = [
        ("holder", "Synthetic Applicant"),
        ("iban", "XK05 1212 0123 4567 8907"),
    ];
    let refused = post(&mut browser, &format!("{page}?lang=en"), &typo).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#iban\""));
    assert!(
        refused.body.contains("XK05 1212 0123 4567 8907"),
        "what was typed stays"
    );
    assert_eq!(
        claim_json(&app, &lawyer, id).await["bank_account"],
        Value::Null
    );
    let valid = [
        ("holder", "Synthetic Applicant"),
        ("iban", "XK05 1212 0123 4567 8906"),
    ];
    let saved = post(&mut browser, &page, &valid).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        claim_json(&app, &lawyer, id).await["bank_account"]["iban"],
        "XK051212012345678906"
    );
    let tasks = browser.get(&format!("/lawyer/claims/{id}?lang=en")).await;
    assert_eq!(task_status(&tasks, "lawyer-task-bank-account"), "Completed");
    let removed = post(&mut browser, &page, &[("remove", "yes")]).await;
    assert_eq!(removed.location(), Some(page.as_str()));
    assert_eq!(
        claim_json(&app, &lawyer, id).await["bank_account"],
        Value::Null
    );
}

async fn consent_must_be_ticked_to_continue_and_its_absence_blocks_submission(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let id = started_claim(&mut browser).await;
    app.file_power_of_attorney(&lawyer, id).await;
    let fill = json!({"victim_birth_date": "1990-05-01", "victim_address": "1 Example Street"});
    let path = format!("/api/v1/claims/{id}");
    assert_eq!(
        app.patch(&lawyer, &path, fill).await.status(),
        StatusCode::OK
    );
    let refused = post(
        &mut browser,
        &format!("/lawyer/claims/{id}/submit?lang=en"),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#claimed_losses\""));
    assert!(refused.body.contains("href=\"#consent_given\""));
    assert!(
        refused.body.contains("id=\"consent_given\""),
        "the row the error links to"
    );

    let consent = format!("/lawyer/claims/{id}/consent");
    let unticked = post(&mut browser, &format!("{consent}?lang=en"), &[]).await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked.body.contains("href=\"#consent\""));
    let later = post(&mut browser, &consent, &[("later", "yes")]).await;
    assert_eq!(
        later.location(),
        Some(format!("/lawyer/claims/{id}").as_str())
    );
    assert_eq!(claim_json(&app, &lawyer, id).await["consent_given"], false);
    let ticked = post(
        &mut browser,
        &consent,
        &[("consent", "yes"), ("return", "check")],
    )
    .await;
    let check = format!("/lawyer/claims/{id}/check-answers");
    assert_eq!(ticked.location(), Some(check.as_str()));
    assert_eq!(claim_json(&app, &lawyer, id).await["consent_given"], true);
    let losses = format!("/lawyer/claims/{id}/losses");
    post(&mut browser, &losses, &[("head", "mental_harm")]).await;
    let submitted = post(&mut browser, &format!("/lawyer/claims/{id}/submit"), &[]).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    assert_eq!(claim_json(&app, &lawyer, id).await["state"], "submitted");
}

async fn a_passed_filing_deadline_is_said_on_the_task_list_before_any_submission(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let id = app.draft(&lawyer).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let tasks = format!("/lawyer/claims/{id}?lang=en");
    let in_time = browser.get(&tasks).await;
    assert!(!in_time.body.contains("filing-deadline-passed"));
    app.advance(365);
    let mut browser = signed_in(&app, "lawyer").await;
    let late = browser.get(&tasks).await;
    assert!(late.body.contains("id=\"filing-deadline-passed\""));
    assert!(late.body.contains("The time to file this claim ended on"));
}

async fn the_trafficking_question_is_asked_only_about_trafficking(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = signed_in(&app, "lawyer").await;
    let id = started_claim(&mut browser).await;
    let discovered = format!("/lawyer/claims/{id}/crime-discovered-on");
    let domestic = post(&mut browser, &discovered, &[]).await;
    assert_eq!(
        domestic.location(),
        Some(format!("/lawyer/claims/{id}/reported-to-police").as_str()),
        "domestic violence: the identification date is skipped"
    );
    let answers = browser
        .get(&format!("/lawyer/claims/{id}/check-answers?lang=en"))
        .await;
    assert!(
        !answers
            .body
            .contains("identified as a victim of trafficking")
    );
    let offence = format!("/lawyer/claims/{id}/offence-type");
    post(
        &mut browser,
        &offence,
        &[("offence_type", "trafficking_in_human_beings")],
    )
    .await;
    let trafficking = post(&mut browser, &discovered, &[]).await;
    assert_eq!(
        trafficking.location(),
        Some(format!("/lawyer/claims/{id}/trafficking-identified-on").as_str())
    );
}
