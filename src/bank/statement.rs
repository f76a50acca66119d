//! The bank's word on each exported order: paid, or returned with a reason.
//!
//! A statement is CSV with the header `end_to_end_id,status,bank_reference,date,reason`; the
//! JSON API takes the same columns as an object. Both go through one set of checks, so a
//! confirmation means the same whichever way it arrived.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{BankError, IDENTIFIER_MAXIMUM_CHARACTERS};
use crate::domain::claim::is_invisible_or_control;
use crate::domain::payout::check_sepa_text;

pub const HEADER: [&str; 5] = [
    "end_to_end_id",
    "status",
    "bank_reference",
    "date",
    "reason",
];
/// Bank references and return reasons longer than this are not what a bank sends.
pub const TEXT_MAXIMUM_CHARACTERS: usize = 140;
/// A statement covers a batch or a day's batches; the API's body limit bounds it too.
pub const LINES_MAXIMUM: usize = 100_000;

/// What happened to one order, named by the end-to-end id it was exported with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ConfirmationRecord", into = "ConfirmationRecord")]
pub struct Confirmation {
    pub end_to_end_id: String,
    pub outcome: ConfirmationOutcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfirmationOutcome {
    Paid {
        bank_reference: String,
        paid_on: NaiveDate,
    },
    Returned {
        reason: String,
        returned_on: NaiveDate,
    },
}

/// One statement line as the bank writes it, before it is checked; also the JSON shape.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfirmationRecord {
    end_to_end_id: String,
    status: String,
    #[serde(default)]
    bank_reference: String,
    date: String,
    #[serde(default)]
    reason: String,
}

/// A field that does not check out: its column and why.
struct FieldError {
    column: &'static str,
    reason: String,
}

impl FieldError {
    fn new(column: &'static str, reason: impl Into<String>) -> Self {
        FieldError {
            column,
            reason: reason.into(),
        }
    }
}

impl ConfirmationRecord {
    fn check(self) -> Result<Confirmation, FieldError> {
        check_sepa_text(&self.end_to_end_id, IDENTIFIER_MAXIMUM_CHARACTERS)
            .map_err(|reason| FieldError::new("end_to_end_id", reason))?;
        let on = parse_date(&self.date)?;
        let outcome = match self.status.to_ascii_lowercase().as_str() {
            "paid" => ConfirmationOutcome::Paid {
                bank_reference: check_text("bank_reference", self.bank_reference)?,
                paid_on: on,
            },
            "returned" => ConfirmationOutcome::Returned {
                reason: check_text("reason", self.reason)?,
                returned_on: on,
            },
            _ => return Err(FieldError::new("status", "must be paid or returned")),
        };
        Ok(Confirmation {
            end_to_end_id: self.end_to_end_id,
            outcome,
        })
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, FieldError> {
    let not_a_date = || FieldError::new("date", "not a date (YYYY-MM-DD)");
    if text.len() != 10 {
        return Err(not_a_date());
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| not_a_date())
}

/// A required text: present, short, and free of control characters that would garble a log or
/// a screen. Line breaks and tabs (a quoted field may hold them) become spaces.
fn check_text(column: &'static str, text: String) -> Result<String, FieldError> {
    let text: String = text
        .chars()
        .map(|character| {
            if character.is_whitespace() {
                ' '
            } else {
                character
            }
        })
        .collect();
    if text.trim().is_empty() {
        return Err(FieldError::new(column, "required"));
    }
    if text.chars().count() > TEXT_MAXIMUM_CHARACTERS {
        let reason = format!("must be at most {TEXT_MAXIMUM_CHARACTERS} characters");
        return Err(FieldError::new(column, reason));
    }
    if text.chars().any(is_invisible_or_control) {
        return Err(FieldError::new(
            column,
            "must not contain control characters",
        ));
    }
    Ok(text.trim().to_owned())
}

impl TryFrom<ConfirmationRecord> for Confirmation {
    type Error = String;
    fn try_from(record: ConfirmationRecord) -> Result<Self, Self::Error> {
        record
            .check()
            .map_err(|error| format!("{}: {}", error.column, error.reason))
    }
}

impl From<Confirmation> for ConfirmationRecord {
    fn from(confirmation: Confirmation) -> Self {
        let (status, bank_reference, date, reason) = match confirmation.outcome {
            ConfirmationOutcome::Paid {
                bank_reference,
                paid_on,
            } => ("paid", bank_reference, paid_on, String::new()),
            ConfirmationOutcome::Returned {
                reason,
                returned_on,
            } => ("returned", String::new(), returned_on, reason),
        };
        ConfirmationRecord {
            end_to_end_id: confirmation.end_to_end_id,
            status: status.to_owned(),
            bank_reference,
            date: date.to_string(),
            reason,
        }
    }
}

/// Reads a statement: the header, then one confirmation a line. Fields may be quoted (RFC 4180)
/// and are trimmed; blank lines and a byte-order mark are ignored. The first error stops the
/// reading and names its line and column, so the file can be corrected and sent again whole.
pub fn parse(text: &str) -> Result<Vec<Confirmation>, BankError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut confirmations = Vec::new();
    let mut header_seen = false;
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|error| BankError::StatementLine {
            line: line_at(text, error.position()),
            reason: "cannot be read as CSV".to_owned(),
        })?;
        let line = line_at(text, record.position());
        if index == 0 {
            check_header(line, &record)?;
            header_seen = true;
            continue;
        }
        if index > LINES_MAXIMUM {
            let reason = format!("a statement has at most {LINES_MAXIMUM} lines");
            return Err(BankError::StatementLine { line, reason });
        }
        confirmations.push(parse_line(line, &record)?);
    }
    if !header_seen {
        let reason = format!("the header {} is missing", HEADER.join(","));
        return Err(BankError::StatementLine { line: 1, reason });
    }
    Ok(confirmations)
}

