use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, User, draft_body, on_both_databases, problem};

on_both_databases!(
    a_rejected_claim_walks_from_draft_to_closed_through_the_actions,
    an_awarded_claim_walks_to_payout_and_waits_for_the_payments,
    an_illegal_action_is_refused_with_the_actions_that_are_allowed,
    a_lawyer_cannot_submit_without_a_power_of_attorney,
    a_lawyer_sees_only_the_claims_they_represent,
    an_appeal_after_the_window_is_refused_and_the_decision_becomes_final,
    a_stale_if_match_is_refused_with_412,
    bad_claim_fields_are_named_in_the_error,
    the_actions_endpoint_lists_what_the_caller_may_do_and_what_blocks_it,
    the_audit_trail_records_every_step_and_no_personal_data,
    a_member_cannot_vote_twice,
    the_demo_draft_walks_from_draft_to_closed_with_the_demo_accounts,
    the_chair_grants_interim_awards_that_add_up_on_the_claim,
);

pub(crate) struct Cast {
    pub(crate) lawyer: User,
    pub(crate) secretariat: User,
    pub(crate) members: [User; 2],
    pub(crate) chair: User,
}

/// The full names the cast's chair and lawyer sign and are named with (synthetic).
pub(crate) const CHAIR_NAME: &str = "Besnik Morina";
pub(crate) const LAWYER_NAME: &str = "Av. Mirjana Đukić";

pub(crate) async fn cast(app: &TestApp) -> Cast {
    Cast {
        lawyer: app.named_user("lawyer", LAWYER_NAME, &[Role::Lawyer]).await,
        secretariat: app.user("secretariat", &[Role::Secretariat]).await,
        members: [
            app.user("commissioner-1", &[Role::Commissioner]).await,
            app.user("commissioner-2", &[Role::Commissioner]).await,
        ],
        chair: app.named_user("chair", CHAIR_NAME, &[Role::Chair]).await,
    }
}

/// Draft → submitted → awaiting evidence → under assessment → in commission review.
pub(crate) async fn claim_in_review(app: &TestApp, cast: &Cast) -> i64 {
    let claim = app.draft(&cast.lawyer).await;
    walk_to_review(app, cast, claim).await;
    claim
}

/// Takes the lawyer's draft `claim` before the commission.
pub(crate) async fn walk_to_review(app: &TestApp, cast: &Cast, claim: i64) {
    app.file_power_of_attorney(&cast.lawyer, claim).await;
    assert_eq!(
        app.act_ok(&cast.lawyer, claim, "submit", None).await["state"],
        "submitted"
    );
    let request = json!({"requested_documents": ["medical_report"], "evidence_due": "2026-12-20"});
    let awaiting = app
        .act_ok(&cast.secretariat, claim, "request_evidence", Some(request))
        .await;
    assert_eq!(awaiting["deadlines"]["evidence_due"], "2026-12-20");
    assert_eq!(
        app.act_ok(&cast.secretariat, claim, "complete_evidence", None)
            .await["state"],
        "under_assessment"
    );
    app.assess(
        &cast.secretariat,
        claim,
        json!([{"head": "medical_costs", "amount": "4245.00"}]),
    )
    .await;
    let review = app
        .act_ok(&cast.secretariat, claim, "propose_award", None)
        .await;
    assert_eq!(review["calculation"]["lines"][0]["head"], "medical_costs");
    assert_eq!(review["state"], "in_commission_review");
    assert_eq!(
        review["proposed_award"],
        json!({"amount": "4245.00", "currency": "EUR"})
    );
}

pub(crate) async fn all_vote(app: &TestApp, cast: &Cast, claim: i64, choice: &str) {
    for member in cast.members.iter().chain([&cast.chair]) {
        assert_eq!(
            app.vote(member, claim, choice).await.status(),
            StatusCode::OK
        );
    }
}

