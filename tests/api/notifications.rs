//! Notifications: a change's notice is written with the change and reaches its recipients in
//! app; a webhook receives each event signed and with nothing personal, is retried with backoff
//! when it fails and dead-lettered after the last attempt; an appeal window's reminder is
//! enqueued once however many passes run.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use hmac::{Hmac, Mac};
use poem::listener::{Acceptor, Listener};
use redress::domain::Role;
use redress::service::{Notifying, Smtp, Webhook};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::Sha256;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::helpers::{Backend, TestApp, User, on_both_databases, spawn_app_notifying};
use crate::workflow::{all_vote, cast, claim_in_review};

on_both_databases!(
    a_submitted_claim_notifies_the_representing_lawyer_and_the_secretariat_in_app,
    a_notification_is_read_by_its_recipient_and_no_one_else,
    a_refused_change_notifies_no_one,
    an_appeal_window_closing_is_reminded_once_even_when_two_instances_pass_at_once,
);

/// One test per database for tests that start their own server (with a webhook receiver).
macro_rules! with_a_receiver_on_both_databases {
    ($($test:ident),* $(,)?) => {
        mod sqlite_receiver {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(crate::helpers::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres_receiver {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(crate::helpers::Backend::Postgres).await;
                }
            )*
        }
    };
}

with_a_receiver_on_both_databases!(
    a_webhook_receives_each_event_once_signed_and_with_nothing_personal,
    a_failing_webhook_is_retried_with_backoff_then_dead_until_an_administrator_retries_it,
    a_recipient_with_an_email_address_is_mailed_the_notice_with_nothing_personal,
);

const SECRET: &str = "a-test-secret-of-enough-bytes";

async fn notifications(app: &TestApp, user: &User, query: &str) -> Vec<Value> {
    let page = app
        .get_json(user, &format!("/api/v1/notifications{query}"))
        .await;
    page["items"].as_array().unwrap().clone()
}

fn kinds(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .map(|item| item["kind"].as_str().unwrap())
        .collect()
}

/// The lawyer's draft, with a power of attorney, submitted.
async fn submitted(app: &TestApp, lawyer: &User) -> i64 {
    let claim = app.draft(lawyer).await;
    app.file_power_of_attorney(lawyer, claim).await;
    app.act_ok(lawyer, claim, "submit", None).await;
    claim
}

async fn a_submitted_claim_notifies_the_representing_lawyer_and_the_secretariat_in_app(
    app: TestApp,
) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let commissioner = app.user("commissioner", &[Role::Commissioner]).await;
    let other_lawyer = app.user("other-lawyer", &[Role::Lawyer]).await;
    let claim = submitted(&app, &lawyer).await;
    let reference = app
        .get_json(&lawyer, &format!("/api/v1/claims/{claim}"))
        .await["reference"]
        .clone();
    for recipient in [&lawyer, &secretariat] {
        let items = notifications(&app, recipient, "").await;
        assert_eq!(kinds(&items), ["claim_submitted"]);
        assert_eq!(items[0]["claim_id"], claim);
        assert_eq!(items[0]["claim_reference"], reference);
        assert_eq!(items[0]["read_at"], Value::Null);
    }
    for bystander in [&commissioner, &other_lawyer] {
        assert!(notifications(&app, bystander, "").await.is_empty());
    }
}

async fn a_notification_is_read_by_its_recipient_and_no_one_else(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    submitted(&app, &lawyer).await;
    let lawyers = notifications(&app, &lawyer, "?unread=true").await;
    let id = lawyers[0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/notifications/{id}/read");
    let foreign = app.post(&secretariat, &path, None).await;
    crate::helpers::problem(foreign, StatusCode::NOT_FOUND).await;
    let read = app.post(&lawyer, &path, None).await;
    assert_eq!(read.status(), StatusCode::NO_CONTENT);
    assert!(
        notifications(&app, &lawyer, "?unread=true")
            .await
            .is_empty()
    );
    let all = notifications(&app, &lawyer, "").await;
    assert!(all[0]["read_at"].is_string());
    let unread = notifications(&app, &secretariat, "?unread=true").await;
    assert_eq!(unread.len(), 1, "the secretariat's own is still unread");
    let response = app
        .post(&secretariat, "/api/v1/notifications/read-all", None)
        .await;
    assert_eq!(response.json::<Value>().await.unwrap()["marked"], 1);
    assert!(
        notifications(&app, &secretariat, "?unread=true")
            .await
            .is_empty()
    );
}

async fn a_refused_change_notifies_no_one(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = app.draft(&lawyer).await;
    // Without a power of attorney on file the lawyer may not submit.
    let refused = app.act(&lawyer, claim, "submit", None).await;
    assert!(refused.status().is_client_error(), "{}", refused.status());
    assert!(notifications(&app, &lawyer, "").await.is_empty());
    assert!(notifications(&app, &secretariat, "").await.is_empty());
}

async fn an_appeal_window_closing_is_reminded_once_even_when_two_instances_pass_at_once(
    app: TestApp,
) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    all_vote(&app, &cast, claim, "approve").await;
    let decided = app.act_ok(&cast.chair, claim, "decide", None).await;
    assert_eq!(decided["deadlines"]["appeal_due"], "2026-12-28");
    let issued = notifications(&app, &cast.lawyer, "").await;
    assert_eq!(kinds(&issued).last(), Some(&"decision_issued"));
    app.advance(22); // 2026-12-20: eight days before the window closes
    assert_eq!(app.services.enqueue_appeal_reminders().await.unwrap(), 0);
    app.advance(1); // seven days before
    let other = app.another_instance().await;
    let (first, second, third) = tokio::join!(
        app.services.enqueue_appeal_reminders(),
        app.services.enqueue_appeal_reminders(),
        other.enqueue_appeal_reminders(),
    );
    assert_eq!(first.unwrap() + second.unwrap() + third.unwrap(), 1);
    app.advance(1);
    assert_eq!(app.services.enqueue_appeal_reminders().await.unwrap(), 0);
    let reminders: Vec<Value> = notifications(&app, &cast.lawyer, "")
        .await
        .into_iter()
        .filter(|item| item["kind"] == "appeal_window_closing")
        .collect();
    assert_eq!(reminders.len(), 1);
    assert_eq!(reminders[0]["claim_id"], claim);
}

