//! Payout: an award is paid through four eyes, a bank batch and the bank's confirmation, never
//! twice and never beyond the award, and the claim then closes by itself.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, on_both_databases, problem};
use crate::workflow::{all_vote, cast, claim_in_review};

on_both_databases!(
    an_award_is_paid_through_four_eyes_a_batch_and_the_banks_confirmation,
    orders_never_add_up_to_more_than_the_award,
    no_one_approves_their_own_order_or_beyond_their_limit,
    a_returned_payment_is_paid_again_by_a_new_order,
    a_plan_splits_the_award_into_instalments_to_the_cent,
    the_banks_statement_is_imported_as_csv_and_a_bad_line_is_named,
    fifty_concurrent_orders_and_approvals_never_pay_more_than_the_award,
    bad_payment_orders_are_refused_naming_the_field,
);

/// The demo award: 4,245.00 EUR.
const AWARD: &str = "4245.00";
/// A valid Kosovo IBAN (synthetic).
const IBAN: &str = "XK051212012345678906";

pub(crate) struct Finance {
    pub(crate) officer: User,
    pub(crate) approver: User,
}

/// A claim awarded 4,245.00, final, and in payment; an approver with a limit of 10,000.00.
pub(crate) async fn claim_in_payment(app: &TestApp) -> (Finance, i64) {
    let cast = cast(app).await;
    let finance = Finance {
        officer: app.user("finance-officer", &[Role::FinanceOfficer]).await,
        approver: app.user("finance-approver", &[Role::FinanceApprover]).await,
    };
    let admin = app.user("admin", &[Role::Admin]).await;
    set_limit(app, &admin, &finance.approver, "10000.00").await;
    let claim = claim_in_review(app, &cast).await;
    all_vote(app, &cast, claim, "approve").await;
    app.act_ok(&cast.chair, claim, "decide", None).await;
    app.advance(31);
    app.act_ok(&cast.secretariat, claim, "finalize", None).await;
    app.act_ok(&finance.officer, claim, "start_payout", None)
        .await;
    (finance, claim)
}

