//! A real `redress serve` process: SIGTERM lets the request in flight finish, and a whole demo
//! run logs nothing personal.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use redress::domain::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, on_both_databases, pdf};
use crate::server_process::Server;

on_both_databases!(
    sigterm_finishes_the_request_in_flight_refuses_new_ones_and_stops_the_scheduler,
    a_demo_run_logs_request_ids_and_nothing_personal,
);

/// A document upload as multipart form data with boundary `b`.
fn upload_body() -> Vec<u8> {
    let mut body =
        b"--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nreceipt\r\n--b\r\n\
        Content-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n\
        Content-Type: application/pdf\r\n\r\n"
            .to_vec();
    body.extend(pdf("in flight"));
    body.extend(b"\r\n--b--\r\n");
    body
}

/// Reads one line of the server's answer (CRLF stripped).
fn read_line(reader: &mut BufReader<TcpStream>) -> String {
    let mut line = String::new();
    reader.read_line(&mut line).expect("reading the answer");
    line.trim_end().to_owned()
}

/// Waits until the server's port refuses connections; a minute at most, as a failure guard.
fn wait_until_refused(address: &str) {
    for _ in 0..600 {
        if TcpStream::connect(address).is_err() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server still accepted connections a minute after SIGTERM");
}

/// Starts an upload, lets the server begin reading it (`100 Continue`), sends SIGTERM, waits
/// until new connections are refused, then sends the rest: the answer must be a success.
fn upload_across_sigterm(server: &Server, token: &str, claim: i64) -> String {
    let body = upload_body();
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let head = format!(
        "POST /api/v1/claims/{claim}/documents HTTP/1.1\r\nHost: localhost\r\n\
         Authorization: Bearer {token}\r\nContent-Type: multipart/form-data; boundary=b\r\n\
         Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    assert_eq!(read_line(&mut reader), "HTTP/1.1 100 Continue");
    assert_eq!(read_line(&mut reader), "");
    stream.write_all(first).unwrap();
    server.terminate();
    wait_until_refused(&server.address);
    stream.write_all(rest).unwrap();
    let status = read_line(&mut reader);
    let mut answer = String::new();
    let _ = reader.read_to_string(&mut answer);
    status
}

async fn sigterm_finishes_the_request_in_flight_refuses_new_ones_and_stops_the_scheduler(
    app: TestApp,
) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let folder = tempfile::tempdir().unwrap();
    let log = folder.path().join("server.log");
    let server = Server::start_logging_to(&app, &[], &[("REDRESS_LOG", "info")], &log);
    let token = server.token(&app, "lawyer").await;
    let (status, server) = tokio::task::spawn_blocking(move || {
        let status = upload_across_sigterm(&server, &token, claim);
        (status, server)
    })
    .await
    .unwrap();
    assert_eq!(status, "HTTP/1.1 201 Created");
    let exit = tokio::task::spawn_blocking(move || server.wait())
        .await
        .unwrap();
    assert!(exit.success(), "{exit:?}");
    let documents = app
        .get_json(&lawyer, &format!("/api/v1/claims/{claim}/documents"))
        .await;
    assert_eq!(documents.as_array().map(Vec::len), Some(1), "{documents}");
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.contains("deadline scheduler stopped"), "{log}");
}

/// The demo's accounts as (username, password), from what `serve --demo` printed.
fn demo_passwords(server: &Server) -> Vec<(String, String)> {
    server
        .printed
        .iter()
        .filter(|line| line.starts_with("  "))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some((words.next()?.to_owned(), words.next()?.to_owned()))
        })
        .collect()
}

/// A payee account that is not the scheme's own.
const VICTIM_IBAN: &str = "XK711212098765432109";

