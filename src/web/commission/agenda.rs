//! The agenda: the claims before the commission that the member may see, read through
//! `Services::list_claims` (the function behind `GET /api/v1/claims?state=in_commission_review`)
//! with each claim's ballot from `Services::ballot` (`GET /api/v1/claims/{id}/votes`).

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Response, handler};
use serde::Deserialize;

use super::ballot::{BallotSummary, summarize};
use super::{claim_path, money, require_member};
use crate::domain::workflow::ClaimState;
use crate::service::Services;
use crate::store::claims::ClaimFilter;
use crate::web::pages::{Frame, render, service_failure};
use crate::web::session::Visit;

/// Claims on one page of the agenda; each reads its ballot too.
const AGENDA_PAGE_SIZE: u64 = 50;

/// One claim on the agenda, worded in the visitor's language.
pub struct AgendaRow {
    pub href: String,
    pub reference: String,
    pub offence: String,
    pub proposed_award: Option<String>,
    pub decision_due: Option<String>,
    pub ballot: BallotSummary,
}

#[derive(Template)]
#[template(path = "commission/agenda.html")]
struct AgendaPage {
    frame: Frame,
    rows: Vec<AgendaRow>,
    next_page: Option<String>,
    /// The visitor has just recused themself from a claim, which has left their agenda.
    recused: bool,
}

#[derive(Deserialize)]
pub struct AgendaQuery {
    after: Option<i64>,
    recused: Option<String>,
}

/// The claims awaiting the commission's vote, with where each ballot stands.
#[handler]
pub async fn agenda_page(
    visit: Visit,
    services: Data<&Services>,
    Query(query): Query<AgendaQuery>,
) -> Response {
    let actor = match require_member(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let filter = ClaimFilter {
        state: Some(ClaimState::InCommissionReview),
        ..ClaimFilter::default()
    };
    let page = (query.after.unwrap_or(0), AGENDA_PAGE_SIZE);
    let (claims, next) = match services.list_claims(actor, filter, false, page).await {
        Ok(listed) => listed,
        Err(error) => return service_failure(&visit, &error, "listing the agenda"),
    };
    let frame =
        Frame::new(&visit, "/commission/agenda", "commission-agenda-title").with_exit_this_page();
    let tr = frame.tr;
    let mut rows = Vec::with_capacity(claims.len());
    for claim in claims {
        let ballot = match services.ballot(actor, claim.id).await {
            Ok((_, ballot)) => ballot,
            Err(error) => {
                return service_failure(&visit, &error, "reading a ballot for the agenda");
            }
        };
        let rules = services.jurisdictions().get(&claim.jurisdiction);
        rows.push(AgendaRow {
            href: claim_path(claim.id.0),
            reference: claim.reference.to_string(),
            offence: tr
                .t(&format!("offence-{}", claim.facts.offence_type))
                .to_owned(),
            proposed_award: claim.proposed_award.map(|amount| money(tr, amount)),
            decision_due: claim.deadlines.decision_due.map(|date| tr.date(&date)),
            ballot: summarize(tr, actor, (&claim, &ballot), rules),
        });
    }
    let next_page = next.map(|after| format!("/commission/agenda?after={after}"));
    let recused = query.recused.is_some();
    render(
        &AgendaPage {
            frame,
            rows,
            next_page,
            recused,
        },
        StatusCode::OK,
    )
}
