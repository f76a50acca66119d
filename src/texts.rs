//! The texts of forms and documents, per jurisdiction and language, kept as Fluent files in
//! forms/<id>/texts/<language>.ftl (Fluent being the Rust ecosystem's choice for translations).
//!
//! Checked at load so a missing translation stops the start, not a decision letter: every
//! language the jurisdiction serves has a file; each file parses; each has the jurisdiction's
//! name, a label for every head of its award schedules, every offence type and every kind of
//! document, every text the decisions and letters use (with exactly the variables each takes),
//! and at least one appeal body; and every language of a jurisdiction defines the same keys.
//!
//! Only plain text and variables (`{ $date }`) are supported: enough for documents, and simple
//! enough to substitute here, over the fluent-syntax parser the check already needs, without
//! fluent-bundle's formatter (and the Unicode isolation marks it inserts by default).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use strum::IntoEnumIterator;

use crate::domain::OffenceType;
use crate::domain::award::{HeadRule, Schedule, phrase_texts};
use crate::domain::claim::{DocumentKind, Language};
use crate::domain::rules::JurisdictionRules;
use crate::forms::{FormsError, read_file};

/// One language's messages: id to text, variables kept as `{ $name }`.
pub type Messages = BTreeMap<String, String>;

/// A decision names the body it may be appealed to by a key with this prefix, such as
/// `appeal-body-court`; each jurisdiction defines its own bodies.
pub const APPEAL_BODY_PREFIX: &str = "appeal-body-";

/// The texts the documents in `crate::pdf` use, with the variables each takes. A language file
/// must define each with exactly these variables, so a translation cannot drop a page number.
pub const DOCUMENT_TEXTS: &[(&str, &[&str])] = &[
    ("page-of", &["page", "pages"]),
    ("label-date", &[]),
    ("label-claim-reference", &[]),
    ("label-schedule", &[]),
    ("label-applicant", &[]),
    ("label-representative", &[]),
    ("label-victim", &[]),
    ("label-offence", &[]),
    ("identity-masked-note", &[]),
    ("decision-title", &[]),
    ("decision-number", &["number"]),
    ("section-facts", &[]),
    ("fact-lodged", &["date"]),
    ("fact-crime", &["date"]),
    ("fact-offence", &["offence"]),
    ("section-outcome", &[]),
    ("outcome-award", &["amount"]),
    ("outcome-partial-award", &["amount"]),
    ("outcome-rejected", &[]),
    ("outcome-inadmissible", &[]),
    ("outcome-reason", &["reason"]),
    ("section-calculation", &[]),
    ("column-head", &[]),
    ("column-explanation", &[]),
    ("column-claimed", &[]),
    ("column-allowed", &[]),
    ("calculation-gross", &[]),
    ("calculation-limited", &[]),
    ("calculation-offsets", &[]),
    ("calculation-reduction", &[]),
    ("calculation-interim", &[]),
    ("calculation-total", &[]),
    ("section-vote", &[]),
    ("vote-summary", &["present", "recused", "approve", "reject"]),
    ("vote-dissent", &[]),
    ("section-appeal", &[]),
    ("appeal-route", &["body", "date"]),
    ("signature-chair", &[]),
    ("verification-code", &["code"]),
    ("verification-url", &["url"]),
    ("letter-signature", &[]),
    ("letter-receipt-title", &[]),
    ("letter-receipt-body", &["date", "reference"]),
    ("letter-receipt-next", &[]),
    ("letter-evidence-title", &[]),
    ("letter-evidence-body", &["date"]),
    ("letter-evidence-after", &["reference"]),
    ("letter-interim-title", &[]),
    ("letter-interim-body", &["amount", "date"]),
    ("letter-interim-deducted", &[]),
    ("letter-payment-title", &[]),
    ("letter-payment-body", &["amount", "date"]),
    ("letter-payment-total", &["paid", "award"]),
];

/// A calculation's explanations are worded phrase by phrase from texts with this prefix, such
/// as `explanation-weeks-paid` (see `crate::explain`).
pub const EXPLANATION_PREFIX: &str = "explanation-";

/// A class of claimant (a schedule's `classes`) is named by a text with this prefix.
pub const CLASS_PREFIX: &str = "class-";

