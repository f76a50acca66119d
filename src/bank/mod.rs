//! The files exchanged with the bank: payment batches out (ISO 20022 pain.001, or CSV for banks
//! without it) and statements of what was paid or returned in.
//!
//! Like the domain, this module performs no I/O and never reads the clock: a batch's file is a
//! function of the batch alone, so the same batch gives the same bytes whenever it is exported
//! again, and the file the bank received can always be reproduced.

pub mod csv;
mod latin;
pub mod pain001;
pub mod statement;
mod xml;

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use strum::IntoStaticStr;

use crate::domain::money::{Currency, Money};
use crate::domain::payout::{Bic, Iban, RemittanceReference, check_sepa_text};

pub use statement::{Confirmation, ConfirmationOutcome};

/// The scheme's own account, which every order in a batch is paid from (from the settings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Debtor {
    pub name: String,
    pub iban: Iban,
    pub bic: Option<Bic>,
}

/// One batch of approved orders, as exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchFile {
    /// Unique per batch, at most 35 characters, such as `REDRESS-B000042`.
    pub message_id: String,
    /// The batch row's time, in UTC; never the clock, so an export can be repeated byte for byte.
    pub created_at: NaiveDateTime,
    pub requested_execution_date: NaiveDate,
    pub debtor: Debtor,
    pub currency: Currency,
    /// Written in this order.
    pub orders: Vec<BatchOrder>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchOrder {
    /// Unique per order, at most 35 characters, such as `REDRESS-O000123`; the statement
    /// names the order by it.
    pub end_to_end_id: String,
    pub payee_name: String,
    pub iban: Iban,
    pub bic: Option<Bic>,
    pub amount: Money,
    pub reference: RemittanceReference,
}

/// Identifiers (message and end-to-end ids) are ISO 20022 `Max35Text`.
pub const IDENTIFIER_MAXIMUM_CHARACTERS: usize = 35;
/// The most orders one batch file carries; it keeps the control sum far inside `i64`.
pub const ORDERS_MAXIMUM: usize = 100_000;
/// The largest amount of one credit transfer (EPC: 999,999,999.99).
const AMOUNT_MAXIMUM_MINOR_UNITS: i64 = 99_999_999_999;

/// Why a batch cannot be written or a statement read. Every variant is input: 422 over the API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum BankError {
    #[error("a batch has 1 to {maximum} orders, not {count}")]
    OrderCountOutOfRange { count: usize, maximum: usize },
    #[error("{field} {value:?} {reason}")]
    InvalidIdentifier {
        field: &'static str,
        value: String,
        reason: String,
    },
    #[error("order {end_to_end_id} appears twice in the batch")]
    DuplicateEndToEndId { end_to_end_id: String },
    #[error("order {end_to_end_id} is in {found}, the batch in {expected}")]
    CurrencyMismatch {
        end_to_end_id: String,
        expected: Currency,
        found: Currency,
    },
    #[error("order {end_to_end_id}: {amount} is not between 0.01 and 999999999.99")]
    AmountOutOfRange {
        end_to_end_id: String,
        amount: Money,
    },
    #[error("{party}: the name is empty")]
    EmptyName { party: String },
    /// A statement line that cannot be read as a whole, such as a wrong number of columns.
    #[error("line {line}: {reason}")]
    StatementLine { line: u64, reason: String },
    #[error("line {line}, {column}: {reason}")]
    StatementField {
        line: u64,
        column: &'static str,
        reason: String,
    },
}

impl BankError {
    /// The stable snake_case code clients match on.
    pub fn code(&self) -> &'static str {
        self.into()
    }
}

/// Checks what every batch file needs, whatever its format: identifiers the bank accepts, one
/// currency, amounts a credit transfer can carry, and names to address the payments to.
fn check_batch(batch: &BatchFile) -> Result<(), BankError> {
    let count = batch.orders.len();
    if !(1..=ORDERS_MAXIMUM).contains(&count) {
        return Err(BankError::OrderCountOutOfRange {
            count,
            maximum: ORDERS_MAXIMUM,
        });
    }
    check_identifier("message_id", &batch.message_id)?;
    check_name("debtor", &batch.debtor.name)?;
    let mut seen = BTreeSet::new();
    for order in &batch.orders {
        check_order(batch.currency, order)?;
        if !seen.insert(order.end_to_end_id.as_str()) {
            return Err(BankError::DuplicateEndToEndId {
                end_to_end_id: order.end_to_end_id.clone(),
            });
        }
    }
    Ok(())
}

fn check_order(currency: Currency, order: &BatchOrder) -> Result<(), BankError> {
    check_identifier("end_to_end_id", &order.end_to_end_id)?;
    if order.amount.currency() != currency {
        return Err(BankError::CurrencyMismatch {
            end_to_end_id: order.end_to_end_id.clone(),
            expected: currency,
            found: order.amount.currency(),
        });
    }
    if order.amount.is_zero() || order.amount.minor_units() > AMOUNT_MAXIMUM_MINOR_UNITS {
        return Err(BankError::AmountOutOfRange {
            end_to_end_id: order.end_to_end_id.clone(),
            amount: order.amount,
        });
    }
    check_name(&order.end_to_end_id, &order.payee_name)
}

fn check_identifier(field: &'static str, value: &str) -> Result<(), BankError> {
    check_sepa_text(value, IDENTIFIER_MAXIMUM_CHARACTERS).map_err(|reason| {
        BankError::InvalidIdentifier {
            field,
            value: value.to_owned(),
            reason,
        }
    })
}