/// A request the receiver got: its signature header and its body.
type Received = (Option<String>, Vec<u8>);

/// A local webhook receiver: what it received (signature header, body) and the status it
/// answers with, which a test may change.
struct Receiver {
    address: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    async fn start(status: u16) -> Receiver {
        let received = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(AtomicU16::new(status));
        let acceptor = poem::listener::TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .unwrap();
        let address = *acceptor.local_addr()[0].as_socket_addr().unwrap();
        let (log, answer) = (received.clone(), status.clone());
        let endpoint = poem::endpoint::make(move |request: poem::Request| {
            let (log, answer) = (log.clone(), answer.clone());
            async move {
                let signature = request.header("x-redress-signature").map(str::to_owned);
                let body = request.into_body().into_vec().await.unwrap();
                log.lock().unwrap().push((signature, body));
                let status = poem::http::StatusCode::from_u16(answer.load(Ordering::SeqCst));
                poem::Response::builder().status(status.unwrap()).finish()
            }
        });
        tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(endpoint));
        Receiver {
            address,
            received,
            status,
        }
    }

    fn notifying(&self, attempts_maximum: u32) -> Notifying {
        Notifying {
            webhook: Some(Webhook {
                url: format!("http://{}/hook", self.address),
                secret: SECRET.to_owned(),
            }),
            attempts_maximum,
            ..Notifying::default()
        }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

async fn a_webhook_receives_each_event_once_signed_and_with_nothing_personal(backend: Backend) {
    let receiver = Receiver::start(200).await;
    let Some(app) = spawn_app_notifying(backend, receiver.notifying(8)).await else {
        return;
    };
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = submitted(&app, &lawyer).await;
    // Two dispatchers at once: each delivery is attempted by one of them only.
    let (first, second) = tokio::join!(
        app.services.deliver_notifications(),
        app.services.deliver_notifications(),
    );
    assert_eq!(first.unwrap().delivered + second.unwrap().delivered, 1);
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    let (signature, body) = &received[0];
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(signature.as_deref(), Some(expected.as_str()));
    let body: Value = serde_json::from_slice(body).unwrap();
    let reference = app
        .get_json(&lawyer, &format!("/api/v1/claims/{claim}"))
        .await["reference"]
        .clone();
    assert_eq!(body["event"], "claim_submitted");
    assert_eq!(body["claim_reference"], reference);
    assert_eq!(body["occurred_at"], "2026-11-28T09:00:00Z");
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["claim_reference", "event", "occurred_at"]);
    assert!(!body.to_string().contains("Synthetic Applicant"));
    let again = app.services.deliver_notifications().await.unwrap();
    assert_eq!(
        again,
        Default::default(),
        "a delivered event is not sent again"
    );
}

