//! The whole life of one claim, told through the API by the roles that own each step: filing,
//! admissibility and evidence, assessment, the commission's vote, the decision, an appeal that
//! sends the claim back, a second decision, finality and payout; then the audit trail names
//! every actor's role in order and `redress audit verify` finds the chain intact.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, on_both_databases, pdf, problem};

on_both_databases!(a_claim_lives_from_the_lawyers_draft_to_payout_through_an_appeal);

/// Everyone who touches the claim. Kosovo's commission has five members and a quorum of three
/// (forms/kosovo/jurisdiction.toml): with one of the three commissioners recused, the two others
/// are short of the quorum, so the chair votes too.
struct People {
    lawyer: User,
    secretariat: User,
    commissioners: [User; 3],
    chair: User,
    finance_officer: User,
    finance_approver: User,
    auditor: User,
}

async fn people(app: &TestApp) -> People {
    People {
        lawyer: app.user("lawyer", &[Role::Lawyer]).await,
        secretariat: app.user("secretariat", &[Role::Secretariat]).await,
        commissioners: [
            app.user("commissioner-1", &[Role::Commissioner]).await,
            app.user("commissioner-2", &[Role::Commissioner]).await,
            app.user("commissioner-3", &[Role::Commissioner]).await,
        ],
        chair: app.user("chair", &[Role::Chair]).await,
        finance_officer: app.user("finance-officer", &[Role::FinanceOfficer]).await,
        finance_approver: app.user("finance-approver", &[Role::FinanceApprover]).await,
        auditor: app.user("auditor", &[Role::Auditor]).await,
    }
}

async fn state_of(app: &TestApp, user: &User, claim: i64) -> String {
    let view = app.get_json(user, &format!("/api/v1/claims/{claim}")).await;
    view["state"].as_str().unwrap().to_owned()
}

async fn upload_ok(app: &TestApp, lawyer: &User, claim: i64, kind: &str) {
    let name = format!("{kind}.pdf");
    let response = app.upload(lawyer, claim, kind, &name, pdf(kind)).await;
    assert_eq!(response.status(), StatusCode::CREATED, "uploading {kind}");
}

