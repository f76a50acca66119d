//! The case page: one claim as the secretariat works on it — facts, applicant, deadlines,
//! documents, evidence requests, the assessment and the latest steps of its audit trail — and
//! the actions the workflow offers the visitor on it now.

use askama::Template;
use chrono::NaiveDate;
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{Response, handler};
use serde::Deserialize;

use super::assessment::OFFSET_SOURCES;
use super::{action_name, actions_for_secretariat, case_path, money_text};
use crate::domain::access::{initials, may_see_identity};
use crate::domain::audit::StoredEvent;
use crate::domain::claim::Outcome;
use crate::domain::error::RuleViolation;
use crate::domain::operations::{self, ClaimOperation};
use crate::domain::workflow::{Availability, accepted_fields};
use crate::domain::{Actor, Claim, ClaimId};
use crate::locale::{format_money, format_number};
use crate::service::{ServiceError, Services};
use crate::store::documents::StoredDocument;
use crate::store::evidence::EvidenceRequest;
use crate::web::i18n::Tr;
use crate::web::pages::head_name;
use crate::web::pages::{Frame, render, service_failure};
use crate::web::session::Visit;

/// The timeline shows this many of the latest events; the full trail is the auditors'.
const TIMELINE_EVENTS_MAXIMUM: usize = 10;

/// One line of a summary list.
pub struct Row {
    pub label: String,
    pub value: String,
}

impl Row {
    fn new(tr: Tr, label_key: &str, value: String) -> Row {
        Row {
            label: tr.t(label_key).to_owned(),
            value,
        }
    }
}

/// An action the workflow offers: a button when it takes no input, else a link to its form.
pub struct ActionOffer {
    pub label: String,
    pub href: String,
    pub takes_input: bool,
    /// The rule that blocks it without input, in words. An action that takes input keeps its
    /// form: the input may satisfy the rule (a waived appeal lets the decision become final).
    pub blocked: Option<String>,
}

pub struct DocumentRow {
    /// Where it downloads: `/documents/{id}`.
    pub href: String,
    pub kind: String,
    pub uploaded_on: String,
    pub answers_request: bool,
}

pub struct RequestView {
    pub due_on: String,
    pub requested_on: String,
    /// Each item's kind and whether a document answers it.
    pub items: Vec<(String, bool)>,
}

pub struct EventRow {
    pub action: String,
    pub role: String,
    pub state: String,
    pub occurred_on: String,
}

#[derive(Template)]
#[template(path = "casework/case.html")]
struct CasePage {
    frame: Frame,
    claim_id: i64,
    reference: String,
    state: String,
    done: Option<String>,
    identity_masked: bool,
    facts: Vec<Row>,
    claimed_losses: Vec<Row>,
    applicant: Vec<Row>,
    deadlines: Vec<Row>,
    days_overdue: Option<String>,
    actions: Vec<ActionOffer>,
    may_assess: bool,
    documents: Vec<DocumentRow>,
    requests: Vec<RequestView>,
    assessment: Vec<Row>,
    decision: Vec<Row>,
    events: Vec<EventRow>,
}

#[derive(Deserialize)]
pub struct CaseQuery {
    /// The action just performed, named in a confirmation banner.
    done: Option<String>,
}

/// What the page shows besides the claim, each read through the API's own service call.
struct Records {
    documents: Vec<StoredDocument>,
    requests: Vec<EvidenceRequest>,
    events: Vec<StoredEvent>,
}

async fn records(services: &Services, actor: &Actor, id: ClaimId) -> Result<Records, ServiceError> {
    Ok(Records {
        documents: services.documents(actor, id).await?,
        requests: services.evidence_requests(actor, id).await?,
        events: services.events(actor, id).await?,
    })
}

