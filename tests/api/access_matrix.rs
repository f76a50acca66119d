//! Every role against every claim operation, as one table: rows are operations on a claim at a
//! stage of its life, columns are actors, and each cell is the exact status the rules give.
//!
//! The rules the table spells out: without a token, 401; without object-level access to the
//! claim (another lawyer's claim, a claim not yet before the commission for its members, an
//! undecided claim for finance, any claim for the administrator), 404, exactly as for a claim
//! that does not exist; a role that may see the claim but not perform the operation, 403; a
//! permitted operation the claim's state does not allow, 409; a permitted one that breaks a
//! rule, 422. Auditors read everything and write nothing.
//!
//! Every row runs against a claim the row's stage describes. A claim is shared by the cells of
//! the same stage until a write succeeds on it; then the next cell gets a fresh one. Mismatches
//! are collected and shown together, so one run shows the whole matrix.
//!
//! To add an operation, add a line to `rows()`; a new stage of life is a `Stage` and its step.

use std::collections::HashMap;
use std::fmt::Write as _;

use redress::domain::Role;
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, draft_body, on_both_databases, pdf, upload_form};

on_both_databases!(
    every_actor_gets_exactly_the_status_the_rules_give_for_every_claim_operation,
    a_protected_identity_is_shown_only_to_the_lawyer_the_secretariat_and_the_chair_and_logged,
);

/// The columns, in the order of each row's statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Actor {
    /// The lawyer who represents the claim.
    Lawyer,
    OtherLawyer,
    Secretariat,
    Commissioner,
    Chair,
    FinanceOfficer,
    FinanceApprover,
    Auditor,
    Admin,
    /// No bearer token at all.
    Anonymous,
}

const ACTORS: [Actor; 10] = [
    Actor::Lawyer,
    Actor::OtherLawyer,
    Actor::Secretariat,
    Actor::Commissioner,
    Actor::Chair,
    Actor::FinanceOfficer,
    Actor::FinanceApprover,
    Actor::Auditor,
    Actor::Admin,
    Actor::Anonymous,
];

impl Actor {
    fn label(self) -> &'static str {
        match self {
            Actor::Lawyer => "lawyer",
            Actor::OtherLawyer => "other lawyer",
            Actor::Secretariat => "secretariat",
            Actor::Commissioner => "commissioner",
            Actor::Chair => "chair",
            Actor::FinanceOfficer => "finance officer",
            Actor::FinanceApprover => "finance approver",
            Actor::Auditor => "auditor",
            Actor::Admin => "admin",
            Actor::Anonymous => "no token",
        }
    }
}

/// The signed-in users behind the columns, and a second commissioner who helps the commission
/// reach its quorum of three when a fixture claim is decided.
struct Cast {
    users: HashMap<Actor, User>,
    second_commissioner: User,
}

impl Cast {
    fn user(&self, actor: Actor) -> Option<&User> {
        self.users.get(&actor)
    }

    fn of(&self, actor: Actor) -> &User {
        &self.users[&actor]
    }
}

async fn cast(app: &TestApp) -> Cast {
    let roles = [
        (Actor::Lawyer, "lawyer", Role::Lawyer),
        (Actor::OtherLawyer, "other-lawyer", Role::Lawyer),
        (Actor::Secretariat, "secretariat", Role::Secretariat),
        (Actor::Commissioner, "commissioner", Role::Commissioner),
        (Actor::Chair, "chair", Role::Chair),
        (
            Actor::FinanceOfficer,
            "finance-officer",
            Role::FinanceOfficer,
        ),
        (
            Actor::FinanceApprover,
            "finance-approver",
            Role::FinanceApprover,
        ),
        (Actor::Auditor, "auditor", Role::Auditor),
        (Actor::Admin, "admin", Role::Admin),
    ];
    let mut users = HashMap::new();
    for (actor, username, role) in roles {
        users.insert(actor, app.user(username, &[role]).await);
    }
    let second_commissioner = app.user("commissioner-2", &[Role::Commissioner]).await;
    Cast {
        users,
        second_commissioner,
    }
}

