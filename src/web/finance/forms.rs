//! What the finance forms share: GOV.UK date inputs (day, month, year) read into a date, and
//! amounts typed the way the visitor's language writes them.

use chrono::NaiveDate;
use rust_decimal::Decimal;

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

/// An amount such as `4245.00`, `4245,00` or `4.245,00` (as Albanian and Serbian write it) or
/// `4,245.00` (English): the last separator followed by one or two digits is the decimal one.
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let text: String = text
        .trim()
        .chars()
        .filter(|character| !character.is_whitespace())
        .collect();
    let decimal_at = text
        .rfind(['.', ','])
        .filter(|position| (1..=2).contains(&(text.len() - position - 1)));
    let plain: String = text
        .char_indices()
        .filter_map(|(position, character)| match character {
            '.' | ',' if Some(position) == decimal_at => Some('.'),
            '.' | ',' => None,
            other => Some(other),
        })
        .collect();
    if plain.is_empty() || !plain.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    Decimal::from_str_exact(&plain).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_each_language_writes_them() {
        let expected = Some(Decimal::new(424_500, 2));
        for text in ["4245.00", "4245,00", "4.245,00", "4,245.00", " 4 245,00 "] {
            assert_eq!(parse_amount(text), expected, "{text}");
        }
        assert_eq!(parse_amount("4245"), Some(Decimal::new(4245, 0)));
        assert_eq!(parse_amount("1.000"), Some(Decimal::new(1000, 0)));
        for bad in ["", "-5", "1e3", "abc", "12.3.4,5x"] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }
}
