//! The rules of a jurisdiction that the workflow needs: filing periods, statutory periods and the
//! commission's voting rules. They are data (forms/<id>/jurisdiction.toml), never code, so one
//! engine serves Kosovo, the UK and California alike.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::claim::Language;
use super::money::Currency;
use super::reference::is_valid_prefix;

/// A jurisdiction's identifier, such as `kosovo` or `uk-cica-2012`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JurisdictionId(String);

impl JurisdictionId {
    pub fn parse(text: &str) -> Result<Self, RulesError> {
        let valid = (2..=40).contains(&text.len())
            && text
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
        if valid {
            Ok(JurisdictionId(text.to_owned()))
        } else {
            Err(RulesError::invalid(
                "id",
                "must be 2 to 40 lowercase letters, digits or hyphens",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JurisdictionId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl fmt::Debug for JurisdictionId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, formatter)
    }
}

impl TryFrom<String> for JurisdictionId {
    type Error = RulesError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        JurisdictionId::parse(&text)
    }
}

impl From<JurisdictionId> for String {
    fn from(id: JurisdictionId) -> String {
        id.0
    }
}

/// A rule file that is well-formed but says something impossible.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {reason}")]
pub struct RulesError {
    pub key: String,
    pub reason: String,
}

impl RulesError {
    fn invalid(key: &str, reason: &str) -> Self {
        RulesError {
            key: key.to_owned(),
            reason: reason.to_owned(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionRules {
    pub id: JurisdictionId,
    pub name: String,
    pub currency: Currency,
    pub reference_prefix: String,
    pub languages: Vec<Language>,
    /// Whether a closed claim may be reopened (material change, later death from the injury).
    pub reopen_allowed: bool,
    /// Where a decision is appealed first; its wording is the text `appeal-body-<id>`.
    pub appeal_body: String,
    pub filing: FilingRules,
    pub periods: Periods,
    pub commission: CommissionRules,
    /// Keys whose values could not be confirmed from a public source (domain.md: [unconfirmed]).
    #[serde(default)]
    pub provisional: Vec<String>,
}

/// When an application must be lodged: the latest of the deadlines that apply to the claim.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FilingRules {
    /// Months from the crime.
    pub period_months: u32,
    /// For a victim who was a minor at the time of the crime.
    pub minor: Option<MinorFilingRule>,
    /// Trafficking victims: the period runs from the authority's identification of the victim.
    #[serde(default)]
    pub trafficking_from_identification: bool,
    /// The period may run from discovery of the crime instead of the crime itself.
    #[serde(default)]
    pub from_discovery: bool,
}

/// A minor may apply until `period_months` after reaching `until_age_years`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MinorFilingRule {
    pub until_age_years: u32,
    pub period_months: u32,
}

/// Statutory periods, in calendar days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Periods {
    /// Default time given to supply requested evidence.
    pub evidence_days: u32,
    /// From a complete file to the decision.
    pub decision_days: u32,
    /// From the decision to the last day an appeal may be lodged.
    pub appeal_days: u32,
    /// From a final award to payment.
    pub payment_days: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommissionRules {
    pub members: u32,
    /// Votes that must be cast (recused members do not count) before a vote can close.
    pub quorum: u32,
    /// Whether the chair's vote decides a tie.
    pub chair_casting_vote: bool,
    /// Whether a decision prints the notes of the members who voted against it.
    #[serde(default)]
    pub publish_dissents: bool,
}

impl JurisdictionRules {
    /// Longest statutory period accepted, so a typo cannot put a deadline centuries away.
    const MAXIMUM_PERIOD_DAYS: u32 = 3660;
    const MAXIMUM_PERIOD_MONTHS: u32 = 240;

    /// Checks what the types cannot: the relations between values.
    pub fn validate(&self) -> Result<(), RulesError> {
        if !is_valid_prefix(&self.reference_prefix) {
            return Err(RulesError::invalid(
                "reference_prefix",
                "must be 2 to 4 capital letters",
            ));
        }
        if self.languages.is_empty() {
            return Err(RulesError::invalid(
                "languages",
                "must list at least one language",
            ));
        }
        let commission = &self.commission;
        if commission.members == 0
            || commission.quorum == 0
            || commission.quorum > commission.members
        {
            return Err(RulesError::invalid(
                "commission.quorum",
                "must be at least 1 and at most commission.members",
            ));
        }
        self.validate_periods()
    }

    fn validate_periods(&self) -> Result<(), RulesError> {
        let periods = [
            ("periods.evidence_days", self.periods.evidence_days),
            ("periods.decision_days", self.periods.decision_days),
            ("periods.appeal_days", self.periods.appeal_days),
            ("periods.payment_days", self.periods.payment_days),
        ];
        for (key, days) in periods {
            if days == 0 || days > Self::MAXIMUM_PERIOD_DAYS {
                return Err(RulesError::invalid(key, "must be between 1 and 3660 days"));
            }
        }
        let months = [
            Some(self.filing.period_months),
            self.filing.minor.map(|minor| minor.period_months),
        ];
        if months
            .into_iter()
            .flatten()
            .any(|months| months > Self::MAXIMUM_PERIOD_MONTHS)
        {
            return Err(RulesError::invalid(
                "filing.period_months",
                "must be at most 240 months",
            ));
        }
        if self.filing.period_months == 0 {
            return Err(RulesError::invalid(
                "filing.period_months",
                "must be at least 1 month",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Kosovo's rules with the provisional defaults of domain.md.
    pub(crate) fn kosovo() -> JurisdictionRules {
        JurisdictionRules {
            id: JurisdictionId::parse("kosovo").unwrap(),
            name: "Kosovo".into(),
            currency: Currency::Eur,
            reference_prefix: "KS".into(),
            languages: vec![Language::Sq, Language::Sr, Language::En],
            reopen_allowed: true,
            appeal_body: "court".to_owned(),
            filing: FilingRules {
                period_months: 6,
                minor: Some(MinorFilingRule {
                    until_age_years: 18,
                    period_months: 6,
                }),
                trafficking_from_identification: true,
                from_discovery: false,
            },
            periods: Periods {
                evidence_days: 30,
                decision_days: 90,
                appeal_days: 30,
                payment_days: 30,
            },
            commission: CommissionRules {
                members: 5,
                quorum: 3,
                chair_casting_vote: true,
                publish_dissents: false,
            },
            provisional: vec![],
        }
    }

    #[test]
    fn kosovo_rules_are_valid() {
        assert_eq!(kosovo().validate(), Ok(()));
    }

    #[test]
    fn a_quorum_larger_than_the_commission_is_refused() {
        let mut rules = kosovo();
        rules.commission.quorum = 6;
        assert_eq!(rules.validate().unwrap_err().key, "commission.quorum");
    }

    #[test]
    fn a_zero_period_is_refused() {
        let mut rules = kosovo();
        rules.periods.appeal_days = 0;
        assert_eq!(rules.validate().unwrap_err().key, "periods.appeal_days");
    }

    #[test]
    fn jurisdiction_ids_are_slugs() {
        assert!(JurisdictionId::parse("uk-cica-2012").is_ok());
        assert!(JurisdictionId::parse("UK").is_err());
        assert!(JurisdictionId::parse("../etc").is_err());
    }
}
