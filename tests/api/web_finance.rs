//! The finance pages: awards awaiting payment, orders through four eyes, batches and their bank
//! files, the bank's statement and the payments report, each doing what its REST twin does, in
//! three languages, refused to other roles and to forms without the session's CSRF token.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, draft_body, on_both_databases};
use crate::payments::{Finance, approve, claim_in_payment, order, prepare, set_limit};
use crate::web_browser::{Browser, Page};
use crate::workflow::{all_vote, cast, walk_to_review};

on_both_databases!(
    every_finance_page_renders_in_the_three_languages,
    other_roles_are_refused_and_anonymous_visitors_are_sent_to_sign_in,
    the_officer_starts_the_payout_and_prepares_an_order_as_the_api_would,
    a_bad_order_form_names_each_wrong_field_and_stores_nothing,
    no_one_approves_their_own_order_and_the_page_says_why,
    an_order_above_the_approvers_limit_is_refused_naming_the_limit,
    an_order_is_cancelled_with_its_reason,
    a_returned_payment_is_paid_again_from_its_row,
    a_batch_is_created_and_its_bank_files_are_downloaded,
    the_banks_statement_is_uploaded_and_a_bad_line_is_named,
    the_payments_report_is_a_table_of_confirmed_payments,
    forms_without_the_sessions_csrf_token_are_refused,
);

/// The demo award: 4,245.00 EUR.
const AWARD: &str = "4245.00";
/// A day the bank can still execute on, after the tests' clock.
const EXECUTION_DAY: [(&str, &str); 3] = [
    ("requested_execution_date_day", "4"),
    ("requested_execution_date_month", "1"),
    ("requested_execution_date_year", "2027"),
];
const SAME_ORIGIN: [(&str, &str); 1] = [("sec-fetch-site", "same-origin")];

/// A browser signed in as `username`, with the CSRF token of its session.
async fn signed_in<'app>(app: &'app TestApp, username: &str) -> (Browser<'app>, String) {
    let mut browser = Browser::new(app);
    let landed = browser.sign_in(username).await;
    assert_eq!(landed.location(), Some("/finance/payments"), "{username}");
    let token = browser.get("/finance/payments").await.csrf_token();
    (browser, token)
}

/// Posts a form of the finance pages with the session's token.
async fn post(browser: &mut Browser<'_>, path: &str, token: &str, fields: &[(&str, &str)]) -> Page {
    let mut all = vec![("csrf_token", token)];
    all.extend_from_slice(fields);
    browser.post_form(path, &all, &SAME_ORIGIN).await
}

/// Presses an order's Approve button (the page answers in English).
async fn approve_through_the_page(browser: &mut Browser<'_>, token: &str, order: i64) -> Page {
    let path = format!("/finance/orders/{order}/approve?lang=en");
    post(browser, &path, token, &[]).await
}

/// The order form's fields for `amount`, as a person fills them in.
fn order_fields(amount: &str) -> Vec<(&'static str, String)> {
    vec![
        ("payee_kind", "claimant".to_owned()),
        ("payee_name", "Drita Çeliku-Krasniqi".to_owned()),
        ("iban", "XK05 1212 0123 4567 8906".to_owned()),
        ("bic", String::new()),
        ("amount", amount.to_owned()),
        ("reference", "Compensation KS-2026-000001".to_owned()),
    ]
}

async fn prepare_through_the_page(
    browser: &mut Browser<'_>,
    token: &str,
    claim: i64,
    amount: &str,
) -> Page {
    prepare_with(browser, token, (claim, amount), &[]).await
}

/// The order form for `amount` with `extra` fields, such as the order it pays again.
async fn prepare_with(
    browser: &mut Browser<'_>,
    token: &str,
    (claim, amount): (i64, &str),
    extra: &[(&str, &str)],
) -> Page {
    let fields = order_fields(amount);
    let mut all: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    all.extend_from_slice(extra);
    post(
        browser,
        &format!("/finance/claims/{claim}/orders"),
        token,
        &all,
    )
    .await
}

async fn orders_in(app: &TestApp, finance: &Finance, state: &str) -> Vec<Value> {
    let path = format!("/api/v1/payment-orders?state={state}");
    app.get_json(&finance.officer, &path)
        .await
        .as_array()
        .unwrap()
        .clone()
}

