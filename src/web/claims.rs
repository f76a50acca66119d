//! Lists of claims: the lawyer's own claims and the secretariat's queue. Both read through
//! `Services::list_claims`, the function behind `GET /api/v1/claims`, with the visitor's actor,
//! so each sees exactly the claims the API would show them.

use askama::Template;
use chrono::NaiveDate;
use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Response, handler};
use serde::Deserialize;

use super::i18n::Tr;
use super::pages::{Frame, refusal, render, require};
use super::session::Visit;
use crate::domain::workflow::ClaimState;
use crate::domain::{Actor, Claim, Role};
use crate::service::Services;
use crate::store::claims::ClaimFilter;

/// Claims on one page of the lawyer's list.
const LAWYER_PAGE_SIZE: u64 = 50;
/// The queue is sorted here, so it reads at most this many claims (pages of the API's largest
/// size) and says so when there were more.
const QUEUE_CLAIMS_MAXIMUM: usize = 1000;
const QUEUE_PAGE_SIZE: u64 = 200;
/// The queue shows this many of the claims it sorted.
const QUEUE_ROWS_MAXIMUM: usize = 200;

/// The deadline that matters in the claim's state, by the text key of its name.
fn next_deadline(claim: &Claim) -> Option<(&'static str, NaiveDate)> {
    let deadlines = &claim.deadlines;
    let (key, date) = match claim.state {
        ClaimState::Draft => ("deadline-filing", deadlines.filing),
        ClaimState::AwaitingEvidence => ("deadline-evidence", deadlines.evidence_due),
        ClaimState::Submitted | ClaimState::UnderAssessment | ClaimState::InCommissionReview => {
            ("deadline-decision", deadlines.decision_due)
        }
        ClaimState::Decided => ("deadline-appeal", deadlines.appeal_due),
        ClaimState::Final | ClaimState::InPayment => ("deadline-payment", deadlines.payment_due),
        ClaimState::UnderAppeal | ClaimState::Paid | ClaimState::Closed | ClaimState::Withdrawn => {
            return None;
        }
    };
    date.map(|date| (key, date))
}

/// One claim as a row of either list, worded in the visitor's language.
pub struct ClaimRow {
    /// The claim's page for this audience.
    pub href: String,
    pub reference: String,
    pub offence: String,
    pub state: String,
    pub deadline: Option<String>,
    pub days_overdue: Option<String>,
    pub needed_now: String,
}

impl ClaimRow {
    /// `audience` names whose next step `needed_now` words, and whose page of the claim the row
    /// links to: `lawyer` or `secretariat`.
    pub(super) fn new(
        claim: &Claim,
        tr: Tr,
        days_overdue: Option<i64>,
        audience: &str,
    ) -> ClaimRow {
        let state = claim.state.as_str();
        let area = if audience == "lawyer" {
            "lawyer"
        } else {
            "casework"
        };
        ClaimRow {
            href: format!("/{area}/claims/{}", claim.id.0),
            reference: claim.reference.to_string(),
            offence: tr
                .t(&format!("offence-{}", claim.facts.offence_type))
                .to_owned(),
            state: tr.t(&format!("state-{state}")).to_owned(),
            deadline: next_deadline(claim).map(|(key, date)| tr.with(key, "date", &tr.date(&date))),
            days_overdue: days_overdue.map(|days| tr.with("overdue-by-days", "days", &days)),
            needed_now: tr.t(&format!("{audience}-needed-{state}")).to_owned(),
        }
    }
}

#[derive(Template)]
#[template(path = "lawyer_claims.html")]
struct LawyerClaimsPage {
    frame: Frame,
    rows: Vec<ClaimRow>,
    next_page: Option<String>,
}

#[derive(Deserialize)]
pub struct LawyerClaimsQuery {
    after: Option<i64>,
}

