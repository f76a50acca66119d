//! Decimals read only from JSON (or TOML) strings such as `"99.35"`.
//!
//! rust_decimal's own deserializer also takes numbers, and a JSON number like `1e3` or `0.1`
//! passes through a binary float on the way: exactly what money must never do.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

/// For `#[serde(deserialize_with = "decimal_text::deserialize")]`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).map_err(serde::de::Error::custom)
}

/// For optional fields: `#[serde(default, deserialize_with = "decimal_text::deserialize_option")]`.
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    text.map(|text| parse(&text).map_err(serde::de::Error::custom))
        .transpose()
}

fn parse(text: &str) -> Result<Decimal, String> {
    // from_str_exact refuses exponents and values it would have to round.
    Decimal::from_str_exact(text.trim())
        .map_err(|_| format!("{text:?} is not a plain decimal number such as \"99.35\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Amount {
        #[serde(deserialize_with = "deserialize")]
        value: Decimal,
    }

    #[test]
    fn strings_are_read_exactly_and_numbers_are_refused() {
        let read: Amount = serde_json::from_str(r#"{"value": "99.35"}"#).unwrap();
        assert_eq!(read.value.to_string(), "99.35");
        for refused in [
            r#"{"value": 99.35}"#,
            r#"{"value": 1e3}"#,
            r#"{"value": 100}"#,
            r#"{"value": "1e3"}"#,
        ] {
            assert!(
                serde_json::from_str::<Amount>(refused).is_err(),
                "{refused}"
            );
        }
    }
}
