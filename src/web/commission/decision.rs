//! The chair closes the vote and issues the decision: a confirmation page with the ballot and a
//! preview of the decision (`Services::preview_decision`, the same draft `perform` would
//! freeze), the decision itself (`Services::perform` with `decide`, as
//! `POST /api/v1/claims/{id}/actions/decide`), then the issued decision and its PDF
//! (`Services::decisions` and `Services::decision_document`, as `GET .../decisions`).

use askama::Template;
use poem::http::{StatusCode, header};
use poem::web::{Data, Path};
use poem::{Response, handler};
use serde::Deserialize;

use super::ballot::{BallotSummary, summarize};
use super::{claim_path, require_member};
use crate::domain::error::{DomainError, RuleViolation};
use crate::domain::workflow::{ActionInput, ClaimState};
use crate::domain::{Actor, ClaimAction, ClaimId, Role};
use crate::service::{ServiceError, Services};
use crate::web::csrf::CsrfForm;
use crate::web::pages::{Frame, refusal, render, require, see_other, service_failure};
use crate::web::session::Visit;

#[derive(Template)]
#[template(path = "commission/decide.html")]
struct DecidePage {
    frame: Frame,
    id: i64,
    ballot: BallotSummary,
    /// Why the decision was not issued, shown against the confirmation.
    error: Option<String>,
}

fn decide_path(id: i64) -> String {
    format!("/commission/claims/{id}/decide")
}

fn decision_path(id: i64) -> String {
    format!("/commission/claims/{id}/decision")
}

/// The confirmation page; with `error`, shown again after a refusal (422).
async fn decide_response(
    visit: &Visit,
    services: &Services,
    actor: &Actor,
    id: i64,
    error: Option<&str>,
) -> Response {
    let (claim, ballot) = match services.ballot(actor, ClaimId(id)).await {
        Ok(found) => found,
        Err(error) => return service_failure(visit, &error, "reading a ballot to decide"),
    };
    if claim.state != ClaimState::InCommissionReview && error.is_none() {
        return see_other(&claim_path(id));
    }
    let mut frame = Frame::new(visit, &decide_path(id), "commission-decide-title");
    let tr = frame.tr;
    frame.title = tr.with("commission-decide-title", "reference", &claim.reference);
    let rules = services.jurisdictions().get(&claim.jurisdiction);
    let status = match error {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let page = DecidePage {
        id,
        ballot: summarize(tr, actor, (&claim, &ballot), rules),
        error: error.map(|key| tr.t(key).to_owned()),
        frame: frame.with_exit_this_page(),
    };
    render(&page, status)
}

/// Before deciding, the chair reads the ballot and the decision's preview.
#[handler]
pub async fn decide_page(visit: Visit, services: Data<&Services>, Path(id): Path<i64>) -> Response {
    let actor = match require(&visit, Role::Chair) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    decide_response(&visit, &services, actor, id, None).await
}

#[derive(Deserialize)]
pub struct DecideFields {
    confirm: Option<String>,
}

/// The text saying why the chair could not decide, for the refusals a chair can act on.
fn decide_refusal(error: &ServiceError) -> Option<&'static str> {
    match error {
        ServiceError::Domain(DomainError::RuleViolated(RuleViolation::NoQuorum { .. })) => {
            Some("commission-error-no-quorum")
        }
        ServiceError::Domain(DomainError::RuleViolated(RuleViolation::NoMajority { .. })) => {
            Some("commission-error-no-majority")
        }
        ServiceError::Domain(DomainError::IllegalAction { .. }) => {
            Some("commission-error-vote-closed")
        }
        _ => None,
    }
}

/// Closes the vote and issues the decision it carries, once the chair has confirmed.
#[handler]
pub async fn submit_decision(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<DecideFields>,
) -> Response {
    let actor = match require(&visit, Role::Chair) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    if fields.confirm.is_none() {
        let key = "commission-error-confirm";
        return decide_response(&visit, &services, actor, id, Some(key)).await;
    }
    let decided = services
        .perform(
            actor,
            ClaimId(id),
            ClaimAction::Decide,
            ActionInput::default(),
            None,
        )
        .await;
    match decided {
        Ok(_) => see_other(&decision_path(id)),
        Err(error) => match decide_refusal(&error) {
            Some(key) => decide_response(&visit, &services, actor, id, Some(key)).await,
            None => service_failure(&visit, &error, "deciding a claim"),
        },
    }
}

/// A PDF response; `disposition` says whether the browser shows it or saves it, and as what.
fn pdf(bytes: Vec<u8>, disposition: &str, file_name: &str) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "application/pdf")
        .header(
            header::CONTENT_DISPOSITION,
            format!("{disposition}; filename=\"{file_name}\""),
        )
        .body(bytes)
}

/// The decision the chair would issue now, as PDF, marked nowhere as issued.
#[handler]
pub async fn decision_preview(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
) -> Response {
    let actor = match require(&visit, Role::Chair) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let decide = (ClaimAction::Decide, &ActionInput::default());
    match services
        .preview_decision(actor, ClaimId(id), decide, None)
        .await
    {
        Ok(bytes) => pdf(bytes, "inline", &format!("decision-preview-{id}.pdf")),
        Err(error) => match decide_refusal(&error) {
            Some(key) => decide_response(&visit, &services, actor, id, Some(key)).await,
            None => service_failure(&visit, &error, "previewing a decision"),
        },
    }
}

#[derive(Template)]
#[template(path = "commission/decision.html")]
struct DecisionPage {
    frame: Frame,
    id: i64,
    number: String,
    /// "Dated 29 November 2026."
    dated: String,
    version: i32,
}

/// The issued decision: a confirmation panel and its PDF.
#[handler]
pub async fn decision_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
) -> Response {
    let actor = match require_member(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let latest = match services.decisions(actor, ClaimId(id)).await {
        Ok(decisions) => decisions.into_iter().last(),
        Err(error) => return service_failure(&visit, &error, "listing a claim's decisions"),
    };
    let Some(latest) = latest else {
        return see_other(&claim_path(id));
    };
    let frame =
        Frame::new(&visit, &decision_path(id), "commission-decision-title").with_exit_this_page();
    let tr = frame.tr;
    let dated = tr.with(
        "commission-decision-dated",
        "date",
        &tr.date(&latest.decided_on),
    );
    render(
        &DecisionPage {
            frame,
            id,
            number: latest.number,
            dated,
            version: latest.version,
        },
        StatusCode::OK,
    )
}

/// A decision version's PDF in the applicant's language, saved under its number; the copy the
/// API gives the visitor (initials where the identity is protected from them).
#[handler]
pub async fn decision_document(
    visit: Visit,
    services: Data<&Services>,
    Path((id, version)): Path<(i64, i32)>,
) -> Response {
    let actor = match require_member(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let number = match services.decisions(actor, ClaimId(id)).await {
        Ok(decisions) => decisions
            .into_iter()
            .find(|decision| decision.version == version)
            .map(|decision| decision.number),
        Err(error) => return service_failure(&visit, &error, "listing a claim's decisions"),
    };
    let Some(number) = number else {
        return refusal(&visit, StatusCode::NOT_FOUND);
    };
    let document = services
        .decision_document(actor, ClaimId(id), (version, None))
        .await;
    match document {
        Ok(bytes) => {
            let file_name = format!("decision-{}.pdf", number.replace('/', "-"));
            pdf(bytes, "attachment", &file_name)
        }
        Err(error) => service_failure(&visit, &error, "rendering a decision"),
    }
}