/// The line, counted from 1, where the record at `position` starts. The reader's own line count
/// is where it began reading, before any blank lines it skipped, so it is counted here from the
/// byte offset instead.
fn line_at(text: &str, position: Option<&::csv::Position>) -> u64 {
    let bytes = text.as_bytes();
    let start = position.map_or(0, ::csv::Position::byte);
    let mut offset = usize::try_from(start)
        .unwrap_or(bytes.len())
        .min(bytes.len());
    while bytes
        .get(offset)
        .is_some_and(|byte| matches!(byte, b'\r' | b'\n'))
    {
        offset += 1;
    }
    let line_breaks = bytes[..offset]
        .iter()
        .filter(|byte| **byte == b'\n')
        .count();
    u64::try_from(line_breaks)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

fn check_header(line: u64, record: &::csv::StringRecord) -> Result<(), BankError> {
    if record.iter().eq(HEADER) {
        return Ok(());
    }
    let reason = format!("the header must be {}", HEADER.join(","));
    Err(BankError::StatementLine { line, reason })
}

fn parse_line(line: u64, record: &::csv::StringRecord) -> Result<Confirmation, BankError> {
    if record.len() != HEADER.len() {
        let reason = format!("{} columns, not {}", HEADER.len(), record.len());
        return Err(BankError::StatementLine { line, reason });
    }
    let field = |index: usize| record.get(index).unwrap_or_default().to_owned();
    let confirmation = ConfirmationRecord {
        end_to_end_id: field(0),
        status: field(1),
        bank_reference: field(2),
        date: field(3),
        reason: field(4),
    };
    confirmation
        .check()
        .map_err(|error| BankError::StatementField {
            line,
            column: error.column,
            reason: error.reason,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER_LINE: &str = "end_to_end_id,status,bank_reference,date,reason\r\n";

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    /// The error of a statement of these lines after the header.
    fn error_in(lines: &str) -> String {
        error(&format!("{HEADER_LINE}{lines}"))
    }

    #[test]
    fn paid_and_returned_lines_are_read() {
        let text = format!(
            "{HEADER_LINE}REDRESS-O000123,paid,RBKO-2026-778812,2026-03-03,\r\n\
             REDRESS-O000124,returned,,2026-03-04,\"AC04: account closed, payee moved\"\r\n"
        );
        assert_eq!(
            parse(&text).unwrap(),
            vec![
                Confirmation {
                    end_to_end_id: "REDRESS-O000123".to_owned(),
                    outcome: ConfirmationOutcome::Paid {
                        bank_reference: "RBKO-2026-778812".to_owned(),
                        paid_on: date("2026-03-03"),
                    },
                },
                Confirmation {
                    end_to_end_id: "REDRESS-O000124".to_owned(),
                    outcome: ConfirmationOutcome::Returned {
                        reason: "AC04: account closed, payee moved".to_owned(),
                        returned_on: date("2026-03-04"),
                    },
                },
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_blank_lines_lf_line_ends_and_padding_are_tolerated() {
        let text = "\u{feff}end_to_end_id,status,bank_reference,date,reason\n\n \
                    REDRESS-O000123 , PAID , R1 , 2026-03-03 ,\n";
        let confirmations = parse(text).unwrap();
        assert_eq!(confirmations.len(), 1);
        assert_eq!(confirmations[0].end_to_end_id, "REDRESS-O000123");
    }

    #[test]
    fn a_statement_with_only_the_header_confirms_nothing() {
        assert_eq!(parse(HEADER_LINE).unwrap(), vec![]);
    }

    #[test]
    fn a_bad_date_names_its_line_and_column() {
        assert_eq!(
            error_in(
                "REDRESS-O000123,paid,R1,2026-03-03,\r\nREDRESS-O000124,paid,R2,03/03/2026,\r\n"
            ),
            "line 3, date: not a date (YYYY-MM-DD)"
        );
        assert_eq!(
            error_in("REDRESS-O000123,paid,R1,2026-02-30,\r\n"),
            "line 2, date: not a date (YYYY-MM-DD)"
        );
    }

    #[test]
    fn a_returned_payment_needs_a_reason_and_a_paid_one_a_bank_reference() {
        assert_eq!(
            error_in("REDRESS-O000124,returned,R9,2026-03-04,\r\n"),
            "line 2, reason: required"
        );
        assert_eq!(
            error_in("REDRESS-O000124,paid,,2026-03-04,\r\n"),
            "line 2, bank_reference: required"
        );
    }

    #[test]
    fn an_unknown_status_and_a_missing_id_are_named() {
        assert_eq!(
            error_in("REDRESS-O000124,pending,R1,2026-03-04,\r\n"),
            "line 2, status: must be paid or returned"
        );
        assert_eq!(
            error_in(",paid,R1,2026-03-04,\r\n"),
            "line 2, end_to_end_id: must not be empty"
        );
    }

    #[test]
    fn a_line_with_the_wrong_number_of_columns_is_refused() {
        assert_eq!(
            error_in("REDRESS-O000124,paid,R1,2026-03-04\r\n"),
            "line 2: 5 columns, not 4"
        );
    }

    #[test]
    fn line_numbers_count_blank_lines_and_line_breaks_inside_quoted_fields() {
        let text = format!(
            "{HEADER_LINE}\r\nREDRESS-O000124,returned,,2026-03-04,\"closed\nby the bank\"\r\n\n\
             REDRESS-O000125,paid,R1,tomorrow,\r\n"
        );
        assert_eq!(error(&text), "line 6, date: not a date (YYYY-MM-DD)");
        let text = format!(
            "{HEADER_LINE}REDRESS-O000124,returned,,2026-03-04,\"closed\nby the bank\"\r\n"
        );
        let ConfirmationOutcome::Returned { reason, .. } = &parse(&text).unwrap()[0].outcome else {
            panic!("not returned");
        };
        assert_eq!(reason, "closed by the bank");
    }

    #[test]
    fn a_missing_or_wrong_header_is_refused() {
        assert_eq!(
            error(""),
            "line 1: the header end_to_end_id,status,bank_reference,date,reason is missing"
        );
        assert_eq!(
            error("REDRESS-O000123,paid,R1,2026-03-03,\r\n"),
            "line 1: the header must be end_to_end_id,status,bank_reference,date,reason"
        );
    }

    #[test]
    fn statement_errors_have_stable_codes() {
        let text = format!("{HEADER_LINE}REDRESS-O000124,paid,R1,x,\r\n");
        assert_eq!(parse(&text).unwrap_err().code(), "statement_field");
    }

    #[test]
    fn json_confirmations_take_the_same_columns_and_the_same_checks() {
        let confirmation: Confirmation = serde_json::from_str(
            r#"{"end_to_end_id": "REDRESS-O000124", "status": "returned",
                "date": "2026-03-04", "reason": "AC04"}"#,
        )
        .unwrap();
        assert_eq!(
            confirmation.outcome,
            ConfirmationOutcome::Returned {
                reason: "AC04".to_owned(),
                returned_on: date("2026-03-04")
            }
        );
        let refused = serde_json::from_str::<Confirmation>(
            r#"{"end_to_end_id": "REDRESS-O000124", "status": "paid", "date": "2026-03-04"}"#,
        )
        .unwrap_err();
        assert!(
            refused.to_string().starts_with("bank_reference: required"),
            "{refused}"
        );
    }

    #[test]
    fn confirmations_serialize_to_the_columns_they_were_read_from() {
        let text = format!("{HEADER_LINE}REDRESS-O000123,paid,R1,2026-03-03,\r\n");
        let confirmation = parse(&text).unwrap().remove(0);
        assert_eq!(
            serde_json::to_value(&confirmation).unwrap(),
            serde_json::json!({"end_to_end_id": "REDRESS-O000123", "status": "paid",
                "bank_reference": "R1", "date": "2026-03-03", "reason": ""})
        );
    }
}
