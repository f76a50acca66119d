//! The auditor's pages and the statistics page: finding a claim by reference, checking every
//! claim's audit chain, a claim's timeline and access log (`claim`), and the anonymised figures
//! with their charts (`statistics`, `chart`).
//!
//! Each page calls the service function its REST twin calls (`GET /claims`, `/claims/{id}/events`,
//! `/claims/{id}/access-log`, `/reports/statistics`) with the visitor's actor; the chain check,
//! which has only a command-line twin, goes through `verify_audit_trail_as`, which admits
//! auditors only.

mod chart;
mod claim;
mod statistics;

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Response, handler};
use serde::Deserialize;

pub use claim::audit_claim_page;
pub use statistics::statistics_page;

use super::i18n::Tr;
use super::pages::{Frame, render, require, service_failure};
use super::session::Visit;
use crate::domain::audit::BreakReason;
use crate::domain::{Claim, Role};
use crate::service::Services;
use crate::store::claims::ClaimFilter;

/// Claims on one page of search results.
const SEARCH_PAGE_SIZE: u64 = 50;
/// The longest reference fragment a search takes, as `GET /api/v1/claims?reference=` does.
const REFERENCE_LENGTH_MAXIMUM: usize = 32;

/// A field's error as the GOV.UK error summary and the field's inline message show it.
pub struct FieldError {
    /// The id of the field the summary links to.
    pub field: &'static str,
    pub message: String,
}

/// Whether `text` is a reference fragment `GET /api/v1/claims?reference=` accepts: letters,
/// digits and hyphens, at most 32 characters (its `pattern` and `max_length`).
fn is_reference_fragment(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= REFERENCE_LENGTH_MAXIMUM
        && text
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || character == '-')
}

/// A claim found by the search.
struct FoundClaim {
    href: String,
    reference: String,
    offence: String,
    state: String,
}

fn found_claim(tr: Tr, claim: &Claim) -> FoundClaim {
    FoundClaim {
        href: format!("/audit/claims/{}", claim.id.0),
        reference: claim.reference.to_string(),
        offence: tr
            .t(&format!("offence-{}", claim.facts.offence_type))
            .to_owned(),
        state: tr.t(&format!("state-{}", claim.state.as_str())).to_owned(),
    }
}

#[derive(Template)]
#[template(path = "audit/home.html")]
struct AuditPage {
    frame: Frame,
    reference: String,
    errors: Vec<FieldError>,
    /// `None` before a search.
    found: Option<Vec<FoundClaim>>,
    results_caption: String,
    results_none: String,
    next_page: Option<String>,
}

#[derive(Deserialize)]
pub struct AuditQuery {
    reference: Option<String>,
    after: Option<i64>,
}

/// The auditor's start page: the search by reference and its results, and the way to the
/// check of the audit chains.
#[handler]
pub async fn audit_page(
    visit: Visit,
    services: Data<&Services>,
    Query(query): Query<AuditQuery>,
) -> Response {
    let actor = match require(&visit, Role::Auditor) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let frame = Frame::new(&visit, "/audit", "audit-title");
    let tr = frame.tr;
    let reference = query.reference.unwrap_or_default().trim().to_owned();
    let mut page = AuditPage {
        frame,
        results_caption: tr.with("audit-results-caption", "reference", &reference),
        results_none: tr.with("audit-results-none", "reference", &reference),
        reference,
        errors: Vec::new(),
        found: None,
        next_page: None,
    };
    if page.reference.is_empty() {
        return render(&page, StatusCode::OK);
    }
    if !is_reference_fragment(&page.reference) {
        page.errors.push(FieldError {
            field: "reference",
            message: tr.t("audit-search-malformed").to_owned(),
        });
        return render(&page, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let filter = ClaimFilter {
        reference_contains: Some(page.reference.clone()),
        ..ClaimFilter::default()
    };
    let after = query.after.unwrap_or(0);
    let listed = services
        .list_claims(actor, filter, false, (after, SEARCH_PAGE_SIZE))
        .await;
    let (claims, next) = match listed {
        Ok(listed) => listed,
        Err(error) => return service_failure(&visit, &error, "searching claims"),
    };
    page.found = Some(claims.iter().map(|claim| found_claim(tr, claim)).collect());
    page.next_page = next.map(|after| format!("/audit?reference={}&after={after}", page.reference));
    render(&page, StatusCode::OK)
}

/// The first break of a broken chain, worded.
struct BreakRow {
    claim_href: String,
    claim: String,
    sequence: i64,
    reason: &'static str,
}

#[derive(Template)]
#[template(path = "audit/verification.html")]
struct VerificationPage {
    frame: Frame,
    claims_checked: String,
    events_checked: String,
    broken: String,
    breaks: Vec<BreakRow>,
}

/// The text key of why a chain breaks.
fn break_reason_key(reason: BreakReason) -> &'static str {
    match reason {
        BreakReason::SequenceGap => "audit-break-sequence-gap",
        BreakReason::PrevHashMismatch => "audit-break-previous-hash",
        BreakReason::HashMismatch => "audit-break-hash",
        BreakReason::Unreadable => "audit-break-unreadable",
        BreakReason::MissingEvents => "audit-break-missing-events",
        BreakReason::HeadMismatch => "audit-break-head",
    }
}

/// Checks every claim's audit chain, as `redress audit verify` does, and says whether they
/// hold, how many claims and events were checked and where each broken chain breaks.
#[handler]
pub async fn verification_page(visit: Visit, services: Data<&Services>) -> Response {
    let actor = match require(&visit, Role::Auditor) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let report = match services.verify_audit_trail_as(actor).await {
        Ok(report) => report,
        Err(error) => return service_failure(&visit, &error, "verifying the audit trail"),
    };
    let frame = Frame::new(&visit, "/audit/verification", "audit-verification-title");
    let tr = frame.tr;
    let breaks = report
        .breaks
        .iter()
        .map(|broken| BreakRow {
            claim_href: format!("/audit/claims/{}", broken.claim_id),
            claim: tr.with("audit-claim-number", "number", &broken.claim_id),
            sequence: broken.sequence,
            reason: tr.t(break_reason_key(broken.reason)),
        })
        .collect();
    let page = VerificationPage {
        claims_checked: tr.with("audit-verification-claims", "count", &report.claims),
        events_checked: tr.with("audit-verification-events", "count", &report.events),
        broken: tr.with("audit-verification-broken", "count", &report.breaks.len()),
        breaks,
        frame,
    };
    render(&page, StatusCode::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_fragment_is_letters_digits_and_hyphens_up_to_thirty_two() {
        assert!(is_reference_fragment("KS-2026-000001"));
        assert!(is_reference_fragment("2026"));
        assert!(!is_reference_fragment(""));
        assert!(!is_reference_fragment("KS 2026"));
        assert!(!is_reference_fragment("KS-2026'--"));
        assert!(!is_reference_fragment(&"9".repeat(33)));
    }
}