async fn claim_state(app: &TestApp, finance: &Finance, claim: i64) -> String {
    let claim = app
        .get_json(&finance.officer, &format!("/api/v1/claims/{claim}"))
        .await;
    claim["state"].as_str().unwrap().to_owned()
}

/// A prepared order of the whole award through the API; its id.
async fn prepared_order(app: &TestApp, finance: &Finance, claim: i64) -> i64 {
    let response = prepare(app, &finance.officer, claim, order(AWARD)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json::<Value>().await.unwrap()[0]["id"]
        .as_i64()
        .unwrap()
}

/// An approved order in a batch, through the API: the batch's id and the order's end-to-end id.
async fn batch_of_one(app: &TestApp, finance: &Finance, claim: i64) -> (i64, String) {
    let order = prepared_order(app, finance, claim).await;
    assert_eq!(
        approve(app, &finance.approver, order).await.status(),
        StatusCode::OK
    );
    let body = json!({"currency": "EUR", "requested_execution_date": "2027-01-04"});
    let response = app
        .post(&finance.officer, "/api/v1/payment-batches", Some(body))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let batch: Value = response.json().await.unwrap();
    let end_to_end_id = batch["orders"][0]["end_to_end_id"]
        .as_str()
        .unwrap()
        .to_owned();
    (batch["id"].as_i64().unwrap(), end_to_end_id)
}

async fn every_finance_page_renders_in_the_three_languages(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let order = prepared_order(&app, &finance, claim).await;
    let (mut officer, _) = signed_in(&app, "finance-officer").await;
    let languages = [
        ("sq", "Pagesat", "4.245,00\u{a0}€"),
        ("sr-Cyrl", "Исплате", "4.245,00\u{a0}€"),
        ("en", "Payments", "€4,245.00"),
    ];
    let paths = [
        "/finance/payments".to_owned(),
        format!("/finance/claims/{claim}/orders/new"),
        format!("/finance/orders/{order}/cancel"),
        "/finance/batches/new".to_owned(),
        "/finance/reports/payments".to_owned(),
    ];
    for (tag, word, amount) in languages {
        for path in &paths {
            let page = officer.get(&format!("{path}?lang={tag}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path} in {tag}");
            assert!(
                page.body.contains(&format!("lang=\"{tag}\"")),
                "{path} in {tag}"
            );
            assert!(page.body.contains(word), "{path} in {tag}");
        }
        let overview = officer.get(&format!("/finance/payments?lang={tag}")).await;
        assert!(overview.body.contains(amount), "money as {tag} writes it");
    }
    assert_eq!(
        approve(&app, &finance.approver, order).await.status(),
        StatusCode::OK
    );
    let body = json!({"currency": "EUR", "requested_execution_date": "2027-01-04"});
    let batch: Value = app
        .post(&finance.officer, "/api/v1/payment-batches", Some(body))
        .await
        .json()
        .await
        .unwrap();
    for (tag, word, _) in languages {
        let page = officer
            .get(&format!("/finance/batches/{}?lang={tag}", batch["id"]))
            .await;
        assert_eq!(page.status, StatusCode::OK, "the batch in {tag}");
        assert!(page.body.contains(word), "the batch in {tag}");
    }
}

async fn other_roles_are_refused_and_anonymous_visitors_are_sent_to_sign_in(app: TestApp) {
    app.user("lawyer", &[Role::Lawyer]).await;
    app.user("secretariat", &[Role::Secretariat]).await;
    app.user("finance-officer", &[Role::FinanceOfficer]).await;
    let paths = [
        "/finance/payments",
        "/finance/batches/new",
        "/finance/reports/payments",
        "/finance/claims/1/orders/new",
        "/finance/batches/1",
    ];
    let mut anonymous = Browser::new(&app);
    for path in paths {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location(), Some("/sign-in"));
    }
    for username in ["lawyer", "secretariat"] {
        let mut browser = Browser::new(&app);
        browser.sign_in(username).await;
        for path in paths {
            assert_eq!(
                browser.get(path).await.status,
                StatusCode::FORBIDDEN,
                "{username} {path}"
            );
        }
        let token = browser.get("/finance/payments").await.csrf_token();
        let refused = post(&mut browser, "/finance/orders/1/approve", &token, &[]).await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "{username} approving"
        );
    }
    let (mut officer, _) = signed_in(&app, "finance-officer").await;
    let page = officer.get("/finance/payments?lang=en").await;
    assert_eq!(
        page.body.matches("href=\"/finance/payments\"").count(),
        1,
        "one link home"
    );
}

