//! The texts of forms and documents, per jurisdiction and language, kept as Fluent files in
//! forms/<id>/texts/<language>.ftl (Fluent being the Rust ecosystem's choice for translations).
//!
//! Checked at load so a missing translation stops the start, not a decision letter: every
//! language the jurisdiction serves has a file; each file parses; each has the jurisdiction's
//! name, a label for every head of its award schedules and for every offence type.

use std::collections::BTreeMap;
use std::path::Path;

use fluent_syntax::ast::{Entry, PatternElement};
use strum::IntoEnumIterator;

use crate::domain::OffenceType;
use crate::domain::award::Schedule;
use crate::domain::claim::Language;
use crate::domain::rules::JurisdictionRules;
use crate::forms::{FormsError, read_file};

/// One language's messages: id to text.
pub type Messages = BTreeMap<String, String>;

/// The keys every language file of a jurisdiction must define.
fn required_keys(schedules: &[Schedule]) -> Vec<String> {
    let heads = schedules
        .iter()
        .flat_map(|schedule| schedule.heads.iter())
        .map(|head| format!("head-{}", head.id));
    let offences = OffenceType::iter().map(|offence| format!("offence-{offence}"));
    let mut keys: Vec<String> = std::iter::once("jurisdiction-name".to_owned())
        .chain(heads)
        .chain(offences)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Loads and checks the texts of every language the jurisdiction serves.
pub fn load(
    folder: &Path,
    rules: &JurisdictionRules,
    schedules: &[Schedule],
) -> Result<BTreeMap<Language, Messages>, FormsError> {
    let required = required_keys(schedules);
    let mut texts = BTreeMap::new();
    for language in &rules.languages {
        let path = folder.join("texts").join(format!("{language}.ftl"));
        let source = read_file(&path)?;
        let invalid = |message: String| FormsError::Invalid {
            path: path.clone(),
            message,
        };
        let messages = parse(&source).map_err(invalid)?;
        if let Some(missing) = required.iter().find(|key| !messages.contains_key(*key)) {
            return Err(invalid(format!(
                "{missing}: missing (every language needs every key)"
            )));
        }
        texts.insert(*language, messages);
    }
    Ok(texts)
}

/// The messages of a Fluent file; plain text only for now (the decision documents will add
/// variables, and with them fluent-bundle's formatting).
fn parse(source: &str) -> Result<Messages, String> {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
        let first = errors
            .first()
            .map(|error| format!("{:?} at bytes {:?}", error.kind, error.pos));
        format!("not valid Fluent: {}", first.unwrap_or_default())
    })?;
    let mut messages = Messages::new();
    for entry in resource.body {
        let Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name.to_owned();
        let pattern = message.value.ok_or_else(|| format!("{id}: has no text"))?;
        let mut text = String::new();
        for element in pattern.elements {
            match element {
                PatternElement::TextElement { value } => text.push_str(value),
                PatternElement::Placeable { .. } => {
                    return Err(format!("{id}: variables are not supported yet"));
                }
            }
        }
        messages.insert(id, text);
    }
    Ok(messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_read_from_fluent_source() {
        let messages = parse("# a comment\nhead-funeral = Shpenzimet e varrimit\n").unwrap();
        assert_eq!(messages["head-funeral"], "Shpenzimet e varrimit");
    }

    #[test]
    fn broken_fluent_is_refused() {
        assert!(
            parse("head-funeral Shpenzimet")
                .unwrap_err()
                .starts_with("not valid Fluent")
        );
    }
}
