//! How amounts and dates are written for a reader in each language the engine serves.
//!
//! Here rather than in the PDF renderer because every place that shows them to a person (the
//! decisions and letters today, the web pages later) must write them the same way.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::award::shown;
use crate::domain::claim::Language;
use crate::domain::money::Currency;

/// A no-break space: an amount and its currency symbol never end up on two lines.
const NO_BREAK_SPACE: char = '\u{a0}';

/// `4.245,00 €` in Albanian and Serbian, `€4,245.00` in English (`£`, `$` alike).
pub fn format_money(amount: Decimal, currency: Currency, language: Language) -> String {
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    // Grouped the English way (`4,245.00`), then the separators swapped where needed.
    let grouped = shown(amount.abs(), currency);
    let symbol = currency_symbol(currency);
    match language {
        Language::En => format!("{sign}{symbol}{grouped}"),
        Language::Sq | Language::Sr => {
            let swapped: String = grouped
                .chars()
                .map(|character| match character {
                    ',' => '.',
                    '.' => ',',
                    other => other,
                })
                .collect();
            format!("{sign}{swapped}{NO_BREAK_SPACE}{symbol}")
        }
    }
}

fn currency_symbol(currency: Currency) -> &'static str {
    match currency {
        Currency::Eur => "€",
        Currency::Gbp => "£",
        Currency::Usd => "$",
    }
}

/// A figure that is not money, such as `2.5` years or a `12.5` percent: no trailing zeros, and
/// a decimal comma in Albanian and Serbian (`2,5`).
pub fn format_number(number: Decimal, language: Language) -> String {
    let text = number.normalize().to_string();
    match language {
        Language::En => text,
        Language::Sq | Language::Sr => text.replace('.', ","),
    }
}

/// `28.11.2026` in Albanian and Serbian (numeric, so no month names are needed in Cyrillic),
/// `28 November 2026` in English.
pub fn format_date(date: NaiveDate, language: Language) -> String {
    match language {
        Language::En => date.format("%-d %B %Y").to_string(),
        Language::Sq | Language::Sr => date.format("%d.%m.%Y").to_string(),
    }
}

/// An amount such as `4245.00`, `4245,00` or `4.245,00` (as Albanian and Serbian write it) or
/// `4,245.00` (English), as people type them into a form: the last separator followed by one
/// or two digits is the decimal one; any other separates thousands, and then every group but
/// the first has three digits. Anything else is refused rather than guessed at, so `1200.505`
/// is no amount at all, not 1,200,505.
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let text: String = text
        .chars()
        .filter(|character| !character.is_whitespace())
        .collect();
    let (whole, decimal_separator, fraction) = match text.rfind(['.', ',']) {
        Some(position) if (1..=2).contains(&(text.len() - position - 1)) => (
            &text[..position],
            text[position..].chars().next(),
            &text[position + 1..],
        ),
        _ => (text.as_str(), None, ""),
    };
    let whole = ungrouped(whole, decimal_separator)?;
    if !fraction.chars().all(|character| character.is_ascii_digit()) {
        return None;
    }
    let plain = match fraction.is_empty() {
        true => whole,
        false => format!("{whole}.{fraction}"),
    };
    Decimal::from_str_exact(&plain).ok()
}

/// The digits of a whole number written with or without one kind of thousands separator (not
/// the decimal one): `4.245` and `4245` are `4245`; `42.45` and `0.245` are not numbers.
fn ungrouped(whole: &str, decimal_separator: Option<char>) -> Option<String> {
    let is_digits = |group: &str| !group.is_empty() && group.chars().all(|c| c.is_ascii_digit());
    let separator = whole
        .chars()
        .find(|character| matches!(character, '.' | ','));
    let Some(separator) = separator else {
        return is_digits(whole).then(|| whole.to_owned());
    };
    if Some(separator) == decimal_separator {
        return None;
    }
    let groups: Vec<&str> = whole.split(separator).collect();
    let first = groups[0];
    let well_grouped = is_digits(first)
        && first.len() <= 3
        && !first.starts_with('0')
        && groups[1..]
            .iter()
            .all(|group| group.len() == 3 && is_digits(group));
    well_grouped.then(|| groups.concat())
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
        assert_eq!(parse_amount("1.234.567"), Some(Decimal::new(1_234_567, 0)));
        assert_eq!(parse_amount("0,5"), Some(Decimal::new(5, 1)));
        let misgrouped = [
            "1200.505", "1200,505", "0.001", "0,001", "1.234.56", "1,2,3",
        ];
        let malformed = ["", "-5", "1e3", "abc", "12.3.4,5x", ",5", "5,", "4.245,0x"];
        for bad in misgrouped.into_iter().chain(malformed) {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
    }

    fn amount(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    #[test]
    fn albanian_and_serbian_group_with_dots_and_put_the_symbol_after() {
        let expected = "4.245,00\u{a0}€";
        assert_eq!(
            format_money(amount("4245"), Currency::Eur, Language::Sq),
            expected
        );
        assert_eq!(
            format_money(amount("4245.00"), Currency::Eur, Language::Sr),
            expected
        );
        assert_eq!(
            format_money(amount("1234567.5"), Currency::Eur, Language::Sq),
            "1.234.567,50\u{a0}€"
        );
    }

    #[test]
    fn english_puts_the_symbol_first_and_groups_with_commas() {
        let english = |text, currency| format_money(amount(text), currency, Language::En);
        assert_eq!(english("4245.00", Currency::Eur), "€4,245.00");
        assert_eq!(english("23498.7", Currency::Gbp), "£23,498.70");
        assert_eq!(english("70000", Currency::Usd), "$70,000.00");
        assert_eq!(english("0.5", Currency::Usd), "$0.50");
    }

    #[test]
    fn negative_amounts_keep_their_sign_before_the_symbol() {
        assert_eq!(
            format_money(amount("-1000"), Currency::Gbp, Language::En),
            "-£1,000.00"
        );
        assert_eq!(
            format_money(amount("-1000"), Currency::Eur, Language::Sq),
            "-1.000,00\u{a0}€"
        );
        assert_eq!(
            format_money(amount("-0.00"), Currency::Eur, Language::En),
            "€0.00"
        );
    }

    #[test]
    fn dates_are_numeric_in_albanian_and_serbian_and_spelled_in_english() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(format_date(date, Language::Sq), "28.11.2026");
        assert_eq!(format_date(date, Language::Sr), "28.11.2026");
        assert_eq!(format_date(date, Language::En), "28 November 2026");
        let early = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(format_date(early, Language::Sq), "05.03.2026");
        assert_eq!(format_date(early, Language::En), "5 March 2026");
    }
}