/// The actions the caller may take now that no rule blocks.
async fn available_actions(app: &TestApp, user: &User, claim: i64) -> Vec<String> {
    let actions = app
        .get_json(user, &format!("/api/v1/claims/{claim}/actions"))
        .await;
    actions["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|action| action["available"] == true)
        .map(|action| action["action"].as_str().unwrap().to_owned())
        .collect()
}

/// One review round: the recused commissioner no longer sees the claim, the two others and the
/// chair approve, and the chair decides. Returns the decided claim.
async fn commission_approves(app: &TestApp, people: &People, claim: i64) -> Value {
    let [first, second, recused] = &people.commissioners;
    let refused = problem(
        app.vote(recused, claim, "approve").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(refused["code"], "not_found");
    for member in [first, second] {
        assert_eq!(
            app.vote(member, claim, "approve").await.status(),
            StatusCode::OK
        );
    }
    let short = problem(
        app.act(&people.chair, claim, "decide", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(short["code"], "no_quorum", "two votes of a quorum of three");
    assert_eq!(
        app.vote(&people.chair, claim, "approve").await.status(),
        StatusCode::OK
    );
    let decided = app.act_ok(&people.chair, claim, "decide", None).await;
    assert_eq!(decided["state"], "decided");
    assert_eq!(decided["decision"]["outcome"], "award");
    decided
}

async fn a_claim_lives_from_the_lawyers_draft_to_payout_through_an_appeal(app: TestApp) {
    let people = people(&app).await;
    let (lawyer, secretariat) = (&people.lawyer, &people.secretariat);

    // The lawyer drafts the claim and files the power of attorney and the police report.
    let claim = app.draft(lawyer).await;
    upload_ok(&app, lawyer, claim, "power_of_attorney").await;
    upload_ok(&app, lawyer, claim, "police_report").await;
    assert_eq!(state_of(&app, lawyer, claim).await, "draft");
    let submitted = app.act_ok(lawyer, claim, "submit", None).await;
    assert_eq!(submitted["state"], "submitted");
    assert_eq!(submitted["lodged_on"], "2026-11-28");

    // The secretariat checks admissibility: it may accept, ask for evidence or refuse the
    // claim; the medical report is missing, so it asks for it.
    assert_eq!(
        available_actions(&app, secretariat, claim).await,
        [
            "accept_for_assessment",
            "request_evidence",
            "declare_inadmissible",
            "withdraw"
        ]
    );
    let awaiting = app
        .request_evidence(secretariat, claim, &["medical_report"], "2026-12-20")
        .await;
    assert_eq!(awaiting["state"], "awaiting_evidence");
    assert_eq!(awaiting["deadlines"]["evidence_due"], "2026-12-20");

    // The lawyer sends the medical report before it is due, and the secretariat accepts it.
    app.advance(5);
    upload_ok(&app, lawyer, claim, "medical_report").await;
    assert_eq!(state_of(&app, lawyer, claim).await, "awaiting_evidence");
    let accepted = app
        .act_ok(secretariat, claim, "complete_evidence", None)
        .await;
    assert_eq!(accepted["state"], "under_assessment");
    assert_eq!(accepted["deadlines"]["decision_due"], "2027-03-03");

    // The rapporteur records the assessment and proposes the award.
    let losses = json!([{"head": "medical_costs", "amount": "2400.00"}]);
    let assessed = app.assess(secretariat, claim, losses).await;
    assert_eq!(assessed["state"], "under_assessment");
    let proposed = app.act_ok(secretariat, claim, "propose_award", None).await;
    assert_eq!(proposed["state"], "in_commission_review");
    assert_eq!(
        proposed["proposed_award"],
        json!({"amount": "2400.00", "currency": "EUR"})
    );

    // Before the commission: the third commissioner has a conflict of interest and recuses.
    app.advance(10);
    let recusals = format!("/api/v1/claims/{claim}/recusals");
    let response = app.post(&people.commissioners[2], &recusals, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let after_recusal: Value = response.json().await.unwrap();
    assert_eq!(after_recusal["state"], "in_commission_review");
    let decided = commission_approves(&app, &people, claim).await;
    assert_eq!(
        decided["decision"]["award"],
        json!({"amount": "2400.00", "currency": "EUR"})
    );
    assert_eq!(decided["deadlines"]["appeal_due"], "2027-01-12");
    let ballot = app
        .get_json(&people.chair, &format!("/api/v1/claims/{claim}/votes"))
        .await;
    assert_eq!(ballot["votes"].as_array().unwrap().len(), 3);
    assert_eq!(
        ballot["recused_member_ids"],
        json!([people.commissioners[2].id])
    );

    // The lawyer appeals inside the window; the court remits the claim for a new assessment.
    app.advance(10);
    let appealed = app
        .act_ok(
            lawyer,
            claim,
            "appeal",
            Some(json!({"reason": "the loss of earning capacity was not assessed"})),
        )
        .await;
    assert_eq!(appealed["state"], "under_appeal");
    app.advance(14);
    let remitted = app
        .act_ok(
            secretariat,
            claim,
            "record_appeal_outcome",
            Some(json!({"appeal_outcome": "remitted"})),
        )
        .await;
    assert_eq!(remitted["state"], "under_assessment");
    assert_eq!(remitted["decision"], Value::Null);

    // The rapporteur assesses again, and the commission decides a second round; the recusal
    // holds for the claim, not for one round.
    let losses = json!([
        {"head": "medical_costs", "amount": "2400.00"},
        {"head": "loss_of_earning_capacity", "amount": "1800.00"}
    ]);
    app.assess(secretariat, claim, losses).await;
    let proposed = app.act_ok(secretariat, claim, "propose_award", None).await;
    assert_eq!(proposed["review_round"], 2);
    let decided = commission_approves(&app, &people, claim).await;
    assert_eq!(
        decided["decision"]["award"],
        json!({"amount": "4200.00", "currency": "EUR"})
    );

    // Nobody appeals the second decision; once the window has passed it becomes final.
    app.advance(31);
    let final_claim = app.act_ok(secretariat, claim, "finalize", None).await;
    assert_eq!(final_claim["state"], "final");
    assert_eq!(final_claim["deadlines"]["payment_due"], "2027-03-08");

    // Finance starts the payout. Marking it paid needs confirmed payment orders, which do not
    // exist yet (they arrive with the payout issue): the approver is refused, and the claim's
    // life stops here for now instead of going on to paid and closed.
    let paying = app
        .act_ok(&people.finance_officer, claim, "start_payout", None)
        .await;
    assert_eq!(paying["state"], "in_payment");
    let unpaid = problem(
        app.act(&people.finance_approver, claim, "mark_paid", None)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(unpaid["code"], "payments_incomplete");

    // The auditor reads the trail: every step, by whom, in which role, in order.
    let events = app
        .get_json(&people.auditor, &format!("/api/v1/claims/{claim}/events"))
        .await;
    let trail: Vec<(&str, &str, i64)> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|event| {
            (
                event["action"].as_str().unwrap(),
                event["role"].as_str().unwrap(),
                event["actor_user_id"].as_i64().unwrap(),
            )
        })
        .collect();
    let [first, second, recused] = &people.commissioners;
    let chair = &people.chair;
    let round = |first: &User, second: &User| {
        [
            ("cast_vote", "commissioner", first.id),
            ("cast_vote", "commissioner", second.id),
            ("cast_vote", "chair", chair.id),
            ("decide", "chair", chair.id),
        ]
    };
    let expected: Vec<(&str, &str, i64)> = [
        ("create", "lawyer", lawyer.id),
        ("upload_document", "lawyer", lawyer.id),
        ("upload_document", "lawyer", lawyer.id),
        ("submit", "lawyer", lawyer.id),
        ("request_evidence", "secretariat", secretariat.id),
        ("upload_document", "lawyer", lawyer.id),
        ("complete_evidence", "secretariat", secretariat.id),
        ("record_assessment", "secretariat", secretariat.id),
        ("propose_award", "secretariat", secretariat.id),
        ("recuse", "commissioner", recused.id),
    ]
    .into_iter()
    .chain(round(first, second))
    .chain([
        ("appeal", "lawyer", lawyer.id),
        ("record_appeal_outcome", "secretariat", secretariat.id),
        ("record_assessment", "secretariat", secretariat.id),
        ("propose_award", "secretariat", secretariat.id),
    ])
    .chain(round(first, second))
    .chain([
        ("finalize", "secretariat", secretariat.id),
        ("start_payout", "finance_officer", people.finance_officer.id),
    ])
    .collect();
    assert_eq!(trail, expected);

    let verify = app.redress(&["audit", "verify"]);
    let printed = String::from_utf8_lossy(&verify.stdout);
    assert!(verify.status.success(), "{printed}");
    assert!(
        printed.contains(&format!("1 claims, {} events verified", expected.len())),
        "{printed}"
    );
}