/// A name must say something once written in the SEPA character set, as pain.001 sends it.
fn check_name(party: &str, name: &str) -> Result<(), BankError> {
    if latin::to_sepa_text(name, 1).is_empty() {
        return Err(BankError::EmptyName {
            party: party.to_owned(),
        });
    }
    Ok(())
}

/// The sum of the batch's amounts, in the batch's currency. `check_batch` bounds the count and
/// each amount, so the sum fits in minor units.
fn control_sum(batch: &BatchFile) -> Money {
    let minor_units = batch
        .orders
        .iter()
        .map(|order| order.amount.minor_units())
        .sum();
    Money::from_minor_units(minor_units, batch.currency)
}

#[cfg(test)]
pub(crate) mod test_batch {
    //! A batch for the format tests: three payees, one with Albanian letters, one with a name in
    //! Serbian Cyrillic, one with a reference of the full 140 characters.

    use super::*;

    pub fn euros(text: &str) -> Money {
        Money::parse(text, Currency::Eur).unwrap()
    }

    pub fn order(
        end_to_end_id: &str,
        payee_name: &str,
        amount: &str,
        reference: &str,
    ) -> BatchOrder {
        BatchOrder {
            end_to_end_id: end_to_end_id.to_owned(),
            payee_name: payee_name.to_owned(),
            iban: Iban::parse("XK051212012345678906").unwrap(),
            bic: None,
            amount: euros(amount),
            reference: RemittanceReference::parse(reference).unwrap(),
        }
    }

    pub fn three_orders() -> BatchFile {
        let long_reference = format!("Compensation KS-2026-000125 {}", "x".repeat(112));
        BatchFile {
            message_id: "REDRESS-B000042".to_owned(),
            created_at: "2026-03-02T09:15:30".parse().unwrap(),
            requested_execution_date: "2026-03-03".parse().unwrap(),
            debtor: Debtor {
                name: "Komisioni për Kompensimin e Viktimave të Krimit".to_owned(),
                iban: Iban::parse("XK051212012345678906").unwrap(),
                bic: Some(Bic::parse("RBKOXKPRXXX").unwrap()),
            },
            currency: Currency::Eur,
            orders: vec![
                BatchOrder {
                    bic: Some(Bic::parse("RBKOXKPR").unwrap()),
                    ..order(
                        "REDRESS-O000123",
                        "Drita Çeliku-Krasniqi",
                        "4245.00",
                        "Compensation KS-2026-000123",
                    )
                },
                order(
                    "REDRESS-O000124",
                    "Ђорђе Петровић",
                    "1500.50",
                    "Compensation KS-2026-000124 1/3",
                ),
                order(
                    "REDRESS-O000125",
                    "Spitali Rajonal Gjilan",
                    "0.01",
                    &long_reference,
                ),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_batch::*;
    use super::*;

    /// Why the three-order batch, changed by `change`, is refused.
    fn refusal(change: impl FnOnce(&mut BatchFile)) -> BankError {
        let mut batch = three_orders();
        change(&mut batch);
        check_batch(&batch).unwrap_err()
    }

    #[test]
    fn a_well_formed_batch_passes_the_checks_and_sums_its_amounts() {
        let batch = three_orders();
        assert_eq!(check_batch(&batch), Ok(()));
        assert_eq!(control_sum(&batch), euros("5745.51"));
    }

    #[test]
    fn an_empty_batch_is_refused() {
        assert_eq!(
            refusal(|batch| batch.orders.clear()),
            BankError::OrderCountOutOfRange {
                count: 0,
                maximum: ORDERS_MAXIMUM
            }
        );
    }

    #[test]
    fn identifiers_must_fit_the_bank_format() {
        assert_eq!(
            refusal(|batch| batch.message_id = "REDRESS-B000042-".repeat(3)).to_string(),
            "message_id \"REDRESS-B000042-REDRESS-B000042-REDRESS-B000042-\" \
             must be at most 35 characters"
        );
        assert_eq!(
            refusal(|batch| batch.orders[1].end_to_end_id = "REDRESS//O1".to_owned()).code(),
            "invalid_identifier"
        );
    }

    #[test]
    fn an_end_to_end_id_used_twice_is_refused() {
        assert_eq!(
            refusal(|batch| batch.orders[2].end_to_end_id = "REDRESS-O000123".to_owned()),
            BankError::DuplicateEndToEndId {
                end_to_end_id: "REDRESS-O000123".to_owned()
            }
        );
    }

    #[test]
    fn an_order_in_another_currency_is_refused() {
        let pounds = Money::parse("10", Currency::Gbp).unwrap();
        assert_eq!(
            refusal(|batch| batch.orders[0].amount = pounds).code(),
            "currency_mismatch"
        );
    }

    #[test]
    fn amounts_must_be_what_one_credit_transfer_can_carry() {
        for amount in ["0", "1000000000.00"] {
            assert_eq!(
                refusal(|batch| batch.orders[0].amount = euros(amount)).code(),
                "amount_out_of_range"
            );
        }
    }

    #[test]
    fn a_name_with_nothing_to_send_is_refused() {
        assert_eq!(
            refusal(|batch| batch.orders[1].payee_name = "  ".to_owned()).to_string(),
            "REDRESS-O000124: the name is empty"
        );
        assert_eq!(
            refusal(|batch| batch.debtor.name = "\u{0301}".to_owned()).to_string(),
            "debtor: the name is empty"
        );
    }
}
