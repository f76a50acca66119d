//! Deadlines that act on their own: the scheduler's pass performs each due timed action as the
//! `system` actor exactly once, also when passes run at the same time, and overdue claims are
//! listed with the days they are over.

use std::time::Duration;

use redress::app;
use redress::domain::claim::OverdueFlag;
use redress::domain::timed::TimedAction;
use redress::domain::{ClaimAction, ClaimId, Role};
use redress::service::Clock as _;
use sea_orm::ConnectionTrait as _;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::helpers::{Backend, TestApp, User, on_both_databases, spawn_app};
use crate::payments::claim_in_payment;
use crate::server_process::Server;
use crate::workflow::{all_vote, cast, claim_in_review};

on_both_databases!(
    an_overdue_evidence_request_sends_the_claim_to_assessment_as_the_system,
    a_rejection_becomes_final_and_closes_once_its_appeal_window_has_passed,
    two_instances_passing_at_once_act_on_each_deadline_exactly_once,
    a_claim_past_its_decision_due_is_listed_as_overdue_with_the_days_over,
    an_award_unpaid_past_its_payment_due_is_flagged_once_and_lowered_by_nothing_but_payment,
    the_scheduler_acts_at_start_on_deadlines_missed_while_down_and_stops_when_told,
);

/// A submitted claim whose evidence the secretariat asked for by 2026-12-10.
async fn awaiting_evidence(app: &TestApp, secretariat: &User) -> i64 {
    let claim = app.draft(secretariat).await;
    app.act_ok(secretariat, claim, "submit", None).await;
    let request = json!({"requested_documents": ["medical_report"], "evidence_due": "2026-12-10"});
    app.act_ok(secretariat, claim, "request_evidence", Some(request))
        .await;
    claim
}

/// The claim's events that the `system` actor recorded, by action.
async fn system_actions(app: &TestApp, claim: i64) -> Vec<String> {
    let auditor = app
        .user(&format!("auditor-{claim}"), &[Role::Auditor])
        .await;
    system_actions_seen_by(app, &auditor, claim).await
}

async fn system_actions_seen_by(app: &TestApp, auditor: &User, claim: i64) -> Vec<String> {
    let events = app
        .get_json(auditor, &format!("/api/v1/claims/{claim}/events"))
        .await;
    events
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["role"] == "system")
        .map(|event| event["action"].as_str().unwrap().to_owned())
        .collect()
}

fn transition(action: ClaimAction) -> TimedAction {
    TimedAction::Transition(action)
}

async fn state(app: &TestApp, user: &User, claim: i64) -> Value {
    app.get_json(user, &format!("/api/v1/claims/{claim}")).await["state"].clone()
}

async fn an_overdue_evidence_request_sends_the_claim_to_assessment_as_the_system(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = awaiting_evidence(&app, &secretariat).await;
    app.advance(12); // 2026-12-10, the last day: not yet due
    let early = app.services.run_due_deadlines().await.unwrap();
    assert!(early.performed.is_empty(), "{early:?}");
    app.advance(1);
    let run = app.services.run_due_deadlines().await.unwrap();
    let due = (
        ClaimId(claim),
        transition(ClaimAction::EvidenceDeadlinePassed),
    );
    assert_eq!(run.performed, vec![due]);
    let after = app
        .get_json(&secretariat, &format!("/api/v1/claims/{claim}"))
        .await;
    assert_eq!(after["state"], "under_assessment");
    assert_eq!(
        after["flags"],
        json!([{"flag": "evidence_overdue", "flagged_on": "2026-12-11"}])
    );
    assert_eq!(
        system_actions(&app, claim).await,
        vec!["evidence_deadline_passed"]
    );
}

async fn a_rejection_becomes_final_and_closes_once_its_appeal_window_has_passed(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    all_vote(&app, &cast, claim, "reject").await;
    app.act_ok(&cast.chair, claim, "decide", None).await;
    assert!(
        app.services
            .run_due_deadlines()
            .await
            .unwrap()
            .performed
            .is_empty()
    );
    app.advance(31);
    let run = app.services.run_due_deadlines().await.unwrap();
    let id = ClaimId(claim);
    assert_eq!(
        run.performed,
        vec![
            (id, transition(ClaimAction::Finalize)),
            (id, transition(ClaimAction::Close))
        ]
    );
    assert_eq!(state(&app, &cast.secretariat, claim).await, "closed");
    assert_eq!(system_actions(&app, claim).await, vec!["finalize", "close"]);
    let again = app.services.run_due_deadlines().await.unwrap();
    assert_eq!(again, Default::default(), "nothing is left to do");
}

async fn two_instances_passing_at_once_act_on_each_deadline_exactly_once(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let mut claims = Vec::new();
    for _ in 0..4 {
        claims.push(awaiting_evidence(&app, &secretariat).await);
    }
    app.advance(13);
    let other = app.another_instance().await;
    let (first, second, third) = tokio::join!(
        app.services.run_due_deadlines(),
        app.services.run_due_deadlines(),
        other.run_due_deadlines(),
    );
    let runs = [first.unwrap(), second.unwrap(), third.unwrap()];
    let performed: usize = runs.iter().map(|run| run.performed.len()).sum();
    assert_eq!(performed, claims.len(), "{runs:?}");
    assert!(runs.iter().all(|run| run.failed == 0), "{runs:?}");
    for claim in claims {
        assert_eq!(
            system_actions(&app, claim).await,
            vec!["evidence_deadline_passed"],
            "claim {claim}"
        );
    }
}

