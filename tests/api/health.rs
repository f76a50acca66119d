use reqwest::StatusCode;

use crate::helpers::{TestApp, on_both_databases, problem};

on_both_databases!(
    health_and_readiness_answer,
    the_openapi_document_describes_the_api,
    the_openapi_document_matches_its_snapshot,
    unknown_routes_answer_with_problem_json,
);

async fn health_and_readiness_answer(app: TestApp) {
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
}

async fn the_openapi_document_describes_the_api(app: TestApp) {
    let spec = app.openapi().await;
    for path in [
        "/api/v1/auth/login",
        "/api/v1/claims",
        "/api/v1/claims/{id}",
        "/api/v1/claims/{id}/actions",
        "/api/v1/claims/{id}/actions/{action}",
        "/api/v1/claims/{id}/events",
    ] {
        assert!(
            spec["paths"].get(path).is_some(),
            "{path} is missing from the spec"
        );
    }
    let responses = &spec["paths"]["/api/v1/claims/{id}/actions/{action}"]["post"]["responses"];
    for status in [
        "200", "400", "401", "403", "404", "409", "412", "422", "500",
    ] {
        assert!(
            responses.get(status).is_some(),
            "status {status} is not documented"
        );
    }
    let states = &spec["components"]["schemas"]["ClaimState"]["enum"];
    assert_eq!(states.as_array().unwrap().len(), 12);
    let docs = app.client.get(app.url("/docs")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
}

/// The checked-in contract; `REDRESS_UPDATE_SNAPSHOT=1 cargo test openapi` rewrites it after a
/// deliberate change.
const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/openapi.json");

async fn the_openapi_document_matches_its_snapshot(app: TestApp) {
    let served = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    if std::env::var_os("REDRESS_UPDATE_SNAPSHOT").is_some() {
        std::fs::write(SNAPSHOT, &served).unwrap();
    }
    let snapshot = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        served == snapshot,
        "the OpenAPI document differs from {SNAPSHOT}; if the change is deliberate, rerun with \
         REDRESS_UPDATE_SNAPSHOT=1 and commit the new snapshot"
    );
}

async fn unknown_routes_answer_with_problem_json(app: TestApp) {
    let response = app
        .client
        .get(app.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    let body = problem(response, StatusCode::NOT_FOUND).await;
    assert_eq!(body["code"], "not_found");
}

mod jurisdictions {
    use redress::domain::Role;
    use reqwest::StatusCode;
    use serde_json::Value;

    use crate::helpers::{TestApp, on_both_databases, problem};

    on_both_databases!(the_jurisdiction_packages_are_described);

    async fn the_jurisdiction_packages_are_described(app: TestApp) {
        let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
        let all: Value = app
            .get(&lawyer, "/api/v1/jurisdictions")
            .await
            .json()
            .await
            .unwrap();
        let ids: Vec<&str> = all
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["california", "kosovo", "uk-cica-2012"]);
        let kosovo: Value = app
            .get(&lawyer, "/api/v1/jurisdictions/kosovo")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(kosovo["languages"], serde_json::json!(["sq", "sr", "en"]));
        assert_eq!(kosovo["filing"]["period_months"], 6);
        assert!(
            kosovo["provisional"]
                .as_array()
                .unwrap()
                .iter()
                .any(|key| key == "commission.quorum")
        );
        let heads = kosovo["schedules"][0]["heads"].as_array().unwrap();
        assert!(heads.iter().any(|head| head["id"] == "medical_costs"));
        let missing = app.get(&lawyer, "/api/v1/jurisdictions/atlantis").await;
        assert_eq!(
            problem(missing, StatusCode::NOT_FOUND).await["code"],
            "not_found"
        );
    }
}
