//! The finance pages: awards awaiting payment, payment orders through four eyes, bank batches and
//! their files, the bank's confirmations and the payments report. Each action calls the service
//! function its REST twin in `api::payments` (or `api::claims`) calls, with the visitor's actor;
//! this module only turns what the service says into words, in the visitor's language.

mod batches;
mod forms;
mod payments;
mod prepare;
mod report;

pub use batches::{batch_page, create_batch, export_batch, new_batch_page, upload_statement};
pub use payments::{approve_order, cancel_order, cancel_order_page, payments_page, start_payout};
pub use prepare::{prepare_order, prepare_order_page};
pub use report::payments_report_page;

use poem::Response;
use poem::http::StatusCode;

use super::i18n::Tr;
use super::pages::{refusal, require};
use super::session::Visit;
use crate::domain::money::Money;
use crate::domain::operations::ClaimOperation;
use crate::domain::payout::PayoutError;
use crate::domain::{Actor, DomainError, Role};
use crate::service::ServiceError;

/// The finance pages' home, where most actions return to.
pub const PAYMENTS_PATH: &str = "/finance/payments";

/// Finance officers and approvers see every finance page; what each may do there is the
/// service's to decide. Anonymous visitors go to sign-in, everyone else gets 403.
pub fn require_finance(visit: &Visit) -> Result<&Actor, Box<Response>> {
    let role = if visit.has_role(Role::FinanceApprover) {
        Role::FinanceApprover
    } else {
        Role::FinanceOfficer
    };
    require(visit, role)
}

/// An amount as the visitor's language writes it.
pub fn money(tr: Tr, amount: Money) -> String {
    crate::locale::format_money(amount.amount(), amount.currency(), tr.language.language())
}

/// One message of a form's error summary, and the id of the field (or button) it links to.
#[derive(Clone, Debug)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// The bank file reader's or the service's own words, in English, after the message.
    pub detail: Option<String>,
}

/// The error summary of a form and the inline message of each field.
#[derive(Clone, Debug, Default)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    pub fn add(&mut self, field: &str, message: String) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message,
            detail: None,
        });
    }

    /// The message of the field with this id, for its inline error.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Dates are entered as GOV.UK date inputs: the summary links to the day.
const DATE_FIELDS: &[&str] = &["requested_execution_date", "from", "to"];

/// The id a service field's error links to on our forms.
fn anchor_of(field: &str) -> String {
    if DATE_FIELDS.contains(&field) {
        format!("{field}_day")
    } else {
        field.to_owned()
    }
}

/// What the visitor is told when the service refuses: the status and a message linked to the
/// field it is about, or to `anchor` (the button of the action) when it is about no field.
/// Errors no form can show (a missing order, a failure) are the page's response instead; a
/// failure is logged without anything personal.
pub fn explain(
    error: ServiceError,
    visit: &Visit,
    anchor: &str,
) -> Result<(StatusCode, FieldError), Box<Response>> {
    let tr = visit.tr();
    let (status, field, message) = match error {
        ServiceError::NotFound(_) => return Err(Box::new(refusal(visit, StatusCode::NOT_FOUND))),
        ServiceError::Unexpected(error) => {
            tracing::error!(error = %error, "a finance action failed");
            return Err(Box::new(refusal(visit, StatusCode::INTERNAL_SERVER_ERROR)));
        }
        ServiceError::Domain(DomainError::Payout(payout)) => explain_payout(&payout, tr),
        ServiceError::Domain(DomainError::OperationNotPermitted { operation }) => (
            StatusCode::FORBIDDEN,
            None,
            tr.t(not_permitted_key(operation)).to_owned(),
        ),
        ServiceError::Forbidden => (
            StatusCode::FORBIDDEN,
            None,
            tr.t("finance-error-forbidden").to_owned(),
        ),
        ServiceError::Domain(
            DomainError::IllegalAction { .. }
            | DomainError::ActionNotPermitted { .. }
            | DomainError::OperationNotAllowed { .. },
        ) => (
            StatusCode::CONFLICT,
            None,
            tr.t("finance-error-claim-state").to_owned(),
        ),
        ServiceError::Domain(DomainError::RuleViolated(_)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            tr.t("finance-error-rule").to_owned(),
        ),
        ServiceError::VersionConflict | ServiceError::StaleVersion { .. } => (
            StatusCode::CONFLICT,
            None,
            tr.t("finance-error-conflict").to_owned(),
        ),
        ServiceError::Invalid { field, reason } => {
            let (field, key) = invalid_key(field);
            let message = match key {
                Some(key) => tr.t(key).to_owned(),
                None => tr.with("finance-error-invalid", "reason", &reason),
            };
            (StatusCode::UNPROCESSABLE_ENTITY, field, message)
        }
        other => {
            // Validation of a list item, an idempotency key, a duplicate: said in the
            // service's own words.
            let message = tr.with("finance-error-invalid", "reason", &other);
            (StatusCode::UNPROCESSABLE_ENTITY, None, message)
        }
    };
    let field = field.map_or_else(|| anchor.to_owned(), anchor_of);
    let detail = None;
    Ok((
        status,
        FieldError {
            field,
            message,
            detail,
        },
    ))
}

