//! Words a calculation's explanations in a reader's language: each phrase from the
//! jurisdiction's `explanation-<phrase>` text, its amounts and numbers written the language's way
//! and heads and classes by their names. One place, so a decision, the API and the command line
//! explain an award in the same words.

use crate::domain::award::{Calculation, Explanation, Figure};
use crate::domain::claim::Language;
use crate::domain::money::Currency;
use crate::forms::Jurisdictions;
use crate::locale::{format_money, format_number};
use crate::texts::{CLASS_PREFIX, EXPLANATION_PREFIX, Messages, substitute};

/// The phrases of one explanation are read as one sentence, separated like this.
const PHRASE_SEPARATOR: &str = "; ";

#[derive(Debug, thiserror::Error)]
#[error("the text {key} is missing from the jurisdiction's texts")]
pub struct MissingText {
    pub key: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error("{language} is not a language of {jurisdiction}")]
    LanguageNotServed {
        jurisdiction: String,
        language: Language,
    },
    #[error(transparent)]
    MissingText(#[from] MissingText),
}

/// A calculation's explanations in one language: each line's, and the overall limits'.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordedCalculation {
    pub language: Language,
    pub lines: Vec<String>,
    pub limit: Option<String>,
}

/// Words `calculation` in `language`, or in the jurisdiction's first language when absent.
pub fn word_calculation(
    jurisdictions: &Jurisdictions,
    calculation: &Calculation,
    language: Option<Language>,
) -> Result<WordedCalculation, ExplainError> {
    let jurisdiction = &calculation.jurisdiction;
    let not_served = |language| ExplainError::LanguageNotServed {
        jurisdiction: jurisdiction.to_string(),
        language,
    };
    let served = jurisdictions
        .get(jurisdiction)
        .map(|rules| rules.languages.as_slice())
        .unwrap_or_default();
    let language = match language {
        Some(language) => language,
        None => *served.first().ok_or_else(|| not_served(Language::En))?,
    };
    let messages = jurisdictions
        .texts(jurisdiction, language)
        .ok_or_else(|| not_served(language))?;
    let explainer = Explainer {
        messages,
        currency: calculation.currency,
        language,
    };
    let lines = calculation
        .lines
        .iter()
        .map(|line| explainer.word(&line.explanation))
        .collect::<Result<_, _>>()?;
    let limit = calculation
        .limit_explanation
        .as_ref()
        .map(|explanation| explainer.word(explanation))
        .transpose()?;
    Ok(WordedCalculation {
        language,
        lines,
        limit,
    })
}

/// How amounts and names in one language's explanations are written.
pub struct Explainer<'a> {
    pub messages: &'a Messages,
    pub currency: Currency,
    pub language: Language,
}