/// The claim with what the secretariat may do on it now. A protected identity is shown as the
/// API shows it to the visitor, and its reading is recorded in the access log as the API does.
#[handler]
pub async fn case_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    Query(query): Query<CaseQuery>,
) -> Response {
    let (actor, claim, available) = match actions_for_secretariat(&visit, &services, id).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let records = match records(&services, actor, claim.id).await {
        Ok(records) => records,
        Err(error) => return service_failure(&visit, &error, "the claim's records"),
    };
    if let Err(error) = services.record_identity_read(actor, &claim).await {
        return service_failure(&visit, &error, "the access log");
    }
    let mut frame = Frame::new(&visit, &case_path(id), "casework-case-title").with_exit_this_page();
    let tr = frame.tr;
    frame.title = tr.with("casework-case-title", "reference", &claim.reference);
    let page = CasePage {
        claim_id: id,
        reference: claim.reference.to_string(),
        state: tr.t(&format!("state-{}", claim.state)).to_owned(),
        done: query.done.and_then(|name| action_name(tr, &name)),
        identity_masked: !may_see_identity(actor, &claim),
        facts: facts(tr, &claim),
        claimed_losses: claimed_losses(tr, &services, (actor, &claim)),
        applicant: applicant(tr, actor, &claim),
        deadlines: deadlines(tr, &claim),
        days_overdue: services
            .days_overdue(&claim)
            .map(|days| tr.with("overdue-by-days", "days", &days)),
        actions: offers(tr, &claim, available),
        may_assess: operations::authorize(ClaimOperation::RecordAssessment, &claim, actor).is_ok(),
        documents: documents(tr, &records.documents),
        requests: requests(tr, &records.requests),
        assessment: assessment(tr, &services, &claim),
        decision: decision(tr, &claim),
        events: timeline(tr, &records.events),
        frame,
    };
    render(&page, StatusCode::OK)
}

fn yes_no(tr: Tr, value: bool) -> String {
    tr.t(if value { "casework-yes" } else { "casework-no" })
        .to_owned()
}

fn optional_date(tr: Tr, date: Option<NaiveDate>) -> String {
    date.map_or_else(
        || tr.t("casework-not-given").to_owned(),
        |date| tr.date(&date),
    )
}

fn facts(tr: Tr, claim: &Claim) -> Vec<Row> {
    let facts = &claim.facts;
    let mut rows = vec![
        Row::new(
            tr,
            "casework-offence",
            tr.t(&format!("offence-{}", facts.offence_type)).to_owned(),
        ),
        Row::new(tr, "casework-crime-date", tr.date(&facts.crime_date)),
        Row::new(
            tr,
            "casework-reported-to-police",
            yes_no(tr, facts.reported_to_police),
        ),
        Row::new(tr, "casework-lodged-on", optional_date(tr, claim.lodged_on)),
        Row::new(
            tr,
            "casework-claim-language",
            tr.t(&format!("casework-language-{}", facts.language))
                .to_owned(),
        ),
    ];
    if let Some(discovered) = facts.crime_discovered_on {
        rows.push(Row::new(
            tr,
            "casework-crime-discovered-on",
            tr.date(&discovered),
        ));
    }
    if let Some(identified) = facts.trafficking_identified_on {
        rows.push(Row::new(
            tr,
            "casework-trafficking-identified-on",
            tr.date(&identified),
        ));
    }
    rows
}

/// What the applicant claims, head by head, as the rapporteur weighs it; a loss's details, which
/// may identify the victim, only with the identity.
fn claimed_losses(tr: Tr, services: &Services, (actor, claim): (&Actor, &Claim)) -> Vec<Row> {
    let visible = may_see_identity(actor, claim);
    let language = tr.language.language();
    claim
        .facts
        .claimed_losses
        .iter()
        .map(|loss| {
            let amount = loss.amount.map_or_else(
                || tr.t("casework-amount-not-known").to_owned(),
                |amount| format_money(amount, claim.currency(), language),
            );
            let value = match loss.details.as_ref().filter(|_| visible) {
                Some(details) => format!("{amount} ({})", details.expose()),
                None => amount,
            };
            Row {
                label: head_name(services.jurisdictions(), claim, tr, &loss.head),
                value,
            }
        })
        .collect()
}

