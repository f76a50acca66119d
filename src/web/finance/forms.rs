//! What the finance forms share: GOV.UK date inputs (day, month, year) read into a date, and
//! amounts typed the way the visitor's language writes them.

use chrono::NaiveDate;

use super::FormErrors;
use crate::web::i18n::Tr;

/// A GOV.UK date input as a template draws it (`finance/date_input.html`) and a form sends it:
/// `<name>_day`, `<name>_month`, `<name>_year`.
pub struct DateField {
    pub name: &'static str,
    pub legend: String,
    pub hint: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub error: Option<String>,
}

impl DateField {
    /// The field with the visitor's parts, worded by the keys of its legend and hint.
    pub fn new(name: &'static str, tr: Tr, (legend, hint): (&str, &str), parts: DateParts) -> Self {
        DateField {
            name,
            legend: tr.t(legend).to_owned(),
            hint: tr.t(hint).to_owned(),
            day: parts.day.unwrap_or_default(),
            month: parts.month.unwrap_or_default(),
            year: parts.year.unwrap_or_default(),
            error: None,
        }
    }

    /// The date, or an error on the form naming the field.
    pub fn read(&mut self, tr: Tr, errors: &mut FormErrors) -> Option<NaiveDate> {
        let number = |text: &str| text.trim().parse::<u32>().ok();
        let date = match (number(&self.day), number(&self.month), number(&self.year)) {
            (Some(day), Some(month), Some(year)) if year >= 1000 => i32::try_from(year)
                .ok()
                .and_then(|year| NaiveDate::from_ymd_opt(year, month, day)),
            _ => None,
        };
        if date.is_none() {
            let message = tr.with("finance-error-date", "field", &self.legend);
            errors.add(&format!("{}_day", self.name), message.clone());
            self.error = Some(message);
        }
        date
    }

    /// Shows the service's refusal of this date on the field.
    pub fn refuse(&mut self, errors: &FormErrors) {
        if let Some(message) = errors.message_for(&format!("{}_day", self.name)) {
            self.error = Some(message.to_owned());
        }
    }
}

/// The three parts of a date as a form sent them.
#[derive(Default)]
pub struct DateParts {
    pub day: Option<String>,
    pub month: Option<String>,
    pub year: Option<String>,
}
