//! Where a payment goes and what it says: IBAN, BIC and the remittance reference, each checked
//! when it is entered, so that a bank file never carries a detail the bank would reject a batch for.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use strum::IntoStaticStr;

/// A bank detail that does not parse. Every variant is input: 422 over the API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum PayoutInputError {
    #[error("is not a valid IBAN: {0}")]
    InvalidIban(String),
    #[error("is not a BIC: 8 or 11 letters and digits, the 5th and 6th a country code (ISO 9362)")]
    InvalidBic,
    #[error("{reason}")]
    InvalidReference { reason: String },
}

impl PayoutInputError {
    /// The stable snake_case code clients match on.
    pub fn code(&self) -> &'static str {
        self.into()
    }
}

/// The conversions of a newtype over a `String` that its `parse` checked. Serde goes through
/// `TryFrom<String>`, so a value read from JSON or the database is checked like one typed in.
macro_rules! checked_string {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = PayoutInputError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = PayoutInputError;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                $name::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}

checked_string!(Iban);
checked_string!(Bic);
checked_string!(RemittanceReference);

/// An International Bank Account Number whose country format and check digits are right.
///
/// Kept in the electronic format (`XK051212012345678906`), which is what bank files, the
/// database and JSON carry; the grouped print format is accepted on input.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);

impl Iban {
    /// Accepts the electronic or the print format, in either case.
    pub fn parse(text: &str) -> Result<Self, PayoutInputError> {
        let electronic: String = text
            .chars()
            .filter(|character| !character.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        match iban::Iban::from_str(&electronic) {
            Ok(_) => Ok(Iban(electronic)),
            Err(error) => Err(PayoutInputError::InvalidIban(iban_reason(&error))),
        }
    }

    /// The print format, in groups of four (`XK05 1212 0123 4567 8906`), as people read it.
    pub fn grouped(&self) -> String {
        let characters: Vec<char> = self.0.chars().collect();
        let groups: Vec<String> = characters
            .chunks(4)
            .map(|group| group.iter().collect())
            .collect();
        groups.join(" ")
    }

    /// The ISO 3166 country code the IBAN starts with, such as `XK`.
    pub fn country_code(&self) -> &str {
        // The constructor accepted only IBANs, which start with two ASCII letters.
        self.0.get(..2).unwrap_or_default()
    }
}

fn iban_reason(error: &iban::ParseIbanError) -> String {
    use iban::{IbanLike, ParseBaseIbanError, ParseIbanError};
    match error {
        ParseIbanError::InvalidBaseIban {
            source: ParseBaseIbanError::InvalidChecksum,
        } => "the check digits do not match".to_owned(),
        ParseIbanError::InvalidBaseIban { .. } => {
            "an IBAN is a country code, two check digits and up to 30 letters and digits".to_owned()
        }
        ParseIbanError::InvalidBban(base) => format!(
            "the account number does not follow the format of {}",
            base.country_code()
        ),
        ParseIbanError::UnknownCountry(base) => {
            format!("{} does not issue IBANs", base.country_code())
        }
    }
}

/// Shows only the country, the check digits and the last four characters: an account number
/// identifies a person and must not end up whole in a log.
impl fmt::Debug for Iban {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let start = self.0.get(..4).unwrap_or_default();
        let end = self
            .0
            .get(self.0.len().saturating_sub(4)..)
            .unwrap_or_default();
        write!(formatter, "Iban({start}…{end})")
    }
}

/// A Business Identifier Code (ISO 9362) naming the payee's bank, such as `RBKOXKPRXXX`.
///
/// The shape is checked, not the registry: 4 letters or digits for the party (ISO 9362:2014
/// allows digits, and the EPC schema does too), 2 letters for the country, 2 letters or digits
/// for the location and optionally 3 for the branch.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bic(String);

impl Bic {
    pub fn parse(text: &str) -> Result<Self, PayoutInputError> {
        let code = text.trim().to_ascii_uppercase();
        let bytes = code.as_bytes();
        let is_alphanumeric = |range: std::ops::Range<usize>| {
            bytes[range]
                .iter()
                .all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit())
        };
        let well_formed = matches!(bytes.len(), 8 | 11)
            && is_alphanumeric(0..4)
            && bytes[4..6].iter().all(u8::is_ascii_uppercase)
            && is_alphanumeric(6..bytes.len());
        if well_formed {
            Ok(Bic(code))
        } else {
            Err(PayoutInputError::InvalidBic)
        }
    }

    /// The ISO 3166 country code in the 5th and 6th characters.
    pub fn country_code(&self) -> &str {
        self.0.get(4..6).unwrap_or_default()
    }
}

/// What the payee's statement shows beside the payment (unstructured remittance information),
/// such as `Compensation KS-2026-000123 instalment 1/3`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RemittanceReference(String);

impl RemittanceReference {
    /// The EPC's limit for unstructured remittance information.
    pub const MAXIMUM_CHARACTERS: usize = 140;

    pub fn parse(text: &str) -> Result<Self, PayoutInputError> {
        let trimmed = text.trim();
        check_sepa_text(trimmed, Self::MAXIMUM_CHARACTERS)
            .map_err(|reason| PayoutInputError::InvalidReference { reason })?;
        Ok(RemittanceReference(trimmed.to_owned()))
    }
}

/// The Latin character set every SEPA bank must carry (EPC217-08): `a-z A-Z 0-9 / - ? : ( ) . ,
/// ' +` and space. Anything else may be rejected or mangled on the way to the payee.
pub fn is_sepa_character(character: char) -> bool {
    character.is_ascii_alphanumeric() || "/-?:().,'+ ".contains(character)
}