/// A claim awarded 4,245.00 whose decision is final, with the account its application names:
/// finance starts its payout.
async fn final_claim(app: &TestApp) -> (Finance, i64) {
    let cast = cast(app).await;
    let finance = Finance {
        officer: app.user("finance-officer", &[Role::FinanceOfficer]).await,
        approver: app.user("finance-approver", &[Role::FinanceApprover]).await,
    };
    let mut body = draft_body();
    body["bank_account"] = json!({"holder": "Synthetic Applicant", "iban": "XK051212012345678906"});
    let created = app.create_claim(&cast.lawyer, body).await;
    let claim = created.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    walk_to_review(app, &cast, claim).await;
    all_vote(app, &cast, claim, "approve").await;
    app.act_ok(&cast.chair, claim, "decide", None).await;
    app.advance(31);
    app.act_ok(&cast.secretariat, claim, "finalize", None).await;
    (finance, claim)
}

async fn the_officer_starts_the_payout_and_prepares_an_order_as_the_api_would(app: TestApp) {
    let (finance, claim) = final_claim(&app).await;
    let (mut officer, token) = signed_in(&app, "finance-officer").await;
    let overview = officer.get("/finance/payments?lang=en").await;
    assert!(overview.body.contains("Final awards awaiting payment"));
    assert!(
        overview
            .body
            .contains(&format!("/finance/claims/{claim}/start-payout"))
    );
    assert!(overview.body.contains("€4,245.00"));
    let started = post(
        &mut officer,
        &format!("/finance/claims/{claim}/start-payout"),
        &token,
        &[],
    )
    .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    assert_eq!(claim_state(&app, &finance, claim).await, "in_payment");
    let told = officer.get(started.location().unwrap()).await;
    assert!(told.body.contains("The payout has started"));
    assert!(
        told.body
            .contains(&format!("/finance/claims/{claim}/orders/new"))
    );
    let form = officer
        .get(&format!("/finance/claims/{claim}/orders/new?lang=en"))
        .await;
    assert!(
        form.body.contains("id=\"from-application\"")
            && form.body.contains("value=\"XK05 1212 0123 4567 8906\""),
        "the payee starts as the account the application names"
    );
    let prepared = prepare_through_the_page(&mut officer, &token, claim, "4.245,00").await;
    assert_eq!(prepared.status, StatusCode::SEE_OTHER, "{}", prepared.body);
    let orders = orders_in(&app, &finance, "prepared").await;
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0]["amount"], AWARD);
    assert_eq!(orders[0]["payee_name"], "Drita Çeliku-Krasniqi");
    assert_eq!(orders[0]["iban"], "XK051212012345678906");
    assert_eq!(orders[0]["claim_id"], claim);
    let listed = officer.get(prepared.location().unwrap()).await;
    assert!(listed.body.contains("The payment order was prepared"));
    assert!(listed.body.contains("Drita Çeliku-Krasniqi"));
    let english = officer.get("/finance/payments?lang=en").await;
    assert!(
        english.body.contains("Orders cover the whole award")
            && !english
                .body
                .contains(&format!("/finance/claims/{claim}/orders/new")),
        "nothing is left to prepare once the orders cover the award"
    );
}

async fn a_bad_order_form_names_each_wrong_field_and_stores_nothing(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let (mut officer, token) = signed_in(&app, "finance-officer").await;
    let path = format!("/finance/claims/{claim}/orders?lang=en");
    let fields = [
        ("payee_kind", "claimant"),
        ("payee_name", "Drita"),
        ("iban", "XK05 0000"),
        ("amount", ""),
    ];
    let refused = post(&mut officer, &path, &token, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("govuk-error-summary"));
    assert!(refused.body.contains("href=\"#iban\""));
    assert!(refused.body.contains("href=\"#amount\""));
    assert!(refused.body.contains("href=\"#reference\""));
    assert!(
        refused.body.contains("value=\"XK05 0000\""),
        "what was typed is kept"
    );
    let too_much = prepare_through_the_page(&mut officer, &token, claim, "4245.01").await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_much.body.contains("href=\"#amount\""));
    assert!(
        too_much
            .body
            .contains("more than remains to be paid on the award: €4,245.00")
    );
    assert!(orders_in(&app, &finance, "prepared").await.is_empty());
}

