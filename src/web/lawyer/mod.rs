//! The lawyer's pages: filing a claim as a GOV.UK task list of question pages, its documents,
//! checking the answers and submitting, then following the claim (evidence requests, decisions,
//! an appeal). Every page calls the service function of its REST twin with the lawyer's actor;
//! the service decides what may be seen, changed or submitted.

mod application;
mod claim;
mod documents;
mod draft;
mod questions;

use poem::http::StatusCode;
use poem::{Response, Route, get, post};

use super::WebState;
use super::i18n::Tr;
use super::pages::{Frame, refusal};
use super::session::Visit;
use crate::domain::DomainError;
use crate::service::ServiceError;

/// Adds the lawyer's routes under `/lawyer/claims/`. Static segments win over `:question` in
/// poem's router, so the fixed pages of a claim are never taken for a question.
pub(super) fn mount(route: Route, state: &WebState) -> Route {
    use super::page;
    route
        .at(
            "/lawyer/claims/new",
            page(get(draft::start_page).post(draft::start_claim), state),
        )
        .at("/lawyer/claims/:id", page(get(claim::claim_page), state))
        .at(
            "/lawyer/claims/:id/documents",
            page(
                get(documents::documents_page).post(documents::upload_file),
                state,
            ),
        )
        .at(
            "/lawyer/claims/:id/losses",
            page(
                get(application::losses_page).post(application::add_loss),
                state,
            ),
        )
        .at(
            "/lawyer/claims/:id/losses/remove",
            page(post(application::remove_loss), state),
        )
        .at(
            "/lawyer/claims/:id/bank-account",
            page(
                get(application::bank_account_page).post(application::save_bank_account),
                state,
            ),
        )
        .at(
            "/lawyer/claims/:id/consent",
            page(
                get(application::consent_page).post(application::save_consent),
                state,
            ),
        )
        .at(
            "/lawyer/claims/:id/check-answers",
            page(get(draft::check_answers_page), state),
        )
        .at(
            "/lawyer/claims/:id/submit",
            page(post(draft::submit_claim), state),
        )
        .at(
            "/lawyer/claims/:id/submitted",
            page(get(draft::submitted_page), state),
        )
        .at(
            "/lawyer/claims/:id/:issued/:number/:language",
            page(get(claim::issued_document), state),
        )
        .at(
            "/lawyer/claims/:id/appeal",
            page(get(claim::appeal_page).post(claim::appeal_decision), state),
        )
        .at(
            "/lawyer/claims/:id/:question",
            page(get(draft::question_page).post(draft::save_answer), state),
        )
}

/// One problem with what the lawyer sent: the element the error summary links to and the
/// message shown there and beside the field.
#[derive(Clone, Debug)]
pub struct FormError {
    pub anchor: String,
    pub message: String,
}

/// The frame of a page with a form, which shows a victim's case: "Exit this page", and a title
/// that starts with "Error:" while the page shows what was wrong, as GOV.UK's pattern asks.
fn form_frame(visit: &Visit, path: &str, title_key: &str, errors: &[FormError]) -> Frame {
    let mut frame = Frame::new(visit, path, title_key).with_exit_this_page();
    frame.shows_errors = !errors.is_empty();
    frame
}

/// A form page is 200, or 422 when it shows what was wrong with what was sent.
fn form_status(errors: &[FormError]) -> StatusCode {
    match errors.is_empty() {
        true => StatusCode::OK,
        false => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The field a service or domain error names, when it is about something the lawyer entered.
fn invalid_field(error: &ServiceError) -> Option<&str> {
    match error {
        ServiceError::Invalid { field, .. } => Some(field),
        ServiceError::InvalidItem { field, .. } => Some(field.as_str()),
        ServiceError::Duplicate { field } => Some(field),
        ServiceError::Domain(DomainError::InvalidInput { field, .. }) => Some(field),
        ServiceError::Domain(DomainError::InvalidInputAt { field, .. }) => Some(field),
        _ => None,
    }
}

/// The page for a service error that no form can help with: a missing or foreign claim is
/// 404, a refused act 403, anything else is logged (without personal data) and is a 500.
fn failure(visit: &Visit, error: &ServiceError, doing: &'static str) -> Response {
    match error {
        ServiceError::Domain(_) => refusal(visit, StatusCode::FORBIDDEN),
        other => super::pages::service_failure(visit, other, doing),
    }
}

/// The visitor's actor if they are a lawyer; otherwise the response that turns them away.
fn lawyer(visit: &Visit) -> Result<&crate::domain::Actor, Box<Response>> {
    super::pages::require(visit, crate::domain::Role::Lawyer)
}

/// A document kind worded in the visitor's language.
fn document_kind_label(tr: Tr, kind: crate::domain::DocumentKind) -> String {
    tr.t(&format!("lawyer-document-{kind}")).to_owned()
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::super::i18n::{UiLanguage, messages};
    use crate::domain::DocumentKind;
    use crate::domain::claim::{ApplicantKind, Language, VictimGender};

    #[test]
    fn every_choice_and_document_kind_is_worded_in_every_language() {
        let mut keys: Vec<String> = Vec::new();
        keys.extend(DocumentKind::iter().map(|kind| format!("lawyer-document-{kind}")));
        keys.extend(ApplicantKind::iter().map(|kind| format!("lawyer-applicant-kind-{kind}")));
        keys.extend(VictimGender::iter().map(|gender| format!("lawyer-gender-{gender}")));
        keys.extend(Language::iter().map(|language| format!("lawyer-language-{language}")));
        let letters = [
            "receipt",
            "evidence_request",
            "interim_award",
            "payment_notice",
        ];
        keys.extend(letters.iter().map(|kind| format!("lawyer-letter-{kind}")));
        for key in keys {
            for language in UiLanguage::ALL {
                assert!(
                    messages(language).contains_key(key.as_str()),
                    "{key} is missing from {}",
                    language.tag()
                );
            }
        }
    }
}