/// Checks a reference or an identifier against the EPC rules: 1 to `maximum_characters` of the
/// SEPA character set, not starting or ending with `/` and without `//` (which bank formats use
/// as field separators). The error is the reason, worded to follow a field name.
pub fn check_sepa_text(text: &str, maximum_characters: usize) -> Result<(), String> {
    if text.is_empty() {
        return Err("must not be empty".to_owned());
    }
    if text.chars().count() > maximum_characters {
        return Err(format!("must be at most {maximum_characters} characters"));
    }
    if let Some(character) = text
        .chars()
        .find(|character| !is_sepa_character(*character))
    {
        return Err(format!(
            "{character:?} is outside the SEPA character set \
             (a-z A-Z 0-9 / - ? : ( ) . , ' + and space)"
        ));
    }
    if text.starts_with('/') || text.ends_with('/') {
        return Err("must not start or end with /".to_owned());
    }
    if text.contains("//") {
        return Err("must not contain //".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kosovo_iban_is_accepted_and_kept_in_the_electronic_format() {
        let iban = Iban::parse("XK05 1212 0123 4567 8906").unwrap();
        assert_eq!(iban.as_str(), "XK051212012345678906");
        assert_eq!(iban.to_string(), "XK051212012345678906");
        assert_eq!(iban.country_code(), "XK");
        assert_eq!(iban.grouped(), "XK05 1212 0123 4567 8906");
    }

    #[test]
    fn ibans_of_other_countries_and_lower_case_input_are_accepted() {
        assert!(Iban::parse("DE89370400440532013000").is_ok());
        assert!(Iban::parse("GB29NWBK60161331926819").is_ok());
        assert_eq!(
            Iban::parse("gb29nwbk60161331926819").unwrap().as_str(),
            "GB29NWBK60161331926819"
        );
    }

    #[test]
    fn a_wrong_check_digit_is_named() {
        assert_eq!(
            Iban::parse("XK051212012345678907"),
            Err(PayoutInputError::InvalidIban(
                "the check digits do not match".to_owned()
            ))
        );
    }

    #[test]
    fn an_account_number_of_the_wrong_length_for_its_country_is_refused() {
        // Correct check digits, but Kosovo's account numbers have 16 digits, not 18.
        assert_eq!(
            Iban::parse("XK03123412341234123412"),
            Err(PayoutInputError::InvalidIban(
                "the account number does not follow the format of XK".to_owned()
            ))
        );
    }

    #[test]
    fn text_that_is_no_iban_at_all_is_refused() {
        for text in ["", "XK", "1234567890", "XK05-1212-0123-4567-8906"] {
            assert!(Iban::parse(text).is_err(), "{text} was accepted");
        }
    }

    #[test]
    fn an_iban_never_shows_whole_in_debug_output() {
        let iban = Iban::parse("XK051212012345678906").unwrap();
        assert_eq!(format!("{iban:?}"), "Iban(XK05…8906)");
    }

    #[test]
    fn ibans_are_serialized_as_electronic_strings_and_checked_when_read() {
        let iban = Iban::parse("XK051212012345678906").unwrap();
        assert_eq!(
            serde_json::to_string(&iban).unwrap(),
            "\"XK051212012345678906\""
        );
        assert!(serde_json::from_str::<Iban>("\"XK051212012345678907\"").is_err());
    }

    #[test]
    fn bics_of_eight_and_eleven_characters_are_accepted_in_upper_case() {
        assert_eq!(Bic::parse("rbkoxkpr").unwrap().as_str(), "RBKOXKPR");
        let bic = Bic::parse("RBKOXKPRXXX").unwrap();
        assert_eq!(bic.country_code(), "XK");
    }

    #[test]
    fn bics_of_the_wrong_shape_are_refused() {
        for text in [
            "RBKOXKP",
            "RBKOXKPRXX",
            "RBKO1KPR",
            "RBKOXKPR-XX",
            "RBKÖXKPR",
        ] {
            assert_eq!(
                Bic::parse(text),
                Err(PayoutInputError::InvalidBic),
                "{text}"
            );
        }
    }

    #[test]
    fn a_reference_of_the_sepa_character_set_is_accepted() {
        let reference =
            RemittanceReference::parse("Compensation KS-2026-000123 (1/3), art. 7'+?:").unwrap();
        assert_eq!(
            reference.as_str(),
            "Compensation KS-2026-000123 (1/3), art. 7'+?:"
        );
    }

    #[test]
    fn a_reference_names_why_it_is_refused() {
        let reason = |text: &str| match RemittanceReference::parse(text) {
            Err(PayoutInputError::InvalidReference { reason }) => reason,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(reason("  "), "must not be empty");
        assert_eq!(reason(&"a".repeat(141)), "must be at most 140 characters");
        assert!(reason("Kompensim për Çeliku").contains("'ë'"));
        assert!(reason("50% & more").contains("'%'"));
        assert_eq!(reason("/KS-2026"), "must not start or end with /");
        assert_eq!(reason("KS-2026/"), "must not start or end with /");
        assert_eq!(reason("KS//2026"), "must not contain //");
    }

    #[test]
    fn a_reference_of_exactly_140_characters_is_accepted() {
        assert!(RemittanceReference::parse(&"a".repeat(140)).is_ok());
    }

    #[test]
    fn input_errors_have_stable_codes() {
        assert_eq!(PayoutInputError::InvalidBic.code(), "invalid_bic");
        assert_eq!(
            PayoutInputError::InvalidIban(String::new()).code(),
            "invalid_iban"
        );
        assert_eq!(
            PayoutInputError::InvalidReference {
                reason: String::new()
            }
            .code(),
            "invalid_reference"
        );
    }
}
