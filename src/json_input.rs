//! Parsing JSON input into typed values with errors that name the faulty field, shared by the
//! API's request bodies and the command line's JSON input.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// A field of the input and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct InputError {
    /// A path such as `losses[2].amount`, or `body` for the document as a whole.
    pub field: String,
    pub reason: String,
}

/// Deserializes `value`, naming the field at fault on failure.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, InputError> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|error| input_error(&error))
}

fn input_error(error: &serde_path_to_error::Error<serde_json::Error>) -> InputError {
    let reason = error.inner().to_string();
    let path = error.path().to_string();
    // serde names a missing field only in its message, at the path of the enclosing object.
    let missing = reason
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let field = match (missing, path.as_str()) {
        (Some(name), ".") => name.to_owned(),
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, ".") => "body".to_owned(),
        (None, path) => path.to_owned(),
    };
    InputError { field, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read only through Debug: the test looks at the errors
    struct Outer {
        name: String,
        items: Vec<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        amount: String,
    }

    fn error_for(value: Value) -> InputError {
        from_value::<Outer>(&value).unwrap_err()
    }

    #[test]
    fn missing_wrong_and_unknown_fields_are_named_by_their_path() {
        let missing = error_for(serde_json::json!({"items": []}));
        assert_eq!(missing.field, "name");
        let nested = error_for(serde_json::json!({"name": "x", "items": [{"amount": "1"}, {}]}));
        assert_eq!(nested.field, "items[1].amount");
        let wrong = error_for(serde_json::json!({"name": 42, "items": []}));
        assert_eq!(wrong.field, "name");
        let unknown = error_for(serde_json::json!({"name": "x", "items": [], "colour": "blue"}));
        assert_eq!(unknown.field, "colour");
    }
}
