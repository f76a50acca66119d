//! Bringing a claim into being: who may create or edit a draft, and which stated facts are
//! acceptable at all (dates in order, a language the jurisdiction serves).

use chrono::NaiveDate;

use super::application::{BankAccount, ClaimedLoss, check_claimed_losses};
use super::award::Schedule;
use super::claim::{
    ApplicantKind, Claim, ClaimFacts, Deadlines, Language, OffenceType, PersonalText, VictimGender,
};
use super::deadlines::filing_deadline;
use super::error::DomainError;
use super::operations::{ClaimOperation, authorize};
use super::role::{Actor, Role};
use super::rules::JurisdictionRules;
use super::workflow::CREATE_ROLES;

/// What creating a draft decides: the role it is created in and its initial deadlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub role: Role,
    pub deadlines: Deadlines,
}

/// The jurisdiction a draft is checked against: its rules and the schedules that name its heads.
#[derive(Clone, Copy)]
pub struct Scheme<'a> {
    pub rules: &'a JurisdictionRules,
    pub schedules: &'a [Schedule],
}

pub fn create(
    actor: &Actor,
    scheme: Scheme<'_>,
    facts: &ClaimFacts,
    today: NaiveDate,
) -> Result<Created, DomainError> {
    let role = actor
        .acting_role(CREATE_ROLES)
        .ok_or(DomainError::CreateNotAllowed)?;
    validate_facts(scheme, facts, today)?;
    let rules = scheme.rules;
    Ok(Created {
        role,
        deadlines: Deadlines {
            filing: filing_deadline(&rules.filing, facts),
            ..Deadlines::default()
        },
    })
}

/// Replaces a draft's facts, recomputing its filing deadline.
pub fn edit_draft(
    claim: &Claim,
    actor: &Actor,
    scheme: Scheme<'_>,
    facts: ClaimFacts,
    today: NaiveDate,
) -> Result<(Role, Claim), DomainError> {
    let role = authorize(ClaimOperation::EditDraft, claim, actor)?;
    validate_facts(scheme, &facts, today)?;
    let mut next = claim.clone();
    next.deadlines.filing = filing_deadline(&scheme.rules.filing, &facts);
    next.facts = facts;
    Ok((role, next))
}

fn validate_facts(
    scheme: Scheme<'_>,
    facts: &ClaimFacts,
    today: NaiveDate,
) -> Result<(), DomainError> {
    let rules = scheme.rules;
    check_claimed_losses(&facts.claimed_losses, scheme.schedules, rules.currency)?;
    let invalid = |field, reason: &str| {
        Err(DomainError::InvalidInput {
            field,
            reason: reason.to_owned(),
        })
    };
    if facts.crime_date > today {
        return invalid("crime_date", "must not be in the future");
    }
    if facts
        .victim_birth_date
        .is_some_and(|birth| birth > facts.crime_date)
    {
        return invalid("victim_birth_date", "must be on or before crime_date");
    }
    if facts
        .trafficking_identified_on
        .is_some_and(|identified| identified > today)
    {
        return invalid("trafficking_identified_on", "must not be in the future");
    }
    if facts
        .crime_discovered_on
        .is_some_and(|discovered| discovered > today || discovered < facts.crime_date)
    {
        return invalid(
            "crime_discovered_on",
            "must be between crime_date and today",
        );
    }
    if !rules.languages.contains(&facts.language) {
        let served: Vec<String> = rules.languages.iter().map(ToString::to_string).collect();
        return Err(DomainError::InvalidInput {
            field: "language",
            reason: format!("must be one of {} in {}", served.join(", "), rules.id),
        });
    }
    Ok(())
}

/// The facts a draft edit changes; fields left out stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FactsPatch {
    pub offence_type: Option<OffenceType>,
    pub crime_date: Option<NaiveDate>,
    pub applicant_kind: Option<ApplicantKind>,
    pub applicant_name: Option<PersonalText>,
    pub victim_name: Option<PersonalText>,
    pub victim_birth_date: Option<NaiveDate>,
    pub victim_address: Option<PersonalText>,
    pub victim_gender: Option<VictimGender>,
    pub protected_identity: Option<bool>,
    pub trafficking_identified_on: Option<NaiveDate>,
    pub crime_discovered_on: Option<NaiveDate>,
    pub reported_to_police: Option<bool>,
    pub language: Option<Language>,
    /// Replaces the whole list.
    pub claimed_losses: Option<Vec<ClaimedLoss>>,
    /// `Some(None)` removes the account.
    pub bank_account: Option<Option<BankAccount>>,
    pub consent_given: Option<bool>,
}

