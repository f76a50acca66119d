//! The auditor's pages and the statistics page: they render in the three languages, refuse other
//! roles, and show what the API (or, for the chain check, `redress audit verify`) shows.

use redress::domain::Role;
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::audit::{disable_append_only_guard, submitted_claim};
use crate::helpers::{TestApp, draft_body, on_both_databases};
use crate::statistics::thirteen_claims;
use crate::web_browser::Browser;

on_both_databases!(
    every_audit_and_statistics_page_renders_in_the_three_languages,
    other_roles_are_refused_and_anonymous_visitors_are_sent_to_sign_in,
    a_page_several_roles_share_is_listed_once_in_the_menu,
    the_search_finds_a_claim_by_part_of_its_reference,
    a_search_with_a_malformed_reference_names_the_field_in_an_error_summary,
    the_check_says_the_chains_hold_and_counts_what_audit_verify_counts,
    a_tampered_event_is_named_with_its_claim_and_reason,
    the_timeline_shows_every_event_the_api_returns_without_the_victims_identity,
    the_access_log_lists_each_read_of_a_protected_identity,
    the_access_log_is_read_fifty_reads_a_page,
    statistics_show_the_figures_and_the_suppression_the_api_returns,
    a_malformed_or_reversed_period_is_named_on_the_statistics_form,
);

/// Each language's `lang` attribute and the audit page's title in it.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("sq", "lang=\"sq\"", "Auditimi"),
    ("sr-Cyrl", "lang=\"sr-Cyrl\"", "Ревизија"),
    ("en", "lang=\"en\"", "Audit"),
];

/// The reference of claim `id`, as the API shows it.
async fn reference_of(app: &TestApp, id: i64) -> String {
    let reader = app.user("reference-reader", &[Role::Secretariat]).await;
    let claim = app.get_json(&reader, &format!("/api/v1/claims/{id}")).await;
    claim["reference"].as_str().unwrap().to_owned()
}

async fn every_audit_and_statistics_page_renders_in_the_three_languages(app: TestApp) {
    let claim = submitted_claim(&app).await;
    app.user("auditor", &[Role::Auditor]).await;
    app.user("secretariat", &[Role::Secretariat]).await;
    app.user("chair", &[Role::Chair]).await;
    let mut browsers = Vec::new();
    for username in ["auditor", "secretariat", "chair"] {
        let mut browser = Browser::new(&app);
        browser.sign_in(username).await;
        browsers.push(browser);
    }
    let claim_page = format!("/audit/claims/{claim}");
    // By the index of the browser (auditor, secretariat, chair) that opens them.
    let pages = [
        (0, "/audit?reference=2026"),
        (0, "/audit/verification"),
        (0, claim_page.as_str()),
        (0, "/statistics"),
        (1, "/statistics"),
        (2, "/statistics"),
    ];
    for (tag, lang_attribute, audit_title) in LANGUAGES {
        for (browser, path) in pages {
            let separator = if path.contains('?') { '&' } else { '?' };
            let page = browsers[browser]
                .get(&format!("{path}{separator}lang={tag}"))
                .await;
            assert_eq!(page.status, StatusCode::OK, "{path} in {tag}");
            assert!(page.body.contains(lang_attribute), "{path} in {tag}");
            assert!(!page.body.contains('\u{2068}'), "no isolation marks");
        }
        let home = browsers[0].get(&format!("/audit?lang={tag}")).await;
        assert!(home.body.contains(audit_title), "{tag}");
    }
}

async fn other_roles_are_refused_and_anonymous_visitors_are_sent_to_sign_in(app: TestApp) {
    let claim = submitted_claim(&app).await;
    app.user("auditor", &[Role::Auditor]).await;
    app.user("secretariat", &[Role::Secretariat]).await;
    let claim_page = format!("/audit/claims/{claim}");
    let audit_pages = ["/audit", "/audit/verification", claim_page.as_str()];
    let mut anonymous = Browser::new(&app);
    for path in audit_pages.iter().chain(&["/statistics"]) {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location(), Some("/sign-in"), "{path}");
    }
    let mut lawyer = Browser::new(&app);
    lawyer.sign_in("lawyer").await;
    for path in audit_pages.iter().chain(&["/statistics"]) {
        assert_eq!(
            lawyer.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let mut secretariat = Browser::new(&app);
    secretariat.sign_in("secretariat").await;
    for path in audit_pages {
        let refused = secretariat.get(path).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
        assert!(refused.body.contains("govuk-heading-l"), "a page");
    }
    let queue = secretariat.get("/secretariat/queue").await;
    assert!(queue.body.contains("href=\"/statistics\""), "in the menu");
    let mut auditor = Browser::new(&app);
    assert_eq!(auditor.sign_in("auditor").await.location(), Some("/audit"));
    let home = auditor.get("/audit").await;
    assert!(home.body.contains("href=\"/statistics\""), "in the menu");
}

async fn a_page_several_roles_share_is_listed_once_in_the_menu(app: TestApp) {
    app.user("secretary-auditor", &[Role::Secretariat, Role::Auditor])
        .await;
    let mut browser = Browser::new(&app);
    browser.sign_in("secretary-auditor").await;
    let page = browser.get("/statistics?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("href=\"/statistics\"").count(), 1);
    assert!(page.body.contains("href=\"/audit\""));
    assert!(page.body.contains("href=\"/secretariat/queue\""));
}

