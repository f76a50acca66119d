//! What operators rely on, in process: request ids on every answer, `/metrics`, and backups of
//! a SQLite database that keeps serving.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, TestApp, on_both_databases, problem, spawn_app};

on_both_databases!(
    every_answer_carries_a_request_id_which_problems_quote,
    metrics_count_requests_by_route_template_and_changes_by_action,
);

fn request_id(response: &reqwest::Response) -> String {
    response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

fn is_generated(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// The request id the server answers a request carrying `given` with.
async fn answered_id(app: &TestApp, given: &str) -> String {
    let request = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", given);
    request_id(&request.send().await.unwrap())
}

async fn every_answer_carries_a_request_id_which_problems_quote(app: TestApp) {
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert!(is_generated(&request_id(&health)));
    assert_eq!(answered_id(&app, "client-7f3a.1").await, "client-7f3a.1");
    assert!(is_generated(&answered_id(&app, "<script>").await));
    let refused = app
        .client
        .get(app.url("/api/v1/claims"))
        .send()
        .await
        .unwrap();
    let id = request_id(&refused);
    let body = problem(refused, StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["request_id"], id.as_str());
}

pub(crate) async fn metrics_text(app: &TestApp) -> String {
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()["content-type"].to_str().unwrap();
    assert!(content_type.starts_with("application/openmetrics-text"));
    response.text().await.unwrap()
}

async fn metrics_count_requests_by_route_template_and_changes_by_action(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = app.draft(&secretariat).await;
    app.act_ok(&secretariat, claim, "submit", None).await;
    let request = json!({"requested_documents": ["medical_report"], "evidence_due": "2026-12-10"});
    app.act_ok(&secretariat, claim, "request_evidence", Some(request))
        .await;
    app.get_json(
        &secretariat,
        &format!("/api/v1/claims/{claim}?unused=search-term"),
    )
    .await;
    let text = metrics_text(&app).await;
    for line in [
        "redress_claim_changes_total{action=\"create\"} 1",
        "redress_claim_changes_total{action=\"submit\"} 1",
        "redress_claim_changes_total{action=\"request_evidence\"} 1",
        "redress_http_requests_total{method=\"GET\",route=\"/api/v1/claims/{id}\",status=\"200\"} 1",
        "redress_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/claims/{id}\"} 1",
        "redress_claims_overdue 0",
        "redress_outbox_backlog 0",
    ] {
        assert!(text.contains(line), "{line} is missing from\n{text}");
    }
    assert!(
        !text.contains(&format!("/claims/{claim}")),
        "raw paths: {text}"
    );
    assert!(!text.contains("search-term"));
    app.advance(20);
    assert!(
        metrics_text(&app)
            .await
            .contains("redress_claims_overdue 1")
    );
    let spec = app.openapi().await;
    assert!(spec["paths"].get("/metrics").is_none());
}

/// Keeps creating claims until told to stop; returns how many it created.
async fn keep_writing(app: Arc<TestApp>, stop: Arc<AtomicBool>, created: Arc<AtomicUsize>) {
    let secretariat = app.user("writer", &[Role::Secretariat]).await;
    while !stop.load(Ordering::Relaxed) {
        app.draft(&secretariat).await;
        created.fetch_add(1, Ordering::Relaxed);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_claims_are_written_is_intact_and_verifies() {
    let app = Arc::new(spawn_app(Backend::Sqlite).await.unwrap());
    let stop = Arc::new(AtomicBool::new(false));
    let created = Arc::new(AtomicUsize::new(0));
    let writer = tokio::spawn(keep_writing(app.clone(), stop.clone(), created.clone()));
    // The copy is taken among commits: once the writer has committed its first claim, however
    // long a loaded machine takes to get there.
    while created.load(Ordering::Relaxed) == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("backup.db");
    let out_text = out.to_str().unwrap().to_owned();
    let backup_app = app.clone();
    let backup =
        tokio::task::spawn_blocking(move || backup_app.redress(&["backup", "--out", &out_text]))
            .await
            .unwrap();
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    // Checked before anything opens the copy: opening a WAL database makes its -wal and -shm.
    let leftovers: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "only the backup is left: {leftovers:?}");
    let url = format!("sqlite://{}", out.display());
    let copy = sea_orm::Database::connect(&url).await.unwrap();
    use sea_orm::ConnectionTrait;
    let check = copy
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(check.try_get_by_index::<String>(0).unwrap(), "ok");
    copy.close().await.unwrap();
    let verified = crate::helpers::redress_with_input(
        &["audit", "verify"],
        &[("REDRESS_DATABASE_URL", &url)],
        "",
    );
    let report = String::from_utf8_lossy(&verified.stdout);
    assert!(verified.status.success(), "{report}");
    assert!(report.contains("audit trail intact"), "{report}");
}

#[tokio::test]
async fn a_backup_never_overwrites_a_file_and_refuses_postgres() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("existing.db");
    std::fs::write(&out, b"an earlier backup").unwrap();
    let refused = app.redress(&["backup", "--out", out.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("exists"));
    assert_eq!(std::fs::read(&out).unwrap(), b"an earlier backup");
    let postgres = crate::helpers::redress_with_input(
        &[
            "backup",
            "--out",
            folder.path().join("pg.db").to_str().unwrap(),
        ],
        &[(
            "REDRESS_DATABASE_URL",
            "postgres://nobody@127.0.0.1:1/redress",
        )],
        "",
    );
    assert!(!postgres.status.success());
    assert!(String::from_utf8_lossy(&postgres.stderr).contains("pg_dump"));
}