async fn a_failing_webhook_is_retried_with_backoff_then_dead_until_an_administrator_retries_it(
    backend: Backend,
) {
    let receiver = Receiver::start(500).await;
    let Some(app) = spawn_app_notifying(backend, receiver.notifying(3)).await else {
        return;
    };
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let admin = app.user("admin", &[Role::Admin]).await;
    submitted(&app, &lawyer).await;
    assert_eq!(outbox_backlog(&app).await, 1);
    let first = app.services.deliver_notifications().await.unwrap();
    assert_eq!(first.retrying, 1);
    let backing_off = app.services.deliver_notifications().await.unwrap();
    assert_eq!(
        backing_off,
        Default::default(),
        "not retried before its time"
    );
    app.advance(1);
    assert_eq!(
        app.services.deliver_notifications().await.unwrap().retrying,
        1
    );
    app.advance(1);
    assert_eq!(app.services.deliver_notifications().await.unwrap().dead, 1);
    assert_eq!(
        outbox_backlog(&app).await,
        0,
        "a dead delivery waits for no attempt"
    );
    app.advance(1);
    let after_death = app.services.deliver_notifications().await.unwrap();
    assert_eq!(
        after_death,
        Default::default(),
        "a dead delivery is not attempted"
    );
    assert_eq!(receiver.received().len(), 3);
    let dead = app
        .get_json(&admin, "/api/v1/notification-deliveries?state=dead")
        .await;
    assert_eq!(dead[0]["attempts"], 3);
    assert_eq!(dead[0]["last_status"], 500);
    assert_eq!(dead[0]["kind"], "claim_submitted");
    let path = format!("/api/v1/notification-deliveries/{}/retry", dead[0]["id"]);
    let refused = app.post(&lawyer, &path, None).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.post(&admin, &path, None).await.status(),
        StatusCode::NO_CONTENT
    );
    receiver.status.store(200, Ordering::SeqCst);
    assert_eq!(
        app.services
            .deliver_notifications()
            .await
            .unwrap()
            .delivered,
        1
    );
    assert_eq!(receiver.received().len(), 4);
}

/// The outbox backlog `/metrics` reports.
async fn outbox_backlog(app: &TestApp) -> u64 {
    let text = crate::operability::metrics_text(app).await;
    let line = text
        .lines()
        .find(|line| line.starts_with("redress_outbox_backlog "))
        .unwrap_or_else(|| panic!("no outbox backlog in {text}"));
    line["redress_outbox_backlog ".len()..].parse().unwrap()
}

/// A message the mail server received: its recipients and its data.
type Mail = (Vec<String>, String);
type MailLog = Arc<Mutex<Vec<Mail>>>;

/// A local SMTP server that accepts every message: what it received (recipients, data).
struct MailServer {
    address: SocketAddr,
    received: MailLog,
}

impl MailServer {
    async fn start() -> MailServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_smtp(stream, log.clone()));
            }
        });
        MailServer { address, received }
    }
}

/// Just enough SMTP for one client: greeting, EHLO, MAIL, RCPT, DATA, QUIT.
async fn serve_smtp(stream: tokio::net::TcpStream, log: MailLog) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    writer.write_all(b"220 test ESMTP\r\n").await.unwrap();
    let mut recipients = Vec::new();
    while let Ok(Some(line)) = lines.next_line().await {
        let command = line.to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("RCPT") {
            recipients.push(line[8..].to_owned());
            b"250 ok\r\n"
        } else if command.starts_with("DATA") {
            writer.write_all(b"354 go on\r\n").await.unwrap();
            let mut data = String::new();
            while let Ok(Some(line)) = lines.next_line().await {
                if line == "." {
                    break;
                }
                data.push_str(&line);
                data.push('\n');
            }
            log.lock()
                .unwrap()
                .push((std::mem::take(&mut recipients), data));
            b"250 queued\r\n"
        } else if command.starts_with("QUIT") {
            writer.write_all(b"221 bye\r\n").await.unwrap();
            return;
        } else {
            b"250 ok\r\n"
        };
        writer.write_all(reply).await.unwrap();
    }
}

async fn a_recipient_with_an_email_address_is_mailed_the_notice_with_nothing_personal(
    backend: Backend,
) {
    let server = MailServer::start().await;
    let notifying = Notifying {
        email: Some(Smtp {
            url: format!("smtp://{}", server.address),
            from: "redress@example.org".to_owned(),
        }),
        ..Notifying::default()
    };
    let Some(app) = spawn_app_notifying(backend, notifying).await else {
        return;
    };
    let admin = app.user("admin", &[Role::Admin]).await;
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    app.user("secretariat", &[Role::Secretariat]).await;
    let user_path = format!("/api/v1/users/{}", lawyer.id);
    let invalid = app
        .patch(
            &admin,
            &user_path,
            serde_json::json!({"email": "not an address"}),
        )
        .await;
    let problem = crate::helpers::problem(invalid, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["field"], "email");
    let set = app
        .patch(
            &admin,
            &user_path,
            serde_json::json!({"email": "lawyer@example.org"}),
        )
        .await;
    assert_eq!(set.status(), StatusCode::OK);
    assert_eq!(
        app.get_json(&admin, &user_path).await["email"],
        "lawyer@example.org"
    );
    let claim = submitted(&app, &lawyer).await;
    let run = app.services.deliver_notifications().await.unwrap();
    assert_eq!(run.delivered, 1, "only the lawyer has an address: {run:?}");
    let received = server.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    let (recipients, data) = &received[0];
    assert_eq!(recipients, &["<lawyer@example.org>"]);
    let reference = app
        .get_json(&lawyer, &format!("/api/v1/claims/{claim}"))
        .await["reference"]
        .clone();
    assert!(data.contains(reference.as_str().unwrap()), "{data}");
    assert!(data.contains("claim submitted"), "{data}");
    assert!(!data.contains("Synthetic"), "{data}");
}
