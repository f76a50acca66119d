//! Browser sessions: sign-in rotates the cookie, sign-out revokes it, idle sessions end, forms
//! need their CSRF token and must come from the service's own pages, and the API ignores the
//! cookie altogether.

use chrono::TimeDelta;
use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{
    BROWSER_SESSION_LIMITS, PASSWORD, SESSION_LIFETIME_HOURS, TestApp, on_both_databases,
};
use crate::web_browser::{Browser, SESSION_COOKIE};

on_both_databases!(
    sign_in_rotates_the_session,
    sign_out_revokes_the_session,
    an_idle_session_ends_and_a_busy_one_ends_at_its_absolute_limit,
    a_form_without_a_valid_csrf_token_is_refused,
    a_form_posted_cross_site_is_refused,
    a_wrong_password_is_answered_on_the_page,
    the_api_ignores_the_browser_session,
    deactivation_ends_browser_sessions_and_role_changes_apply_to_the_next_page,
    web_and_api_sign_ins_share_one_throttle,
    ended_sessions_are_purged_and_live_ones_kept,
);

async fn sign_in_rotates_the_session(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = Browser::new(&app);
    browser.get("/sign-in").await;
    let before = browser.session_cookie().expect("a cookie before sign-in");
    let signed_in = browser.sign_in("lawyer").await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let set_cookie = signed_in.headers["set-cookie"].to_str().unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(
        !set_cookie.contains("Domain"),
        "__Host- cookies name no domain"
    );
    let after = browser.session_cookie().unwrap();
    assert_ne!(before, after, "a new id at sign-in");
    assert_eq!(browser.get("/lawyer/claims").await.status, StatusCode::OK);
    // The id held before sign-in signs nobody in.
    let mut planted = Browser::new(&app);
    planted.cookies.insert(SESSION_COOKIE.to_owned(), before);
    assert_eq!(
        planted.get("/lawyer/claims").await.status,
        StatusCode::SEE_OTHER
    );
    // Signing in again from a signed-in browser (an old tab's form) revokes the session it held.
    let mut copy = Browser::new(&app);
    copy.cookies
        .insert(SESSION_COOKIE.to_owned(), after.clone());
    let token = browser.get("/lawyer/claims").await.csrf_token();
    let fields = [
        ("csrf_token", token.as_str()),
        ("username", "lawyer"),
        ("password", PASSWORD),
    ];
    let again = browser.post_form("/sign-in", &fields, &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_ne!(browser.session_cookie().unwrap(), after);
    assert_eq!(
        copy.get("/lawyer/claims").await.status,
        StatusCode::SEE_OTHER
    );
}

async fn sign_out_revokes_the_session(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = Browser::new(&app);
    browser.sign_in("lawyer").await;
    let session = browser.session_cookie().unwrap();
    let page = browser.get("/lawyer/claims").await;
    let token = page.csrf_token();
    let signed_out = browser
        .post_form("/sign-out", &[("csrf_token", &token)], &[])
        .await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_out.location(), Some("/sign-in"));
    assert_ne!(browser.session_cookie().unwrap(), session);
    assert_eq!(
        browser.get("/lawyer/claims").await.status,
        StatusCode::SEE_OTHER
    );
    let mut replayed = Browser::new(&app);
    replayed.cookies.insert(SESSION_COOKIE.to_owned(), session);
    assert_eq!(
        replayed.get("/lawyer/claims").await.status,
        StatusCode::SEE_OTHER
    );
}

async fn an_idle_session_ends_and_a_busy_one_ends_at_its_absolute_limit(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let idle_minutes = i64::from(BROWSER_SESSION_LIMITS.idle_minutes);
    let mut browser = Browser::new(&app);
    browser.sign_in("lawyer").await;
    // Used within the idle timeout, again and again: still signed in.
    for _ in 0..3 {
        app.clock.advance(TimeDelta::minutes(idle_minutes - 1));
        assert_eq!(browser.get("/lawyer/claims").await.status, StatusCode::OK);
    }
    app.clock.advance(TimeDelta::minutes(idle_minutes + 1));
    let ended = browser.get("/lawyer/claims").await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(ended.location(), Some("/sign-in"));
    // Busy all along, a session still ends at its absolute limit.
    let mut busy = Browser::new(&app);
    busy.sign_in("lawyer").await;
    let absolute_minutes = i64::from(BROWSER_SESSION_LIMITS.absolute_hours) * 60;
    let mut elapsed = 0;
    while elapsed + idle_minutes - 1 < absolute_minutes {
        app.clock.advance(TimeDelta::minutes(idle_minutes - 1));
        elapsed += idle_minutes - 1;
        assert_eq!(busy.get("/lawyer/claims").await.status, StatusCode::OK);
    }
    app.clock.advance(TimeDelta::minutes(idle_minutes - 1));
    assert_eq!(
        busy.get("/lawyer/claims").await.status,
        StatusCode::SEE_OTHER
    );
}