async fn no_one_approves_their_own_order_and_the_page_says_why(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let (mut officer, token) = signed_in(&app, "finance-officer").await;
    assert_eq!(
        prepare_through_the_page(&mut officer, &token, claim, "1000.00")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let theirs = orders_in(&app, &finance, "prepared").await[0]["id"]
        .as_i64()
        .unwrap();
    let listed = officer.get("/finance/payments?lang=en").await;
    assert!(
        listed
            .body
            .contains("You prepared this order. Another person must approve it")
    );
    assert!(
        !listed.body.contains(&format!("id=\"approve-{theirs}\"")),
        "an officer is offered no Approve button"
    );
    let refused = approve_through_the_page(&mut officer, &token, theirs).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("govuk-error-summary"));
    assert!(
        refused
            .body
            .contains(&format!("href=\"#approve-{theirs}\""))
    );
    assert!(refused.body.contains(
        "Only a finance approver can approve a payment order, and never one they prepared"
    ));
    let admin = app.user("admin-2", &[Role::Admin]).await;
    let both = app
        .user(
            "finance-both",
            &[Role::FinanceOfficer, Role::FinanceApprover],
        )
        .await;
    set_limit(&app, &admin, &both, "10000.00").await;
    let own = {
        let response = prepare(&app, &both, claim, order("500.00")).await;
        response.json::<Value>().await.unwrap()[0]["id"]
            .as_i64()
            .unwrap()
    };
    let (mut holder_of_both, both_token) = signed_in(&app, "finance-both").await;
    let refused = approve_through_the_page(&mut holder_of_both, &both_token, own).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused
            .body
            .contains("You cannot approve this order because you prepared it")
    );
    assert_eq!(orders_in(&app, &finance, "approved").await.len(), 0);
    let (mut approver, approver_token) = signed_in(&app, "finance-approver").await;
    let approved = approve_through_the_page(&mut approver, &approver_token, theirs).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER);
    let orders = orders_in(&app, &finance, "approved").await;
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0]["approved_by"], finance.approver.id);
}

async fn an_order_above_the_approvers_limit_is_refused_naming_the_limit(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let admin = app.user("admin-2", &[Role::Admin]).await;
    set_limit(&app, &admin, &finance.approver, "500.00").await;
    let order = prepared_order(&app, &finance, claim).await;
    let (mut approver, token) = signed_in(&app, "finance-approver").await;
    let refused = approve_through_the_page(&mut approver, &token, order).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused
            .body
            .contains("above your approval limit of €500.00"),
        "{}",
        refused.body
    );
    assert_eq!(orders_in(&app, &finance, "prepared").await.len(), 1);
}

async fn an_order_is_cancelled_with_its_reason(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let order = prepared_order(&app, &finance, claim).await;
    let (mut officer, token) = signed_in(&app, "finance-officer").await;
    let long = "x".repeat(2001);
    let path = format!("/finance/orders/{order}/cancel");
    let refused = post(&mut officer, &path, &token, &[("reason", long.as_str())]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#reason\""));
    assert_eq!(orders_in(&app, &finance, "prepared").await.len(), 1);
    let cancelled = post(&mut officer, &path, &token, &[("reason", "wrong account")]).await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    let orders = orders_in(&app, &finance, "cancelled").await;
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0]["id"], order);
}