impl FactsPatch {
    /// The facts with the patch applied, and the names of the fields it changed (names only:
    /// the audit trail records which facts changed, never their personal values).
    pub fn apply(&self, facts: &ClaimFacts) -> (ClaimFacts, Vec<&'static str>) {
        let mut next = facts.clone();
        let mut changed = Vec::new();
        macro_rules! set {
            ($field:ident) => {
                if let Some(value) = &self.$field {
                    if next.$field != *value {
                        next.$field = value.clone();
                        changed.push(stringify!($field));
                    }
                }
            };
            (optional $field:ident) => {
                if let Some(value) = &self.$field {
                    if next.$field.as_ref() != Some(value) {
                        next.$field = Some(value.clone());
                        changed.push(stringify!($field));
                    }
                }
            };
        }
        set!(offence_type);
        set!(crime_date);
        set!(applicant_kind);
        set!(applicant_name);
        set!(victim_name);
        set!(optional victim_birth_date);
        set!(optional victim_address);
        set!(optional victim_gender);
        set!(protected_identity);
        set!(optional trafficking_identified_on);
        set!(optional crime_discovered_on);
        set!(reported_to_police);
        set!(language);
        set!(claimed_losses);
        set!(bank_account);
        set!(consent_given);
        (next, changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::award::tests::kosovo as kosovo_schedules;
    use crate::domain::claim::Language;
    use crate::domain::claim::tests::facts;
    use crate::domain::role::UserId;
    use crate::domain::rules::tests::kosovo;

    fn create_under(
        rules: &JurisdictionRules,
        actor: &Actor,
        facts: &ClaimFacts,
    ) -> Result<Created, DomainError> {
        let schedules = kosovo_schedules();
        let scheme = Scheme {
            rules,
            schedules: &schedules,
        };
        create(actor, scheme, facts, today())
    }

    fn today() -> NaiveDate {
        "2026-04-01".parse().unwrap()
    }

    #[test]
    fn a_lawyer_creates_a_draft_with_its_filing_deadline() {
        let created =
            create_under(&kosovo(), &Actor::user(UserId(1), [Role::Lawyer]), &facts()).unwrap();
        assert_eq!(created.role, Role::Lawyer);
        assert_eq!(
            created.deadlines.filing,
            Some("2026-09-10".parse().unwrap())
        );
    }

    #[test]
    fn a_patch_changes_only_the_fields_it_names_and_says_which() {
        let patch = FactsPatch {
            victim_address: Some(PersonalText::parse("2 Other Street").unwrap()),
            ..FactsPatch::default()
        };
        let (next, changed) = patch.apply(&facts());
        assert_eq!(changed, vec!["victim_address"]);
        assert_eq!(next.victim_name, facts().victim_name);
        let (_, unchanged) = FactsPatch {
            language: Some(Language::Sq),
            ..FactsPatch::default()
        }
        .apply(&facts());
        assert!(unchanged.is_empty());
    }

    #[test]
    fn only_lawyers_and_the_secretariat_create_claims() {
        let result = create_under(
            &kosovo(),
            &Actor::user(UserId(1), [Role::Commissioner]),
            &facts(),
        );
        assert_eq!(result.unwrap_err(), DomainError::CreateNotAllowed);
    }

    #[test]
    fn impossible_dates_are_refused_with_the_field_named() {
        let lawyer = Actor::user(UserId(1), [Role::Lawyer]);
        let mut future = facts();
        future.crime_date = "2026-05-01".parse().unwrap();
        assert!(matches!(
            create_under(&kosovo(), &lawyer, &future),
            Err(DomainError::InvalidInput {
                field: "crime_date",
                ..
            })
        ));
        let mut unborn = facts();
        unborn.victim_birth_date = Some("2026-03-11".parse().unwrap());
        assert!(matches!(
            create_under(&kosovo(), &lawyer, &unborn),
            Err(DomainError::InvalidInput {
                field: "victim_birth_date",
                ..
            })
        ));
    }

    #[test]
    fn the_language_must_be_one_the_jurisdiction_serves() {
        let mut rules = kosovo();
        rules.languages = vec![Language::En];
        let result = create_under(&rules, &Actor::user(UserId(1), [Role::Lawyer]), &facts());
        assert!(matches!(
            result,
            Err(DomainError::InvalidInput {
                field: "language",
                ..
            })
        ));
    }
}
