//! A claim as the core sees it: its facts, where it stands, its deadlines and its decision.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::application::{BankAccount, ClaimedLoss};
use super::award::Assessment;
use super::money::Money;
use super::reference::ClaimReference;
use super::role::UserId;
use super::rules::JurisdictionId;
use super::workflow::ClaimState;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimId(pub i64);

named_enum! {
    /// The kind of crime the claim arises from; drives eligibility and filing exceptions.
    pub enum OffenceType {
        TraffickingInHumanBeings,
        SexualViolence,
        DomesticViolence,
        OtherViolentCrime,
    }
}

named_enum! {
    /// Who is applying: the victim, a dependant of a deceased victim, or a minor's guardian.
    pub enum ApplicantKind {
        DirectVictim,
        Dependant,
        Guardian,
    }
}

named_enum! {
    /// The victim's gender as the applicant states it, for anonymised statistics only; a claim
    /// that does not record it counts as not recorded.
    pub enum VictimGender {
        Female,
        Male,
        Other,
    }
}

named_enum! {
    /// The language the applicant is served in.
    pub enum Language {
        Sq,
        Sr,
        En,
    }
}

named_enum! {
    /// Kinds of supporting document the secretariat may request (domain.md, step 4).
    pub enum DocumentKind {
        PoliceReport,
        MedicalReport,
        CourtJudgment,
        Receipt,
        ProofOfIncome,
        ProofOfRelationship,
        TraffickingIdentification,
        PowerOfAttorney,
        GuardianAppointment,
        Other,
    }
}

/// Personal text (a name, an address) that must never reach a log: its `Debug` is redacted.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonalText(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonalTextError {
    #[error("must not be empty")]
    Empty,
    #[error("must not contain control or text-direction characters")]
    InvisibleCharacters,
    #[error("must be at most {maximum} characters")]
    TooLong { maximum: usize },
}

impl PersonalText {
    pub const MAXIMUM_CHARACTERS: usize = 200;

    pub fn parse(text: &str) -> Result<Self, PersonalTextError> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(PersonalTextError::Empty);
        }
        if trimmed.chars().any(is_invisible_or_control) {
            return Err(PersonalTextError::InvisibleCharacters);
        }
        if trimmed.chars().count() > Self::MAXIMUM_CHARACTERS {
            return Err(PersonalTextError::TooLong {
                maximum: Self::MAXIMUM_CHARACTERS,
            });
        }
        Ok(PersonalText(trimmed.to_owned()))
    }

    /// The text itself, for the few places that may show it (the API behind access control).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Control characters and bidirectional overrides, which can disguise what a name or reason says
/// (U+202E turns "Rn.pdf" into "fdp.nR") or corrupt documents and logs.
pub fn is_invisible_or_control(character: char) -> bool {
    character.is_control() || matches!(character, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks free text such as a reason: like a name, but line breaks and tabs are fine.
pub fn check_free_text(field: &'static str, text: &str) -> Result<(), super::error::DomainError> {
    let allowed_layout = |character: char| matches!(character, '\n' | '\r' | '\t');
    if text
        .chars()
        .any(|character| is_invisible_or_control(character) && !allowed_layout(character))
    {
        return Err(super::error::DomainError::InvalidInput {
            field,
            reason: "must not contain control or text-direction characters".to_owned(),
        });
    }
    Ok(())
}

impl fmt::Debug for PersonalText {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("PersonalText(<redacted>)")
    }
}

impl TryFrom<String> for PersonalText {
    type Error = PersonalTextError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        PersonalText::parse(&text)
    }
}

impl From<PersonalText> for String {
    fn from(text: PersonalText) -> String {
        text.0
    }
}