/// The applicant and the victim, masked to initials for a visitor who may not see a protected
/// identity, exactly as the API's claim view masks them.
fn applicant(tr: Tr, actor: &Actor, claim: &Claim) -> Vec<Row> {
    let facts = &claim.facts;
    let visible = may_see_identity(actor, claim);
    let show = |text: &str| {
        if visible {
            text.to_owned()
        } else {
            initials(text)
        }
    };
    let hidden = || tr.t("casework-identity-hidden").to_owned();
    let mut rows = vec![
        Row::new(
            tr,
            "casework-applicant-kind",
            tr.t(&format!("casework-applicant-kind-{}", facts.applicant_kind))
                .to_owned(),
        ),
        Row::new(
            tr,
            "casework-applicant-name",
            show(facts.applicant_name.expose()),
        ),
        Row::new(tr, "casework-victim-name", show(facts.victim_name.expose())),
        Row::new(
            tr,
            "casework-protected-identity",
            yes_no(tr, facts.protected_identity),
        ),
    ];
    if visible {
        let address = facts.victim_address.as_ref().map_or_else(
            || tr.t("casework-not-given").to_owned(),
            |address| address.expose().to_owned(),
        );
        rows.push(Row::new(
            tr,
            "casework-victim-birth-date",
            optional_date(tr, facts.victim_birth_date),
        ));
        rows.push(Row::new(tr, "casework-victim-address", address));
        let account = facts.bank_account.as_ref().map_or_else(
            || tr.t("casework-not-given").to_owned(),
            |account| format!("{}, {}", account.holder.expose(), account.iban.grouped()),
        );
        rows.push(Row::new(tr, "casework-bank-account", account));
    } else {
        for key in [
            "casework-victim-birth-date",
            "casework-victim-address",
            "casework-bank-account",
        ] {
            rows.push(Row::new(tr, key, hidden()));
        }
    }
    rows.push(Row::new(
        tr,
        "casework-consent-given",
        yes_no(tr, facts.consent_given),
    ));
    rows
}

fn deadlines(tr: Tr, claim: &Claim) -> Vec<Row> {
    let deadlines = &claim.deadlines;
    [
        ("casework-deadline-filing", deadlines.filing),
        ("casework-deadline-evidence", deadlines.evidence_due),
        ("casework-deadline-decision", deadlines.decision_due),
        ("casework-deadline-appeal", deadlines.appeal_due),
        ("casework-deadline-payment", deadlines.payment_due),
    ]
    .into_iter()
    .filter_map(|(key, date)| date.map(|date| Row::new(tr, key, tr.date(&date))))
    .collect()
}

/// The workflow's offer, as `allowed_actions` made it; nothing is added or left out here.
fn offers(tr: Tr, claim: &Claim, available: Vec<Availability>) -> Vec<ActionOffer> {
    available
        .into_iter()
        .map(|availability| ActionOffer {
            label: tr
                .t(&format!("casework-action-{}", availability.action))
                .to_owned(),
            href: format!("{}/actions/{}", case_path(claim.id.0), availability.action),
            takes_input: !accepted_fields(availability.action).is_empty(),
            blocked: availability
                .blocked_by
                .map(|violation| blocking_rule(tr, &violation)),
        })
        .collect()
}

/// The rule the domain names as blocking an action, in the visitor's language: in words of its
/// own for the rules that block the secretariat's actions, generically for the others.
fn blocking_rule(tr: Tr, violation: &RuleViolation) -> String {
    match violation {
        RuleViolation::NoAssessment => tr.t("casework-blocked-no-assessment").to_owned(),
        RuleViolation::AppealWindowOpen { last_day } => tr.with(
            "casework-blocked-appeal-window-open",
            "date",
            &tr.date(last_day),
        ),
        RuleViolation::AwardNotPaid { .. } => tr.t("casework-blocked-award-not-paid").to_owned(),
        RuleViolation::ReopeningNotAllowed => {
            tr.t("casework-blocked-reopening-not-allowed").to_owned()
        }
        _ => tr.t("casework-action-blocked").to_owned(),
    }
}

