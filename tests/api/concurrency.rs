use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(
    many_clients_performing_the_same_pinned_action_let_exactly_one_through,
    many_clients_performing_the_same_action_unpinned_let_exactly_one_through,
);

const CLIENTS: usize = 16;

/// Sends the same `submit` from CLIENTS tasks at once and returns the statuses.
async fn race(app: &TestApp, if_match: Option<&str>) -> (i64, Vec<StatusCode>) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = app.draft(&secretariat).await;
    let url = app.url(&format!("/api/v1/claims/{claim}/actions/submit"));
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(CLIENTS));
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (client, url, token, barrier) = (
                app.client.clone(),
                url.clone(),
                secretariat.token.clone(),
                barrier.clone(),
            );
            let if_match = if_match.map(str::to_owned);
            tokio::spawn(async move {
                let mut request = client.post(url).bearer_auth(token);
                if let Some(version) = if_match {
                    request = request.header("If-Match", version);
                }
                barrier.wait().await;
                request.send().await.unwrap().status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    (claim, statuses)
}

async fn assert_one_winner_and_an_intact_trail(
    app: &TestApp,
    claim: i64,
    statuses: &[StatusCode],
    losers: StatusCode,
) {
    assert_eq!(
        statuses
            .iter()
            .filter(|status| **status == StatusCode::OK)
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|status| *status == StatusCode::OK || *status == losers),
        "{statuses:?}"
    );
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let events: Value = app
        .get(&auditor, &format!("/api/v1/claims/{claim}/events"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        events.as_array().unwrap().len(),
        2,
        "exactly one submit is recorded"
    );
    let verify = app.redress(&["audit", "verify"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

async fn many_clients_performing_the_same_pinned_action_let_exactly_one_through(app: TestApp) {
    let (claim, statuses) = race(&app, Some("\"1\"")).await;
    assert_one_winner_and_an_intact_trail(&app, claim, &statuses, StatusCode::PRECONDITION_FAILED)
        .await;
}

async fn many_clients_performing_the_same_action_unpinned_let_exactly_one_through(app: TestApp) {
    let (claim, statuses) = race(&app, None).await;
    assert_one_winner_and_an_intact_trail(&app, claim, &statuses, StatusCode::CONFLICT).await;
}