/// What the applicant states about the crime and the people involved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimFacts {
    pub offence_type: OffenceType,
    pub crime_date: NaiveDate,
    pub applicant_kind: ApplicantKind,
    pub applicant_name: PersonalText,
    pub victim_name: PersonalText,
    /// Optional in a draft; required to submit (the minors' filing rules need it).
    pub victim_birth_date: Option<NaiveDate>,
    /// Optional in a draft; required to submit.
    pub victim_address: Option<PersonalText>,
    /// As the applicant states it; used for anonymised statistics only.
    pub victim_gender: Option<VictimGender>,
    /// A minor or trafficking victim whose identity is shown only to those who need it.
    pub protected_identity: bool,
    /// When the competent authority identified the victim as a victim of trafficking.
    pub trafficking_identified_on: Option<NaiveDate>,
    /// When the crime was discovered, where later than the crime (California).
    pub crime_discovered_on: Option<NaiveDate>,
    pub reported_to_police: bool,
    pub language: Language,
    /// What the applicant claims, head by head; at least one to submit.
    pub claimed_losses: Vec<ClaimedLoss>,
    /// Where the applicant asks to be paid; optional, shown only with the identity.
    pub bank_account: Option<BankAccount>,
    /// The applicant's consent to the commission obtaining records and their declaration that
    /// the application is true, signed on the paper form or ticked online; required to submit.
    pub consent_given: bool,
}

impl ClaimFacts {
    /// Whether the victim was under 18 on the day of the crime; unknown birth dates count as adult.
    pub fn victim_was_minor(&self) -> bool {
        super::deadlines::FilingFacts::of(self).victim_was_minor()
    }

    /// Victims of trafficking and minors have their identity protected unless the filer says
    /// otherwise.
    pub fn protected_by_default(&self) -> bool {
        self.offence_type == OffenceType::TraffickingInHumanBeings || self.victim_was_minor()
    }
}

/// The deadlines that govern the claim, computed by `deadlines` from the jurisdiction's rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    pub filing: Option<NaiveDate>,
    pub evidence_due: Option<NaiveDate>,
    pub decision_due: Option<NaiveDate>,
    pub appeal_due: Option<NaiveDate>,
    pub payment_due: Option<NaiveDate>,
}

named_enum! {
    /// A deadline the claim overran, raised by the scheduler so that someone acts on it. A flag
    /// belongs to the deadline it marks: setting that deadline anew lowers it, and the audit
    /// trail keeps every flag ever raised.
    pub enum OverdueFlag {
        /// The evidence requested did not arrive in time; the claim went on to assessment.
        EvidenceOverdue,
        /// No decision by the decision due date.
        DecisionOverdue,
        /// A final award not paid by its payment due date; escalated to finance and the chair.
        PaymentOverdue,
    }
}

/// What the commission decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An award above zero, in full or in part of what was claimed.
    Award(Money),
    Rejected,
    Inadmissible {
        reason: String,
    },
}

impl Outcome {
    pub fn award(&self) -> Option<Money> {
        match self {
            Outcome::Award(money) => Some(*money),
            Outcome::Rejected | Outcome::Inadmissible { .. } => None,
        }
    }

    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Award(_) => OutcomeKind::Award,
            Outcome::Rejected => OutcomeKind::Rejected,
            Outcome::Inadmissible { .. } => OutcomeKind::Inadmissible,
        }
    }
}

named_enum! {
    pub enum OutcomeKind {
        Award,
        Rejected,
        Inadmissible,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    pub decided_on: NaiveDate,
}

/// A claim for compensation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub id: ClaimId,
    pub reference: ClaimReference,
    pub jurisdiction: JurisdictionId,
    pub state: ClaimState,
    /// Incremented by every recorded event; the optimistic-concurrency token.
    pub version: i64,
    pub facts: ClaimFacts,
    pub created_by: Option<UserId>,
    /// The lawyer representing the applicant, if any.
    pub representative: Option<UserId>,
    pub lodged_on: Option<NaiveDate>,
    /// Set by the secretariat to accept a late application for good cause.
    pub filing_extension_reason: Option<String>,
    pub deadlines: Deadlines,
    pub proposed_award: Option<Money>,
    /// Counts the proposals put to the commission; votes belong to one round.
    pub review_round: i32,
    /// Interim awards granted so far; deducted from the final award.
    pub interim_awarded: Money,
    /// The rapporteur's assessment: the facts the calculator needs.
    pub assessment: Option<Assessment>,
    /// The calculation behind the proposed award, as the document it is (canonical JSON).
    pub calculation: Option<serde_json::Value>,
    pub decision: Option<Decision>,
    /// Commission members who declared a conflict of interest; they no longer see the claim.
    pub recused: BTreeSet<UserId>,
    /// The secretariat member assigned to prepare the claim; once one is, only they record
    /// its assessment.
    pub rapporteur: Option<UserId>,
    /// Deadlines overrun, each with the day it was flagged.
    pub flags: BTreeMap<OverdueFlag, NaiveDate>,
}

