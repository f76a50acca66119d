//! The secretariat's casework: the case page of one claim and the forms of the actions the
//! workflow offers on it (admissibility, evidence requests, assessment, the proposal, appeal
//! outcomes). Every page calls the service function its REST twin calls, with the visitor's
//! actor; which actions are offered comes from `Services::allowed_actions`, never from here.

mod actions;
mod assessment;
mod case;

use std::str::FromStr;

use poem::Response;
use poem::http::StatusCode;

pub use actions::{action_page, perform_action};
pub use assessment::{assessment_page, record_assessment};
pub use case::case_page;

use super::i18n::Tr;
use super::pages::{refusal, require, service_failure};
use super::session::Visit;
use crate::domain::error::RuleViolation;
use crate::domain::operations::ClaimOperation;
use crate::domain::workflow::Availability;
use crate::domain::{Actor, Claim, ClaimAction, ClaimId, DomainError, Money, Role};
use crate::locale::format_money;
use crate::service::{ServiceError, Services};

/// The case page of claim `id`.
fn case_path(id: i64) -> String {
    format!("/casework/claims/{id}")
}

/// An amount as the visitor's language writes it (src/locale.rs).
fn money_text(tr: Tr, money: Money) -> String {
    format_money(money.amount(), money.currency(), tr.language.language())
}

/// The name of a workflow action or an operation, as the timeline and the confirmation words
/// it; `None` for a name that is neither.
fn action_name(tr: Tr, name: &str) -> Option<String> {
    let known = ClaimAction::from_str(name).is_ok() || ClaimOperation::from_str(name).is_ok();
    known.then(|| tr.t(&format!("casework-action-{name}")).to_owned())
}

/// The visitor as the secretariat, and the claim as `Services::claim` (the read behind
/// `GET /claims/{id}`) gives it to them; or the page that says why not.
async fn claim_for_secretariat<'visit>(
    visit: &'visit Visit,
    services: &Services,
    id: i64,
) -> Result<(&'visit Actor, Claim), Response> {
    let actor = require(visit, Role::Secretariat).map_err(|refused| *refused)?;
    match services.claim(actor, ClaimId(id)).await {
        Ok(claim) => Ok((actor, claim)),
        Err(error) => Err(service_failure(visit, &error, "the claim")),
    }
}

/// Like `claim_for_secretariat`, with the actions the workflow offers them on it now
/// (`Services::allowed_actions`, behind `GET /claims/{id}/actions`).
async fn actions_for_secretariat<'visit>(
    visit: &'visit Visit,
    services: &Services,
    id: i64,
) -> Result<(&'visit Actor, Claim, Vec<Availability>), Response> {
    let actor = require(visit, Role::Secretariat).map_err(|refused| *refused)?;
    match services.allowed_actions(actor, ClaimId(id)).await {
        Ok((claim, available)) => Ok((actor, claim, available)),
        Err(error) => Err(service_failure(visit, &error, "the claim's actions")),
    }
}

/// What a form shows of a refusal: the field at fault (the id of its input, which the error
/// summary links to) and the message, in the visitor's language.
pub struct FormError {
    pub field: String,
    pub message: String,
}

impl FormError {
    /// The message for the input whose id starts with `prefix`, if the error is about it.
    fn about(error: &Option<FormError>, prefix: &str) -> Option<String> {
        error
            .as_ref()
            .filter(|error| error.field.starts_with(prefix))
            .map(|error| error.message.clone())
    }
}

/// How a form answers a service error: on the form (422) when it names something the visitor
/// can correct or a rule that blocks the action now (409 when the claim moved on meanwhile),
/// or as a refusal page.
enum Answer {
    OnForm(StatusCode, FormError),
    Page(Response),
}

/// The field a service error blames, as the service names it.
fn blamed_field(error: &ServiceError) -> Option<String> {
    match error {
        ServiceError::Invalid { field, .. } => Some((*field).to_owned()),
        ServiceError::InvalidItem { field, .. } => Some(field.clone()),
        ServiceError::Award(award) => Some(award.field()),
        ServiceError::Domain(DomainError::Award(award)) => Some(award.field()),
        ServiceError::Domain(DomainError::InvalidInput { field, .. }) => Some((*field).to_owned()),
        ServiceError::Domain(DomainError::RuleViolated(RuleViolation::InputRequired { field })) => {
            Some((*field).to_owned())
        }
        _ => None,
    }
}

/// Sorts a service error into what the form shows. `field_of` turns the service's field name
/// into the form's input id and the text key of its message (`None` for a field the form does
/// not have, which is then an unexpected failure); `first_field` is where a rule that blocks
/// the whole action is reported.
fn answer(
    visit: &Visit,
    error: ServiceError,
    field_of: impl Fn(&str) -> Option<(String, &'static str)>,
    first_field: &str,
) -> Answer {
    let tr = visit.tr();
    if let Some((field, key)) = blamed_field(&error).and_then(|field| field_of(&field)) {
        let message = tr.t(key).to_owned();
        return Answer::OnForm(
            StatusCode::UNPROCESSABLE_ENTITY,
            FormError { field, message },
        );
    }
    let on_form = |status, key| {
        let message = Tr::t(&tr, key).to_owned();
        let field = first_field.to_owned();
        Answer::OnForm(status, FormError { field, message })
    };
    match error {
        ServiceError::Domain(DomainError::RuleViolated(_)) => {
            on_form(StatusCode::UNPROCESSABLE_ENTITY, "casework-error-blocked")
        }
        ServiceError::Domain(DomainError::IllegalAction { .. })
        | ServiceError::Domain(DomainError::OperationNotAllowed { .. })
        | ServiceError::StaleVersion { .. }
        | ServiceError::VersionConflict => on_form(StatusCode::CONFLICT, "casework-error-changed"),
        ServiceError::Domain(
            DomainError::ActionNotPermitted { .. }
            | DomainError::OperationNotPermitted { .. }
            | DomainError::NotTheRapporteur { .. },
        ) => Answer::Page(refusal(visit, StatusCode::FORBIDDEN)),
        error => Answer::Page(service_failure(visit, &error, "a casework form")),
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::super::i18n::{UiLanguage, messages};
    use crate::domain::claim::{ApplicantKind, DocumentKind, OutcomeKind};
    use crate::domain::operations::ClaimOperation;
    use crate::domain::workflow::AppealOutcome;
    use crate::domain::{ClaimAction, ClaimState};

    fn assert_worded(key: &str) {
        for language in UiLanguage::ALL {
            assert!(
                messages(language).contains_key(key),
                "{key} is missing from {}",
                language.tag()
            );
        }
    }

    /// The texts the pages compose from a value's name, which the key check cannot see.
    #[test]
    fn every_name_the_case_pages_word_has_a_text_in_every_language() {
        for action in ClaimAction::iter() {
            assert_worded(&format!("casework-action-{action}"));
        }
        for operation in ClaimOperation::iter() {
            assert_worded(&format!("casework-action-{operation}"));
        }
        for kind in DocumentKind::iter() {
            assert_worded(&format!("casework-document-{kind}"));
        }
        for kind in ApplicantKind::iter() {
            assert_worded(&format!("casework-applicant-kind-{kind}"));
        }
        for outcome in OutcomeKind::iter() {
            assert_worded(&format!("casework-outcome-{outcome}"));
        }
        for outcome in AppealOutcome::iter() {
            assert_worded(&format!("casework-appeal-outcome-{outcome}"));
        }
        for state in ClaimState::iter() {
            assert_worded(&format!("state-{state}"));
        }
    }
}