async fn a_form_without_a_valid_csrf_token_is_refused(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let credentials = [("username", "lawyer"), ("password", PASSWORD)];
    let mut browser = Browser::new(&app);
    let form = browser.get("/sign-in").await;
    let missing = browser.post_form("/sign-in", &credentials, &[]).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    let mut wrong = credentials.to_vec();
    wrong.push(("csrf_token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    assert_eq!(
        browser.post_form("/sign-in", &wrong, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    // Another visitor's token is of no use with this session.
    let other_token = Browser::new(&app).get("/sign-in").await.csrf_token();
    let mut borrowed = credentials.to_vec();
    borrowed.push(("csrf_token", &other_token));
    assert_eq!(
        browser.post_form("/sign-in", &borrowed, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(browser.get("/lawyer/claims").await.status == StatusCode::SEE_OTHER);
    let token = form.csrf_token();
    let mut valid = credentials.to_vec();
    valid.push(("csrf_token", &token));
    assert_eq!(
        browser.post_form("/sign-in", &valid, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    // Signed in, the sign-out form needs the new session's token, not the old one.
    let stale = browser
        .post_form("/sign-out", &[("csrf_token", &token)], &[])
        .await;
    assert_eq!(stale.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/lawyer/claims").await.status, StatusCode::OK);
}

async fn a_form_posted_cross_site_is_refused(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = Browser::new(&app);
    let token = browser.get("/sign-in").await.csrf_token();
    let fields = [
        ("csrf_token", token.as_str()),
        ("username", "lawyer"),
        ("password", PASSWORD),
    ];
    for headers in [
        [("sec-fetch-site", "cross-site")],
        [("sec-fetch-site", "same-site")],
        [("origin", "https://attacker.example")],
    ] {
        let refused = browser.post_form("/sign-in", &fields, &headers).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{headers:?}");
    }
    assert_eq!(
        browser.get("/lawyer/claims").await.status,
        StatusCode::SEE_OTHER
    );
    let ours = [("origin", "https://redress.example")];
    let accepted = browser.post_form("/sign-in", &fields, &ours).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
}

async fn a_wrong_password_is_answered_on_the_page(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = Browser::new(&app);
    let token = browser.get("/sign-in?lang=en").await.csrf_token();
    let fields = [
        ("csrf_token", token.as_str()),
        ("username", "lawyer"),
        ("password", "not the password"),
    ];
    let page = browser.post_form("/sign-in", &fields, &[]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("govuk-error-summary"));
    assert!(page.body.contains("href=\"#username\""));
    assert!(page.body.contains("The username or password is wrong"));
    assert!(
        page.body.contains("value=\"lawyer\""),
        "the username is kept"
    );
    assert!(
        !page.body.contains("not the password"),
        "the password is not"
    );
    let empty = [("csrf_token", token.as_str()), ("username", "lawyer")];
    let page = browser.post_form("/sign-in", &empty, &[]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("href=\"#password\""));
}

async fn the_api_ignores_the_browser_session(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = Browser::new(&app);
    browser.sign_in("lawyer").await;
    let session = browser.session_cookie().unwrap();
    let response = app
        .client
        .get(app.url("/api/v1/claims"))
        .header("cookie", format!("{SESSION_COOKIE}={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

async fn deactivation_ends_browser_sessions_and_role_changes_apply_to_the_next_page(app: TestApp) {
    let admin = app.user("admin", &[Role::Admin]).await;
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = Browser::new(&app);
    browser.sign_in("lawyer").await;
    let path = format!("/api/v1/users/{}", lawyer.id);
    app.patch(&admin, &path, json!({"roles": ["secretariat"]}))
        .await;
    assert_eq!(
        browser.get("/lawyer/claims").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        browser.get("/secretariat/queue").await.status,
        StatusCode::OK
    );
    app.patch(&admin, &path, json!({"active": false})).await;
    assert_eq!(
        browser.get("/secretariat/queue").await.status,
        StatusCode::SEE_OTHER
    );
    app.patch(&admin, &path, json!({"active": true})).await;
    let revived = browser.get("/secretariat/queue").await;
    assert_eq!(
        revived.status,
        StatusCode::SEE_OTHER,
        "reactivation revives no session"
    );
}

async fn web_and_api_sign_ins_share_one_throttle(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let mut browser = Browser::new(&app);
    let token = browser.get("/sign-in?lang=en").await.csrf_token();
    let fields = [
        ("csrf_token", token.as_str()),
        ("username", "lawyer"),
        ("password", "not the password"),
    ];
    // `app.user` signed in once through the API: four more failures reach the limit of five.
    for _ in 0..4 {
        let page = browser.post_form("/sign-in", &fields, &[]).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let throttled = browser.post_form("/sign-in", &fields, &[]).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.body.contains("Too many attempts"));
    let api = app.login("lawyer", PASSWORD).await;
    assert_eq!(
        api.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the same throttle"
    );
}

async fn ended_sessions_are_purged_and_live_ones_kept(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut signed_out = Browser::new(&app);
    signed_out.sign_in("lawyer").await;
    let token = signed_out.get("/lawyer/claims").await.csrf_token();
    signed_out
        .post_form(
            "/sign-out",
            &[("csrf_token", token.as_str())],
            &[("sec-fetch-site", "same-origin")],
        )
        .await;
    let mut signed_in = Browser::new(&app);
    signed_in.sign_in("lawyer").await;

    let purged = app.services.purge_ended_sessions().await.unwrap();
    assert_eq!(
        (purged.browser, purged.bearer),
        (1, 0),
        "only the signed-out one"
    );
    assert_eq!(signed_in.get("/lawyer/claims").await.status, StatusCode::OK);
    let me = app.get(&lawyer, "/api/v1/me").await;
    assert_eq!(me.status(), StatusCode::OK);

    app.advance(i64::from(SESSION_LIFETIME_HOURS / 24) + 1);
    let purged = app.services.purge_ended_sessions().await.unwrap();
    assert_eq!((purged.browser, purged.bearer), (1, 1), "both expired");
}