/// The claims the lawyer represents, in the order they were created, a page at a time.
#[handler]
pub async fn lawyer_claims_page(
    visit: Visit,
    services: Data<&Services>,
    Query(query): Query<LawyerClaimsQuery>,
) -> Response {
    let actor = match require(&visit, Role::Lawyer) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let page = (query.after.unwrap_or(0), LAWYER_PAGE_SIZE);
    let listed = services
        .list_claims(actor, ClaimFilter::default(), false, page)
        .await;
    let (claims, next) = match listed {
        Ok(listed) => listed,
        Err(error) => {
            tracing::error!(error = %error, "listing a lawyer's claims failed");
            return refusal(&visit, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let frame = Frame::new(&visit, "/lawyer/claims", "lawyer-claims-title").with_exit_this_page();
    let tr = frame.tr;
    let rows = claims
        .iter()
        .map(|claim| ClaimRow::new(claim, tr, services.days_overdue(claim), "lawyer"))
        .collect();
    let next_page = next.map(|after| format!("/lawyer/claims?after={after}"));
    render(
        &LawyerClaimsPage {
            frame,
            rows,
            next_page,
        },
        StatusCode::OK,
    )
}

#[derive(Template)]
#[template(path = "secretariat_queue.html")]
struct SecretariatQueuePage {
    frame: Frame,
    rows: Vec<ClaimRow>,
    states: Vec<StateOption>,
    /// More claims matched than the queue reads or shows.
    truncated: bool,
}

pub struct StateOption {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Deserialize)]
pub struct QueueQuery {
    state: Option<String>,
}

/// The states the queue offers: those where the secretariat has something to do or watch.
const QUEUE_STATES: &[ClaimState] = &[
    ClaimState::Submitted,
    ClaimState::AwaitingEvidence,
    ClaimState::UnderAssessment,
    ClaimState::InCommissionReview,
    ClaimState::Decided,
    ClaimState::UnderAppeal,
    ClaimState::Final,
    ClaimState::InPayment,
];

/// Open claims by urgency: overdue first (longest overdue at the top), then by the deadline
/// their state runs against, earliest first. Read-only.
#[handler]
pub async fn secretariat_queue_page(
    visit: Visit,
    services: Data<&Services>,
    Query(query): Query<QueueQuery>,
) -> Response {
    let actor = match require(&visit, Role::Secretariat) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let chosen = query.state.as_deref().and_then(|state| {
        QUEUE_STATES
            .iter()
            .copied()
            .find(|known| known.as_str() == state)
    });
    let (claims, truncated) = match queue_claims(&services, actor, chosen).await {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(error = %error, "listing the secretariat's queue failed");
            return refusal(&visit, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let frame = Frame::new(&visit, "/secretariat/queue", "queue-title").with_exit_this_page();
    let tr = frame.tr;
    let mut ordered: Vec<(Option<i64>, Option<NaiveDate>, &Claim)> = claims
        .iter()
        .map(|claim| {
            let due = next_deadline(claim).map(|(_, date)| date);
            (services.days_overdue(claim), due, claim)
        })
        .collect();
    ordered.sort_by_key(|(days_overdue, due, claim)| {
        (
            std::cmp::Reverse(days_overdue.unwrap_or(0)),
            due.is_none(),
            *due,
            claim.id.0,
        )
    });
    let rows = ordered
        .iter()
        .take(QUEUE_ROWS_MAXIMUM)
        .map(|(days_overdue, _, claim)| ClaimRow::new(claim, tr, *days_overdue, "secretariat"))
        .collect();
    let states = QUEUE_STATES
        .iter()
        .map(|state| StateOption {
            value: state.as_str(),
            label: tr.t(&format!("state-{}", state.as_str())).to_owned(),
            selected: Some(*state) == chosen,
        })
        .collect();
    let truncated = truncated || ordered.len() > QUEUE_ROWS_MAXIMUM;
    render(
        &SecretariatQueuePage {
            frame,
            rows,
            states,
            truncated,
        },
        StatusCode::OK,
    )
}

/// The open claims in `state` (or in any queue state), read page by page up to the maximum;
/// and whether there were more.
async fn queue_claims(
    services: &Services,
    actor: &Actor,
    state: Option<ClaimState>,
) -> Result<(Vec<Claim>, bool), crate::service::ServiceError> {
    let mut found = Vec::new();
    let mut after = 0;
    loop {
        let filter = ClaimFilter {
            state,
            ..ClaimFilter::default()
        };
        let (claims, next) = services
            .list_claims(actor, filter, false, (after, QUEUE_PAGE_SIZE))
            .await?;
        found.extend(
            claims
                .into_iter()
                .filter(|claim| QUEUE_STATES.contains(&claim.state)),
        );
        match next {
            Some(next) if found.len() < QUEUE_CLAIMS_MAXIMUM => after = next,
            Some(_) => return Ok((found, true)),
            None => return Ok((found, false)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::tests::claim;

    #[test]
    fn the_next_deadline_is_the_one_the_state_runs_against() {
        let mut awaiting = claim(ClaimState::AwaitingEvidence);
        let due: NaiveDate = "2026-12-20".parse().unwrap();
        awaiting.deadlines.evidence_due = Some(due);
        awaiting.deadlines.decision_due = Some("2027-02-01".parse().unwrap());
        assert_eq!(next_deadline(&awaiting), Some(("deadline-evidence", due)));
        let mut closed = claim(ClaimState::Closed);
        closed.deadlines.payment_due = Some(due);
        assert_eq!(next_deadline(&closed), None);
    }
}