impl Claim {
    /// The jurisdiction's currency, which every amount on the claim is in. The running total of
    /// interim awards exists from creation on, so it carries it.
    pub fn currency(&self) -> super::money::Currency {
        self.interim_awarded.currency()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::award::{Assessment, Loss};
    use crate::domain::money::Currency;

    /// An adult victim of a violent crime on 2026-03-10, represented, with every field filled.
    pub(crate) fn facts() -> ClaimFacts {
        ClaimFacts {
            offence_type: OffenceType::OtherViolentCrime,
            crime_date: "2026-03-10".parse().unwrap(),
            applicant_kind: ApplicantKind::DirectVictim,
            applicant_name: PersonalText::parse("Synthetic Applicant").unwrap(),
            victim_name: PersonalText::parse("Synthetic Applicant").unwrap(),
            victim_birth_date: Some("1990-01-01".parse().unwrap()),
            victim_address: Some(PersonalText::parse("1 Example Street").unwrap()),
            victim_gender: None,
            protected_identity: false,
            trafficking_identified_on: None,
            crime_discovered_on: None,
            reported_to_police: true,
            language: Language::Sq,
            claimed_losses: vec![ClaimedLoss {
                head: "medical_costs".to_owned(),
                amount: Some(rust_decimal::Decimal::new(120_000, 2)),
                details: None,
            }],
            bank_account: None,
            consent_given: true,
        }
    }

    /// Medical costs of EUR 4,000 under Kosovo's schedule.
    pub(crate) fn assessment() -> Assessment {
        let loss = Loss {
            head: "medical_costs".into(),
            amount: Some(rust_decimal::Decimal::new(400_000, 2)),
            ..Loss::default()
        };
        Assessment {
            losses: vec![loss],
            ..Assessment::default()
        }
    }

    /// Kosovo's shipped award schedules.
    pub(crate) fn kosovo_schedules() -> Vec<crate::domain::award::Schedule> {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("forms/kosovo");
        crate::forms::load_schedules(&folder, &crate::domain::rules::tests::kosovo()).unwrap()
    }

    pub(crate) fn claim(state: ClaimState) -> Claim {
        Claim {
            id: ClaimId(1),
            reference: "KS-2026-000001".parse().unwrap(),
            jurisdiction: JurisdictionId::parse("kosovo").unwrap(),
            state,
            version: 1,
            facts: facts(),
            created_by: Some(UserId(10)),
            representative: Some(UserId(10)),
            lodged_on: None,
            filing_extension_reason: None,
            deadlines: Deadlines {
                filing: Some("2026-09-10".parse().unwrap()),
                ..Deadlines::default()
            },
            proposed_award: Some(Money::from_minor_units(400_000, Currency::Eur)),
            review_round: 1,
            interim_awarded: Money::zero(Currency::Eur),
            assessment: Some(assessment()),
            calculation: None,
            decision: None,
            recused: BTreeSet::new(),
            flags: BTreeMap::new(),
            rapporteur: None,
        }
    }

    #[test]
    fn personal_text_never_shows_in_debug_output() {
        let text = PersonalText::parse("Synthetic Name").unwrap();
        assert!(!format!("{text:?}").contains("Synthetic"));
        assert!(!format!("{:?}", facts()).contains("Synthetic"));
    }

    #[test]
    fn trafficking_victims_and_minors_are_protected_by_default_and_other_adults_are_not() {
        let adult = facts();
        assert!(!adult.protected_by_default());
        let trafficked = ClaimFacts {
            offence_type: OffenceType::TraffickingInHumanBeings,
            ..facts()
        };
        assert!(trafficked.protected_by_default());
        let minor = ClaimFacts {
            victim_birth_date: Some("2015-01-01".parse().unwrap()),
            ..facts()
        };
        assert!(minor.protected_by_default());
    }

    #[test]
    fn a_victim_under_eighteen_on_the_crime_date_is_a_minor() {
        let mut facts = facts();
        facts.victim_birth_date = Some("2008-03-11".parse().unwrap());
        assert!(facts.victim_was_minor());
        facts.victim_birth_date = Some("2008-03-10".parse().unwrap());
        assert!(!facts.victim_was_minor());
    }
}