/// The page of a refusal that no form can show, such as an order or claim the visitor may not
/// see, with the status the service's error calls for.
pub fn refused_page(error: ServiceError, visit: &Visit) -> Response {
    match explain(error, visit, "") {
        Ok((status, _)) => refusal(visit, status),
        Err(response) => *response,
    }
}

/// Four eyes and approval limits are refusals (403), a wrong state a conflict (409), the rest
/// a wrong amount or plan (422).
fn explain_payout(error: &PayoutError, tr: Tr) -> (StatusCode, Option<&'static str>, String) {
    match error {
        PayoutError::SameUserCannotApprove => (
            StatusCode::FORBIDDEN,
            None,
            tr.t("finance-error-same-user").to_owned(),
        ),
        PayoutError::AboveApprovalLimit { limit } => (
            StatusCode::FORBIDDEN,
            None,
            tr.with("finance-error-above-limit", "limit", &money(tr, *limit)),
        ),
        PayoutError::NoApprovalLimit { currency } => (
            StatusCode::FORBIDDEN,
            None,
            tr.with("finance-error-no-limit", "currency", &currency.code()),
        ),
        PayoutError::IllegalOrderAction { state, .. } => {
            let state = tr.t(&format!("finance-order-state-{state}")).to_owned();
            (
                StatusCode::CONFLICT,
                None,
                tr.with("finance-error-order-state", "state", &state),
            )
        }
        PayoutError::ExceedsObligation { available } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("amount"),
            tr.with(
                "finance-error-exceeds-obligation",
                "available",
                &money(tr, *available),
            ),
        ),
        PayoutError::AmountNotPositive | PayoutError::CurrencyMismatch { .. } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("amount"),
            tr.t("finance-error-amount").to_owned(),
        ),
        PayoutError::InstalmentCountOutOfRange { .. }
        | PayoutError::InstalmentIntervalOutOfRange { .. }
        | PayoutError::TooManyInstalments { .. }
        | PayoutError::InstalmentDatesOutOfRange => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("instalment_count"),
            tr.t("finance-error-instalments").to_owned(),
        ),
    }
}

/// Why the actor's roles may not do this, in words that name who may (four eyes).
fn not_permitted_key(operation: ClaimOperation) -> &'static str {
    match operation {
        ClaimOperation::ApprovePaymentOrder => "finance-error-approver-only",
        ClaimOperation::ConfirmPayment => "finance-error-confirm-approver-only",
        ClaimOperation::PreparePaymentOrder => "finance-error-officer-only",
        _ => "finance-error-forbidden",
    }
}

/// The form field a service's invalid field is about, and its message when the pages word it.
fn invalid_key(field: &'static str) -> (Option<&'static str>, Option<&'static str>) {
    match field {
        "requested_execution_date" => (Some(field), Some("finance-error-execution-date-past")),
        "currency" => (Some(field), Some("finance-error-no-approved-orders")),
        "to" => (Some(field), Some("finance-error-report-range")),
        "payer" => (None, Some("finance-error-no-payer")),
        "reissue_of" => (None, Some("finance-error-reissue")),
        "amount" | "reference" | "iban" | "bic" | "payee_name" => (Some(field), None),
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::super::i18n::{UiLanguage, messages};
    use crate::domain::payout::{OrderState, PayeeKind};

    #[test]
    fn every_order_state_and_payee_kind_is_worded_in_every_language() {
        let keys = OrderState::iter()
            .map(|state| format!("finance-order-state-{state}"))
            .chain(PayeeKind::iter().map(|kind| format!("finance-payee-kind-{kind}")));
        for key in keys {
            for language in UiLanguage::ALL {
                assert!(
                    messages(language).contains_key(&key),
                    "{key} in {language:?}"
                );
            }
        }
    }

    #[test]
    fn date_fields_link_to_their_day() {
        assert_eq!(super::anchor_of("from"), "from_day");
        assert_eq!(super::anchor_of("amount"), "amount");
    }
}
