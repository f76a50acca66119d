use redress::domain::Role;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DatabaseBackend};

use crate::helpers::{TestApp, on_both_databases};

on_both_databases!(
    audit_verify_passes_on_an_untouched_trail,
    altering_one_stored_event_makes_audit_verify_fail_and_name_it,
    deleting_the_last_event_makes_audit_verify_fail,
    the_database_refuses_to_update_or_delete_audit_events,
);

/// A claim with three events: create, upload_document, submit.
pub(crate) async fn submitted_claim(app: &TestApp) -> i64 {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    app.file_power_of_attorney(&lawyer, claim).await;
    assert_eq!(
        app.act(&lawyer, claim, "submit", None).await.status(),
        StatusCode::OK
    );
    claim
}

/// What an intruder with database access would do first: switch the append-only guard off.
pub(crate) async fn disable_append_only_guard(app: &TestApp) {
    let database = app.services.database();
    let statement = match database.get_database_backend() {
        DatabaseBackend::Postgres => {
            "ALTER TABLE claim_events DISABLE TRIGGER claim_events_no_change".to_owned()
        }
        _ => "DROP TRIGGER claim_events_no_update; DROP TRIGGER claim_events_no_delete;".to_owned(),
    };
    database.execute_unprepared(&statement).await.unwrap();
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn audit_verify_passes_on_an_untouched_trail(app: TestApp) {
    submitted_claim(&app).await;
    let output = app.redress(&["audit", "verify"]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("audit trail intact: 1 claims, 3 events verified"),
        "{}",
        stdout(&output)
    );
}

async fn altering_one_stored_event_makes_audit_verify_fail_and_name_it(app: TestApp) {
    let claim = submitted_claim(&app).await;
    disable_append_only_guard(&app).await;
    let tamper = format!(
        "UPDATE claim_events SET role = 'secretariat' WHERE claim_id = {claim} AND sequence = 2"
    );
    app.services
        .database()
        .execute_unprepared(&tamper)
        .await
        .unwrap();
    let output = app.redress(&["audit", "verify"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains(&format!(
            "claim {claim}: event 2: the stored hash does not match"
        )),
        "{}",
        stdout(&output)
    );
}

async fn deleting_the_last_event_makes_audit_verify_fail(app: TestApp) {
    let claim = submitted_claim(&app).await;
    disable_append_only_guard(&app).await;
    let delete = format!("DELETE FROM claim_events WHERE claim_id = {claim} AND sequence = 3");
    app.services
        .database()
        .execute_unprepared(&delete)
        .await
        .unwrap();
    let output = app.redress(&["audit", "verify"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains(&format!("claim {claim}: event 3: events are missing")),
        "{}",
        stdout(&output)
    );
}

async fn the_database_refuses_to_update_or_delete_audit_events(app: TestApp) {
    let claim = submitted_claim(&app).await;
    let database = app.services.database();
    let update = format!("UPDATE claim_events SET payload = '{{}}' WHERE claim_id = {claim}");
    assert!(database.execute_unprepared(&update).await.is_err());
    let delete = format!("DELETE FROM claim_events WHERE claim_id = {claim}");
    assert!(database.execute_unprepared(&delete).await.is_err());
    let output = app.redress(&["audit", "verify"]);
    assert!(output.status.success(), "{}", stdout(&output));
}

#[test]
fn audit_verify_refuses_a_database_that_does_not_exist() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", folder.path().join("mistyped.db").display());
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_redress"))
        .args(["--database-url", &url, "audit", "verify"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !folder.path().join("mistyped.db").exists(),
        "no database may be created"
    );
}

#[test]
fn an_unsupported_database_url_is_refused_without_printing_it() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_redress"))
        .args(["--database-url", "mysql://user:secret@host/db", "migrate"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!printed.contains("secret"), "{printed}");
    assert!(
        printed.contains("must start with sqlite:// or postgres://"),
        "{printed}"
    );
}