/// The variables a key takes: those `DOCUMENT_TEXTS` lists or its explanation phrase takes,
/// none for any other key.
fn declared_variables(key: &str) -> Vec<&'static str> {
    if let Some(phrase) = key.strip_prefix(EXPLANATION_PREFIX) {
        return phrase_texts()
            .into_iter()
            .find(|(known, _)| *known == phrase)
            .map(|(_, variables)| variables)
            .unwrap_or_default();
    }
    DOCUMENT_TEXTS
        .iter()
        .find(|(document_key, _)| *document_key == key)
        .map_or_else(Vec::new, |(_, variables)| variables.to_vec())
}

/// The keys every language file of a jurisdiction must define.
fn required_keys(schedules: &[Schedule]) -> Vec<String> {
    let heads = schedules
        .iter()
        .flat_map(|schedule| schedule.heads.iter())
        .map(|head| format!("head-{}", head.id));
    let offences = OffenceType::iter().map(|offence| format!("offence-{offence}"));
    let documents = DocumentKind::iter().map(|kind| format!("document-{kind}"));
    let classes = schedules
        .iter()
        .flat_map(|schedule| schedule.heads.iter())
        .flat_map(|head| match &head.rule {
            HeadRule::ClaimedAmount { classes, .. } => classes.as_slice(),
            _ => &[],
        })
        .map(|class| format!("{CLASS_PREFIX}{}", class.class));
    let document_texts = DOCUMENT_TEXTS.iter().map(|(key, _)| (*key).to_owned());
    let explanations = phrase_texts()
        .into_iter()
        .map(|(phrase, _)| format!("{EXPLANATION_PREFIX}{phrase}"));
    let mut keys: Vec<String> = std::iter::once("jurisdiction-name".to_owned())
        .chain(heads)
        .chain(offences)
        .chain(documents)
        .chain(classes)
        .chain(document_texts)
        .chain(explanations)
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
    let mut required = required_keys(schedules);
    // The body the rules name must be worded, or no decision could say where to appeal.
    required.push(format!("{APPEAL_BODY_PREFIX}{}", rules.appeal_body));
    let mut texts: BTreeMap<Language, Messages> = BTreeMap::new();
    for language in &rules.languages {
        let path = folder.join("texts").join(format!("{language}.ftl"));
        let source = read_file(&path)?;
        let invalid = |message: String| FormsError::Invalid {
            path: path.clone(),
            message,
        };
        let messages = parse(&source).map_err(invalid)?;
        check(&messages, &required).map_err(invalid)?;
        if let Some((first_language, first)) = texts.first_key_value() {
            same_keys(&messages, first, *first_language).map_err(invalid)?;
        }
        texts.insert(*language, messages);
    }
    Ok(texts)
}

/// Every required key is there, at least one appeal body is, and each text takes exactly the
/// variables its key declares.
fn check(messages: &Messages, required: &[String]) -> Result<(), String> {
    if let Some(missing) = required.iter().find(|key| !messages.contains_key(*key)) {
        return Err(format!(
            "{missing}: missing (every language needs every key)"
        ));
    }
    if !messages
        .keys()
        .any(|key| key.starts_with(APPEAL_BODY_PREFIX))
    {
        return Err(format!(
            "{APPEAL_BODY_PREFIX}*: missing (decisions name the body to appeal to)"
        ));
    }
    for (key, text) in messages {
        let found = variables(text);
        let declared: BTreeSet<&str> = declared_variables(key).into_iter().collect();
        if found != declared {
            return Err(format!(
                "{key}: takes the variables {declared:?}, the text has {found:?}"
            ));
        }
    }
    Ok(())
}

/// The languages of one jurisdiction define the same keys, so a text one of them has (such as an
/// appeal body) is never missing from a document in another.
fn same_keys(
    messages: &Messages,
    other: &Messages,
    other_language: Language,
) -> Result<(), String> {
    if let Some(missing) = other.keys().find(|key| !messages.contains_key(*key)) {
        return Err(format!(
            "{missing}: missing (defined in {other_language}.ftl)"
        ));
    }
    if let Some(extra) = messages.keys().find(|key| !other.contains_key(*key)) {
        return Err(format!("{extra}: not defined in {other_language}.ftl"));
    }
    Ok(())
}

/// The messages of a Fluent file, each as its text with variables kept as `{ $name }`.
pub fn parse(source: &str) -> Result<Messages, String> {
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
        let text = pattern_text(pattern).map_err(|reason| format!("{id}: {reason}"))?;
        messages.insert(id, text);
    }
    Ok(messages)
}

