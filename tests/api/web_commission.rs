//! The commission's pages: the agenda, a claim with its ballot, votes and recusals through
//! forms, and the chair's decision; each changes exactly what its REST twin changes.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{TestApp, draft_body, on_both_databases};
use crate::web_browser::{Browser, Page};
use crate::workflow::{Cast, cast, claim_in_review, walk_to_review};

on_both_databases!(
    the_commission_pages_render_in_the_three_languages,
    other_roles_are_refused_and_anonymous_visitors_are_sent_to_sign_in,
    the_agenda_lists_the_claims_in_review_with_where_each_ballot_stands,
    the_claim_page_masks_a_protected_identity_as_the_api_does,
    a_member_votes_through_the_form_as_through_the_api,
    a_vote_with_a_bad_field_is_shown_again_with_the_error_and_nothing_is_stored,
    a_member_recuses_through_the_form_and_the_claim_leaves_their_agenda,
    forms_without_a_valid_csrf_token_are_refused_and_change_nothing,
    the_chair_previews_confirms_and_issues_the_decision_and_downloads_it,
    the_chair_cannot_close_a_vote_short_of_the_quorum,
);

/// A browser signed in as `username`.
async fn signed_in<'app>(app: &'app TestApp, username: &str) -> Browser<'app> {
    let mut browser = Browser::new(app);
    browser.sign_in(username).await;
    browser
}