async fn the_search_finds_a_claim_by_part_of_its_reference(app: TestApp) {
    let claim = submitted_claim(&app).await;
    let reference = reference_of(&app, claim).await;
    app.user("auditor", &[Role::Auditor]).await;
    let mut auditor = Browser::new(&app);
    auditor.sign_in("auditor").await;
    let number = reference.rsplit('-').next().unwrap();
    let found = auditor
        .get(&format!("/audit?reference={number}&lang=en"))
        .await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains(&reference), "{}", found.body);
    assert!(
        found
            .body
            .contains(&format!("href=\"/audit/claims/{claim}\""))
    );
    assert!(found.body.contains("Submitted"));
    let none = auditor.get("/audit?reference=XX-1999&lang=en").await;
    assert!(
        none.body
            .contains("No claim has a reference containing XX-1999")
    );
}

async fn a_search_with_a_malformed_reference_names_the_field_in_an_error_summary(app: TestApp) {
    app.user("auditor", &[Role::Auditor]).await;
    let mut auditor = Browser::new(&app);
    auditor.sign_in("auditor").await;
    let refused = auditor.get("/audit?reference=KS%202026%27--&lang=en").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("govuk-error-summary"));
    assert!(refused.body.contains("href=\"#reference\""));
    assert!(refused.body.contains("id=\"reference-error\""));
    assert!(
        refused
            .body
            .contains("Enter a reference of letters, digits and hyphens only")
    );
    assert!(refused.body.contains("value=\"KS 2026&#39;--\""), "kept");
}

async fn the_check_says_the_chains_hold_and_counts_what_audit_verify_counts(app: TestApp) {
    submitted_claim(&app).await;
    let second = app.user("second-lawyer", &[Role::Lawyer]).await;
    app.draft(&second).await;
    let report = app.services.verify_audit_trail().await.unwrap();
    assert_eq!((report.claims, report.breaks.len()), (2, 0));
    app.user("auditor", &[Role::Auditor]).await;
    let mut auditor = Browser::new(&app);
    auditor.sign_in("auditor").await;
    let page = auditor.get("/audit/verification?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("The audit chains hold"));
    assert!(page.body.contains("Claims checked: 2"));
    let events = format!("Events checked: {}", report.events);
    assert!(page.body.contains(&events), "{}", page.body);
}

async fn a_tampered_event_is_named_with_its_claim_and_reason(app: TestApp) {
    let claim = submitted_claim(&app).await;
    disable_append_only_guard(&app).await;
    let tamper = format!(
        "UPDATE claim_events SET role = 'secretariat' WHERE claim_id = {claim} AND sequence = 2"
    );
    let database = app.services.database();
    database.execute_unprepared(&tamper).await.unwrap();
    app.user("auditor", &[Role::Auditor]).await;
    let mut auditor = Browser::new(&app);
    auditor.sign_in("auditor").await;
    let page = auditor.get("/audit/verification?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("The audit chains hold"));
    assert!(page.body.contains("Claims whose audit chain is broken: 1"));
    assert!(page.body.contains(&format!("Claim no. {claim}")));
    assert!(page.body.contains("content no longer matches its hash"));
    let serbian = auditor.get("/audit/verification?lang=sr-Cyrl").await;
    assert!(serbian.body.contains("више не одговара његовом хешу"));
}

async fn the_timeline_shows_every_event_the_api_returns_without_the_victims_identity(app: TestApp) {
    let claim = submitted_claim(&app).await;
    let auditor_user = app.user("auditor", &[Role::Auditor]).await;
    let events = app
        .get_json(&auditor_user, &format!("/api/v1/claims/{claim}/events"))
        .await;
    let actions: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "upload_document", "submit"]);
    let mut auditor = Browser::new(&app);
    auditor.sign_in("auditor").await;
    let page = auditor.get(&format!("/audit/claims/{claim}?lang=en")).await;
    assert_eq!(page.status, StatusCode::OK);
    let created = page.body.find("Claim created").expect("the first event");
    let uploaded = page.body.find("Document uploaded").expect("the second");
    assert!(created < uploaded, "oldest first");
    assert!(page.body[uploaded..].contains(">Submitted<"), "the third");
    assert!(page.body.contains("Lawyer"), "the actor's role");
    assert!(page.body.contains("28 November 2026 09:00:00 UTC"));
    assert!(page.body.contains("govuk-exit-this-page"));
    assert!(
        !page.body.contains("Synthetic Applicant"),
        "no victim's name"
    );
    assert!(
        page.body.contains("Synthetic lawyer (lawyer)"),
        "the staff member who acted, by name"
    );
    assert!(!page.body.contains("Example Street"), "no address");
    let albanian = auditor.get(&format!("/audit/claims/{claim}?lang=sq")).await;
    assert!(albanian.body.contains("Kërkesa u krijua"));
    assert!(albanian.body.contains("28.11.2026 09:00:00 UTC"));
    let elsewhere = auditor.get("/audit/claims/999999").await;
    assert_eq!(elsewhere.status, StatusCode::NOT_FOUND);
}

