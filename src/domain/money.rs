//! Money: an exact decimal amount in one currency, never a float.
//!
//! Amounts are held as `rust_decimal::Decimal` with exactly the currency's minor-unit scale and
//! are stored as `i64` minor units plus the currency code, which is exact on SQLite and
//! PostgreSQL alike (SQLite has no decimal type). Rounding is not done here: a schedule rounds
//! once, where it says, and hands this type a value that already fits the minor unit.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumIter,
    IntoStaticStr,
)]
pub enum Currency {
    #[serde(rename = "EUR")]
    #[strum(serialize = "EUR")]
    Eur,
    #[serde(rename = "GBP")]
    #[strum(serialize = "GBP")]
    Gbp,
    #[serde(rename = "USD")]
    #[strum(serialize = "USD")]
    Usd,
}

impl Currency {
    /// Digits after the decimal point in the currency's minor unit (ISO 4217).
    pub fn minor_unit_digits(self) -> u32 {
        match self {
            Currency::Eur | Currency::Gbp | Currency::Usd => 2,
        }
    }

    pub fn code(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("is not a decimal number")]
    NotANumber,
    #[error("must not be negative")]
    Negative,
    #[error("has more than {digits} decimal places for {currency}")]
    TooPrecise { digits: u32, currency: Currency },
    #[error("is too large")]
    TooLarge,
}

/// A non-negative amount of one currency, exact to its minor unit.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Largest amount accepted: far above any award, far below `i64` minor units.
    const MAXIMUM_MAJOR_UNITS: i64 = 1_000_000_000_000;

    pub fn new(amount: Decimal, currency: Currency) -> Result<Self, MoneyError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(MoneyError::Negative);
        }
        let digits = currency.minor_unit_digits();
        let normalized = amount.normalize();
        if normalized.scale() > digits {
            return Err(MoneyError::TooPrecise { digits, currency });
        }
        if normalized > Decimal::from(Self::MAXIMUM_MAJOR_UNITS) {
            return Err(MoneyError::TooLarge);
        }
        let mut amount = normalized.abs();
        amount.rescale(digits);
        Ok(Money { amount, currency })
    }

    /// Parses a plain decimal string such as `"4245.00"`; exponents and floats are refused.
    pub fn parse(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        let amount = Decimal::from_str_exact(text.trim()).map_err(|_| MoneyError::NotANumber)?;
        Money::new(amount, currency)
    }

    pub fn zero(currency: Currency) -> Self {
        Money::from_minor_units(0, currency)
    }

    pub fn from_minor_units(minor_units: i64, currency: Currency) -> Self {
        Money {
            amount: Decimal::new(minor_units, currency.minor_unit_digits()),
            currency,
        }
    }

    pub fn minor_units(&self) -> i64 {
        let scaled = self.amount * Decimal::from(10_i64.pow(self.currency.minor_unit_digits()));
        // The constructor bounds the amount far below i64::MAX minor units.
        scaled.to_i64().unwrap_or(i64::MAX)
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// The sum of two amounts of the same currency; `None` across currencies or past the bound.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Money::new(self.amount.checked_add(other.amount)?, self.currency).ok()
    }
}

/// `4245.00 EUR`: amounts are shown with their currency, never a bare number.
impl fmt::Display for Money {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} {}", self.amount, self.currency)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, formatter)
    }
}

impl FromStr for Currency {
    type Err = strum::ParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        <Currency as strum::IntoEnumIterator>::iter()
            .find(|currency| currency.code() == text)
            .ok_or(strum::ParseError::VariantNotFound)
    }
}

/// `{"amount": "4245.00", "currency": "EUR"}`: a string keeps the scale exact for any reader.
impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("Money", 2)?;
        state.serialize_field("amount", &self.amount.to_string())?;
        state.serialize_field("currency", &self.currency)?;
        state.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_keep_the_minor_unit_scale() {
        let money = Money::parse("4245", Currency::Eur).unwrap();
        assert_eq!(money.amount().to_string(), "4245.00");
        assert_eq!(money.minor_units(), 424_500);
    }

    #[test]
    fn more_decimals_than_the_minor_unit_are_refused() {
        assert_eq!(
            Money::parse("1.005", Currency::Gbp),
            Err(MoneyError::TooPrecise {
                digits: 2,
                currency: Currency::Gbp
            })
        );
    }

    #[test]
    fn trailing_zeros_beyond_the_minor_unit_are_accepted() {
        assert_eq!(
            Money::parse("10.5000", Currency::Usd)
                .unwrap()
                .minor_units(),
            1050
        );
    }

    #[test]
    fn negative_and_non_numeric_amounts_are_refused() {
        assert_eq!(Money::parse("-1", Currency::Eur), Err(MoneyError::Negative));
        assert_eq!(
            Money::parse("1e3", Currency::Eur),
            Err(MoneyError::NotANumber)
        );
        assert_eq!(
            Money::parse("ten", Currency::Eur),
            Err(MoneyError::NotANumber)
        );
    }

    proptest! {
        #[test]
        fn minor_units_round_trip_exactly(minor in 0_i64..100_000_000_000_000) {
            let money = Money::from_minor_units(minor, Currency::Eur);
            prop_assert_eq!(money.minor_units(), minor);
            prop_assert_eq!(Money::parse(&money.amount().to_string(), Currency::Eur).unwrap(), money);
        }
    }
}
