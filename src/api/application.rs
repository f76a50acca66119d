//! The parts of a claim's body and view that say what the applicant asks for: claimed losses,
//! the bank account and the consent. Parsed here so both the create and the edit body share them.

use poem_openapi::Object;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::problem::{ApiError, FieldError};
use super::views::MoneyView;
use crate::domain::application::{BankAccount, ClaimedLoss};
use crate::domain::claim::PersonalText;
use crate::domain::money::{Currency, Money};
use crate::domain::payout::Iban;

/// A loss the applicant claims. The assessment decides what it is worth.
#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct ClaimedLossRequest {
    /// A head of loss of the jurisdiction's schedules, such as `medical_costs`
    /// (`GET /jurisdictions/{id}` lists them).
    #[oai(validator(min_length = 1, max_length = 60))]
    pub head: String,
    /// What it cost, as an exact decimal string in the jurisdiction's currency (`"1200.50"`);
    /// leave out where the cost is not known, as for an injury valued by the tariff.
    pub amount: Option<String>,
    /// A short description (1 to 200 characters), such as the hospital; personal, so shown only
    /// with the victim's identity.
    pub details: Option<String>,
}

/// The account the applicant asks to be paid into.
#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct BankAccountRequest {
    /// The account holder's name, 1 to 200 characters.
    pub holder: String,
    /// The IBAN, in the electronic or the print format.
    pub iban: String,
}

#[derive(Object, Debug, Clone)]
pub struct ClaimedLossView {
    pub head: String,
    pub amount: Option<MoneyView>,
    /// `null` when not given or when the identity is masked.
    pub details: Option<String>,
}

#[derive(Object, Debug, Clone)]
pub struct BankAccountView {
    pub holder: String,
    pub iban: String,
}

/// The claimed losses, or every field error among them at once, named by position.
pub fn claimed_losses(requests: Vec<ClaimedLossRequest>) -> Result<Vec<ClaimedLoss>, ApiError> {
    let mut losses = Vec::with_capacity(requests.len());
    let mut errors = Vec::new();
    for (position, request) in requests.into_iter().enumerate() {
        let field = |name: &str| format!("claimed_losses[{position}].{name}");
        let amount = request
            .amount
            .map(|text| {
                Decimal::from_str_exact(&text).map_err(|_| FieldError {
                    field: field("amount"),
                    reason: "must be a plain decimal amount such as \"1200.50\"".to_owned(),
                })
            })
            .transpose();
        let details = request
            .details
            .map(|text| personal(&field("details"), &text))
            .transpose();
        match (amount, details) {
            (Ok(amount), Ok(details)) => losses.push(ClaimedLoss {
                head: request.head,
                amount,
                details,
            }),
            (amount, details) => errors.extend(amount.err().into_iter().chain(details.err())),
        }
    }
    if errors.is_empty() {
        Ok(losses)
    } else {
        Err(ApiError::invalid_fields(errors))
    }
}

pub fn bank_account(request: BankAccountRequest) -> Result<BankAccount, ApiError> {
    let holder = personal("bank_account.holder", &request.holder);
    let iban = Iban::parse(&request.iban).map_err(|error| FieldError {
        field: "bank_account.iban".to_owned(),
        reason: error.to_string(),
    });
    match (holder, iban) {
        (Ok(holder), Ok(iban)) => Ok(BankAccount { holder, iban }),
        (holder, iban) => Err(ApiError::invalid_fields(
            holder.err().into_iter().chain(iban.err()).collect(),
        )),
    }
}

pub(super) fn personal(field: &str, text: &str) -> Result<PersonalText, FieldError> {
    PersonalText::parse(text).map_err(|error| FieldError {
        field: field.to_owned(),
        reason: error.to_string(),
    })
}

/// The losses as a reader may see them: details only with the identity.
pub fn claimed_loss_views(
    losses: Vec<ClaimedLoss>,
    currency: Currency,
    identity_visible: bool,
) -> Vec<ClaimedLossView> {
    losses
        .into_iter()
        .map(|loss| ClaimedLossView {
            head: loss.head,
            // Checked against the currency when stored, so `new` cannot fail here.
            amount: loss
                .amount
                .and_then(|amount| Money::new(amount, currency).ok())
                .map(MoneyView::from),
            details: loss.details.filter(|_| identity_visible).map(String::from),
        })
        .collect()
}

pub fn bank_account_view(account: BankAccount) -> BankAccountView {
    BankAccountView {
        holder: account.holder.into(),
        iban: account.iban.into(),
    }
}
