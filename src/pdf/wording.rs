//! The words of one document in its language: the jurisdiction's texts with their variables
//! filled in, amounts and dates written the language's way, and names masked on copies that
//! must not show a protected identity.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::PdfError;
use super::content::Recipient;
use crate::domain::access::initials;
use crate::domain::award::Explanation;
use crate::domain::claim::Language;
use crate::domain::money::Currency;
use crate::domain::rules::JurisdictionId;
use crate::explain::Explainer;
use crate::forms::Jurisdictions;
use crate::locale::{format_date, format_money};
use crate::texts::{Messages, substitute};

pub(super) struct Wording<'a> {
    messages: &'a Messages,
    pub language: Language,
    recipient: Recipient,
}

impl<'a> Wording<'a> {
    pub fn new(
        jurisdictions: &'a Jurisdictions,
        jurisdiction: &JurisdictionId,
        language: Language,
        recipient: Recipient,
    ) -> Result<Self, PdfError> {
        let messages = jurisdictions.texts(jurisdiction, language).ok_or_else(|| {
            PdfError::LanguageNotServed {
                jurisdiction: jurisdiction.to_string(),
                language,
            }
        })?;
        Ok(Wording {
            messages,
            language,
            recipient,
        })
    }

    /// A text without variables.
    pub fn text(&self, key: &str) -> Result<String, PdfError> {
        self.filled(key, &[])
    }

    /// A text with its variables filled in.
    pub fn filled(&self, key: &str, arguments: &[(&str, &str)]) -> Result<String, PdfError> {
        Ok(substitute(self.template(key)?, arguments))
    }

    /// A text with its variables still to fill, for one filled many times (`page-of`).
    pub fn template(&self, key: &str) -> Result<&'a str, PdfError> {
        self.messages
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| PdfError::MissingText {
                key: key.to_owned(),
            })
    }

    /// A calculation's explanation, worded in the document's language.
    pub fn explanation(
        &self,
        explanation: &Explanation,
        currency: Currency,
    ) -> Result<String, PdfError> {
        let explainer = Explainer {
            messages: self.messages,
            currency,
            language: self.language,
        };
        explainer
            .word(explanation)
            .map_err(|missing| PdfError::MissingText { key: missing.key })
    }

    pub fn date(&self, date: NaiveDate) -> String {
        format_date(date, self.language)
    }

    /// An amount of the content, checked to be a plain decimal; `field` names it if not.
    pub fn money(&self, amount: &str, currency: Currency, field: &str) -> Result<String, PdfError> {
        Ok(format_money(
            parse_amount(amount, field)?,
            currency,
            self.language,
        ))
    }

    /// An amount taken off: shown with a minus sign, unless it is zero.
    pub fn deduction(
        &self,
        amount: &str,
        currency: Currency,
        field: &str,
    ) -> Result<String, PdfError> {
        Ok(format_money(
            -parse_amount(amount, field)?,
            currency,
            self.language,
        ))
    }

    /// A person's name as this copy shows it: in full on the applicant's copy or when the
    /// identity is not protected, as initials otherwise.
    pub fn name(&self, name: &str, identity_protected: bool) -> String {
        if self.masks(identity_protected) {
            initials(name)
        } else {
            name.to_owned()
        }
    }

    /// Whether this copy shows initials in place of names.
    pub fn masks(&self, identity_protected: bool) -> bool {
        identity_protected && self.recipient != Recipient::Applicant
    }
}

fn parse_amount(amount: &str, field: &str) -> Result<Decimal, PdfError> {
    Decimal::from_str_exact(amount.trim()).map_err(|_| PdfError::InvalidAmount {
        field: field.to_owned(),
    })
}

/// Whether an amount of the content is zero (a malformed one is not, and fails when shown).
pub(super) fn is_zero(amount: &str) -> bool {
    Decimal::from_str_exact(amount.trim()).is_ok_and(|value| value.is_zero())
}
