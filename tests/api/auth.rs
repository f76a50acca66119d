use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{TestApp, on_both_databases, problem};

on_both_databases!(
    a_user_signs_in_and_sees_their_roles,
    a_wrong_password_is_refused_without_saying_which_part_was_wrong,
    requests_without_a_valid_token_are_refused,
    a_revoked_token_no_longer_works,
    another_server_honours_a_sign_out_within_the_session_cache_seconds,
    a_token_expires,
    a_user_added_on_the_command_line_signs_in,
    repeated_sign_in_attempts_are_throttled,
);

async fn a_user_signs_in_and_sees_their_roles(app: TestApp) {
    let chair = app.user("chair", &[Role::Chair, Role::Commissioner]).await;
    let me: Value = app.get(&chair, "/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["user_id"], chair.id);
    assert_eq!(me["roles"], serde_json::json!(["commissioner", "chair"]));
}

async fn a_wrong_password_is_refused_without_saying_which_part_was_wrong(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let wrong_password = problem(
        app.login("lawyer", "not the password").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown_user = problem(
        app.login("nobody", "not the password").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // The same answer, but for each request's own id.
    let without_request_id = |mut problem: serde_json::Value| {
        problem.as_object_mut().unwrap().remove("request_id");
        problem
    };
    assert_eq!(
        without_request_id(wrong_password),
        without_request_id(unknown_user)
    );
}

async fn requests_without_a_valid_token_are_refused(app: TestApp) {
    let anonymous = app
        .client
        .get(app.url("/api/v1/claims/1"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.headers()["www-authenticate"], "Bearer");
    assert_eq!(
        problem(anonymous, StatusCode::UNAUTHORIZED).await["code"],
        "unauthenticated"
    );
    let forged = app
        .client
        .get(app.url("/api/v1/claims/1"))
        .bearer_auth("forged")
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(forged, StatusCode::UNAUTHORIZED).await["code"],
        "unauthenticated"
    );
}

async fn a_revoked_token_no_longer_works(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let logout = app.post(&lawyer, "/api/v1/auth/logout", None).await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&lawyer, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn another_server_honours_a_sign_out_within_the_session_cache_seconds(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let other = app.another_instance().await;
    assert!(other.authenticate(&lawyer.token).await.is_ok());
    let logout = app.post(&lawyer, "/api/v1/auth/logout", None).await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    // The other server still trusts the session it confirmed a moment ago, and no longer.
    assert!(other.authenticate(&lawyer.token).await.is_ok());
    let trusted_for = redress::service::SESSION_CACHE_SECONDS_DEFAULT;
    app.clock
        .advance(chrono::TimeDelta::seconds(i64::from(trusted_for)));
    assert!(matches!(
        other.authenticate(&lawyer.token).await,
        Err(redress::service::ServiceError::Unauthenticated)
    ));
}

async fn a_token_expires(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    app.clock.advance(chrono::TimeDelta::hours(
        i64::from(crate::helpers::SESSION_LIFETIME_HOURS) + 1,
    ));
    assert_eq!(
        app.get(&lawyer, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn a_user_added_on_the_command_line_signs_in(app: TestApp) {
    let arguments = [
        "user",
        "add",
        "--username",
        "clerk",
        "--full-name",
        "Synthetic Clerk",
        "--role",
        "secretariat,auditor",
    ];
    let output = app.redress_with_input(&arguments, "a long synthetic password\n");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let body: Value = app
        .login("clerk", "a long synthetic password")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["roles"], serde_json::json!(["secretariat", "auditor"]));
}

async fn repeated_sign_in_attempts_are_throttled(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(app.login("lawyer", "wrong password").await.status());
    }
    // The sign-in inside `user` counted as the first attempt of the minute.
    assert_eq!(statuses[..4], [StatusCode::UNAUTHORIZED; 4]);
    let throttled = app.login("lawyer", "correct horse battery staple").await;
    assert_eq!(throttled.headers()["retry-after"], "60");
    assert_eq!(
        problem(throttled, StatusCode::TOO_MANY_REQUESTS).await["code"],
        "too_many_requests"
    );
}
