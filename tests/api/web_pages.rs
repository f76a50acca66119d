//! The web UI's pages: each renders in Albanian, Serbian (Cyrillic) and English, shows what the
//! API would show its visitor, and refuses the visitors of other roles.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, TestApp, on_both_databases, spawn_demo_app};
use crate::web_browser::Browser;

on_both_databases!(
    every_page_renders_in_the_three_languages,
    the_language_comes_from_the_query_then_the_cookie_then_accept_language,
    each_role_is_refused_the_pages_of_the_others,
    the_lawyer_sees_their_own_claims_with_the_next_deadline_and_what_is_needed,
    the_queue_puts_overdue_claims_first,
    pages_carry_a_strict_content_security_policy_and_no_gov_uk_branding,
    assets_are_served_from_the_binary_with_long_cache_headers,
);

/// Each language's `lang` attribute and a word only its page has.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("sq", "lang=\"sq\"", "Kompensimi i viktimave"),
    ("sr-Cyrl", "lang=\"sr-Cyrl\"", "Накнада штете жртвама"),
    ("en", "lang=\"en\"", "Crime victims&#39; compensation"),
];

async fn every_page_renders_in_the_three_languages(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    app.user("secretariat", &[Role::Secretariat]).await;
    let mut anonymous = Browser::new(&app);
    let mut lawyer = Browser::new(&app);
    lawyer.sign_in("lawyer").await;
    let mut secretariat = Browser::new(&app);
    secretariat.sign_in("secretariat").await;
    for (tag, lang_attribute, service_name) in LANGUAGES {
        let pages = [
            (&mut anonymous, "/sign-in"),
            (&mut lawyer, "/lawyer/claims"),
            (&mut secretariat, "/secretariat/queue"),
        ];
        for (browser, path) in pages {
            let page = browser.get(&format!("{path}?lang={tag}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path} in {tag}");
            assert!(page.body.contains(lang_attribute), "{path} in {tag}");
            assert!(page.body.contains(service_name), "{path} in {tag}");
            assert!(!page.body.contains('\u{2068}'), "no isolation marks");
        }
    }
}

async fn the_language_comes_from_the_query_then_the_cookie_then_accept_language(app: TestApp) {
    let mut browser = Browser::new(&app);
    let albanian = browser.get("/sign-in").await;
    assert!(albanian.body.contains("lang=\"sq\""), "Albanian by default");
    let serbian = Browser::new(&app)
        .get_with("/sign-in", &[("accept-language", "sr-Latn;q=0.9, de")])
        .await;
    assert!(serbian.body.contains("lang=\"sr-Cyrl\""));
    browser.get("/sign-in?lang=en").await;
    let remembered = browser
        .get_with("/sign-in", &[("accept-language", "sr")])
        .await;
    assert!(remembered.body.contains("lang=\"en\""), "the cookie wins");
    let chosen = browser.get("/sign-in?lang=sr-Cyrl").await;
    assert!(chosen.body.contains("lang=\"sr-Cyrl\""));
    assert!(chosen.body.contains("hreflang=\"sq\""), "language links");
}

async fn each_role_is_refused_the_pages_of_the_others(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    app.user("secretariat", &[Role::Secretariat]).await;
    app.user("member", &[Role::Admin]).await;
    let mut anonymous = Browser::new(&app);
    for path in ["/lawyer/claims", "/secretariat/queue", "/"] {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location(), Some("/sign-in"));
    }
    let mut lawyer = Browser::new(&app);
    assert_eq!(
        lawyer.sign_in("lawyer").await.location(),
        Some("/lawyer/claims")
    );
    let refused = lawyer.get("/secretariat/queue").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused.body.contains("govuk-heading-l"),
        "a page, not a bare status"
    );
    let mut secretariat = Browser::new(&app);
    let landed = secretariat.sign_in("secretariat").await;
    assert_eq!(landed.location(), Some("/secretariat/queue"));
    assert_eq!(
        secretariat.get("/").await.location(),
        Some("/secretariat/queue")
    );
    assert_eq!(
        secretariat.get("/lawyer/claims").await.status,
        StatusCode::FORBIDDEN
    );
    // A role with no pages yet is told so, and is left with no session.
    let mut member = Browser::new(&app);
    let anonymous_cookie = {
        member.get("/sign-in").await;
        member.session_cookie()
    };
    let told = member.sign_in("member").await;
    assert_eq!(told.status, StatusCode::FORBIDDEN);
    assert!(told.body.contains("/docs"));
    assert_eq!(member.session_cookie(), anonymous_cookie);
    assert_eq!(
        member.get("/lawyer/claims").await.status,
        StatusCode::SEE_OTHER
    );
}

