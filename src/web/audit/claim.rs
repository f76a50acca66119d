//! One claim as an auditor reads it: its timeline from the audit trail (`GET /claims/{id}/events`)
//! and who read its protected identity (`GET /claims/{id}/access-log`), a page at a time.
//!
//! Nothing of the victim's identity is shown: the reference, offence and state name the claim,
//! and events are shown without their payloads.

use askama::Template;
use chrono::{DateTime, Utc};
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{Response, handler};
use serde::Deserialize;

use crate::domain::audit::StoredEvent;
use crate::domain::workflow::ClaimState;
use crate::domain::{ClaimId, Role, UserId};
use crate::service::Services;
use crate::service::access_log::AccessEntry;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, render, require, service_failure};
use crate::web::session::Visit;

/// Reads of the access log on one page.
const ACCESS_LOG_PAGE_SIZE: usize = 50;

/// One event of the timeline, worded in the visitor's language.
struct EventRow {
    sequence: i64,
    time: String,
    /// Who acted: a person by name, or the system.
    who: String,
    role: String,
    action: String,
    from_state: String,
    to_state: String,
}

/// One read of the protected identity.
struct AccessRow {
    time: String,
    user: String,
    fields: Vec<String>,
}

#[derive(Template)]
#[template(path = "audit/claim.html")]
struct ClaimPage {
    frame: Frame,
    reference: String,
    offence: String,
    state: String,
    events: Vec<EventRow>,
    access_rows: Vec<AccessRow>,
    access_caption: String,
    previous_page: Option<String>,
    next_page: Option<String>,
}

#[derive(Deserialize)]
pub struct ClaimQuery {
    /// The access log's page, from 1.
    page: Option<usize>,
}

/// A moment as the timeline shows it: the date as the language writes it, the time of day in
/// UTC, the zone the audit trail records.
fn moment(tr: Tr, at: &DateTime<Utc>) -> String {
    format!(
        "{} {} UTC",
        tr.date(&at.date_naive()),
        at.format("%H:%M:%S")
    )
}

fn state_name(tr: Tr, state: Option<ClaimState>) -> String {
    match state {
        Some(state) => tr.t(&format!("state-{}", state.as_str())).to_owned(),
        None => tr.t("audit-no-state").to_owned(),
    }
}

/// A user as the auditor reads them: by name where the directory has them, else by number;
/// no user is the system.
fn person(tr: Tr, names: &Names, user: Option<UserId>) -> String {
    match user {
        Some(user) => names
            .get(&user)
            .cloned()
            .unwrap_or_else(|| tr.with("audit-user-number", "number", &user.0)),
        None => tr.t("role-system").to_owned(),
    }
}

type Names = std::collections::BTreeMap<UserId, String>;

fn event_row(tr: Tr, names: &Names, stored: &StoredEvent) -> EventRow {
    let event = &stored.event;
    EventRow {
        sequence: event.sequence,
        time: moment(tr, &event.occurred_at),
        who: person(tr, names, event.actor_user_id.map(UserId)),
        role: tr.t(&format!("role-{}", event.role)).to_owned(),
        action: tr.t(&format!("audit-action-{}", event.action)).to_owned(),
        from_state: state_name(tr, event.from_state),
        to_state: state_name(tr, Some(event.to_state)),
    }
}

/// A field of the access log as its reader would name it: `document:12` is a download.
fn field_name(tr: Tr, field: &str) -> String {
    match field.strip_prefix("document:") {
        Some(number) => tr.with("audit-field-document", "number", &number),
        None => tr.t(&format!("audit-field-{field}")).to_owned(),
    }
}

fn access_row(tr: Tr, names: &Names, entry: &AccessEntry) -> AccessRow {
    AccessRow {
        time: moment(tr, &entry.read_at),
        user: person(tr, names, entry.user_id),
        fields: entry
            .fields
            .iter()
            .map(|field| field_name(tr, field))
            .collect(),
    }
}

/// The claim's timeline and its access log.
#[handler]
pub async fn audit_claim_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    Query(query): Query<ClaimQuery>,
) -> Response {
    let actor = match require(&visit, Role::Auditor) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let id = ClaimId(id);
    let claim = match services.claim(actor, id).await {
        Ok(claim) => claim,
        Err(error) => return service_failure(&visit, &error, "reading a claim"),
    };
    let events = match services.events(actor, id).await {
        Ok(events) => events,
        Err(error) => return service_failure(&visit, &error, "reading a claim's audit trail"),
    };
    let entries = match services.access_log(actor, id).await {
        Ok(entries) => entries,
        Err(error) => return service_failure(&visit, &error, "reading a claim's access log"),
    };
    let names = match services.staff_names(actor).await {
        Ok(names) => names,
        Err(error) => return service_failure(&visit, &error, "naming the staff of a trail"),
    };
    let path = format!("/audit/claims/{}", id.0);
    let mut frame = Frame::new(&visit, &path, "audit-title").with_exit_this_page();
    let tr = frame.tr;
    let reference = claim.reference.to_string();
    frame.title = tr.with("audit-claim-title", "reference", &reference);
    let pages = entries.len().div_ceil(ACCESS_LOG_PAGE_SIZE).max(1);
    let page = query.page.unwrap_or(1).clamp(1, pages);
    let access_rows = entries
        .iter()
        .skip((page - 1) * ACCESS_LOG_PAGE_SIZE)
        .take(ACCESS_LOG_PAGE_SIZE)
        .map(|entry| access_row(tr, &names, entry))
        .collect();
    let page_link = |number: usize| format!("{path}?page={number}#access-log");
    let claim_page = ClaimPage {
        reference,
        offence: tr
            .t(&format!("offence-{}", claim.facts.offence_type))
            .to_owned(),
        state: tr.t(&format!("state-{}", claim.state.as_str())).to_owned(),
        events: events
            .iter()
            .map(|stored| event_row(tr, &names, stored))
            .collect(),
        access_rows,
        access_caption: tr.with("audit-access-log-caption", "page", &page),
        previous_page: (page > 1).then(|| page_link(page - 1)),
        next_page: (page < pages).then(|| page_link(page + 1)),
        frame,
    };
    render(&claim_page, StatusCode::OK)
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;
    use crate::domain::ClaimAction;
    use crate::domain::operations::ClaimOperation;
    use crate::service::access_log::PROTECTED_FIELDS;
    use crate::web::i18n::{UiLanguage, messages};

    #[test]
    fn every_action_and_protected_field_is_worded_in_every_language() {
        let mut keys: Vec<String> = ClaimAction::iter()
            .map(|action| format!("audit-action-{action}"))
            .chain(ClaimOperation::iter().map(|operation| format!("audit-action-{operation}")))
            .collect();
        keys.extend(
            PROTECTED_FIELDS
                .iter()
                .map(|field| format!("audit-field-{field}")),
        );
        for language in UiLanguage::ALL {
            for key in &keys {
                assert!(
                    messages(language).contains_key(key),
                    "{key} is missing from {}",
                    language.tag()
                );
            }
        }
    }

    #[test]
    fn a_document_download_is_named_by_its_number() {
        let english = Tr::new(UiLanguage::En);
        assert_eq!(field_name(english, "document:12"), "Document no. 12");
        assert_eq!(field_name(english, "victim_name"), "Victim's name");
    }
}