impl Explainer<'_> {
    /// The explanation as one sentence, such as "30 weeks at £99.35 a week; …".
    pub fn word(&self, explanation: &Explanation) -> Result<String, MissingText> {
        let mut phrases = Vec::with_capacity(explanation.phrases().len());
        for phrase in explanation.phrases() {
            let template = self.text(&format!("{EXPLANATION_PREFIX}{}", phrase.key()))?;
            let mut values = Vec::new();
            for (name, figure) in phrase.figures() {
                values.push((name, self.figure(&figure)?));
            }
            let arguments: Vec<(&str, &str)> = values
                .iter()
                .map(|(name, value)| (*name, value.as_str()))
                .collect();
            phrases.push(substitute(template, &arguments));
        }
        Ok(phrases.join(PHRASE_SEPARATOR))
    }

    fn figure(&self, figure: &Figure) -> Result<String, MissingText> {
        Ok(match figure {
            Figure::Amount(amount) => format_money(*amount, self.currency, self.language),
            Figure::Percent(percent) => format!("{}%", format_number(*percent, self.language)),
            Figure::Count(count) => count.to_string(),
            Figure::Number(number) => format_number(*number, self.language),
            Figure::Class(class) => self.text(&format!("{CLASS_PREFIX}{class}"))?.to_owned(),
            Figure::Heads(heads) => {
                let mut names = Vec::with_capacity(heads.len());
                for head in *heads {
                    names.push(self.text(&format!("head-{head}"))?);
                }
                names.join(", ")
            }
        })
    }

    fn text(&self, key: &str) -> Result<&str, MissingText> {
        self.messages
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| MissingText {
                key: key.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::*;
    use crate::domain::award::{AwardRequest, calculate};
    use crate::domain::rules::JurisdictionId;

    fn worded(
        jurisdiction: &str,
        losses: serde_json::Value,
        language: Language,
    ) -> WordedCalculation {
        let jurisdictions =
            Jurisdictions::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("forms")).unwrap();
        let id = JurisdictionId::parse(jurisdiction).unwrap();
        let request: AwardRequest = serde_json::from_value(json!({
            "jurisdiction": jurisdiction, "as_of": "2025-01-31", "losses": losses,
        }))
        .unwrap();
        let rules = jurisdictions.get(&id).unwrap();
        let calculation =
            calculate(jurisdictions.schedules(&id), rules.currency, &request).unwrap();
        word_calculation(&jurisdictions, &calculation, Some(language)).unwrap()
    }

    #[test]
    fn a_weekly_loss_is_explained_in_english_with_the_currency_symbol() {
        let losses = json!([{"head": "loss_of_earnings", "weeks": 30, "weekly_rate": "99.35"}]);
        let worded = worded("uk-cica-2012", losses, Language::En);
        assert_eq!(
            worded.lines,
            ["30 × £99.35 a week; nothing for the first weeks: 28; weeks paid: 2, £198.70"]
        );
    }

    #[test]
    fn the_same_cap_reads_in_albanian_and_serbian_with_their_amounts() {
        let losses = json!([
            {"head": "physical_injury", "amount": "9000.00"},
            {"head": "medical_costs", "amount": "300.00"},
            {"head": "medical_costs", "amount": "200.00"},
        ]);
        let albanian = worded("kosovo", losses.clone(), Language::Sq);
        assert_eq!(
            albanian.lines[0],
            "kërkuar 9.000,00\u{a0}€; kufizuar në 7.000,00\u{a0}€"
        );
        assert!(
            albanian.lines[1].starts_with("shuma të kërkuara: 2, gjithsej 500,00\u{a0}€"),
            "{}",
            albanian.lines[1]
        );
        let serbian = worded("kosovo", losses, Language::Sr);
        assert_eq!(
            serbian.lines[0],
            "тражено 9.000,00\u{a0}€; ограничено на 7.000,00\u{a0}€"
        );
        assert!(serbian.limit.unwrap().contains("ставке се исплаћују редом"));
    }

    #[test]
    fn part_years_take_the_languages_decimal_mark_and_classes_their_names() {
        let losses = json!([{"head": "child_payment", "years": "2.5"}]);
        let english = worded("uk-cica-2012", losses, Language::En);
        assert_eq!(
            english.lines,
            ["years until age 18: 2.5 × £2,000.00 a year, pro rata for part years = £5,000.00"]
        );
        let losses = json!([{"head": "mental_health", "amount": "12000.00", "class": "victim"}]);
        let californian = worded("california", losses, Language::En);
        assert!(
            californian.lines[0].starts_with("claimant: the victim; claimed $12,000.00; capped at"),
            "{}",
            californian.lines[0]
        );
    }

    #[test]
    fn a_claim_over_the_maximum_names_the_heads_in_the_order_they_are_paid() {
        let losses = json!([
            {"head": "physical_injury", "amount": "5000.00"},
            {"head": "mental_harm", "amount": "4000.00"},
        ]);
        let english = worded("kosovo", losses, Language::En);
        let limit = english.limit.unwrap();
        assert!(
            limit.starts_with("the claim is worth €9,000.00, more than the maximum of €7,000.00"),
            "{limit}"
        );
        assert!(
            limit.contains("Serious bodily injury or damage to health"),
            "{limit}"
        );
    }
}
