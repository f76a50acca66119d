//! Payout across processes: two `redress serve` processes over one PostgreSQL database racing to
//! prepare and approve orders for the same claim, and a server killed (SIGKILL) in the middle of
//! creating a batch and of importing the bank's confirmations.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, on_both_databases, spawn_app};
use crate::payments::{
    assert_nothing_overpaid_or_self_approved, claim_in_payment, order, order_ids, race_to_approve,
    race_to_prepare,
};
use crate::server_process::Server;

on_both_databases!(a_server_killed_while_batching_or_confirming_leaves_nothing_half_written);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_postgres_never_pay_more_than_the_award() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let (finance, claim) = claim_in_payment(&app).await;
    let second_approver = app
        .user("finance-approver-2", &[Role::FinanceApprover])
        .await;
    let admin = app.user("admin-2", &[Role::Admin]).await;
    crate::payments::set_limit(&app, &admin, &second_approver, "10000.00").await;
    let servers = [Server::start(&app), Server::start(&app)];
    let officer = servers[0].token(&app, "finance-officer").await;
    let approvers = [
        servers[0].token(&app, "finance-approver").await,
        servers[1].token(&app, "finance-approver-2").await,
    ];
    let urls = servers
        .each_ref()
        .map(|server| server.url(&format!("/api/v1/claims/{claim}/payment-orders")));
    race_to_prepare(&app, &urls, &officer).await;
    let prepared = order_ids(&app, &finance.officer, "prepared").await;
    let approvals = prepared.iter().enumerate().flat_map(|(index, id)| {
        let path = format!("/api/v1/payment-orders/{id}/approve");
        [
            (servers[index % 2].url(&path), approvers[0].clone()),
            (servers[(index + 1) % 2].url(&path), approvers[1].clone()),
        ]
    });
    race_to_approve(&app, approvals.collect()).await;
    assert_nothing_overpaid_or_self_approved(&app, &finance.officer).await;
}

/// Sends `body` as `username` to a fresh server and kills it `delay_ms` later, whether or not it
/// answered.
async fn kill_during(app: &TestApp, username: &str, path: &str, body: Value, delay_ms: u64) {
    let server = Server::start(app);
    let token = server.token(app, username).await;
    let request = app
        .client
        .post(server.url(path))
        .bearer_auth(&token)
        .json(&body)
        .send();
    let _ = tokio::time::timeout(std::time::Duration::from_millis(delay_ms), request).await;
    server.kill();
}

async fn a_server_killed_while_batching_or_confirming_leaves_nothing_half_written(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let mut orders = Vec::new();
    for _ in 0..3 {
        let response =
            crate::payments::prepare(&app, &finance.officer, claim, order("1000.00")).await;
        let prepared: Value = response.json().await.unwrap();
        let id = prepared[0]["id"].as_i64().unwrap();
        crate::payments::approve(&app, &finance.approver, id).await;
        orders.push(id);
    }
    let batch_body = json!({"currency": "EUR", "requested_execution_date": "2027-01-04"});
    kill_during(
        &app,
        "finance-officer",
        "/api/v1/payment-batches",
        batch_body.clone(),
        5,
    )
    .await;
    // Either the batch was committed with every order in it, or none of it was.
    let exported = order_ids(&app, &finance.officer, "exported").await;
    let approved = order_ids(&app, &finance.officer, "approved").await;
    assert!(
        (exported.len(), approved.len()) == (3, 0) || (exported.len(), approved.len()) == (0, 3),
        "exported {exported:?}, approved {approved:?}"
    );
    let retry = app
        .post(
            &finance.officer,
            "/api/v1/payment-batches",
            Some(batch_body),
        )
        .await;
    let batch_id = match retry.status() {
        StatusCode::CREATED => retry.json::<Value>().await.unwrap()["id"].as_i64().unwrap(),
        // The killed server had committed the batch: there is nothing left to batch.
        StatusCode::UNPROCESSABLE_ENTITY => {
            let order = app
                .get_json(
                    &finance.officer,
                    &format!("/api/v1/payment-orders/{}", orders[0]),
                )
                .await;
            order["batch_id"].as_i64().unwrap()
        }
        other => panic!("retrying the batch answered {other}"),
    };
    assert_eq!(order_ids(&app, &finance.officer, "exported").await.len(), 3);
    let lines: Vec<Value> = orders
        .iter()
        .map(|id| {
            json!({"end_to_end_id": format!("REDRESS-O{id:010}"), "status": "paid",
                "bank_reference": format!("BANK-{id}"), "date": "2026-11-28"})
        })
        .collect();
    let path = format!("/api/v1/payment-batches/{batch_id}/confirmations");
    kill_during(
        &app,
        "finance-approver",
        &path,
        json!({"confirmations": lines.clone()}),
        20,
    )
    .await;
    let response = app
        .post(
            &finance.approver,
            &path,
            Some(json!({"confirmations": lines})),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(order_ids(&app, &finance.officer, "paid").await.len(), 3);
    let letters = app
        .get_json(&finance.officer, &format!("/api/v1/claims/{claim}/letters"))
        .await;
    let notices = letters
        .as_array()
        .unwrap()
        .iter()
        .filter(|letter| letter["kind"] == "payment_notice")
        .count();
    assert_eq!(notices, 3, "{letters}");
}