/// Everything personal the demo run handles: the victims' names, birth date, address and
/// account, and the staff's full names. None of it may reach the log.
fn personal_data() -> Vec<String> {
    use chrono::Datelike as _;
    let today = chrono::Utc::now().date_naive();
    let birth_date = today
        .with_year(today.year() - 30)
        .expect("a date thirty years ago");
    [
        "Synthetic Applicant",
        "Example Street",
        "Prishtinë",
        VICTIM_IBAN,
        "XK71 1212 0987 6543 2109",
        "Vjosa Krasniqi",
        "Blerim Hoxha",
        "Arbër Gashi",
        "Jelena Petrović",
        "Besnik Shala",
        &birth_date.to_string(),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The demo's users signed in on a server.
struct Session<'a> {
    app: &'a TestApp,
    server: &'a Server,
    tokens: std::collections::HashMap<String, String>,
}

impl Session<'_> {
    fn request(&self, method: Method, username: &str, path: &str) -> reqwest::RequestBuilder {
        self.app
            .client
            .request(method, self.server.url(path))
            .bearer_auth(&self.tokens[username])
    }

    /// Sends `body` (JSON, when given) and asserts the answer's status; returns its body.
    async fn expect(
        &self,
        (method, username, path): (Method, &str, &str),
        body: Option<Value>,
        status: StatusCode,
    ) -> String {
        let mut request = self.request(method, username, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        response.text().await.unwrap()
    }
}

/// Signs in every demo user the run needs, with the passwords `serve --demo` printed.
async fn sign_in<'a>(app: &'a TestApp, server: &'a Server) -> Session<'a> {
    let mut tokens = std::collections::HashMap::new();
    for (username, password) in demo_passwords(server) {
        let token = server.token_with_password(app, &username, &password).await;
        tokens.insert(username, token);
    }
    Session {
        app,
        server,
        tokens,
    }
}

/// What people do with the demo: read, act, upload (a name in the file's name), send a body the
/// server cannot parse (a name in it), and pay the victim.
async fn demo_run(session: &Session<'_>) {
    for path in [
        "/api/v1/claims",
        "/api/v1/claims/1",
        "/api/v1/claims/3",
        "/api/v1/claims/3/events",
    ] {
        session
            .expect((Method::GET, "secretariat", path), None, StatusCode::OK)
            .await;
    }
    session
        .expect(
            (Method::GET, "chair", "/api/v1/claims/3"),
            None,
            StatusCode::OK,
        )
        .await;
    let form = crate::helpers::upload_form("receipt", "Synthetic Applicant.pdf", pdf("demo"));
    let upload = session
        .request(Method::POST, "lawyer", "/api/v1/claims/1/documents")
        .multipart(form);
    assert_eq!(upload.send().await.unwrap().status(), StatusCode::CREATED);
    let malformed = session
        .request(Method::POST, "lawyer", "/api/v1/claims")
        .header("content-type", "application/json")
        .body(r#"{"victim_name": "Synthetic Applicant", "victim_address": "#);
    assert_eq!(
        malformed.send().await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    let finalize = (
        Method::POST,
        "secretariat",
        "/api/v1/claims/4/actions/finalize",
    );
    session
        .expect(
            finalize,
            Some(json!({"appeal_waived": true})),
            StatusCode::OK,
        )
        .await;
    let start_payout = (
        Method::POST,
        "finance-officer",
        "/api/v1/claims/4/actions/start_payout",
    );
    session.expect(start_payout, None, StatusCode::OK).await;
    pay(session).await;
}

/// Prepares, approves and exports a payment to the victim's account.
async fn pay(session: &Session<'_>) {
    let order = json!({"payee_kind": "claimant", "payee_name": "Synthetic Applicant",
        "iban": VICTIM_IBAN, "amount": "1000.00", "reference": "Compensation KS-2026-000004"});
    let prepare = (
        Method::POST,
        "finance-officer",
        "/api/v1/claims/4/payment-orders",
    );
    let prepared = session
        .expect(prepare, Some(order), StatusCode::CREATED)
        .await;
    let prepared: Value = serde_json::from_str(&prepared).unwrap();
    let approve = format!("/api/v1/payment-orders/{}/approve", prepared[0]["id"]);
    session
        .expect(
            (Method::POST, "finance-approver", &approve),
            None,
            StatusCode::OK,
        )
        .await;
    let execution = chrono::Utc::now().date_naive() + chrono::TimeDelta::days(7);
    let batch = json!({"currency": "EUR", "requested_execution_date": execution});
    let create = (Method::POST, "finance-officer", "/api/v1/payment-batches");
    let batch = session
        .expect(create, Some(batch), StatusCode::CREATED)
        .await;
    let batch: Value = serde_json::from_str(&batch).unwrap();
    let export = format!(
        "/api/v1/payment-batches/{}/export?format=pain001",
        batch["id"]
    );
    let file = session
        .expect(
            (Method::GET, "finance-officer", &export),
            None,
            StatusCode::OK,
        )
        .await;
    assert!(file.contains(VICTIM_IBAN));
}

fn assert_logs_nothing_personal(log: &Path) {
    let text = std::fs::read_to_string(log).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let requests: Vec<&Value> = lines
        .iter()
        .filter(|line| line["fields"]["message"] == "request")
        .collect();
    assert!(requests.len() > 10, "{text}");
    for request in requests {
        assert!(request["span"]["request_id"].is_string(), "{request}");
        assert!(request["fields"]["route"].is_string(), "{request}");
    }
    for personal in personal_data() {
        assert!(!text.contains(&personal), "the log holds {personal:?}");
    }
}

async fn a_demo_run_logs_request_ids_and_nothing_personal(app: TestApp) {
    let folder = tempfile::tempdir().unwrap();
    let log = folder.path().join("server.log");
    let environment = [("REDRESS_LOG", "debug"), ("REDRESS_LOG_FORMAT", "json")];
    let server = Server::start_logging_to(&app, &["--demo"], &environment, &log);
    demo_run(&sign_in(&app, &server).await).await;
    for (_, password) in demo_passwords(&server) {
        assert!(!std::fs::read_to_string(&log).unwrap().contains(&password));
    }
    server.terminate();
    let exit = tokio::task::spawn_blocking(move || server.wait())
        .await
        .unwrap();
    assert!(exit.success());
    assert_logs_nothing_personal(&log);
}
