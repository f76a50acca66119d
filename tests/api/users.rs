//! The user directory: administrators create named accounts, change names and roles and
//! deactivate, with effect on the user's very next request.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, on_both_databases, problem};

on_both_databases!(
    an_administrator_creates_an_account_that_can_sign_in,
    only_administrators_manage_accounts,
    a_role_change_applies_to_the_next_request,
    a_deactivated_user_loses_access_at_once_and_cannot_sign_in,
    an_administrator_cannot_lock_themself_out,
    bad_account_fields_are_named,
    an_account_without_a_full_name_is_refused_naming_the_field,
    an_administrator_changes_a_full_name,
);

const PASSWORD: &str = "a long synthetic password";

async fn an_administrator_creates_an_account_that_can_sign_in(app: TestApp) {
    let admin = app.user("admin", &[Role::Admin]).await;
    let body = json!({
        "username": "new-lawyer",
        "full_name": " Vjosa Krasniqi ",
        "password": PASSWORD,
        "roles": ["lawyer"],
    });
    let response = app.post(&admin, "/api/v1/users", Some(body)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let created: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/users/{}", created["id"]));
    assert_eq!(created["full_name"], "Vjosa Krasniqi", "kept trimmed");
    assert_eq!(created["roles"], json!(["lawyer"]));
    assert_eq!(created["active"], true);
    assert!(created.get("password_hash").is_none());
    assert_eq!(
        app.login("new-lawyer", PASSWORD).await.status(),
        StatusCode::OK
    );
    let listed: Value = app.get(&admin, "/api/v1/users").await.json().await.unwrap();
    let names: Vec<(&str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|user| {
            let full_name = user["full_name"].as_str().unwrap();
            (user["username"].as_str().unwrap(), full_name)
        })
        .collect();
    assert_eq!(
        names,
        [
            ("admin", "Synthetic admin"),
            ("new-lawyer", "Vjosa Krasniqi")
        ]
    );
}

async fn only_administrators_manage_accounts(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let body = json!({
        "username": "someone",
        "full_name": "Synthetic Someone",
        "password": PASSWORD,
        "roles": ["admin"],
    });
    let refused = app.post(&secretariat, "/api/v1/users", Some(body)).await;
    assert_eq!(
        problem(refused, StatusCode::FORBIDDEN).await["code"],
        "forbidden"
    );
    let path = format!("/api/v1/users/{}", secretariat.id);
    let escalation = app
        .patch(&secretariat, &path, json!({"roles": ["admin"]}))
        .await;
    assert_eq!(escalation.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&secretariat, "/api/v1/users").await.status(),
        StatusCode::FORBIDDEN
    );
}

async fn a_role_change_applies_to_the_next_request(app: TestApp) {
    let admin = app.user("admin", &[Role::Admin]).await;
    let user = app.user("clerk", &[Role::Auditor]).await;
    let path = format!("/api/v1/users/{}", user.id);
    let changed = app
        .patch(&admin, &path, json!({"roles": ["secretariat"]}))
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    let me: Value = app.get(&user, "/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["roles"], json!(["secretariat"]));
}

async fn a_deactivated_user_loses_access_at_once_and_cannot_sign_in(app: TestApp) {
    let admin = app.user("admin", &[Role::Admin]).await;
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    assert_eq!(
        app.get(&lawyer, "/api/v1/claims").await.status(),
        StatusCode::OK
    );
    let path = format!("/api/v1/users/{}", lawyer.id);
    let deactivated: Value = app
        .patch(&admin, &path, json!({"active": false}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(deactivated["active"], false);
    assert_eq!(
        app.get(&lawyer, "/api/v1/claims").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let password = "correct horse battery staple";
    assert_eq!(
        app.login("lawyer", password).await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.patch(&admin, &path, json!({"active": true})).await;
    assert_eq!(app.login("lawyer", password).await.status(), StatusCode::OK);
}

async fn an_administrator_cannot_lock_themself_out(app: TestApp) {
    let admin = app.user("admin", &[Role::Admin]).await;
    let path = format!("/api/v1/users/{}", admin.id);
    let deactivate = app.patch(&admin, &path, json!({"active": false})).await;
    let error = problem(deactivate, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "active");
    let demote = app
        .patch(&admin, &path, json!({"roles": ["auditor"]}))
        .await;
    let error = problem(demote, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "roles");
}

async fn bad_account_fields_are_named(app: TestApp) {
    let admin = app.user("admin", &[Role::Admin]).await;
    let account = |username: &str, password: &str, role: &str| {
        json!({
            "username": username,
            "full_name": "Synthetic Someone",
            "password": password,
            "roles": [role],
        })
    };
    let short = account("someone", "short", "lawyer");
    let error = problem(
        app.post(&admin, "/api/v1/users", Some(short)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "password");
    let system = account("robot", PASSWORD, "system");
    let error = problem(
        app.post(&admin, "/api/v1/users", Some(system)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "roles");
    let taken = account("admin", PASSWORD, "lawyer");
    let error = problem(
        app.post(&admin, "/api/v1/users", Some(taken)).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "username");
    let missing = app
        .patch(&admin, "/api/v1/users/999999", json!({"active": false}))
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

async fn an_account_without_a_full_name_is_refused_naming_the_field(app: TestApp) {
    let admin = app.user("admin", &[Role::Admin]).await;
    let missing = json!({"username": "nameless", "password": PASSWORD, "roles": ["lawyer"]});
    let blank = json!({
        "username": "blank", "full_name": "  ", "password": PASSWORD, "roles": ["lawyer"],
    });
    let disguised = json!({
        "username": "disguised", "full_name": "Arbër\u{202E}Gashi",
        "password": PASSWORD, "roles": ["lawyer"],
    });
    for body in [missing, blank, disguised] {
        let response = app.post(&admin, "/api/v1/users", Some(body.clone())).await;
        let error = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error["code"], "invalid_input", "{body}");
        assert_eq!(error["errors"][0]["field"], "full_name", "{body}");
    }
    let listed = app.get_json(&admin, "/api/v1/users").await;
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "no account was created"
    );
}

async fn an_administrator_changes_a_full_name(app: TestApp) {
    let admin = app.user("admin", &[Role::Admin]).await;
    let clerk = app.user("clerk", &[Role::Secretariat]).await;
    let path = format!("/api/v1/users/{}", clerk.id);
    let renamed = app
        .patch(&admin, &path, json!({"full_name": "Teuta Morina-Hoxha"}))
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(renamed["full_name"], "Teuta Morina-Hoxha");
    assert_eq!(renamed["roles"], json!(["secretariat"]), "the rest stays");
    let shown = app.get_json(&admin, &path).await;
    assert_eq!(shown["full_name"], "Teuta Morina-Hoxha");
    let blank = app.patch(&admin, &path, json!({"full_name": ""})).await;
    let error = problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "full_name");
    assert_eq!(
        app.get_json(&admin, &path).await["full_name"],
        "Teuta Morina-Hoxha"
    );
}
