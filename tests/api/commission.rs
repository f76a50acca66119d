//! The commission's side: assignments as a worklist, recusal that hides the claim from the
//! member, and votes with notes.

use redress::domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, on_both_databases, problem};
use crate::workflow::{cast, claim_in_review};

on_both_databases!(
    assigned_claims_are_listed_for_the_assignee,
    only_people_who_do_the_work_can_be_assigned,
    a_recused_member_no_longer_sees_the_claim_and_cannot_be_put_on_its_panel,
    a_vote_keeps_the_members_note,
    once_a_rapporteur_is_assigned_only_they_record_the_assessment,
    no_vote_amends_the_award_past_the_schedules_maximum,
);

fn assignment(user: i64, kind: &str) -> Option<Value> {
    Some(json!({"user_id": user, "kind": kind}))
}

async fn assigned_claims_are_listed_for_the_assignee(app: TestApp) {
    let cast = cast(&app).await;
    let assigned = claim_in_review(&app, &cast).await;
    let other = claim_in_review(&app, &cast).await;
    let path = format!("/api/v1/claims/{assigned}/assignments");
    let member = &cast.members[0];
    let response = app
        .post(&cast.chair, &path, assignment(member.id, "member"))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let all: Value = response.json().await.unwrap();
    assert_eq!(all[0]["user_id"], member.id);
    assert_eq!(all[0]["assigned_by"], cast.chair.id);
    let mine: Value = app
        .get(member, "/api/v1/claims?assigned_to_me=true")
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<i64> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|claim| claim["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [assigned]);
    let everything: Value = app
        .get(member, "/api/v1/claims")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(everything["items"].as_array().unwrap().len(), 2, "{other}");
    let again = app
        .post(&cast.chair, &path, assignment(member.id, "member"))
        .await;
    assert_eq!(
        problem(again, StatusCode::CONFLICT).await["code"],
        "duplicate"
    );
}

async fn only_people_who_do_the_work_can_be_assigned(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let path = format!("/api/v1/claims/{claim}/assignments");
    let lawyer_as_member = app
        .post(&cast.chair, &path, assignment(cast.lawyer.id, "member"))
        .await;
    let error = problem(lawyer_as_member, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "user_id");
    let by_a_member = app
        .post(
            &cast.members[0],
            &path,
            assignment(cast.members[1].id, "member"),
        )
        .await;
    assert_eq!(by_a_member.status(), StatusCode::FORBIDDEN);
    let by_the_lawyer = app
        .post(
            &cast.lawyer,
            &path,
            assignment(cast.secretariat.id, "rapporteur"),
        )
        .await;
    assert_eq!(by_the_lawyer.status(), StatusCode::FORBIDDEN);
}

async fn a_recused_member_no_longer_sees_the_claim_and_cannot_be_put_on_its_panel(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let member = &cast.members[0];
    let path = format!("/api/v1/claims/{claim}");
    assert_eq!(app.get(member, &path).await.status(), StatusCode::OK);
    let recused = app.post(member, &format!("{path}/recusals"), None).await;
    assert_eq!(recused.status(), StatusCode::OK);
    assert_eq!(app.get(member, &path).await.status(), StatusCode::NOT_FOUND);
    let listed: Value = app
        .get(member, "/api/v1/claims")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed["items"], json!([]));
    let vote = app.vote(member, claim, "approve").await;
    assert_eq!(vote.status(), StatusCode::NOT_FOUND);
    let panel = app
        .post(
            &cast.chair,
            &format!("{path}/assignments"),
            assignment(member.id, "member"),
        )
        .await;
    let error = problem(panel, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["code"], "member_recused");
    let ballot: Value = app
        .get(&cast.chair, &format!("{path}/votes"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ballot["recused_member_ids"], json!([member.id]));
}

async fn a_vote_keeps_the_members_note(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let path = format!("/api/v1/claims/{claim}/votes");
    let body = json!({"choice": "reject", "note": "The loss of earnings is not shown."});
    let response = app.post(&cast.members[0], &path, Some(body)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let ballot: Value = app.get(&cast.chair, &path).await.json().await.unwrap();
    assert_eq!(
        ballot["votes"][0]["note"],
        "The loss of earnings is not shown."
    );
    let hidden = json!({"choice": "approve", "note": "bad\u{202e}note"});
    let refused = app.post(&cast.members[1], &path, Some(hidden)).await;
    let error = problem(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error["errors"][0]["field"], "note");
}

async fn once_a_rapporteur_is_assigned_only_they_record_the_assessment(app: TestApp) {
    let cast = cast(&app).await;
    let colleague = app.user("secretariat-2", &[Role::Secretariat]).await;
    let claim = app.draft(&cast.lawyer).await;
    app.file_power_of_attorney(&cast.lawyer, claim).await;
    app.act_ok(&cast.lawyer, claim, "submit", None).await;
    let path = format!("/api/v1/claims/{claim}/assignments");
    let assigned = app
        .post(
            &cast.secretariat,
            &path,
            assignment(cast.secretariat.id, "rapporteur"),
        )
        .await;
    assert_eq!(assigned.status(), StatusCode::CREATED);
    app.act_ok(&cast.secretariat, claim, "accept_for_assessment", None)
        .await;
    let body = json!({"losses": [{"head": "medical_costs", "amount": "100.00"}]});
    let by_colleague = app
        .client
        .put(app.url(&format!("/api/v1/claims/{claim}/assessment")))
        .bearer_auth(&colleague.token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let error = problem(by_colleague, StatusCode::FORBIDDEN).await;
    assert_eq!(error["code"], "not_the_rapporteur");
    let losses = json!([{"head": "medical_costs", "amount": "100.00"}]);
    app.assess(&cast.secretariat, claim, losses).await;
}

async fn no_vote_amends_the_award_past_the_schedules_maximum(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let path = format!("/api/v1/claims/{claim}/votes");
    let without_amount = json!({"choice": "approve_amended"});
    let error = problem(
        app.post(&cast.members[0], &path, Some(without_amount))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["code"], "input_required");
    assert_eq!(error["errors"][0]["field"], "amended_amount");
    let excessive = json!({"choice": "approve_amended", "amended_amount": "999999.00"});
    let error = problem(
        app.post(&cast.members[0], &path, Some(excessive)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(error["errors"][0]["field"], "amended_amount");
}