async fn a_claim_past_its_decision_due_is_listed_as_overdue_with_the_days_over(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = app.draft(&secretariat).await;
    app.act_ok(&secretariat, claim, "submit", None).await;
    let accepted = app
        .act_ok(&secretariat, claim, "accept_for_assessment", None)
        .await;
    let decision_due: chrono::NaiveDate = accepted["deadlines"]["decision_due"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let today: chrono::NaiveDate = crate::helpers::START[..10].parse().unwrap();
    let overdue = "/api/v1/claims?overdue=true";
    assert_eq!(
        app.get_json(&secretariat, overdue).await["items"],
        json!([])
    );
    app.advance((decision_due - today).num_days() + 3);
    // The decision period outlasts a sign-in; a colleague signs in afresh.
    let colleague = app.user("secretariat-2", &[Role::Secretariat]).await;
    let page = app.get_json(&colleague, overdue).await;
    assert_eq!(page["items"][0]["id"], claim);
    assert_eq!(page["items"][0]["days_overdue"], 3);
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    let run = app.services.run_due_deadlines().await.unwrap();
    let flag = TimedAction::Flag(OverdueFlag::DecisionOverdue);
    assert_eq!(run.performed, vec![(ClaimId(claim), flag)]);
    let flagged = app
        .get_json(&colleague, &format!("/api/v1/claims/{claim}"))
        .await;
    assert_eq!(flagged["flags"][0]["flag"], "decision_overdue");
    assert_eq!(flagged["state"], "under_assessment", "a flag moves nothing");
    app.advance(5);
    let again = app.services.run_due_deadlines().await.unwrap();
    assert_eq!(again, Default::default(), "a deadline is flagged once");
    assert_eq!(system_actions(&app, claim).await, vec!["flag_overdue"]);
}

async fn an_award_unpaid_past_its_payment_due_is_flagged_once_and_lowered_by_nothing_but_payment(
    app: TestApp,
) {
    let (finance, claim) = claim_in_payment(&app).await;
    let path = format!("/api/v1/claims/{claim}");
    let in_payment = app.get_json(&finance.officer, &path).await;
    let payment_due: chrono::NaiveDate = in_payment["deadlines"]["payment_due"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let today = app.clock.now().date_naive();
    app.advance((payment_due - today).num_days());
    assert_eq!(
        app.services.run_due_deadlines().await.unwrap(),
        Default::default()
    );
    app.advance(1);
    let officer = app.user("finance-officer-2", &[Role::FinanceOfficer]).await;
    let (first, second) = tokio::join!(
        app.services.run_due_deadlines(),
        app.services.run_due_deadlines()
    );
    let performed = first.unwrap().performed.len() + second.unwrap().performed.len();
    assert_eq!(performed, 1, "two passes at once flag it once");
    let flagged = app.get_json(&officer, &path).await;
    assert_eq!(flagged["flags"][0]["flag"], "payment_overdue");
    assert_eq!(flagged["days_overdue"], 1);
    let listed = app.get_json(&officer, "/api/v1/claims?overdue=true").await;
    assert_eq!(listed["items"][0]["id"], claim);
    assert_eq!(system_actions(&app, claim).await, vec!["flag_overdue"]);
    let signed_in: Value = app
        .login("finance-officer", crate::helpers::PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let preparer = User {
        id: finance.officer.id,
        token: signed_in["token"].as_str().unwrap().to_owned(),
    };
    let notices = app.get_json(&preparer, "/api/v1/notifications").await;
    let escalated = notices["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|notice| notice["kind"] == "payment_overdue")
        .count();
    assert_eq!(escalated, 1, "finance is told once: {notices}");
}

/// Two `redress serve` processes on one PostgreSQL database both run their pass at start over
/// the same forty overdue evidence requests; once both have stopped, each claim has moved on
/// exactly once. The servers follow the real clock, so the requests are made overdue in the
/// database directly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_act_on_each_deadline_exactly_once() {
    let Some(app) = spawn_app(Backend::Postgres).await else {
        return;
    };
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let mut claims = Vec::new();
    for _ in 0..40 {
        claims.push(awaiting_evidence(&app, &secretariat).await);
    }
    app.services
        .database()
        .execute_unprepared("UPDATE claims SET evidence_due = '2020-01-01'")
        .await
        .unwrap();
    let servers = [Server::start(&app), Server::start(&app)];
    let all_moved_on = async {
        for claim in &claims {
            while state(&app, &secretariat, *claim).await != "under_assessment" {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    };
    // A bound only against hanging: the passes take well under a second.
    tokio::time::timeout(Duration::from_secs(120), all_moved_on)
        .await
        .expect("the servers' passes at start acted on every claim");
    for server in servers {
        server.terminate();
        assert!(server.wait().success(), "a clean stop");
    }
    let auditor = app.user("auditor", &[Role::Auditor]).await;
    for claim in claims {
        assert_eq!(
            system_actions_seen_by(&app, &auditor, claim).await,
            vec!["evidence_deadline_passed"],
            "claim {claim}"
        );
    }
}

async fn the_scheduler_acts_at_start_on_deadlines_missed_while_down_and_stops_when_told(
    app: TestApp,
) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = awaiting_evidence(&app, &secretariat).await;
    app.advance(13);
    let stop = CancellationToken::new();
    // An hour between passes: only the pass at start can act within the test.
    let hour = Duration::from_secs(3600);
    let task = app::spawn_scheduler(app.services.clone(), hour, stop.clone());
    let mut waited = Duration::ZERO;
    while state(&app, &secretariat, claim).await != "under_assessment" {
        assert!(
            waited < Duration::from_secs(10),
            "the pass at start did not act"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    stop.cancel();
    tokio::time::timeout(Duration::from_secs(10), task)
        .await
        .expect("the scheduler stops when told")
        .unwrap();
}