pub(crate) async fn set_limit(app: &TestApp, admin: &User, approver: &User, amount: &str) {
    let response = app
        .client
        .put(app.url(&format!("/api/v1/users/{}/approval-limit", approver.id)))
        .bearer_auth(&admin.token)
        .json(&json!({"currency": "EUR", "amount": amount}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

pub(crate) fn order(amount: &str) -> Value {
    json!({
        "payee_kind": "claimant",
        "payee_name": "Drita Çeliku-Krasniqi",
        "iban": "XK05 1212 0123 4567 8906",
        "amount": amount,
        "reference": "Compensation KS-2026-000001",
    })
}

pub(crate) async fn prepare(
    app: &TestApp,
    officer: &User,
    claim: i64,
    body: Value,
) -> reqwest::Response {
    app.post(
        officer,
        &format!("/api/v1/claims/{claim}/payment-orders"),
        Some(body),
    )
    .await
}

async fn prepare_ok(app: &TestApp, officer: &User, claim: i64, amount: &str) -> i64 {
    let response = prepare(app, officer, claim, order(amount)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let orders: Value = response.json().await.unwrap();
    orders[0]["id"].as_i64().unwrap()
}

pub(crate) async fn approve(app: &TestApp, approver: &User, order: i64) -> reqwest::Response {
    app.post(
        approver,
        &format!("/api/v1/payment-orders/{order}/approve"),
        None,
    )
    .await
}

async fn batch(app: &TestApp, officer: &User) -> Value {
    let body = json!({"currency": "EUR", "requested_execution_date": "2027-01-04"});
    let response = app
        .post(officer, "/api/v1/payment-batches", Some(body))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn confirm(app: &TestApp, approver: &User, batch: i64, lines: Value) -> reqwest::Response {
    app.post(
        approver,
        &format!("/api/v1/payment-batches/{batch}/confirmations"),
        Some(json!({"confirmations": lines})),
    )
    .await
}

async fn export(app: &TestApp, user: &User, batch: i64, format: &str) -> (String, Vec<u8>) {
    let response = app
        .get(
            user,
            &format!("/api/v1/payment-batches/{batch}/export?format={format}"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (content_type, response.bytes().await.unwrap().to_vec())
}

async fn an_award_is_paid_through_four_eyes_a_batch_and_the_banks_confirmation(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let order = prepare_ok(&app, &finance.officer, claim, AWARD).await;
    let refused = problem(
        approve(&app, &finance.officer, order).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused["code"], "operation_not_permitted");
    let approved: Value = approve(&app, &finance.approver, order)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(approved["state"], "approved");
    assert_eq!(approved["approved_by"], finance.approver.id);
    let batch = batch(&app, &finance.officer).await;
    assert_eq!(batch["total"], AWARD);
    assert_eq!(batch["orders"][0]["state"], "exported");
    let batch_id = batch["id"].as_i64().unwrap();
    let (content_type, xml) = export(&app, &finance.officer, batch_id, "pain001").await;
    keep_sample(&app, &xml);
    assert!(
        content_type.starts_with("application/xml"),
        "{content_type}"
    );
    let text = String::from_utf8(xml.clone()).unwrap();
    assert!(text.contains("pain.001.001.09"), "{text}");
    assert!(
        text.contains(&format!("<CtrlSum>{AWARD}</CtrlSum>")),
        "{text}"
    );
    assert!(text.contains(IBAN), "{text}");
    assert_eq!(
        export(&app, &finance.approver, batch_id, "pain001").await.1,
        xml
    );
    let (_, csv) = export(&app, &finance.officer, batch_id, "csv").await;
    assert!(
        String::from_utf8(csv)
            .unwrap()
            .contains("Drita Çeliku-Krasniqi")
    );
    let end_to_end_id = batch["orders"][0]["end_to_end_id"].clone();
    let line = json!([{"end_to_end_id": end_to_end_id, "status": "paid",
        "bank_reference": "BANK-REF-1", "date": "2026-11-28"}]);
    let results: Value = confirm(&app, &finance.approver, batch_id, line.clone())
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(results[0]["result"], "recorded");
    let claim_now = app
        .get_json(&finance.officer, &format!("/api/v1/claims/{claim}"))
        .await;
    assert_eq!(claim_now["state"], "closed");
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    let read_only = problem(
        confirm(&app, &auditor, batch_id, line.clone()).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(read_only["code"], "operation_not_permitted");
    let again: Value = confirm(&app, &finance.approver, batch_id, line)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again[0]["result"], "already_recorded");
    let report = app
        .get_json(
            &finance.approver,
            "/api/v1/reports/payments?from=2026-11-01&to=2026-11-30",
        )
        .await;
    assert_eq!(
        report["rows"],
        json!([{"period": "2026-11", "currency": "EUR", "payee_kind": "claimant",
            "payments": 1, "total": AWARD}])
    );
}

/// Keeps an exported batch where `REDRESS_BANK_SAMPLES_DIR` says, for CI to check against the
/// EPC schema with xmllint, as a bank would.
fn keep_sample(app: &TestApp, xml: &[u8]) {
    if let Some(folder) = std::env::var_os("REDRESS_BANK_SAMPLES_DIR") {
        std::fs::create_dir_all(&folder).unwrap();
        let name = format!("batch-{}.xml", app.address.port());
        std::fs::write(std::path::Path::new(&folder).join(name), xml).unwrap();
    }
}

async fn orders_never_add_up_to_more_than_the_award(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let past = json!({"currency": "EUR", "requested_execution_date": "2026-12-01"});
    let refused = problem(
        app.post(&finance.officer, "/api/v1/payment-batches", Some(past))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused["errors"][0]["field"], "requested_execution_date");
    let first = prepare_ok(&app, &finance.officer, claim, "3000.00").await;
    let over = problem(
        prepare(&app, &finance.officer, claim, order("1245.01")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(over["code"], "exceeds_obligation");
    prepare_ok(&app, &finance.officer, claim, "1245.00").await;
    let cancelled = app
        .post(
            &finance.officer,
            &format!("/api/v1/payment-orders/{first}/cancel"),
            Some(json!({"reason": "wrong account"})),
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let without_reason = prepare_ok(&app, &finance.officer, claim, "100.00").await;
    let cancelled = app
        .post(
            &finance.officer,
            &format!("/api/v1/payment-orders/{without_reason}/cancel"),
            None,
        )
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    prepare_ok(&app, &finance.officer, claim, "3000.00").await;
}

async fn no_one_approves_their_own_order_or_beyond_their_limit(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let admin = app.user("admin-2", &[Role::Admin]).await;
    let both = app
        .user(
            "finance-both",
            &[Role::FinanceOfficer, Role::FinanceApprover],
        )
        .await;
    set_limit(&app, &admin, &both, "10000.00").await;
    let own = prepare_ok(&app, &both, claim, "1000.00").await;
    let refused = problem(approve(&app, &both, own).await, StatusCode::FORBIDDEN).await;
    assert_eq!(refused["code"], "same_user_cannot_approve");
    set_limit(&app, &admin, &finance.approver, "500.00").await;
    let large = prepare_ok(&app, &finance.officer, claim, "1000.00").await;
    let above = problem(
        approve(&app, &finance.approver, large).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(above["code"], "above_approval_limit");
    let approved = approve(&app, &both, large).await;
    assert_eq!(approved.status(), StatusCode::OK);
}

async fn a_returned_payment_is_paid_again_by_a_new_order(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let order = prepare_ok(&app, &finance.officer, claim, AWARD).await;
    approve(&app, &finance.approver, order).await;
    let batch = batch(&app, &finance.officer).await;
    let line = json!([{"end_to_end_id": batch["orders"][0]["end_to_end_id"], "status": "returned",
        "date": "2026-11-28", "reason": "account closed"}]);
    let response = confirm(&app, &finance.approver, batch["id"].as_i64().unwrap(), line).await;
    assert_eq!(response.status(), StatusCode::OK);
    let returned = app
        .get_json(&finance.officer, &format!("/api/v1/payment-orders/{order}"))
        .await;
    assert_eq!(returned["state"], "returned");
    let mut reissue = self::order(AWARD);
    reissue["reissue_of"] = json!(order);
    let response = prepare(&app, &finance.officer, claim, reissue).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let claim_now = app
        .get_json(&finance.officer, &format!("/api/v1/claims/{claim}"))
        .await;
    assert_eq!(claim_now["state"], "in_payment");
}

async fn a_plan_splits_the_award_into_instalments_to_the_cent(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let mut planned = order("1000.00");
    planned["instalments"] = json!({"count": 3, "first_due_on": "2027-02-01", "interval_days": 30});
    let response = prepare(&app, &finance.officer, claim, planned).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let orders: Value = response.json().await.unwrap();
    let amounts: Vec<&str> = orders
        .as_array()
        .unwrap()
        .iter()
        .map(|order| order["amount"].as_str().unwrap())
        .collect();
    assert_eq!(amounts, ["333.34", "333.33", "333.33"]);
    assert_eq!(orders[2]["due_on"], "2027-04-02");
}

async fn the_banks_statement_is_imported_as_csv_and_a_bad_line_is_named(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let order = prepare_ok(&app, &finance.officer, claim, AWARD).await;
    approve(&app, &finance.approver, order).await;
    let batch = batch(&app, &finance.officer).await;
    let batch_id = batch["id"].as_i64().unwrap();
    let end_to_end_id = batch["orders"][0]["end_to_end_id"].as_str().unwrap();
    let statement = |date: &str| {
        format!(
            "end_to_end_id,status,bank_reference,date,reason\r\n{end_to_end_id},paid,BANK-7,{date},\r\n"
        )
    };
    let url = app.url(&format!("/api/v1/payment-batches/{batch_id}/statement"));
    let send = |body: String| {
        app.client
            .post(url.clone())
            .bearer_auth(&finance.approver.token)
            .header("content-type", "text/plain")
            .body(body)
            .send()
    };
    let tomorrow = problem(
        send(statement("2026-12-30")).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(tomorrow["errors"][0]["field"], "confirmations[0].date");
    let bad = problem(
        send(statement("05.01.2027")).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        bad["errors"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("line 2"),
        "{bad}"
    );
    let response = send(statement("2026-11-28")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let claim_now = app
        .get_json(&finance.officer, &format!("/api/v1/claims/{claim}"))
        .await;
    assert_eq!(claim_now["state"], "closed");
}

/// 50 officers' requests for 500.00 each race for an award of 4,245.00 (room for 8), some
/// repeating an `Idempotency-Key`; then two approvers race to approve every order.
async fn fifty_concurrent_orders_and_approvals_never_pay_more_than_the_award(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let second_approver = app
        .user("finance-approver-2", &[Role::FinanceApprover])
        .await;
    let admin = app.user("admin-3", &[Role::Admin]).await;
    set_limit(&app, &admin, &second_approver, "10000.00").await;
    let url = app.url(&format!("/api/v1/claims/{claim}/payment-orders"));
    race_to_prepare(&app, &[url], &finance.officer.token).await;
    let prepared = order_ids(&app, &finance.officer, "prepared").await;
    let approvers = [&finance.approver.token, &second_approver.token];
    let approvals = prepared.iter().flat_map(|id| {
        let url = app.url(&format!("/api/v1/payment-orders/{id}/approve"));
        approvers.map(|token| (url.clone(), token.clone()))
    });
    race_to_approve(&app, approvals.collect()).await;
    assert_nothing_overpaid_or_self_approved(&app, &finance.officer).await;
}

/// Fifty requests for an order of 500.00, spread over `urls` (servers), a fifth of them
/// repeating one of two `Idempotency-Key`s; each is created, refused or told to retry.
pub(crate) async fn race_to_prepare(app: &TestApp, urls: &[String], token: &str) {
    let tasks: Vec<_> = (0..50)
        .map(|attempt| {
            let url = urls[attempt % urls.len()].clone();
            let mut request = app
                .client
                .post(url)
                .bearer_auth(token)
                .json(&order("500.00"));
            if attempt % 5 == 0 {
                request = request.header("Idempotency-Key", format!("same-{}", attempt % 10));
            }
            tokio::spawn(async move { request.send().await.unwrap().status() })
        })
        .collect();
    for task in tasks {
        let status = task.await.unwrap();
        let expected = [
            StatusCode::CREATED,
            StatusCode::CONFLICT,
            StatusCode::UNPROCESSABLE_ENTITY,
        ];
        assert!(expected.contains(&status), "{status}");
    }
}

/// Sends every (url, token) approval at once; each is approved or finds the order moved on.
pub(crate) async fn race_to_approve(app: &TestApp, approvals: Vec<(String, String)>) {
    let tasks: Vec<_> = approvals
        .into_iter()
        .map(|(url, token)| {
            let request = app.client.post(url).bearer_auth(token);
            tokio::spawn(async move { request.send().await.unwrap().status() })
        })
        .collect();
    for task in tasks {
        let status = task.await.unwrap();
        let expected = [StatusCode::OK, StatusCode::CONFLICT];
        assert!(expected.contains(&status), "{status}");
    }
}

/// At most eight orders of 500.00 exist (the award has room for 8.49), each approved once by
/// someone other than its preparer.
pub(crate) async fn assert_nothing_overpaid_or_self_approved(app: &TestApp, user: &User) {
    let all = app.get_json(user, "/api/v1/payment-orders?limit=500").await;
    let orders = all.as_array().unwrap();
    assert!((1..=8).contains(&orders.len()), "{} orders", orders.len());
    for order in orders {
        assert_eq!(order["state"], "approved", "{order}");
        assert_ne!(order["approved_by"], order["prepared_by"]);
    }
}

pub(crate) async fn order_ids(app: &TestApp, user: &User, state: &str) -> Vec<i64> {
    app.get_json(
        user,
        &format!("/api/v1/payment-orders?state={state}&limit=500"),
    )
    .await
    .as_array()
    .unwrap()
    .iter()
    .map(|order| order["id"].as_i64().unwrap())
    .collect()
}

async fn bad_payment_orders_are_refused_naming_the_field(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    for (field, value) in [
        ("iban", json!("XK05 1212 0123 4567 8907")),
        ("bic", json!("NOT A BIC")),
        ("reference", json!("Compensation «KS»")),
        ("amount", json!("-5.00")),
    ] {
        let mut body = order("100.00");
        body[field] = value;
        let refused = problem(
            prepare(&app, &finance.officer, claim, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused["errors"][0]["field"], field, "{refused}");
    }
    let lawyer = app.user("lawyer-2", &[Role::Lawyer]).await;
    let response = app.get(&lawyer, "/api/v1/payment-orders").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