fn pattern_text(pattern: Pattern<&str>) -> Result<String, String> {
    let mut text = String::new();
    for element in pattern.elements {
        match element {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => text.push_str(&format!("{{ ${} }}", id.name)),
            // `{ "{" }` is how Fluent writes a brace; other literals are just text.
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => {
                let literal = fluent_syntax::unicode::unescape_unicode_to_string(value);
                if literal.contains(['{', '}']) {
                    return Err("braces are not supported in texts".to_owned());
                }
                text.push_str(&literal);
            }
            PatternElement::Placeable { .. } => {
                return Err("only variables such as { $date } are supported".to_owned());
            }
        }
    }
    Ok(text)
}

/// The first variable in a text: where its placeable starts, its name, and where it ends.
fn next_variable(text: &str) -> Option<(usize, &str, usize)> {
    let start = text.find("{ $")?;
    let name_start = start + "{ $".len();
    let name_length = text[name_start..].find(" }")?;
    let end = name_start + name_length + " }".len();
    Some((start, &text[name_start..name_start + name_length], end))
}

/// The names of the variables in a text, such as `page` and `pages` in `Page { $page } of
/// { $pages }`.
pub(crate) fn variables(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some((_, name, end)) = next_variable(rest) {
        found.insert(name);
        rest = &rest[end..];
    }
    found
}

/// A text with its variables replaced by the arguments' values. Texts are checked at load to
/// take exactly their declared variables, so an argument missing here is a programming error;
/// the variable is then left as it is, visible in the document rather than silently dropped.
pub fn substitute(text: &str, arguments: &[(&str, &str)]) -> String {
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, name, end)) = next_variable(rest) {
        result.push_str(&rest[..start]);
        match arguments.iter().find(|(argument, _)| *argument == name) {
            Some((_, value)) => result.push_str(value),
            None => {
                debug_assert!(false, "no argument for the variable {name}");
                result.push_str(&rest[start..end]);
            }
        }
        rest = &rest[end..];
    }
    result.push_str(rest);
    result
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

    #[test]
    fn variables_are_kept_and_substituted() {
        let messages = parse("page-of = Faqja {$page} nga { $pages }\n").unwrap();
        let text = &messages["page-of"];
        assert_eq!(text, "Faqja { $page } nga { $pages }");
        assert_eq!(variables(text), BTreeSet::from(["page", "pages"]));
        assert_eq!(
            substitute(text, &[("page", "1"), ("pages", "2")]),
            "Faqja 1 nga 2"
        );
        assert_eq!(substitute("{ $unclosed", &[]), "{ $unclosed");
    }

    #[test]
    fn string_literals_are_text_and_other_expressions_are_refused() {
        let messages = parse("label-date = Date{ \":\" }\n").unwrap();
        assert_eq!(messages["label-date"], "Date:");
        let error = parse("label-date = { -term }\n").unwrap_err();
        assert!(error.contains("label-date: only variables"), "{error}");
        let error = parse("label-date = { \"{\" }\n").unwrap_err();
        assert!(error.contains("braces"), "{error}");
    }

    #[test]
    fn a_text_with_other_variables_than_its_key_declares_is_refused() {
        let mut messages: Messages = DOCUMENT_TEXTS
            .iter()
            .map(|(key, variables)| {
                let text: Vec<String> = variables
                    .iter()
                    .map(|name| format!("{{ ${name} }}"))
                    .collect();
                ((*key).to_owned(), format!("x {}", text.join(" ")))
            })
            .collect();
        messages.insert("appeal-body-court".to_owned(), "the court".to_owned());
        assert_eq!(check(&messages, &[]), Ok(()));
        messages.insert("page-of".to_owned(), "Page { $page }".to_owned());
        let error = check(&messages, &[]).unwrap_err();
        assert!(error.starts_with("page-of: takes the variables"), "{error}");
        messages.insert(
            "page-of".to_owned(),
            "Page { $page } of { $pages }".to_owned(),
        );
        messages.insert("label-date".to_owned(), "Date { $date }".to_owned());
        assert!(check(&messages, &[]).unwrap_err().starts_with("label-date"));
    }

    #[test]
    fn every_language_of_a_jurisdiction_defines_the_same_keys() {
        let albanian = parse("appeal-body-court = gjykata\n").unwrap();
        let english = parse("appeal-body-ombudsperson = the Ombudsperson\n").unwrap();
        let error = same_keys(&english, &albanian, Language::Sq).unwrap_err();
        assert_eq!(error, "appeal-body-court: missing (defined in sq.ftl)");
    }
}