/// Posts `fields` to `action` with the CSRF token of the page at `from`, as its form would.
async fn submit(
    browser: &mut Browser<'_>,
    from: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Page {
    let token = browser.get(from).await.csrf_token();
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    browser
        .post_form(action, &form, &[("sec-fetch-site", "same-origin")])
        .await
}

async fn ballot(app: &TestApp, cast: &Cast, claim: i64) -> Value {
    app.get_json(&cast.chair, &format!("/api/v1/claims/{claim}/votes"))
        .await
}

async fn state(app: &TestApp, cast: &Cast, claim: i64) -> Value {
    app.get_json(&cast.chair, &format!("/api/v1/claims/{claim}"))
        .await["state"]
        .clone()
}

async fn the_commission_pages_render_in_the_three_languages(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let mut member = signed_in(&app, "commissioner-1").await;
    let mut chair = signed_in(&app, "chair").await;
    let languages = [
        ("sq", "Rendi i ditës", "Si votoni?", "Nxirrni vendimin"),
        ("sr-Cyrl", "Дневни ред", "Како гласате?", "Донесите одлуку"),
        ("en", "Agenda", "How do you vote?", "Issue the decision"),
    ];
    for (tag, agenda_title, vote_legend, decide_button) in languages {
        let lang = format!("lang=\"{tag}\"");
        let agenda = member.get(&format!("/commission/agenda?lang={tag}")).await;
        assert_eq!(agenda.status, StatusCode::OK, "{tag}");
        assert!(agenda.body.contains(&lang) && agenda.body.contains(agenda_title));
        let page = member
            .get(&format!("/commission/claims/{claim}?lang={tag}"))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{tag}");
        assert!(page.body.contains(&lang) && page.body.contains(vote_legend));
        assert!(page.body.contains("govuk-exit-this-page"), "exit this page");
        let decide = chair
            .get(&format!("/commission/claims/{claim}/decide?lang={tag}"))
            .await;
        assert_eq!(decide.status, StatusCode::OK, "{tag}");
        assert!(decide.body.contains(&lang) && decide.body.contains(decide_button));
    }
}

async fn other_roles_are_refused_and_anonymous_visitors_are_sent_to_sign_in(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let pages = [
        "/commission/agenda".to_owned(),
        format!("/commission/claims/{claim}"),
        format!("/commission/claims/{claim}/decide"),
        format!("/commission/claims/{claim}/decision-preview"),
    ];
    let mut anonymous = Browser::new(&app);
    for path in &pages {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location(), Some("/sign-in"));
    }
    for (username, home) in [
        ("lawyer", "/lawyer/claims"),
        ("secretariat", "/secretariat/queue"),
    ] {
        let mut other = signed_in(&app, username).await;
        for path in &pages {
            assert_eq!(
                other.get(path).await.status,
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
        let vote = format!("/commission/claims/{claim}/vote");
        let posted = submit(&mut other, home, &vote, &[("choice", "approve")]).await;
        assert_eq!(posted.status, StatusCode::FORBIDDEN, "{username} votes");
    }
    let mut member = signed_in(&app, "commissioner-1").await;
    for path in &pages[2..] {
        assert_eq!(
            member.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    assert_eq!(ballot(&app, &cast, claim).await["votes"], json!([]));
}

async fn the_agenda_lists_the_claims_in_review_with_where_each_ballot_stands(app: TestApp) {
    let cast = cast(&app).await;
    let voted = claim_in_review(&app, &cast).await;
    let open = claim_in_review(&app, &cast).await;
    let draft = app.draft(&cast.lawyer).await;
    let reference = |claim: i64| {
        let app = &app;
        let lawyer = &cast.lawyer;
        async move {
            app.get_json(lawyer, &format!("/api/v1/claims/{claim}"))
                .await["reference"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let member = &cast.members[0];
    assert_eq!(
        app.vote(member, voted, "approve").await.status(),
        StatusCode::OK
    );
    let mut browser = signed_in(&app, "commissioner-1").await;
    let agenda = browser.get("/commission/agenda?lang=en").await;
    let row_of = |claim_reference: &str| {
        let start = agenda
            .body
            .find(claim_reference)
            .expect("the claim is listed");
        let end = agenda.body[start..].find("</tr>").unwrap();
        agenda.body[start..start + end].to_owned()
    };
    let voted_row = row_of(&reference(voted).await);
    assert!(voted_row.contains("Voted"), "{voted_row}");
    assert!(voted_row.contains("1 of 3 votes needed"), "{voted_row}");
    assert!(voted_row.contains("€4,245.00"), "the proposed award");
    let open_row = row_of(&reference(open).await);
    assert!(open_row.contains("Not voted"), "{open_row}");
    assert!(!agenda.body.contains(&reference(draft).await), "a draft");
    assert!(
        agenda
            .body
            .contains(&format!("href=\"/commission/claims/{voted}\""))
    );
}

async fn the_claim_page_masks_a_protected_identity_as_the_api_does(app: TestApp) {
    let cast = cast(&app).await;
    let mut body = draft_body();
    body["victim_name"] = json!("Synthetic Victim");
    body["protected_identity"] = json!(true);
    let response = app.create_claim(&cast.lawyer, body).await;
    let claim = response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    walk_to_review(&app, &cast, claim).await;
    let path = format!("/api/v1/claims/{claim}");
    let as_the_api_shows_the_member = app.get_json(&cast.members[0], &path).await;
    assert_eq!(as_the_api_shows_the_member["victim_name"], "S. V.");
    let mut member = signed_in(&app, "commissioner-1").await;
    let page = member
        .get(&format!("/commission/claims/{claim}?lang=en"))
        .await;
    assert!(page.body.contains("S. V."));
    assert!(!page.body.contains("Synthetic Victim"));
    assert!(!page.body.contains("1 Example Street"));
    assert!(page.body.contains("Withheld: protected identity"));
    assert!(
        page.body.contains("Medical and hospital costs"),
        "line by line"
    );
    let mut chair = signed_in(&app, "chair").await;
    let in_full = chair
        .get(&format!("/commission/claims/{claim}?lang=en"))
        .await;
    assert!(
        in_full.body.contains("Synthetic Victim"),
        "the chair sees it"
    );
    let log = app
        .get(&cast.members[0], &format!("{path}/access-log"))
        .await;
    assert_eq!(log.status(), StatusCode::FORBIDDEN, "auditors only");
}

async fn a_member_votes_through_the_form_as_through_the_api(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let mut member = signed_in(&app, "commissioner-1").await;
    let page = format!("/commission/claims/{claim}");
    let fields = [
        ("choice", "approve_amended"),
        ("amended_amount", "3.000,00"),
        ("note", "The loss of earnings is not shown."),
    ];
    let voted = submit(&mut member, &page, &format!("{page}/vote"), &fields).await;
    assert_eq!(voted.status, StatusCode::SEE_OTHER);
    assert_eq!(voted.location(), Some(page.as_str()));
    let votes = ballot(&app, &cast, claim).await["votes"].clone();
    assert_eq!(votes.as_array().unwrap().len(), 1);
    assert_eq!(votes[0]["member_id"], cast.members[0].id);
    assert_eq!(votes[0]["choice"], "approve_amended");
    assert_eq!(votes[0]["amended_amount"]["amount"], "3000.00");
    assert_eq!(votes[0]["note"], "The loss of earnings is not shown.");
    let after = member.get(&format!("{page}?lang=en")).await;
    assert!(after.body.contains("Approve, amended to €3,000.00"));
    assert!(!after.body.contains("How do you vote?"), "no second vote");
}

async fn a_vote_with_a_bad_field_is_shown_again_with_the_error_and_nothing_is_stored(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let mut member = signed_in(&app, "commissioner-1").await;
    let page = format!("/commission/claims/{claim}?lang=en");
    let action = format!("/commission/claims/{claim}/vote");
    let refusals = [
        (
            vec![("note", "no choice")],
            "#choice",
            "Select how you vote",
        ),
        (
            vec![("choice", "approve_amended"), ("amended_amount", "a lot")],
            "#amended_amount",
            "Enter the amount you approve",
        ),
        (
            vec![("choice", "approve_amended"), ("amended_amount", "0")],
            "#amended_amount",
            "Enter the amount you approve",
        ),
        (
            vec![("choice", "approve_amended"), ("amended_amount", "999999")],
            "#amended_amount",
            "Enter the amount you approve",
        ),
    ];
    for (fields, link, message) in refusals {
        let refused = submit(&mut member, &page, &action, &fields).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{fields:?}"
        );
        assert!(refused.body.contains("govuk-error-summary"));
        assert!(
            refused.body.contains(&format!("href=\"{link}\"")),
            "{fields:?}"
        );
        assert!(refused.body.contains(message), "{fields:?}");
    }
    let kept = submit(
        &mut member,
        &page,
        &action,
        &[("choice", "approve_amended"), ("amended_amount", "a lot")],
    )
    .await;
    assert!(
        kept.body.contains("value=\"a lot\""),
        "the form keeps what was typed"
    );
    assert_eq!(ballot(&app, &cast, claim).await["votes"], json!([]));
}

async fn a_member_recuses_through_the_form_and_the_claim_leaves_their_agenda(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let mut member = signed_in(&app, "commissioner-2").await;
    let page = format!("/commission/claims/{claim}");
    let recused = submit(&mut member, &page, &format!("{page}/recusal"), &[]).await;
    assert_eq!(recused.status, StatusCode::SEE_OTHER);
    assert_eq!(recused.location(), Some("/commission/agenda?recused=1"));
    let recorded = ballot(&app, &cast, claim).await;
    assert_eq!(recorded["recused_member_ids"], json!([cast.members[1].id]));
    let agenda = member.get("/commission/agenda?recused=1&lang=en").await;
    assert!(agenda.body.contains("You recused yourself"));
    assert!(
        !agenda
            .body
            .contains(&format!("/commission/claims/{claim}\""))
    );
    assert_eq!(member.get(&page).await.status, StatusCode::NOT_FOUND);
    // Having voted, the other member can no longer recuse: the form says so.
    let mut voter = signed_in(&app, "commissioner-1").await;
    app.vote(&cast.members[0], claim, "approve").await;
    let late = submit(&mut voter, &page, &format!("{page}/recusal"), &[]).await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("href=\"#ballot\""));
    assert_eq!(
        ballot(&app, &cast, claim).await["recused_member_ids"],
        json!([cast.members[1].id])
    );
}

async fn forms_without_a_valid_csrf_token_are_refused_and_change_nothing(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    let mut member = signed_in(&app, "commissioner-1").await;
    let mut chair = signed_in(&app, "chair").await;
    let base = format!("/commission/claims/{claim}");
    let forged = [
        (
            &mut member,
            format!("{base}/vote"),
            vec![("choice", "approve")],
        ),
        (&mut chair, format!("{base}/recusal"), vec![]),
    ];
    for (browser, action, fields) in forged {
        for token in ["", "forged"] {
            let mut form = vec![("csrf_token", token)];
            form.extend_from_slice(&fields);
            let refused = browser.post_form(&action, &form, &[]).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{action}");
        }
    }
    let decide = format!("{base}/decide");
    let refused = chair
        .post_form(
            &decide,
            &[("csrf_token", "forged"), ("confirm", "yes")],
            &[],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let unchanged = ballot(&app, &cast, claim).await;
    assert_eq!(unchanged["votes"], json!([]));
    assert_eq!(unchanged["recused_member_ids"], json!([]));
    assert_eq!(state(&app, &cast, claim).await, "in_commission_review");
}

async fn the_chair_previews_confirms_and_issues_the_decision_and_downloads_it(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    for voter in [&cast.members[0], &cast.members[1], &cast.chair] {
        assert_eq!(
            app.vote(voter, claim, "approve").await.status(),
            StatusCode::OK
        );
    }
    let mut chair = signed_in(&app, "chair").await;
    let page = format!("/commission/claims/{claim}");
    let claim_page = chair.get(&format!("{page}?lang=en")).await;
    assert!(
        claim_page.body.contains("Award of €4,245.00"),
        "outcome so far"
    );
    assert!(claim_page.body.contains(&format!("{page}/decide")));
    let preview = chair.get(&format!("{page}/decision-preview")).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.headers["content-type"], "application/pdf");
    assert!(preview.body.starts_with("%PDF"));
    assert_eq!(state(&app, &cast, claim).await, "in_commission_review");
    let decide = format!("{page}/decide?lang=en");
    let unconfirmed = submit(&mut chair, &decide, &format!("{page}/decide"), &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.body.contains("href=\"#confirm\""));
    assert_eq!(state(&app, &cast, claim).await, "in_commission_review");
    let issued = submit(
        &mut chair,
        &decide,
        &format!("{page}/decide"),
        &[("confirm", "yes")],
    )
    .await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER);
    assert_eq!(issued.location(), Some(format!("{page}/decision").as_str()));
    assert_eq!(state(&app, &cast, claim).await, "decided");
    let decisions = app
        .get_json(&cast.chair, &format!("/api/v1/claims/{claim}/decisions"))
        .await;
    let number = decisions[0]["number"].as_str().unwrap().to_owned();
    for (tag, title) in [
        ("sq", "Vendimi u nxor"),
        ("sr-Cyrl", "Одлука је донета"),
        ("en", "Decision issued"),
    ] {
        let panel = chair.get(&format!("{page}/decision?lang={tag}")).await;
        assert_eq!(panel.status, StatusCode::OK, "{tag}");
        assert!(panel.body.contains(&format!("lang=\"{tag}\"")));
        assert!(panel.body.contains("govuk-panel--confirmation") && panel.body.contains(title));
        assert!(panel.body.contains(&number));
    }
    let download = chair.get(&format!("{page}/decisions/1")).await;
    assert_eq!(download.status, StatusCode::OK);
    let file_name = format!("decision-{}.pdf", number.replace('/', "-"));
    assert_eq!(
        download.headers["content-disposition"],
        format!("attachment; filename=\"{file_name}\"").as_str()
    );
    assert!(download.body.starts_with("%PDF"));
}

async fn the_chair_cannot_close_a_vote_short_of_the_quorum(app: TestApp) {
    let cast = cast(&app).await;
    let claim = claim_in_review(&app, &cast).await;
    app.vote(&cast.members[0], claim, "approve").await;
    let mut chair = signed_in(&app, "chair").await;
    let page = format!("/commission/claims/{claim}");
    let refused = submit(
        &mut chair,
        &format!("{page}/decide?lang=en"),
        &format!("{page}/decide"),
        &[("confirm", "yes")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("not enough members have voted"));
    assert!(refused.body.contains("href=\"#confirm\""));
    assert_eq!(state(&app, &cast, claim).await, "in_commission_review");
    let decisions = app
        .get_json(&cast.chair, &format!("/api/v1/claims/{claim}/decisions"))
        .await;
    assert_eq!(decisions, json!([]));
}
