//! The administrator's pages: accounts are added and changed through the same service as
//! `/api/v1/users`, refusals name their field and store nothing, and no one else gets in.

use redress::domain::Role;
use reqwest::StatusCode;

use crate::helpers::{PASSWORD, TestApp, on_both_databases};
use crate::web_browser::{Browser, Page};

on_both_databases!(
    the_administrator_adds_an_account_that_can_then_sign_in,
    a_refused_field_is_named_on_the_form_and_nothing_is_stored,
    the_administrator_changes_roles_and_deactivates_an_account,
    the_administrator_cannot_deactivate_their_own_account_on_the_page,
    only_administrators_reach_the_user_pages,
    the_user_pages_render_in_the_three_languages,
);

/// Opens the form at `path` and posts `fields` with its CSRF token, as the browser would.
async fn submit(browser: &mut Browser<'_>, path: &str, fields: &[(&str, &str)]) -> Page {
    let form = browser.get(path).await;
    assert_eq!(form.status, StatusCode::OK, "{path}: {}", form.body);
    let token = form.csrf_token();
    let mut all = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    browser
        .post_form(path, &all, &[("sec-fetch-site", "same-origin")])
        .await
}

async fn signed_in_admin(app: &TestApp) -> Browser<'_> {
    app.user("admin", &[Role::Admin]).await;
    let mut browser = Browser::new(app);
    browser.sign_in("admin").await;
    browser
}

async fn usernames(app: &TestApp) -> Vec<String> {
    let admin = app.user("admin-reader", &[Role::Admin]).await;
    let users = app.get_json(&admin, "/api/v1/users").await;
    users
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["username"].as_str().unwrap().to_owned())
        .collect()
}

async fn the_administrator_adds_an_account_that_can_then_sign_in(app: TestApp) {
    let mut admin = signed_in_admin(&app).await;
    let added = submit(
        &mut admin,
        "/admin/users/new",
        &[
            ("username", "new-lawyer"),
            ("full_name", "Synthetic New Lawyer"),
            ("email", "new-lawyer@example.org"),
            ("password", PASSWORD),
            ("role-lawyer", "on"),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let list = admin.get(added.location().unwrap()).await;
    assert!(list.body.contains("new-lawyer"), "{}", list.body);
    assert!(list.body.contains("govuk-notification-banner--success"));
    let mut lawyer = Browser::new(&app);
    let signed_in = lawyer.sign_in("new-lawyer").await;
    assert_eq!(signed_in.location(), Some("/lawyer/claims"));
}

async fn a_refused_field_is_named_on_the_form_and_nothing_is_stored(app: TestApp) {
    let mut admin = signed_in_admin(&app).await;
    let refused = submit(
        &mut admin,
        "/admin/users/new",
        &[
            ("username", "Not Valid!"),
            ("full_name", "Synthetic Person"),
            ("password", PASSWORD),
            ("role-auditor", "on"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("govuk-error-summary"));
    assert!(refused.body.contains("href=\"#username\""));
    assert!(refused.body.contains("id=\"username-error\""));
    assert!(
        refused.body.contains("checked"),
        "the chosen role stays chosen"
    );
    assert!(
        !refused.body.contains(PASSWORD),
        "the password is never sent back"
    );
    let no_role = submit(
        &mut admin,
        "/admin/users/new",
        &[
            ("username", "no-role"),
            ("full_name", "Synthetic Person"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(no_role.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_role.body.contains("href=\"#roles\""));
    let taken = submit(
        &mut admin,
        "/admin/users/new",
        &[
            ("username", "admin"),
            ("full_name", "Synthetic Person"),
            ("password", PASSWORD),
            ("role-auditor", "on"),
        ],
    )
    .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("already taken") || taken.body.contains("zënë"));
    let stored = usernames(&app).await;
    assert!(
        !stored
            .iter()
            .any(|name| name == "no-role" || name == "Not Valid!")
    );
}

async fn the_administrator_changes_roles_and_deactivates_an_account(app: TestApp) {
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let mut admin = signed_in_admin(&app).await;
    let path = format!("/admin/users/{}", auditor.id);
    let changed = submit(
        &mut admin,
        &path,
        &[
            ("full_name", "Synthetic Auditor"),
            ("role-auditor", "on"),
            ("role-secretariat", "on"),
        ],
    )
    .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let api_admin = app.user("api-admin", &[Role::Admin]).await;
    let user = app
        .get_json(&api_admin, &format!("/api/v1/users/{}", auditor.id))
        .await;
    assert_eq!(user["active"], false, "an unticked box deactivates");
    assert_eq!(user["full_name"], "Synthetic Auditor");
    let roles: Vec<&str> = user["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|role| role.as_str().unwrap())
        .collect();
    assert_eq!(roles, ["secretariat", "auditor"]);
}

async fn the_administrator_cannot_deactivate_their_own_account_on_the_page(app: TestApp) {
    let mut admin = signed_in_admin(&app).await;
    let api_admin = app.user("api-admin", &[Role::Admin]).await;
    let users = app.get_json(&api_admin, "/api/v1/users").await;
    let own_id = users
        .as_array()
        .unwrap()
        .iter()
        .find(|user| user["username"] == "admin")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let refused = submit(
        &mut admin,
        &format!("/admin/users/{own_id}"),
        &[("full_name", "Synthetic admin"), ("role-admin", "on")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#active\""));
    let user = app
        .get_json(&api_admin, &format!("/api/v1/users/{own_id}"))
        .await;
    assert_eq!(user["active"], true);
}

async fn only_administrators_reach_the_user_pages(app: TestApp) {
    app.user("secretariat", &[Role::Secretariat]).await;
    let mut secretariat = Browser::new(&app);
    secretariat.sign_in("secretariat").await;
    for path in ["/admin/users", "/admin/users/new", "/admin/users/1"] {
        assert_eq!(secretariat.get(path).await.status, StatusCode::FORBIDDEN);
        let anonymous = Browser::new(&app).get(path).await;
        assert_eq!(anonymous.location(), Some("/sign-in"), "{path}");
    }
}

async fn the_user_pages_render_in_the_three_languages(app: TestApp) {
    let mut admin = signed_in_admin(&app).await;
    for (tag, heading) in [
        ("sq", "Përdoruesit"),
        ("sr-Cyrl", "Корисници"),
        ("en", "Users"),
    ] {
        let page = admin.get(&format!("/admin/users?lang={tag}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(heading), "{tag}");
        let form = admin.get(&format!("/admin/users/new?lang={tag}")).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains(&format!("lang=\"{tag}\"")));
    }
}