async fn the_access_log_lists_each_read_of_a_protected_identity(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let auditor_user = app.user("auditor", &[Role::Auditor]).await;
    let mut body = draft_body();
    body["protected_identity"] = json!(true);
    body["offence_type"] = json!("trafficking_in_human_beings");
    let created: Value = app.create_claim(&lawyer, body).await.json().await.unwrap();
    let claim = created["id"].as_i64().unwrap();
    let log = app
        .get_json(&auditor_user, &format!("/api/v1/claims/{claim}/access-log"))
        .await;
    assert_eq!(log.as_array().unwrap().len(), 1, "the lawyer's read");
    let mut auditor = Browser::new(&app);
    auditor.sign_in("auditor").await;
    let page = auditor.get(&format!("/audit/claims/{claim}?lang=en")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Synthetic lawyer (lawyer)"),
        "the reader by name"
    );
    for field in [
        "Applicant's name",
        "Victim's date of birth",
        "Victim's address",
    ] {
        assert!(page.body.contains(&field.replace('\'', "&#39;")), "{field}");
    }
    assert!(
        !page.body.contains("Synthetic Applicant"),
        "the name stays masked"
    );
    let unprotected = app.draft(&lawyer).await;
    let none = auditor
        .get(&format!("/audit/claims/{unprotected}?lang=en"))
        .await;
    assert!(
        none.body
            .contains("Nobody has read this claim&#39;s protected identity.")
    );
}

