//! Listing claims: only those the caller may see, filtered, in stable keyset pages.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, on_both_databases, problem};

on_both_databases!(
    a_lawyer_lists_only_the_claims_they_represent,
    pages_follow_one_another_without_gaps_or_repeats_while_claims_are_added,
    claims_are_filtered_by_state_reference_and_overdue_deadlines,
    a_page_size_out_of_bounds_is_refused,
);

async fn ids(app: &TestApp, user: &User, query: &str) -> (Vec<i64>, Option<String>) {
    let page: Value = app
        .get(user, &format!("/api/v1/claims{query}"))
        .await
        .json()
        .await
        .unwrap();
    let ids = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|claim| claim["id"].as_i64().unwrap())
        .collect();
    (ids, page["next"].as_i64().map(|id| id.to_string()))
}

async fn a_lawyer_lists_only_the_claims_they_represent(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let other = app.user("other-lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let mine = app.draft(&lawyer).await;
    let theirs = app.draft(&other).await;
    assert_eq!(ids(&app, &lawyer, "").await.0, vec![mine]);
    assert_eq!(ids(&app, &secretariat, "").await.0, vec![mine, theirs]);
}

async fn pages_follow_one_another_without_gaps_or_repeats_while_claims_are_added(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let mut created = Vec::new();
    for _ in 0..5 {
        created.push(app.draft(&secretariat).await);
    }
    let (first, next) = ids(&app, &secretariat, "?limit=2").await;
    assert_eq!(first, created[..2]);
    created.push(app.draft(&secretariat).await);
    let mut seen = first;
    let mut cursor = next;
    while let Some(after) = cursor {
        let (page, next) = ids(&app, &secretariat, &format!("?limit=2&after={after}")).await;
        seen.extend(page);
        cursor = next;
    }
    assert_eq!(seen, created);
}

async fn claims_are_filtered_by_state_reference_and_overdue_deadlines(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let draft = app.draft(&secretariat).await;
    let waiting = app.draft(&secretariat).await;
    app.act_ok(&secretariat, waiting, "submit", None).await;
    let request = json!({"requested_documents": ["medical_report"], "evidence_due": "2026-12-10"});
    app.act_ok(&secretariat, waiting, "request_evidence", Some(request))
        .await;
    assert_eq!(ids(&app, &secretariat, "?state=draft").await.0, vec![draft]);
    assert_eq!(
        ids(&app, &secretariat, "?reference=000002").await.0,
        vec![waiting]
    );
    assert!(ids(&app, &secretariat, "?overdue=true").await.0.is_empty());
    app.advance(20);
    assert_eq!(
        ids(&app, &secretariat, "?overdue=true").await.0,
        vec![waiting]
    );
}

async fn a_page_size_out_of_bounds_is_refused(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let response = app.get(&secretariat, "/api/v1/claims?limit=abc").await;
    let error = problem(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(error["errors"][0]["field"], "limit");
    let detail = error["detail"].as_str().unwrap();
    assert!(!detail.contains("integer"), "no type names in {detail}");
    for query in ["?limit=0", "?limit=201", "?state=flying", "?reference=%25"] {
        let response = app
            .get(&secretariat, &format!("/api/v1/claims{query}"))
            .await;
        assert_eq!(
            problem(response, StatusCode::BAD_REQUEST).await["code"],
            "bad_request",
            "{query}"
        );
    }
}