fn documents(tr: Tr, documents: &[StoredDocument]) -> Vec<DocumentRow> {
    documents
        .iter()
        .map(|document| DocumentRow {
            href: format!("/documents/{}", document.id),
            kind: tr
                .t(&format!("casework-document-{}", document.metadata.kind))
                .to_owned(),
            uploaded_on: tr.date(&document.uploaded_at.date_naive()),
            answers_request: document.metadata.request_item.is_some(),
        })
        .collect()
}

fn requests(tr: Tr, requests: &[EvidenceRequest]) -> Vec<RequestView> {
    requests
        .iter()
        .map(|request| RequestView {
            due_on: tr.date(&request.due_on),
            requested_on: tr.date(&request.requested_at.date_naive()),
            items: request
                .items
                .iter()
                .map(|item| {
                    let kind = tr.t(&format!("casework-document-{}", item.kind)).to_owned();
                    (kind, !item.document_ids.is_empty())
                })
                .collect(),
        })
        .collect()
}

/// The recorded assessment's losses and reduction, and the award proposed from it.
fn assessment(tr: Tr, services: &Services, claim: &Claim) -> Vec<Row> {
    let mut rows = Vec::new();
    let currency = claim.interim_awarded.currency();
    if let Some(assessment) = &claim.assessment {
        for loss in &assessment.losses {
            let label = head_name(services.jurisdictions(), claim, tr, &loss.head);
            let value = loss.amount.and_then(|amount| {
                crate::domain::Money::new(amount, currency)
                    .ok()
                    .map(|money| money_text(tr, money))
            });
            rows.push(Row {
                label,
                value: value.unwrap_or_else(|| tr.t("casework-not-given").to_owned()),
            });
        }
        for offset in &assessment.offsets {
            let source = OFFSET_SOURCES
                .iter()
                .find(|(known, _)| *known == offset.source)
                .map_or("other", |(_, name)| name);
            let amount = crate::domain::Money::new(offset.amount, currency);
            rows.push(Row {
                label: tr.t(&format!("casework-offset-{source}")).to_owned(),
                value: amount
                    .map_or_else(|_| offset.amount.to_string(), |money| money_text(tr, money)),
            });
        }
        let percent = format_number(assessment.reduction_percent, tr.language.language());
        rows.push(Row {
            label: tr.t("casework-reduction-percent").to_owned(),
            value: tr.with("casework-percent", "percent", &percent),
        });
    }
    if let Some(award) = claim.proposed_award {
        rows.push(Row::new(
            tr,
            "casework-proposed-award",
            money_text(tr, award),
        ));
    }
    rows
}

/// The decision given, if any: its outcome, the award, the reason of an inadmissibility.
fn decision(tr: Tr, claim: &Claim) -> Vec<Row> {
    let Some(decision) = &claim.decision else {
        return Vec::new();
    };
    let outcome = &decision.outcome;
    let mut rows = vec![
        Row::new(
            tr,
            "casework-decision-outcome",
            tr.t(&format!("casework-outcome-{}", outcome.kind()))
                .to_owned(),
        ),
        Row::new(tr, "casework-decided-on", tr.date(&decision.decided_on)),
    ];
    if let Some(award) = outcome.award() {
        rows.push(Row::new(tr, "casework-award", money_text(tr, award)));
    }
    if let Outcome::Inadmissible { reason } = outcome {
        rows.push(Row::new(tr, "casework-reason", reason.clone()));
    }
    rows
}

/// The latest steps of the audit trail, newest first.
fn timeline(tr: Tr, events: &[StoredEvent]) -> Vec<EventRow> {
    events
        .iter()
        .rev()
        .take(TIMELINE_EVENTS_MAXIMUM)
        .map(|stored| {
            let event = &stored.event;
            EventRow {
                action: action_name(tr, event.action.as_str())
                    .unwrap_or_else(|| event.action.as_str().to_owned()),
                role: tr.t(&format!("role-{}", event.role)).to_owned(),
                state: tr.t(&format!("state-{}", event.to_state)).to_owned(),
                occurred_on: tr.date(&event.occurred_at.date_naive()),
            }
        })
        .collect()
}