async fn a_batch_is_created_and_its_bank_files_are_downloaded(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let (mut officer, token) = signed_in(&app, "finance-officer").await;
    let nothing = post(
        &mut officer,
        "/finance/batches?lang=en",
        &token,
        &[
            ("currency", "EUR"),
            EXECUTION_DAY[0],
            EXECUTION_DAY[1],
            EXECUTION_DAY[2],
        ],
    )
    .await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nothing.body.contains("href=\"#currency\""));
    assert!(nothing.body.contains("no approved orders"));
    let order = prepared_order(&app, &finance, claim).await;
    assert_eq!(
        approve(&app, &finance.approver, order).await.status(),
        StatusCode::OK
    );
    let past = [
        ("currency", "EUR"),
        ("requested_execution_date_day", "1"),
        ("requested_execution_date_month", "11"),
        ("requested_execution_date_year", "2026"),
    ];
    let refused = post(&mut officer, "/finance/batches", &token, &past).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("href=\"#requested_execution_date_day\"")
    );
    let created = post(
        &mut officer,
        "/finance/batches",
        &token,
        &[
            ("currency", "EUR"),
            EXECUTION_DAY[0],
            EXECUTION_DAY[1],
            EXECUTION_DAY[2],
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let location = created.location().unwrap().to_owned();
    let batch: i64 = location
        .trim_start_matches("/finance/batches/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        orders_in(&app, &finance, "exported").await[0]["batch_id"],
        batch
    );
    let page = officer.get(&format!("{location}&lang=en")).await;
    assert!(page.body.contains("The batch was created"));
    assert!(page.body.contains("€4,245.00"));
    assert!(
        !page.body.contains("id=\"statement\""),
        "the officer is offered no statement upload: approvers confirm payments"
    );
    let (mut approver, _) = signed_in(&app, "finance-approver").await;
    let confirming = approver.get(&format!("/finance/batches/{batch}")).await;
    assert!(confirming.body.contains("id=\"statement\""));
    let xml = officer
        .get(&format!("/finance/batches/{batch}/export?format=pain001"))
        .await;
    assert_eq!(xml.status, StatusCode::OK);
    assert!(
        xml.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    let disposition = xml.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(xml.body.starts_with("<?xml"));
    let from_the_api = app
        .get(
            &finance.officer,
            &format!("/api/v1/payment-batches/{batch}/export?format=pain001"),
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(xml.body, from_the_api, "the same export service");
    let csv = officer
        .get(&format!("/finance/batches/{batch}/export?format=csv"))
        .await;
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(csv.body.contains("Drita Çeliku-Krasniqi"));
}

/// Posts the statement file as the batch page's form does (multipart), with `token`.
async fn upload(
    app: &TestApp,
    browser: &Browser<'_>,
    batch: i64,
    token: Option<&str>,
    statement: String,
) -> (StatusCode, String, Option<String>) {
    let mut form = reqwest::multipart::Form::new();
    if let Some(token) = token {
        form = form.text("csrf_token", token.to_owned());
    }
    let part = reqwest::multipart::Part::text(statement)
        .file_name("statement.csv")
        .mime_str("text/csv")
        .unwrap();
    form = form.part("statement", part);
    let cookies: Vec<String> = browser
        .cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .post(app.url(&format!("/finance/batches/{batch}/statement?lang=en")))
        .header("cookie", cookies.join("; "))
        .header("sec-fetch-site", "same-origin")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|value| value.to_str().unwrap().to_owned());
    (status, response.text().await.unwrap(), location)
}

fn statement(end_to_end_id: &str, date: &str) -> String {
    format!(
        "end_to_end_id,status,bank_reference,date,reason\r\n{end_to_end_id},paid,BANK-7,{date},\r\n"
    )
}

async fn the_banks_statement_is_uploaded_and_a_bad_line_is_named(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let (batch, end_to_end_id) = batch_of_one(&app, &finance, claim).await;
    let (approver, token) = signed_in(&app, "finance-approver").await;
    let refusals = [
        (
            statement(&end_to_end_id, "05.01.2027"),
            "Line 2 of the statement".to_owned(),
        ),
        (
            statement(&end_to_end_id, "2026-12-30"),
            format!("date for {end_to_end_id} is in the future"),
        ),
        (
            statement("REDRESS-O0000009999", "2026-11-28"),
            "REDRESS-O0000009999, which is not in this batch".to_owned(),
        ),
    ];
    for (text, expected) in refusals {
        let (status, body, _) = upload(&app, &approver, batch, Some(&token), text).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{expected}");
        assert!(body.contains("href=\"#statement\""));
        assert!(body.contains(&expected), "{body}");
    }
    assert_eq!(
        claim_state(&app, &finance, claim).await,
        "in_payment",
        "nothing recorded"
    );
    let (status, _, location) = upload(
        &app,
        &approver,
        batch,
        Some(&token),
        statement(&end_to_end_id, "2026-11-28"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some(format!("/finance/batches/{batch}?done=confirmed&recorded=1&already=0").as_str())
    );
    assert_eq!(claim_state(&app, &finance, claim).await, "closed");
    let (status, _, location) = upload(
        &app,
        &approver,
        batch,
        Some(&token),
        statement(&end_to_end_id, "2026-11-28"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().ends_with("recorded=0&already=1"));
}

async fn the_payments_report_is_a_table_of_confirmed_payments(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let (batch, end_to_end_id) = batch_of_one(&app, &finance, claim).await;
    let line = json!([{"end_to_end_id": end_to_end_id, "status": "paid", "bank_reference": "BANK-REF-1", "date": "2026-11-28"}]);
    let path = format!("/api/v1/payment-batches/{batch}/confirmations");
    let response = app
        .post(
            &finance.approver,
            &path,
            Some(json!({"confirmations": line})),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (mut officer, _) = signed_in(&app, "finance-officer").await;
    let range = "from_day=1&from_month=11&from_year=2026&to_day=30&to_month=11&to_year=2026";
    let report = officer
        .get(&format!("/finance/reports/payments?{range}&lang=en"))
        .await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("2026-11"));
    assert!(report.body.contains("€4,245.00"));
    assert!(report.body.contains("The applicant"));
    let backwards = "from_day=30&from_month=11&from_year=2026&to_day=1&to_month=11&to_year=2026";
    let refused = officer
        .get(&format!("/finance/reports/payments?{backwards}&lang=en"))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#to_day\""));
    let unreadable = officer
        .get("/finance/reports/payments?from_day=31&from_month=2&from_year=2026&lang=en")
        .await;
    assert_eq!(unreadable.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unreadable.body.contains("href=\"#from_day\""));
}

async fn forms_without_the_sessions_csrf_token_are_refused(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let (batch, end_to_end_id) = batch_of_one(&app, &finance, claim).await;
    let order = orders_in(&app, &finance, "exported").await[0]["id"]
        .as_i64()
        .unwrap();
    let (mut approver, _) = signed_in(&app, "finance-approver").await;
    let forged = post(
        &mut approver,
        &format!("/finance/orders/{order}/approve"),
        "forged",
        &[],
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let without = approver
        .post_form(
            &format!("/finance/claims/{claim}/start-payout"),
            &[],
            &SAME_ORIGIN,
        )
        .await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    let (status, _, _) = upload(
        &app,
        &approver,
        batch,
        None,
        statement(&end_to_end_id, "2026-11-28"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = upload(
        &app,
        &approver,
        batch,
        Some("forged"),
        statement(&end_to_end_id, "2026-11-28"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        claim_state(&app, &finance, claim).await,
        "in_payment",
        "nothing recorded"
    );
}

async fn a_returned_payment_is_paid_again_from_its_row(app: TestApp) {
    let (finance, claim) = claim_in_payment(&app).await;
    let (batch, end_to_end_id) = batch_of_one(&app, &finance, claim).await;
    let line = json!([{"end_to_end_id": end_to_end_id, "status": "returned",
        "date": "2026-11-28", "reason": "account closed"}]);
    let path = format!("/api/v1/payment-batches/{batch}/confirmations");
    let response = app
        .post(
            &finance.approver,
            &path,
            Some(json!({"confirmations": line})),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let returned = orders_in(&app, &finance, "returned").await[0]["id"]
        .as_i64()
        .unwrap();
    let (mut officer, token) = signed_in(&app, "finance-officer").await;
    let listed = officer
        .get("/finance/payments?state=returned&lang=en")
        .await;
    let again = format!("/finance/claims/{claim}/orders/new?reissue_of={returned}");
    assert!(listed.body.contains(&again), "a Pay again link");
    let form = officer.get(&again).await;
    assert!(
        form.body
            .contains(&format!("{end_to_end_id}, which the bank returned"))
    );
    let wrong = [("reissue_of", "999")];
    let refused = prepare_with(&mut officer, &token, (claim, AWARD), &wrong).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Only an order of this claim that the bank returned can be paid again")
    );
    assert!(orders_in(&app, &finance, "prepared").await.is_empty());
    let right = [("reissue_of", returned.to_string())];
    let right = [(right[0].0, right[0].1.as_str())];
    let prepared = prepare_with(&mut officer, &token, (claim, AWARD), &right).await;
    assert_eq!(prepared.status, StatusCode::SEE_OTHER, "{}", prepared.body);
    let orders = orders_in(&app, &finance, "prepared").await;
    assert_eq!(orders[0]["reissue_of"], returned);
}