/// Where a fixture claim stands, each reached from the one before by the role that owns the step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Stage {
    /// Represented by the lawyer, with a power of attorney uploaded.
    Draft,
    Submitted,
    AwaitingEvidence,
    UnderAssessment,
    /// Under assessment with the rapporteur's assessment recorded.
    Assessed,
    /// Proposed, before the commission, no vote cast yet.
    InReview,
    /// Decided with an award by three approving votes.
    Decided,
    Final,
    InPayment,
}

impl Stage {
    fn label(self) -> &'static str {
        match self {
            Stage::Draft => "a draft",
            Stage::Submitted => "a submitted claim",
            Stage::AwaitingEvidence => "a claim awaiting evidence",
            Stage::UnderAssessment => "a claim under assessment",
            Stage::Assessed => "an assessed claim",
            Stage::InReview => "a claim in commission review",
            Stage::Decided => "a decided claim",
            Stage::Final => "a final claim",
            Stage::InPayment => "a claim in payment",
        }
    }

    /// The stage just before this one.
    fn previous(self) -> Option<Stage> {
        match self {
            Stage::Draft => None,
            Stage::Submitted => Some(Stage::Draft),
            Stage::AwaitingEvidence | Stage::UnderAssessment => Some(Stage::Submitted),
            Stage::Assessed => Some(Stage::UnderAssessment),
            Stage::InReview => Some(Stage::Assessed),
            Stage::Decided => Some(Stage::InReview),
            Stage::Final => Some(Stage::Decided),
            Stage::InPayment => Some(Stage::Final),
        }
    }
}

/// A claim in a stage, and the power of attorney uploaded to it.
#[derive(Clone, Copy)]
struct Fixture {
    claim: i64,
    document: i64,
}

/// Ids that no claim and no document has.
const MISSING: Fixture = Fixture {
    claim: 999_999,
    document: 999_999,
};

/// Builds a claim from `body` (as the lawyer) and takes it to `stage`.
async fn fixture(app: &TestApp, cast: &Cast, stage: Stage, body: Value) -> Fixture {
    let lawyer = cast.of(Actor::Lawyer);
    let created: Value = app.create_claim(lawyer, body).await.json().await.unwrap();
    let claim = created["id"].as_i64().unwrap();
    let marker = format!("power of attorney {claim}");
    let uploaded = app
        .upload(lawyer, claim, "power_of_attorney", "poa.pdf", pdf(&marker))
        .await;
    let document = uploaded.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let mut path = vec![stage];
    while let Some(previous) = path.last().and_then(|stage| stage.previous()) {
        path.push(previous);
    }
    for step in path.into_iter().rev() {
        step_into(app, cast, claim, step).await;
    }
    Fixture { claim, document }
}

/// Performs the step that brings the claim into `stage` from the stage before it.
async fn step_into(app: &TestApp, cast: &Cast, claim: i64, stage: Stage) {
    let secretariat = cast.of(Actor::Secretariat);
    let chair = cast.of(Actor::Chair);
    match stage {
        Stage::Draft => {}
        Stage::Submitted => {
            app.act_ok(cast.of(Actor::Lawyer), claim, "submit", None)
                .await;
        }
        Stage::AwaitingEvidence => {
            app.request_evidence(secretariat, claim, &["medical_report"], "2026-12-20")
                .await;
        }
        Stage::UnderAssessment => {
            app.act_ok(secretariat, claim, "accept_for_assessment", None)
                .await;
        }
        Stage::Assessed => {
            let losses = json!([{"head": "medical_costs", "amount": "2400.00"}]);
            app.assess(secretariat, claim, losses).await;
        }
        Stage::InReview => {
            app.act_ok(secretariat, claim, "propose_award", None).await;
        }
        Stage::Decided => {
            let members = [
                cast.of(Actor::Commissioner),
                &cast.second_commissioner,
                chair,
            ];
            for member in members {
                assert!(
                    app.vote(member, claim, "approve")
                        .await
                        .status()
                        .is_success()
                );
            }
            app.act_ok(chair, claim, "decide", None).await;
        }
        Stage::Final => {
            let waived = Some(json!({"appeal_waived": true}));
            app.act_ok(secretariat, claim, "finalize", waived).await;
        }
        Stage::InPayment => {
            let officer = cast.of(Actor::FinanceOfficer);
            app.act_ok(officer, claim, "start_payout", None).await;
        }
    }
}

