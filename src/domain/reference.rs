//! Human-readable claim references such as `KS-2026-000123`, unique per jurisdiction and year.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClaimReference {
    prefix: String,
    year: i32,
    number: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("a reference looks like KS-2026-000123")]
    Malformed,
    #[error("the yearly sequence is exhausted (at most {maximum} claims a year)")]
    SequenceExhausted { maximum: u32 },
}

impl ClaimReference {
    pub const MAXIMUM_NUMBER: u32 = 999_999;

    /// `prefix` is the jurisdiction's reference prefix (validated when the rules are loaded).
    pub fn new(prefix: &str, year: i32, number: u32) -> Result<Self, ReferenceError> {
        if number == 0 || number > Self::MAXIMUM_NUMBER {
            return Err(ReferenceError::SequenceExhausted {
                maximum: Self::MAXIMUM_NUMBER,
            });
        }
        if !is_valid_prefix(prefix) || !(1000..=9999).contains(&year) {
            return Err(ReferenceError::Malformed);
        }
        Ok(ClaimReference {
            prefix: prefix.to_owned(),
            year,
            number,
        })
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn number(&self) -> u32 {
        self.number
    }
}

/// Two to four capital ASCII letters: short enough to read aloud on the phone.
pub fn is_valid_prefix(prefix: &str) -> bool {
    (2..=4).contains(&prefix.len()) && prefix.bytes().all(|byte| byte.is_ascii_uppercase())
}

impl fmt::Display for ClaimReference {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}-{:04}-{:06}",
            self.prefix, self.year, self.number
        )
    }
}

impl fmt::Debug for ClaimReference {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, formatter)
    }
}

impl FromStr for ClaimReference {
    type Err = ReferenceError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.split('-');
        let (Some(prefix), Some(year), Some(number), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ReferenceError::Malformed);
        };
        if year.len() != 4 || number.len() != 6 {
            return Err(ReferenceError::Malformed);
        }
        let year = year.parse().map_err(|_| ReferenceError::Malformed)?;
        let number = number.parse().map_err(|_| ReferenceError::Malformed)?;
        ClaimReference::new(prefix, year, number)
    }
}

impl TryFrom<String> for ClaimReference {
    type Error = ReferenceError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<ClaimReference> for String {
    fn from(reference: ClaimReference) -> String {
        reference.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn references_are_zero_padded() {
        assert_eq!(
            ClaimReference::new("KS", 2026, 123).unwrap().to_string(),
            "KS-2026-000123"
        );
    }

    #[test]
    fn malformed_references_are_refused() {
        for text in [
            "",
            "KS-2026",
            "ks-2026-000001",
            "KS-26-000001",
            "KS-2026-1",
            "KS-2026-000000",
        ] {
            assert!(
                text.parse::<ClaimReference>().is_err(),
                "{text} should be refused"
            );
        }
    }

    proptest! {
        #[test]
        fn references_round_trip(prefix in "[A-Z]{2,4}", year in 1000_i32..=9999, number in 1_u32..=999_999) {
            let reference = ClaimReference::new(&prefix, year, number).unwrap();
            prop_assert_eq!(reference.to_string().parse::<ClaimReference>().unwrap(), reference);
        }
    }
}
