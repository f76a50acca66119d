//! `Idempotency-Key`: a retried POST gets the first answer again and creates nothing twice; the
//! same key for another request, or while the first is running, is refused.

use chrono::TimeDelta;
use redress::domain::{Role, UserId};
use redress::service::Clock as _;
use redress::store::idempotency::{KeyedRequest, reserve};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

use crate::documents::document_count;
use crate::helpers::{TestApp, User, draft_body, on_both_databases, pdf, problem, upload_form};

on_both_databases!(
    a_repeated_create_with_the_same_key_replays_the_first_response_and_creates_one_claim,
    the_same_key_with_a_different_body_is_refused_with_422,
    a_key_is_scoped_to_its_user,
    a_concurrent_duplicate_is_refused_with_409,
    a_reservation_left_by_a_crash_is_taken_over_after_five_minutes,
    a_key_expires_after_24_hours,
    a_failed_request_with_a_key_can_be_retried,
    an_invalid_key_is_refused_naming_the_header,
    a_keyed_request_without_a_valid_token_is_answered_401,
    a_document_upload_with_a_key_is_replayed_and_stored_once,
    the_openapi_document_and_swagger_ui_describe_the_key,
);

const KEY: &str = "Idempotency-Key";
const REPLAYED: &str = "Idempotent-Replayed";

async fn post_with_key(app: &TestApp, user: &User, path: &str, key: &str, body: Value) -> Response {
    app.client
        .post(app.url(path))
        .bearer_auth(&user.token)
        .header(KEY, key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn create_with_key(app: &TestApp, user: &User, key: &str, body: Value) -> Response {
    post_with_key(app, user, "/api/v1/claims", key, body).await
}

async fn claim_count(app: &TestApp, user: &User) -> usize {
    let page: Value = app.get(user, "/api/v1/claims").await.json().await.unwrap();
    page["items"].as_array().unwrap().len()
}

/// What a request still running elsewhere leaves behind: a reservation without an answer.
async fn reserve_as_if_running(app: &TestApp, user: &User, key: &str) {
    let request = KeyedRequest {
        user_id: UserId(user.id),
        key: key.to_owned(),
        method: "POST".to_owned(),
        path: "/api/v1/claims".to_owned(),
        request_sha256: "0".repeat(64),
    };
    let reserved = reserve(app.services.database(), &request, app.clock.now()).await;
    assert!(reserved.unwrap().is_some());
}

async fn a_repeated_create_with_the_same_key_replays_the_first_response_and_creates_one_claim(
    app: TestApp,
) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let first = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get(REPLAYED).is_none());
    let first_headers = first.headers().clone();
    let first_body = first.bytes().await.unwrap();

    let again = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()[REPLAYED], "true");
    for header in ["content-type", "location", "etag"] {
        assert_eq!(again.headers()[header], first_headers[header], "{header}");
    }
    assert_eq!(again.bytes().await.unwrap(), first_body);
    assert_eq!(claim_count(&app, &lawyer).await, 1);
}

async fn the_same_key_with_a_different_body_is_refused_with_422(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let first = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let mut other = draft_body();
    other["crime_date"] = json!("2026-10-20");
    let refused = create_with_key(&app, &lawyer, "create-1", other).await;
    let error = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["code"], "idempotency_key_reused");
    assert_eq!(error["errors"][0]["field"], KEY);
    assert_eq!(claim_count(&app, &lawyer).await, 1);
}

async fn a_key_is_scoped_to_its_user(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let clerk = app.user("secretariat", &[Role::Secretariat]).await;
    let mine = create_with_key(&app, &lawyer, "same-key", draft_body()).await;
    let theirs = create_with_key(&app, &clerk, "same-key", draft_body()).await;
    assert_eq!(mine.status(), StatusCode::CREATED);
    assert_eq!(theirs.status(), StatusCode::CREATED);
    assert!(theirs.headers().get(REPLAYED).is_none());
    assert_ne!(mine.headers()["location"], theirs.headers()["location"]);
    assert_eq!(claim_count(&app, &clerk).await, 2);
}

async fn a_concurrent_duplicate_is_refused_with_409(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    reserve_as_if_running(&app, &lawyer, "create-1").await;
    let refused = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    let error = problem(refused, StatusCode::CONFLICT).await;
    assert_eq!(error["code"], "idempotency_key_in_use");
    assert_eq!(claim_count(&app, &lawyer).await, 0);
}