async fn the_access_log_is_read_fifty_reads_a_page(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    app.user("auditor", &[Role::Auditor]).await;
    let mut body = draft_body();
    body["protected_identity"] = json!(true);
    let created: Value = app.create_claim(&lawyer, body).await.json().await.unwrap();
    let claim = created["id"].as_i64().unwrap();
    // With the read when it was created, 56 reads: a full page and six.
    for _ in 0..55 {
        let read = app.get(&lawyer, &format!("/api/v1/claims/{claim}")).await;
        assert_eq!(read.status(), StatusCode::OK);
    }
    let mut auditor = Browser::new(&app);
    auditor.sign_in("auditor").await;
    let first = auditor.get(&format!("/audit/claims/{claim}?lang=en")).await;
    let reader = "Synthetic lawyer (lawyer)";
    let access_log = |body: &str| {
        body.split("id=\"access-log\"")
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(access_log(&first.body).matches(reader).count(), 50);
    let next = format!("href=\"/audit/claims/{claim}?page=2#access-log\"");
    assert!(first.body.contains(&next), "{}", first.body);
    assert!(!first.body.contains("Previous page"));
    let second = auditor
        .get(&format!("/audit/claims/{claim}?page=2&lang=en"))
        .await;
    assert_eq!(access_log(&second.body).matches(reader).count(), 6);
    assert!(second.body.contains("Previous page"));
    assert!(second.body.contains("oldest first, page 2"));
    let beyond = auditor
        .get(&format!("/audit/claims/{claim}?page=9&lang=en"))
        .await;
    assert_eq!(
        access_log(&beyond.body).matches(reader).count(),
        6,
        "the last page"
    );
}

async fn statistics_show_the_figures_and_the_suppression_the_api_returns(app: TestApp) {
    let secretariat_user = thirteen_claims(&app).await;
    let report = app
        .get_json(
            &secretariat_user,
            "/api/v1/reports/statistics?from=2026-11-01&to=2026-11-30&group_by=offence_type",
        )
        .await;
    let mut secretariat = Browser::new(&app);
    secretariat.sign_in("secretariat").await;
    let page = secretariat
        .get("/statistics?from=2026-11-01&to=2026-11-30&group_by=offence_type&lang=en")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let counts = table(&page.body, "counts_table");
    let offence_names = [
        ("domestic_violence", "Domestic violence"),
        ("other_violent_crime", "Other violent crime"),
        ("sexual_violence", "Sexual violence"),
    ];
    for cell in report["cells"].as_array().unwrap() {
        let value = cell["values"]["offence_type"].as_str().unwrap();
        let (_, name) = offence_names.iter().find(|(key, _)| *key == value).unwrap();
        let row = row_after(counts, name);
        if cell["suppressed"].as_bool().unwrap() {
            assert!(row.contains("Suppressed"), "{name}: {row}");
        } else {
            let lodged = cell["lodged"].as_u64().unwrap();
            assert!(row.contains(&format!(">{lodged}<")), "{name}: {row}");
            assert!(!row.contains("Suppressed"), "{name}: {row}");
        }
    }
    let total = row_after(counts, "All claims");
    let lodged = report["total"]["lodged"].as_u64().unwrap();
    assert!(total.contains(&format!(">{lodged}<")), "{total}");
    let total_amounts = row_after(table(&page.body, "amounts_table"), "All claims");
    let amounts = report["total"]["amounts"].as_array().unwrap();
    if amounts.is_empty() {
        assert!(total_amounts.contains("None"), "{total_amounts}");
    }
    for amount in amounts {
        // Below a thousand, English writes the API's decimal after the symbol unchanged.
        assert_eq!(amount["currency"], "EUR");
        let awarded = format!("€{}", amount["awarded"].as_str().unwrap());
        assert!(total_amounts.contains(&awarded), "{total_amounts}");
    }
    assert_eq!(page.body.matches("role=\"img\"").count(), 2, "two charts");
    assert!(
        page.body
            .contains("<title id=\"chart_lodged-title\">Claims lodged")
    );
    assert!(!page.body.contains("style="), "nothing the CSP would block");
    let threshold = report["threshold"].as_u64().unwrap();
    let note = format!("A group of fewer than {threshold} claims is suppressed");
    assert!(page.body.contains(&note));
    let serbian = secretariat
        .get("/statistics?from=2026-11-01&to=2026-11-30&group_by=gender&lang=sr-Cyrl")
        .await;
    assert!(serbian.body.contains("Женски"), "genders in Serbian");
    let october = secretariat
        .get("/statistics?from=2026-10-01&to=2026-10-31&lang=en")
        .await;
    assert!(october.body.contains("so every figure is suppressed"));
}

/// The text of the table with `id` in `body`.
fn table<'body>(body: &'body str, id: &str) -> &'body str {
    let start = body.find(&format!("id=\"{id}\"")).expect("the table");
    let end = body[start..].find("</table>").unwrap();
    &body[start..start + end]
}

/// The rest of the table row that starts with `name`.
fn row_after<'text>(text: &'text str, name: &str) -> &'text str {
    let start = text.find(&format!(">{name}<")).expect(name);
    let end = text[start..].find("</tr>").unwrap();
    &text[start..start + end]
}

async fn a_malformed_or_reversed_period_is_named_on_the_statistics_form(app: TestApp) {
    app.user("chair", &[Role::Chair]).await;
    let mut chair = Browser::new(&app);
    chair.sign_in("chair").await;
    let malformed = chair
        .get("/statistics?from=2026-13-01&to=2026-11-30&lang=en")
        .await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.body.contains("govuk-error-summary"));
    assert!(malformed.body.contains("href=\"#from\""));
    assert!(!malformed.body.contains("href=\"#to\""));
    assert!(malformed.body.contains("Enter a real date"));
    let reversed = chair
        .get("/statistics?from=2026-11-30&to=2026-11-01&lang=en")
        .await;
    assert_eq!(reversed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reversed.body.contains("href=\"#to\""));
    assert!(reversed.body.contains("must not be before its start"));
    let unknown = chair.get("/statistics?group_by=name&lang=en").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("href=\"#group_by\""));
}