async fn the_lawyer_sees_their_own_claims_with_the_next_deadline_and_what_is_needed(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let other = app.user("other-lawyer", &[Role::Lawyer]).await;
    let mine = app.draft(&lawyer).await;
    let theirs = app.draft(&other).await;
    let my_claim = app
        .get_json(&lawyer, &format!("/api/v1/claims/{mine}"))
        .await;
    let my_reference = my_claim["reference"].as_str().unwrap();
    let their_claim = app
        .get_json(&other, &format!("/api/v1/claims/{theirs}"))
        .await;
    let their_reference = their_claim["reference"].as_str().unwrap();
    let mut browser = Browser::new(&app);
    browser.sign_in("lawyer").await;
    let page = browser.get("/lawyer/claims?lang=en").await;
    assert!(page.body.contains(my_reference));
    assert!(
        !page.body.contains(their_reference),
        "another lawyer's claim"
    );
    assert!(page.body.contains("Draft"));
    assert!(page.body.contains("Complete the claim and submit it"));
    // Filing within six months of the crime (2026-10-19), written as English writes dates.
    assert!(
        page.body.contains("Filing by 19 April 2027"),
        "{}",
        page.body
    );
    assert!(page.body.contains("govuk-exit-this-page"));
    let albanian = browser.get("/lawyer/claims?lang=sq").await;
    assert!(albanian.body.contains("Paraqitja deri më 19.04.2027"));
}

async fn the_queue_puts_overdue_claims_first(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let on_time = app.draft(&secretariat).await;
    app.act_ok(&secretariat, on_time, "submit", None).await;
    let late = app.draft(&secretariat).await;
    app.act_ok(&secretariat, late, "submit", None).await;
    let request = json!({"requested_documents": ["medical_report"], "evidence_due": "2026-12-10"});
    app.act_ok(&secretariat, late, "request_evidence", Some(request))
        .await;
    let untouched_draft = app.draft(&secretariat).await;
    app.advance(20);
    let reference = |id: i64| {
        let secretariat = &secretariat;
        let app = &app;
        async move {
            let claim = app
                .get_json(secretariat, &format!("/api/v1/claims/{id}"))
                .await;
            claim["reference"].as_str().unwrap().to_owned()
        }
    };
    let (on_time, late, draft) = (
        reference(on_time).await,
        reference(late).await,
        reference(untouched_draft).await,
    );
    let mut browser = Browser::new(&app);
    browser.sign_in("secretariat").await;
    let page = browser.get("/secretariat/queue?lang=en").await;
    assert_eq!(page.status, StatusCode::OK);
    let late_at = page.body.find(&late).expect("the overdue claim");
    let on_time_at = page.body.find(&on_time).expect("the claim on time");
    assert!(late_at < on_time_at, "overdue first");
    assert!(page.body.contains("Overdue by 8 days"));
    assert!(!page.body.contains(&draft), "drafts are not in the queue");
    let submitted_only = browser.get("/secretariat/queue?state=submitted").await;
    assert!(submitted_only.body.contains(&on_time));
    assert!(!submitted_only.body.contains(&late));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_sign_in_page_lists_the_demo_accounts_with_pages_and_their_roles() {
    let app = spawn_demo_app(Backend::Sqlite).await.unwrap();
    app.services.seed_demo().await.unwrap();
    let page = Browser::new(&app).get("/sign-in?lang=en").await;
    assert!(page.body.contains("Demo accounts"));
    assert!(page.body.contains("<code>lawyer</code>"));
    assert!(page.body.contains("<code>secretariat</code>"));
    assert!(page.body.contains("Secretariat"));
    assert!(page.body.contains("<code>chair</code>"));
    assert!(
        !page.body.contains("<code>admin</code>"),
        "no pages for the administrator yet"
    );
    let plain = crate::helpers::spawn_app(Backend::Sqlite).await.unwrap();
    let page = Browser::new(&plain).get("/sign-in?lang=en").await;
    assert!(!page.body.contains("Demo accounts"));
}

async fn pages_carry_a_strict_content_security_policy_and_no_gov_uk_branding(app: TestApp) {
    let page = Browser::new(&app).get("/sign-in").await;
    let policy = page.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("default-src 'none'"));
    assert!(policy.contains("script-src 'self'"));
    assert!(!policy.contains("unsafe-inline"));
    assert!(policy.contains("frame-ancestors 'none'"));
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["cache-control"], "no-store");
    assert!(!page.body.contains("<script>"), "no inline script");
    assert!(!page.body.contains("style="), "no inline style");
    assert!(page.body.contains("govuk-generic-header"));
    for branding in ["GOV.UK", "govuk-logo", "crown", "GDS Transport"] {
        assert!(!page.body.contains(branding), "{branding}");
    }
}

async fn assets_are_served_from_the_binary_with_long_cache_headers(app: TestApp) {
    let page = Browser::new(&app).get("/sign-in").await;
    let marker = "href=\"/assets/";
    let start = page.body.find(marker).unwrap() + "href=\"".len();
    let length = page.body[start..].find('"').unwrap();
    let css_url = &page.body[start..start + length];
    assert!(css_url.ends_with("/app.css"), "{css_url}");
    let mut browser = Browser::new(&app);
    let css = browser.get(css_url).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
    let cache = css.headers["cache-control"].to_str().unwrap();
    assert!(cache.contains("max-age=31536000") && cache.contains("immutable"));
    assert!(css.body.contains(".govuk-generic-header"));
    let htmx_url = css_url.replace("app.css", "htmx.min.js");
    assert_eq!(browser.get(&htmx_url).await.status, StatusCode::OK);
    let stale = browser.get("/assets/000000000000/app.css").await;
    assert_eq!(stale.headers["cache-control"], "no-cache");
    let missing = browser.get(&css_url.replace("app.css", "crown.svg")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