async fn a_reservation_left_by_a_crash_is_taken_over_after_five_minutes(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    reserve_as_if_running(&app, &lawyer, "create-1").await;
    app.clock.advance(TimeDelta::minutes(4));
    let early = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    app.clock.advance(TimeDelta::minutes(2));
    let taken_over = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(taken_over.status(), StatusCode::CREATED);
    let replayed = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(replayed.headers()[REPLAYED], "true");
    assert_eq!(claim_count(&app, &lawyer).await, 1);
}

async fn a_key_expires_after_24_hours(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let first = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    app.clock.advance(TimeDelta::hours(23));
    let replayed = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(replayed.headers()[REPLAYED], "true");
    app.clock.advance(TimeDelta::hours(2));
    let fresh = create_with_key(&app, &lawyer, "create-1", draft_body()).await;
    assert_eq!(fresh.status(), StatusCode::CREATED);
    assert!(fresh.headers().get(REPLAYED).is_none());
    assert_eq!(claim_count(&app, &lawyer).await, 2);
}

/// A 409 is not the request's final answer (the claim's state may change), so it is not kept.
async fn a_failed_request_with_a_key_can_be_retried(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let clerk = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = app.draft(&lawyer).await;
    let accept = format!("/api/v1/claims/{claim}/actions/accept_for_assessment");
    let too_early = post_with_key(&app, &clerk, &accept, "accept-1", json!({})).await;
    let error = problem(too_early, StatusCode::CONFLICT).await;
    assert_eq!(error["code"], "illegal_action");

    app.file_power_of_attorney(&lawyer, claim).await;
    app.act_ok(&lawyer, claim, "submit", None).await;
    let retried = post_with_key(&app, &clerk, &accept, "accept-1", json!({})).await;
    assert_eq!(retried.status(), StatusCode::OK);
    assert!(retried.headers().get(REPLAYED).is_none());
    let accepted: Value = retried.json().await.unwrap();
    assert_eq!(accepted["state"], "under_assessment");
}

async fn an_invalid_key_is_refused_naming_the_header(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    for key in ["", "has space", &"k".repeat(256)] {
        let refused = create_with_key(&app, &lawyer, key, draft_body()).await;
        let error = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error["code"], "invalid_input", "{key:?}");
        assert_eq!(error["errors"][0]["field"], KEY, "{key:?}");
    }
    assert_eq!(claim_count(&app, &lawyer).await, 0);
}

async fn a_keyed_request_without_a_valid_token_is_answered_401(app: TestApp) {
    let nobody = User {
        id: 0,
        token: "not-a-token".to_owned(),
    };
    let refused = create_with_key(&app, &nobody, "create-1", draft_body()).await;
    assert_eq!(
        problem(refused, StatusCode::UNAUTHORIZED).await["code"],
        "unauthenticated"
    );
}

async fn a_document_upload_with_a_key_is_replayed_and_stored_once(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let path = app.url(&format!("/api/v1/claims/{claim}/documents"));
    let send = || {
        let form = upload_form("police_report", "p.pdf", pdf("keyed"));
        let request = app.client.post(&path).bearer_auth(&lawyer.token);
        request.header(KEY, "upload-1").multipart(form).send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first_body: Value = first.json().await.unwrap();
    // Without the key this would be a `duplicate` (409); with it, the first answer again.
    let again = send().await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()[REPLAYED], "true");
    assert_eq!(again.json::<Value>().await.unwrap(), first_body);
    assert_eq!(document_count(&app, &lawyer, claim).await, 1);
}

async fn the_openapi_document_and_swagger_ui_describe_the_key(app: TestApp) {
    let spec = app.openapi().await;
    let parameters = |path: &str| spec["paths"][path]["post"]["parameters"].clone();
    let names = |parameters: Value| -> Vec<Value> {
        let list = parameters.as_array().cloned().unwrap_or_default();
        list.iter()
            .map(|parameter| parameter["name"].clone())
            .collect()
    };
    assert!(names(parameters("/api/v1/claims")).contains(&json!(KEY)));
    assert!(names(parameters("/api/v1/claims/{id}/documents")).contains(&json!(KEY)));
    assert!(!names(parameters("/api/v1/auth/login")).contains(&json!(KEY)));
    let docs = app.client.get(app.url("/docs")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
    assert!(docs.text().await.unwrap().contains(KEY));
}