/// The claim a row's path refers to.
#[derive(Clone, Copy)]
enum On {
    /// The path names no claim (`GET /claims`).
    NoClaim,
    /// `{id}` and `{document}` name nothing that exists.
    Missing,
    Claim(Stage),
}

enum Body {
    Empty,
    Json(Value),
    /// A multipart upload of a fresh PDF as this document kind.
    Upload(&'static str),
    /// Puts the second commissioner on the claim's panel.
    AssignMember,
}

struct Row {
    method: Method,
    /// Under /api/v1; `{id}` is the claim's id, `{document}` its power of attorney's.
    path: &'static str,
    on: On,
    body: Body,
    /// One status per column of `ACTORS`.
    expected: [u16; 10],
}

impl Row {
    fn label(&self) -> String {
        let on = match self.on {
            On::NoClaim => String::new(),
            On::Missing => " (nothing with that id)".to_owned(),
            On::Claim(stage) => format!(" on {}", stage.label()),
        };
        format!("{} {}{on}", self.method, self.path)
    }
}

fn row(method: Method, path: &'static str, on: On, body: Body, expected: [u16; 10]) -> Row {
    Row {
        method,
        path,
        on,
        body,
        expected,
    }
}

fn reason() -> Body {
    Body::Json(json!({"reason": "synthetic reason"}))
}

fn vote(choice: &str) -> Body {
    Body::Json(json!({"choice": choice}))
}

/// The table. Columns: the representing lawyer, another lawyer, the secretariat, a
/// commissioner, the chair, the finance officer, the finance approver, an auditor, the
/// administrator, no token.
#[rustfmt::skip] // a table reads best as one row per line, in aligned columns
fn rows() -> Vec<Row> {
    use Body::{AssignMember, Empty, Json, Upload};
    use Method as M;
    use On::{Claim, Missing, NoClaim};
    use Stage::*;
    let edit = || Json(json!({"victim_address": "2 Example Street, Prishtinë"}));
    let future_crime = || Json(json!({"crime_date": "2027-01-01"}));
    let losses = || Json(json!({"losses": [{"head": "medical_costs", "amount": "1600.00"}]}));
    let interim = || Json(json!({"amount": "500.00", "reason": "funeral costs"}));
    let evidence = || Json(json!({"requested_documents": ["medical_report"]}));
    let waived = || Json(json!({"appeal_waived": true}));
    let asked = || Json(json!({"items": ["medical_report"], "due_on": "2026-12-20"}));
    let account = || Json(json!({"username": "matrix-user", "full_name": "Synthetic Matrix User", "password": "a long synthetic password", "roles": ["lawyer"]}));
    vec![
        //                                                                                         lawyer other secr comm chair f.off f.app audit admin none
        // Reading.
        row(M::GET,   "/claims",                                   NoClaim,                Empty,  [200,  200,  200, 200, 200,  200,  200,  200,  200,  401]),
        row(M::GET,   "/claims/{id}",                              Missing,                Empty,  [404,  404,  404, 404, 404,  404,  404,  404,  404,  401]),
        row(M::GET,   "/claims/{id}",                              Claim(Draft),           Empty,  [200,  404,  200, 404, 404,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}",                              Claim(InReview),        Empty,  [200,  404,  200, 200, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}",                              Claim(Decided),         Empty,  [200,  404,  200, 200, 200,  200,  200,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/actions",                      Claim(Submitted),       Empty,  [200,  404,  200, 404, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/actions",                      Claim(InReview),        Empty,  [200,  404,  200, 200, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/actions",                      Claim(Final),           Empty,  [200,  404,  200, 200, 200,  200,  200,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/events",                       Claim(Submitted),       Empty,  [200,  404,  200, 404, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/events",                       Claim(Decided),         Empty,  [200,  404,  200, 200, 200,  200,  200,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/votes",                        Claim(Submitted),       Empty,  [403,  404,  200, 404, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/votes",                        Claim(InReview),        Empty,  [403,  404,  200, 200, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/votes",                        Claim(Decided),         Empty,  [403,  404,  200, 200, 200,  403,  403,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/documents",                    Claim(Submitted),       Empty,  [200,  404,  200, 404, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/documents",                    Claim(Decided),         Empty,  [200,  404,  200, 200, 200,  200,  200,  200,  404,  401]),
        row(M::GET,   "/documents/{document}/content",             Missing,                Empty,  [404,  404,  404, 404, 404,  404,  404,  404,  404,  401]),
        row(M::GET,   "/documents/{document}/content",             Claim(Submitted),       Empty,  [200,  404,  200, 404, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/documents/{document}/content",             Claim(Decided),         Empty,  [200,  404,  200, 200, 200,  200,  200,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/access-log",                   Missing,                Empty,  [404,  404,  404, 404, 404,  404,  404,  404,  404,  401]),
        row(M::GET,   "/claims/{id}/access-log",                   Claim(Submitted),       Empty,  [403,  404,  403, 404, 403,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/access-log",                   Claim(Decided),         Empty,  [403,  404,  403, 403, 403,  403,  403,  200,  404,  401]),
        // Drafts.
        row(M::POST,  "/claims",                                   NoClaim,                Json(draft_body()),
                                                                                                   [201,  201,  201, 403, 403,  403,  403,  403,  403,  401]),
        row(M::PATCH, "/claims/{id}",                              Claim(Draft),           edit(), [200,  404,  200, 404, 404,  404,  404,  403,  404,  401]),
        row(M::PATCH, "/claims/{id}",                              Claim(Draft),   future_crime(), [422,  404,  422, 404, 404,  404,  404,  403,  404,  401]),
        row(M::PATCH, "/claims/{id}",                              Claim(Submitted),       edit(), [409,  404,  409, 404, 403,  404,  404,  403,  404,  401]),
        // Workflow actions, one or two for each role that owns some.
        row(M::POST,  "/claims/{id}/actions/submit",               Claim(Draft),           Empty,  [200,  404,  200, 404, 404,  404,  404,  403,  404,  401]),
        // A role that may never submit hears 403 whatever the state; one that may, 409 here.
        row(M::POST,  "/claims/{id}/actions/submit",               Claim(Submitted),       Empty,  [409,  404,  409, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/withdraw",             Claim(Submitted),       reason(), [200, 404, 200, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/accept_for_assessment", Claim(Submitted),      Empty,  [403,  404,  200, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/request_evidence",     Claim(Submitted),    evidence(), [403, 404,  200, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/complete_evidence",    Claim(AwaitingEvidence), Empty, [403,  404,  200, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/propose_award",        Claim(UnderAssessment), Empty,  [403,  404,  422, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/propose_award",        Claim(Assessed),        Empty,  [403,  404,  200, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/decide",               Claim(InReview),        Empty,  [403,  404,  403, 403, 422,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/return_for_assessment", Claim(InReview),     reason(), [403,  404,  403, 403, 200,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/appeal",               Claim(Decided),       reason(), [200,  404,  200, 403, 403,  403,  403,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/finalize",             Claim(Decided),       waived(), [403,  404,  200, 403, 403,  403,  403,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/actions/start_payout",         Claim(Final),           Empty,  [403,  404,  403, 403, 403,  200,  403,  403,  404,  401]),
        // Payment orders do not exist yet, so the approver's mark_paid breaks a rule.
        row(M::POST,  "/claims/{id}/actions/mark_paid",            Claim(InPayment),       Empty,  [403,  404,  403, 403, 403,  403,  422,  403,  404,  401]),
        // The commission.
        row(M::POST,  "/claims/{id}/votes",                        Claim(Submitted), vote("approve"), [403, 404, 403, 404, 409, 404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/votes",                        Claim(InReview),  vote("approve"), [403, 404, 403, 200, 200, 404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/votes",                        Claim(InReview), vote("approve_amended"),
                                                                                                   [403,  404,  403, 422, 422,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/votes",                        Claim(Decided),   vote("approve"), [403, 404, 403, 409, 409, 403,  403,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/recusals",                     Claim(InReview),        Empty,  [403,  404,  403, 200, 200,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/recusals",                     Claim(Decided),         Empty,  [403,  404,  403, 409, 409,  403,  403,  403,  404,  401]),
        // The rapporteur and the chair.
        row(M::PUT,   "/claims/{id}/assessment",                   Claim(UnderAssessment), losses(), [403, 404, 200, 404, 403,  404,  404,  403,  404,  401]),
        row(M::PUT,   "/claims/{id}/assessment",                   Claim(InReview),      losses(), [403,  404,  409, 403, 403,  404,  404,  403,  404,  401]),
        // The chair sees lodged claims, to grant interim awards for urgent needs from lodging on.
        row(M::POST,  "/claims/{id}/interim-awards",               Claim(Submitted),    interim(), [403,  404,  403, 404, 200,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/interim-awards",               Claim(InReview),     interim(), [403,  404,  403, 403, 200,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/interim-awards",               Claim(Decided),      interim(), [403,  404,  403, 403, 409,  403,  403,  403,  404,  401]),
        // Evidence requests and assignments.
        row(M::POST,  "/claims/{id}/evidence-requests",            Claim(Submitted),       asked(), [403, 404,  201, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/evidence-requests",            Claim(UnderAssessment), asked(), [403, 404,  201, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/evidence-requests",            Claim(InReview),        asked(), [403, 404,  409, 403, 403,  404,  404,  403,  404,  401]),
        row(M::GET,   "/claims/{id}/evidence-requests",            Claim(AwaitingEvidence), Empty, [200,  404,  200, 404, 200,  404,  404,  200,  404,  401]),
        row(M::POST,  "/claims/{id}/assignments",                  Claim(InReview),   AssignMember, [403, 404,  201, 403, 201,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/assignments",                  Claim(Decided),    AssignMember, [403, 404,  409, 403, 409,  403,  403,  403,  404,  401]),
        row(M::GET,   "/claims/{id}/assignments",                  Claim(InReview),        Empty,  [200,  404,  200, 200, 200,  404,  404,  200,  404,  401]),
        // Decisions and letters: whoever may see the claim reads them.
        row(M::GET,   "/claims/{id}/decisions",                    Claim(Decided),         Empty,  [200,  404,  200, 200, 200,  200,  200,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/decisions/1.pdf",              Claim(Decided),         Empty,  [200,  404,  200, 200, 200,  200,  200,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/decisions/2.pdf",              Claim(Decided),         Empty,  [404,  404,  404, 404, 404,  404,  404,  404,  404,  401]),
        row(M::GET,   "/claims/{id}/letters",                      Claim(Submitted),       Empty,  [200,  404,  200, 404, 200,  404,  404,  200,  404,  401]),
        row(M::GET,   "/claims/{id}/letters/1.pdf",                Claim(Submitted),       Empty,  [200,  404,  200, 404, 200,  404,  404,  200,  404,  401]),
        // The user directory: administrators only.
        row(M::POST,  "/users",                                    NoClaim,             account(), [403,  403,  403, 403, 403,  403,  403,  403,  201,  401]),
        row(M::GET,   "/users",                                    NoClaim,                Empty,  [403,  403,  403, 403, 403,  403,  403,  403,  200,  401]),
        // Documents.
        row(M::POST,  "/claims/{id}/documents",                    Claim(AwaitingEvidence), Upload("medical_report"),
                                                                                                   [201,  404,  201, 404, 403,  404,  404,  403,  404,  401]),
        row(M::POST,  "/claims/{id}/documents",                    Claim(Decided),  Upload("receipt"),
                                                                                                   [409,  404,  409, 403, 403,  403,  403,  403,  404,  401]),
    ]
}

/// Cells whose status differs from the table's, gathered for one report.
#[derive(Default)]
struct Findings {
    cells: usize,
    differing: usize,
    report: String,
}

impl Findings {
    fn check(&mut self, cell: &str, expected: &str, got: &str) {
        self.cells += 1;
        if expected != got {
            self.differing += 1;
            let _ = writeln!(
                self.report,
                "  {cell}\n      expected {expected}\n      got      {got}"
            );
        }
    }

    fn assert_none(self, what: &str) {
        assert!(
            self.report.is_empty(),
            "{what}: {} of {} cells differ:\n{}",
            self.differing,
            self.cells,
            self.report
        );
    }
}

/// The status, and how to show it: with the problem's code when there is one (`403 forbidden`).
async fn outcome(response: Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    let shown = match body["code"].as_str() {
        Some(code) => format!("{status} {code}"),
        None => status.to_string(),
    };
    (status, shown)
}

/// A request to `path` under /api/v1, with the user's token if there is a user.
fn as_user(app: &TestApp, method: Method, path: &str, user: Option<&User>) -> RequestBuilder {
    let request = app
        .client
        .request(method, app.url(&format!("/api/v1{path}")));
    match user {
        Some(user) => request.bearer_auth(&user.token),
        None => request,
    }
}

async fn send(app: &TestApp, cast: &Cast, actor: Actor, row: &Row, target: Fixture) -> Response {
    let user = cast.user(actor);
    let path = row
        .path
        .replace("{id}", &target.claim.to_string())
        .replace("{document}", &target.document.to_string());
    let request = as_user(app, row.method.clone(), &path, user);
    let request = match &row.body {
        Body::Empty => request,
        Body::Json(body) => request.json(body),
        Body::Upload(kind) => {
            // Unique content, so no upload is refused as a duplicate of an earlier one.
            let marker = format!("{kind} {} {}", target.claim, next_marker());
            request.multipart(upload_form(kind, "evidence.pdf", pdf(&marker)))
        }
        Body::AssignMember => {
            let member = cast.second_commissioner.id;
            request.json(&json!({"user_id": member, "kind": "member"}))
        }
    };
    request.send().await.unwrap()
}

fn next_marker() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Fixture claims per stage that no write has changed yet, shared by the cells that need one.
#[derive(Default)]
struct Fixtures {
    unchanged: HashMap<Stage, Fixture>,
}

impl Fixtures {
    async fn for_row(&mut self, app: &TestApp, cast: &Cast, on: On) -> Fixture {
        let On::Claim(stage) = on else {
            return MISSING;
        };
        if let Some(fixture) = self.unchanged.get(&stage) {
            return *fixture;
        }
        let fixture = fixture(app, cast, stage, draft_body()).await;
        self.unchanged.insert(stage, fixture);
        fixture
    }

    /// A write succeeded on the row's claim: the next cell needs a fresh one.
    fn changed(&mut self, on: On) {
        if let On::Claim(stage) = on {
            self.unchanged.remove(&stage);
        }
    }
}

async fn every_actor_gets_exactly_the_status_the_rules_give_for_every_claim_operation(
    app: TestApp,
) {
    let cast = cast(&app).await;
    let mut fixtures = Fixtures::default();
    let mut findings = Findings::default();
    let spec = app.openapi().await;
    for row in rows() {
        let documented = documented_statuses(&spec, &row);
        let mut undocumented: Vec<u16> = row.expected.to_vec();
        undocumented.retain(|status| !documented.contains(status));
        undocumented.sort_unstable();
        undocumented.dedup();
        for status in undocumented {
            findings.check(
                &format!("the OpenAPI document for {}", row.label()),
                &format!("lists {status}"),
                &format!("lists only {documented:?}"),
            );
        }
        for (actor, expected) in ACTORS.into_iter().zip(row.expected) {
            let target = fixtures.for_row(&app, &cast, row.on).await;
            let response = send(&app, &cast, actor, &row, target).await;
            if row.method != Method::GET && response.status().is_success() {
                fixtures.changed(row.on);
            }
            let (status, shown) = outcome(response).await;
            let got = if status == expected {
                expected.to_string()
            } else {
                shown
            };
            let cell = format!("{} × {}", row.label(), actor.label());
            findings.check(&cell, &expected.to_string(), &got);
        }
    }
    findings.assert_none("the access matrix");
}

/// The statuses the OpenAPI document lists for the row's operation.
fn documented_statuses(spec: &Value, row: &Row) -> Vec<u16> {
    let template = match (row.path.split_once("/actions/"), row.path.rsplit_once('/')) {
        (Some((claim, _action)), _) => format!("{claim}/actions/{{action}}"),
        (None, Some((folder, file))) if file.ends_with(".pdf") => format!("{folder}/{{file}}"),
        _ => row.path.replace("{document}", "{id}"),
    };
    let path = format!("/api/v1{template}");
    let method = row.method.as_str().to_lowercase();
    spec["paths"][&path][&method]["responses"]
        .as_object()
        .map(|responses| {
            responses
                .keys()
                .filter_map(|status| status.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// What one actor is shown of a protected identity.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shown {
    /// Names, birth date and address as filed; the read is logged.
    Identity,
    /// Initials; no birth date, no address; nothing logged.
    Initials,
    /// The claim is not theirs to see.
    NotFound,
    Unauthenticated,
}

/// `Shown` as the API answers it: a status, and for a claim what its identity fields say.
fn shown_as(claim: Option<&Value>, status: u16) -> String {
    let Some(claim) = claim else {
        return status.to_string();
    };
    format!(
        "{status} applicant {}, victim {}, born {}, address {}, masked {}",
        claim["applicant_name"],
        claim["victim_name"],
        claim["victim_birth_date"],
        claim["victim_address"],
        claim["identity_masked"]
    )
}

fn expected_shown(shown: Shown) -> String {
    match shown {
        Shown::Identity => {
            let identity = json!({
                "applicant_name": "Synthetic Applicant",
                "victim_name": "Synthetic Applicant",
                "victim_birth_date": "1990-05-01",
                "victim_address": "1 Example Street, Prishtinë",
                "identity_masked": false,
            });
            shown_as(Some(&identity), 200)
        }
        Shown::Initials => {
            let initials = json!({
                "applicant_name": "S. A.",
                "victim_name": "S. A.",
                "victim_birth_date": null,
                "victim_address": null,
                "identity_masked": true,
            });
            shown_as(Some(&initials), 200)
        }
        Shown::NotFound => "404".to_owned(),
        Shown::Unauthenticated => "401".to_owned(),
    }
}

async fn readers(app: &TestApp, cast: &Cast, claim: i64) -> Vec<i64> {
    let path = format!("/api/v1/claims/{claim}/access-log");
    let log = app.get_json(cast.of(Actor::Auditor), &path).await;
    log.as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["user_id"].as_i64().unwrap())
        .collect()
}

async fn a_protected_identity_is_shown_only_to_the_lawyer_the_secretariat_and_the_chair_and_logged(
    app: TestApp,
) {
    use Shown::{Identity, Initials, NotFound, Unauthenticated};
    let cast = cast(&app).await;
    let mut body = draft_body();
    body["protected_identity"] = json!(true);
    body["offence_type"] = json!("trafficking_in_human_beings");
    // Decided, so that every role but the other lawyer and the administrator may see it.
    let claim = fixture(&app, &cast, Stage::Decided, body).await.claim;
    let shown = [
        (Actor::Lawyer, Identity),
        (Actor::OtherLawyer, NotFound),
        (Actor::Secretariat, Identity),
        (Actor::Commissioner, Initials),
        (Actor::Chair, Identity),
        (Actor::FinanceOfficer, Initials),
        (Actor::FinanceApprover, Initials),
        (Actor::Auditor, Initials),
        (Actor::Admin, NotFound),
        (Actor::Anonymous, Unauthenticated),
    ];
    let logged_before = readers(&app, &cast, claim).await;
    let mut findings = Findings::default();
    for (actor, expected) in shown {
        let path = format!("/claims/{claim}");
        let response = as_user(&app, Method::GET, &path, cast.user(actor))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let view: Option<Value> = response.json().await.ok().filter(|_| status == 200);
        findings.check(
            &format!("GET /claims/{{id}} × {}", actor.label()),
            &expected_shown(expected),
            &shown_as(view.as_ref(), status),
        );
    }
    // The list shows each claim the same way, and logs in the same way.
    for (actor, expected) in shown {
        let response = as_user(&app, Method::GET, "/claims", cast.user(actor))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let page: Value = response.json().await.unwrap_or(Value::Null);
        let listed = page["items"]
            .as_array()
            .and_then(|items| items.iter().find(|item| item["id"] == claim));
        let (expected, got) = match (expected, listed) {
            (NotFound, None) if status == 200 => ("absent".to_owned(), "absent".to_owned()),
            (NotFound, _) => ("absent".to_owned(), shown_as(listed, status)),
            _ => (expected_shown(expected), shown_as(listed, status)),
        };
        findings.check(&format!("GET /claims × {}", actor.label()), &expected, &got);
    }
    let identity_readers: Vec<i64> = shown
        .iter()
        .filter(|(_, shown)| *shown == Identity)
        .map(|(actor, _)| cast.of(*actor).id)
        .collect();
    let logged = readers(&app, &cast, claim).await[logged_before.len()..].to_vec();
    let expected_log = [identity_readers.clone(), identity_readers].concat();
    findings.check(
        "the access log's new readers (GET /claims/{id}, then GET /claims)",
        &format!("{expected_log:?}"),
        &format!("{logged:?}"),
    );
    findings.assert_none("protected identities");
}