async fn a_rejected_claim_walks_from_draft_to_closed_through_the_actions(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    all_vote(&app, &cast, claim, "reject").await;
    let decided = app.act_ok(&cast.chair, claim, "decide", None).await;
    assert_eq!(decided["decision"]["outcome"], "rejected");
    assert_eq!(decided["deadlines"]["appeal_due"], "2026-12-28");
    let final_claim = app
        .act_ok(
            &cast.secretariat,
            claim,
            "finalize",
            Some(json!({"appeal_waived": true})),
        )
        .await;
    assert_eq!(final_claim["state"], "final");
    let closed = app.act_ok(&cast.secretariat, claim, "close", None).await;
    assert_eq!(closed["state"], "closed");
    let verify = app.redress(&["audit", "verify"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

async fn an_awarded_claim_walks_to_payout_and_waits_for_the_payments(app: TestApp) {
    let cast = cast(&app).await;
    let finance_officer = app.user("finance-officer", &[Role::FinanceOfficer]).await;
    let finance_approver = app.user("finance-approver", &[Role::FinanceApprover]).await;
    let claim = claim_in_review(&app, &cast).await;
    all_vote(&app, &cast, claim, "approve").await;
    let decided = app.act_ok(&cast.chair, claim, "decide", None).await;
    assert_eq!(
        decided["decision"]["award"],
        json!({"amount": "4245.00", "currency": "EUR"})
    );
    app.advance(31);
    let final_claim = app.act_ok(&cast.secretariat, claim, "finalize", None).await;
    assert_eq!(final_claim["deadlines"]["payment_due"], "2027-01-28");
    let refused = problem(
        app.act(&cast.secretariat, claim, "close", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused["code"], "award_not_paid");
    assert_eq!(
        app.act_ok(&finance_officer, claim, "start_payout", None)
            .await["state"],
        "in_payment"
    );
    let unpaid = problem(
        app.act(&finance_approver, claim, "mark_paid", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(unpaid["code"], "payments_incomplete");
}

async fn an_illegal_action_is_refused_with_the_actions_that_are_allowed(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let body = problem(
        app.act(&lawyer, claim, "appeal", None).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(body["code"], "illegal_action");
    assert_eq!(body["allowed_actions"], json!(["submit", "withdraw"]));
    assert_eq!(
        body["detail"],
        "appeal is not allowed while the claim is draft; allowed now for your roles: submit, withdraw"
    );
    let never = problem(
        app.act(&lawyer, claim, "decide", None).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(never["code"], "action_not_permitted");
    let unknown = problem(
        app.act(&lawyer, claim, "fly", None).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        unknown["detail"]
            .as_str()
            .unwrap()
            .contains("\"fly\" is not one of"),
        "{unknown}"
    );
}

async fn a_lawyer_cannot_submit_without_a_power_of_attorney(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let body = problem(
        app.act(&lawyer, claim, "submit", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["code"], "authority_to_act_missing");
    let unchanged: Value = app
        .get(&lawyer, &format!("/api/v1/claims/{claim}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (unchanged["state"].as_str(), unchanged["version"].as_i64()),
        (Some("draft"), Some(1))
    );
}

async fn a_lawyer_sees_only_the_claims_they_represent(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let other = app.user("other-lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let path = format!("/api/v1/claims/{claim}");
    assert_eq!(
        problem(app.get(&other, &path).await, StatusCode::NOT_FOUND).await["code"],
        "not_found"
    );
    assert_eq!(
        app.act(&other, claim, "withdraw", None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&lawyer, &path).await.status(), StatusCode::OK);
}

async fn an_appeal_after_the_window_is_refused_and_the_decision_becomes_final(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    all_vote(&app, &cast, claim, "reject").await;
    app.act_ok(&cast.chair, claim, "decide", None).await;
    let early = problem(
        app.act(&cast.secretariat, claim, "finalize", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(early["code"], "appeal_window_open");
    app.advance(31);
    let late = problem(
        app.act(&cast.lawyer, claim, "appeal", None).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(late["code"], "appeal_window_closed");
    assert_eq!(
        app.act_ok(&cast.secretariat, claim, "finalize", None).await["state"],
        "final"
    );
}

async fn a_stale_if_match_is_refused_with_412(app: TestApp) {
    let secretariat = app.user("secretariat", &[Role::Secretariat]).await;
    let claim = app.draft(&secretariat).await;
    let url = app.url(&format!("/api/v1/claims/{claim}/actions/submit"));
    let stale = app
        .client
        .post(&url)
        .bearer_auth(&secretariat.token)
        .header("If-Match", "\"7\"")
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(stale, StatusCode::PRECONDITION_FAILED).await["code"],
        "stale_version"
    );
    let current = app
        .client
        .post(&url)
        .bearer_auth(&secretariat.token)
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(current.status(), StatusCode::OK);
    assert_eq!(current.headers()["etag"], "\"2\"");
}

async fn bad_claim_fields_are_named_in_the_error(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let mut future = draft_body();
    future["crime_date"] = json!("2027-01-01");
    let body = problem(
        app.create_claim(&lawyer, future).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        body["errors"],
        json!([{"field": "crime_date", "reason": "must not be in the future"}])
    );
    let mut blank = draft_body();
    blank["victim_name"] = json!("   ");
    let body = problem(
        app.create_claim(&lawyer, blank).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "victim_name");
    let mut unknown = draft_body();
    unknown["jurisdiction"] = json!("atlantis");
    let body = problem(
        app.create_claim(&lawyer, unknown).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "jurisdiction");
    let mut extra = draft_body();
    extra["favourite_colour"] = json!("blue");
    let body = problem(
        app.create_claim(&lawyer, extra).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["errors"][0]["field"], "favourite_colour");
    let commissioner = app.user("commissioner", &[Role::Commissioner]).await;
    let body = problem(
        app.create_claim(&commissioner, draft_body()).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(body["code"], "forbidden");
}

async fn the_actions_endpoint_lists_what_the_caller_may_do_and_what_blocks_it(app: TestApp) {
    let lawyer = app.user("lawyer", &[Role::Lawyer]).await;
    let claim = app.draft(&lawyer).await;
    let actions: Value = app
        .get(&lawyer, &format!("/api/v1/claims/{claim}/actions"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(actions["state"], "draft");
    assert_eq!(actions["actions"][0]["action"], "submit");
    assert_eq!(actions["actions"][0]["available"], false);
    assert_eq!(
        actions["actions"][0]["blocked_by"]["code"],
        "authority_to_act_missing"
    );
    assert_eq!(actions["actions"][1]["action"], "withdraw");
    assert_eq!(actions["actions"][1]["available"], true);
}

async fn the_audit_trail_records_every_step_and_no_personal_data(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let events: Value = app
        .get(&cast.secretariat, &format!("/api/v1/claims/{claim}/events"))
        .await
        .json()
        .await
        .unwrap();
    let events = events.as_array().unwrap();
    let actions: Vec<&str> = events
        .iter()
        .map(|event| event["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "create",
            "upload_document",
            "submit",
            "request_evidence",
            "complete_evidence",
            "record_assessment",
            "propose_award"
        ]
    );
    for (index, event) in events.iter().enumerate() {
        assert_eq!(event["sequence"], index as i64 + 1);
        if index > 0 {
            assert_eq!(event["prev_hash"], events[index - 1]["hash"]);
        }
    }
    let text = serde_json::to_string(events).unwrap();
    assert!(
        !text.contains("Synthetic") && !text.contains("Example Street"),
        "personal data in the trail"
    );
}

async fn a_member_cannot_vote_twice(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    assert_eq!(
        app.vote(&cast.members[0], claim, "approve").await.status(),
        StatusCode::OK
    );
    let again = problem(
        app.vote(&cast.members[0], claim, "reject").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(again["code"], "already_voted");
    let ballot: Value = app
        .get(&cast.chair, &format!("/api/v1/claims/{claim}/votes"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        ballot["votes"],
        json!([{"member_id": cast.members[0].id, "choice": "approve", "amended_amount": null, "by_chair": false, "note": null}])
    );
    let hidden = app
        .get(&cast.lawyer, &format!("/api/v1/claims/{claim}/votes"))
        .await;
    assert_eq!(
        problem(hidden, StatusCode::FORBIDDEN).await["code"],
        "forbidden"
    );
    let lawyer_vote = problem(
        app.vote(&cast.lawyer, claim, "approve").await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(lawyer_vote["code"], "operation_not_permitted");
}

async fn the_demo_draft_walks_from_draft_to_closed_with_the_demo_accounts(app: TestApp) {
    let accounts = app
        .services
        .seed_demo()
        .await
        .unwrap()
        .expect("an empty database is seeded");
    assert!(
        app.services.seed_demo().await.unwrap().is_none(),
        "seeding happens once"
    );
    let mut signed_in = std::collections::HashMap::new();
    for account in &accounts {
        let body: Value = app
            .login(account.username, &account.password)
            .await
            .json()
            .await
            .unwrap();
        let user = User {
            id: body["user_id"].as_i64().unwrap(),
            token: body["token"].as_str().unwrap().to_owned(),
        };
        signed_in.insert(account.username, user);
    }
    let users = app.get_json(&signed_in["admin"], "/api/v1/users").await;
    let names: Vec<(&str, &str)> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|user| {
            let name = user["full_name"].as_str().expect("every account is named");
            (user["username"].as_str().unwrap(), name)
        })
        .collect();
    assert!(names.contains(&("chair", "Arbër Gashi")), "{names:?}");
    let claim = 1;
    app.act_ok(&signed_in["lawyer"], claim, "submit", None)
        .await;
    app.act_ok(
        &signed_in["secretariat"],
        claim,
        "accept_for_assessment",
        None,
    )
    .await;
    let losses = json!([{"head": "mental_harm", "amount": "3000.00"}]);
    app.assess(&signed_in["secretariat"], claim, losses).await;
    app.act_ok(&signed_in["secretariat"], claim, "propose_award", None)
        .await;
    for member in ["commissioner-1", "commissioner-2", "chair"] {
        assert_eq!(
            app.vote(&signed_in[member], claim, "reject").await.status(),
            StatusCode::OK
        );
    }
    app.act_ok(&signed_in["chair"], claim, "decide", None).await;
    app.act_ok(
        &signed_in["secretariat"],
        claim,
        "finalize",
        Some(json!({"appeal_waived": true})),
    )
    .await;
    assert_eq!(
        app.act_ok(&signed_in["secretariat"], claim, "close", None)
            .await["state"],
        "closed"
    );
    let verify = app.redress(&["audit", "verify"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

async fn the_chair_grants_interim_awards_that_add_up_on_the_claim(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let path = format!("/api/v1/claims/{claim}/interim-awards");
    let funeral = json!({"amount": "500.00", "reason": "funeral costs"});
    let response = app.post(&cast.chair, &path, Some(funeral)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let medical = json!({"amount": "250.50", "reason": "urgent medical care"});
    let claim_view: Value = app
        .post(&cast.chair, &path, Some(medical))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        claim_view["interim_awarded"],
        json!({"amount": "750.50", "currency": "EUR"})
    );
    let lawyer = json!({"amount": "1.00", "reason": "asked"});
    let refused = problem(
        app.post(&cast.lawyer, &path, Some(lawyer)).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(refused["code"], "operation_not_permitted");
    let events: Value = app
        .get(&cast.chair, &format!("/api/v1/claims/{claim}/events"))
        .await
        .json()
        .await
        .unwrap();
    let last = events.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "grant_interim_award");
    assert_eq!(
        last["payload"]["total"],
        json!({"amount": "750.50", "currency": "EUR"})
    );
}
