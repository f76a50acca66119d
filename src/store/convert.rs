//! Rows to domain values and back. A row that does not parse is corruption, reported with the
//! column's name but never its value (values may be personal).

use std::collections::BTreeMap;
use std::str::FromStr;

use anyhow::{Context as _, anyhow};
use chrono::{DateTime, NaiveDate, Utc};
use entity::claim;
use sea_orm::ActiveValue::Set;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::application::{BankAccount, ClaimedLoss};
use crate::domain::audit::canonical_json;
use crate::domain::claim::{Deadlines, Decision, Outcome, OutcomeKind, OverdueFlag, PersonalText};
use crate::domain::money::{Currency, Money};
use crate::domain::payout::Iban;
use crate::domain::reference::ClaimReference;
use crate::domain::role::FullName;
use crate::domain::rules::JurisdictionId;
use crate::domain::{Claim, ClaimFacts, ClaimId, UserId};

/// Parses a stored enum or code; the value is safe to name (it is never personal).
pub fn parse<T: FromStr>(column: &str, text: &str) -> anyhow::Result<T> {
    text.parse()
        .map_err(|_| anyhow!("{column}: unrecognised value {text:?}"))
}

fn personal(column: &str, text: String) -> anyhow::Result<PersonalText> {
    PersonalText::try_from(text).map_err(|_| anyhow!("{column}: stored text is not valid"))
}

/// A user's stored full name; `None` for accounts created before full names were kept.
pub fn full_name(text: Option<String>) -> anyhow::Result<Option<FullName>> {
    text.map(|text| {
        FullName::parse(&text).map_err(|_| anyhow!("users.full_name: stored text is not valid"))
    })
    .transpose()
}

pub fn claim_from_row(row: claim::Model) -> anyhow::Result<Claim> {
    let currency: Currency = parse("claims.currency", &row.currency)?;
    let money = |minor: Option<i64>| minor.map(|minor| Money::from_minor_units(minor, currency));
    let decision = decision_from_row(&row, currency)?;
    let flags = flags_from_row(&row);
    let facts = ClaimFacts {
        offence_type: parse("claims.offence_type", &row.offence_type)?,
        crime_date: row.crime_date,
        applicant_kind: parse("claims.applicant_kind", &row.applicant_kind)?,
        applicant_name: personal("claims.applicant_name", row.applicant_name)?,
        victim_name: personal("claims.victim_name", row.victim_name)?,
        victim_birth_date: row.victim_birth_date,
        victim_address: row
            .victim_address
            .map(|text| personal("claims.victim_address", text))
            .transpose()?,
        victim_gender: row
            .victim_gender
            .map(|text| parse("claims.victim_gender", &text))
            .transpose()?,
        protected_identity: row.protected_identity,
        trafficking_identified_on: row.trafficking_identified_on,
        crime_discovered_on: row.crime_discovered_on,
        reported_to_police: row.reported_to_police,
        language: parse("claims.language", &row.language)?,
        claimed_losses: losses_from_column(&row.claimed_losses)?,
        bank_account: bank_account_from_row(row.bank_account_holder, row.bank_account_iban)?,
        consent_given: row.consent_given,
    };
    Ok(Claim {
        // Filled by the loader from the recusals and assignments tables.
        recused: Default::default(),
        rapporteur: None,
        id: ClaimId(row.id),
        reference: parse::<ClaimReference>("claims.reference", &row.reference)?,
        jurisdiction: JurisdictionId::parse(&row.jurisdiction).context("claims.jurisdiction")?,
        state: parse("claims.state", &row.state)?,
        version: row.version,
        facts,
        created_by: row.created_by.map(UserId),
        representative: row.representative_id.map(UserId),
        lodged_on: row.lodged_on,
        filing_extension_reason: row.filing_extension_reason,
        deadlines: Deadlines {
            filing: row.filing_deadline,
            evidence_due: row.evidence_due,
            decision_due: row.decision_due,
            appeal_due: row.appeal_due,
            payment_due: row.payment_due,
        },
        proposed_award: money(row.proposed_award_minor),
        review_round: row.review_round,
        interim_awarded: Money::from_minor_units(row.interim_awarded_minor, currency),
        assessment: row
            .assessment
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .context("claims.assessment")?,
        calculation: row
            .calculation
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .context("claims.calculation")?,
        decision,
        flags,
    })
}

/// A claimed loss as `claims.claimed_losses` keeps it: the amount as an exact decimal string,
/// as the assessment's losses are kept.
#[derive(Serialize, Deserialize)]
struct StoredLoss {
    head: String,
    amount: Option<Decimal>,
    details: Option<String>,
}

fn losses_from_column(json: &str) -> anyhow::Result<Vec<ClaimedLoss>> {
    let stored: Vec<StoredLoss> =
        serde_json::from_str(json).map_err(|_| anyhow!("claims.claimed_losses: not valid JSON"))?;
    stored
        .into_iter()
        .map(|loss| {
            Ok(ClaimedLoss {
                head: loss.head,
                amount: loss.amount,
                details: loss
                    .details
                    .map(|text| personal("claims.claimed_losses", text))
                    .transpose()?,
            })
        })
        .collect()
}

fn losses_to_column(losses: &[ClaimedLoss]) -> anyhow::Result<String> {
    let stored: Vec<StoredLoss> = losses
        .iter()
        .map(|loss| StoredLoss {
            head: loss.head.clone(),
            amount: loss.amount,
            details: loss.details.as_ref().map(|text| text.expose().to_owned()),
        })
        .collect();
    Ok(serde_json::to_string(&stored)?)
}

fn bank_account_from_row(
    holder: Option<String>,
    iban: Option<String>,
) -> anyhow::Result<Option<BankAccount>> {
    match (holder, iban) {
        (Some(holder), Some(iban)) => Ok(Some(BankAccount {
            holder: personal("claims.bank_account_holder", holder)?,
            iban: Iban::parse(&iban)
                .map_err(|_| anyhow!("claims.bank_account_iban: stored IBAN is not valid"))?,
        })),
        (None, None) => Ok(None),
        _ => Err(anyhow!(
            "claims.bank_account_*: holder and IBAN must be stored together"
        )),
    }
}

fn flags_from_row(row: &claim::Model) -> BTreeMap<OverdueFlag, NaiveDate> {
    [
        (
            OverdueFlag::EvidenceOverdue,
            row.evidence_overdue_flagged_on,
        ),
        (
            OverdueFlag::DecisionOverdue,
            row.decision_overdue_flagged_on,
        ),
        (OverdueFlag::PaymentOverdue, row.payment_overdue_flagged_on),
    ]
    .into_iter()
    .filter_map(|(flag, flagged_on)| Some((flag, flagged_on?)))
    .collect()
}

fn decision_from_row(row: &claim::Model, currency: Currency) -> anyhow::Result<Option<Decision>> {
    let (Some(kind), Some(decided_on)) = (row.decision_outcome.as_deref(), row.decided_on) else {
        return Ok(None);
    };
    let outcome = match parse::<OutcomeKind>("claims.decision_outcome", kind)? {
        OutcomeKind::Award => {
            let minor = row
                .decision_award_minor
                .context("claims.decision_award_minor: missing for an award")?;
            Outcome::Award(Money::from_minor_units(minor, currency))
        }
        OutcomeKind::Rejected => Outcome::Rejected,
        OutcomeKind::Inadmissible => Outcome::Inadmissible {
            reason: row.decision_reason.clone().unwrap_or_default(),
        },
    };
    Ok(Some(Decision {
        outcome,
        decided_on,
    }))
}

/// The columns a change may touch: everything but identity, reference and creation.
pub fn changed_columns(claim: &Claim, now: DateTime<Utc>) -> anyhow::Result<claim::ActiveModel> {
    let facts = &claim.facts;
    let outcome = claim.decision.as_ref().map(|decision| &decision.outcome);
    let flagged_on = |flag| claim.flags.get(&flag).copied();
    Ok(claim::ActiveModel {
        state: Set(claim.state.as_str().to_owned()),
        version: Set(claim.version),
        offence_type: Set(facts.offence_type.to_string()),
        crime_date: Set(facts.crime_date),
        applicant_kind: Set(facts.applicant_kind.to_string()),
        applicant_name: Set(facts.applicant_name.expose().to_owned()),
        victim_name: Set(facts.victim_name.expose().to_owned()),
        victim_birth_date: Set(facts.victim_birth_date),
        victim_address: Set(facts
            .victim_address
            .as_ref()
            .map(|text| text.expose().to_owned())),
        victim_gender: Set(facts.victim_gender.map(|gender| gender.to_string())),
        protected_identity: Set(facts.protected_identity),
        trafficking_identified_on: Set(facts.trafficking_identified_on),
        crime_discovered_on: Set(facts.crime_discovered_on),
        reported_to_police: Set(facts.reported_to_police),
        language: Set(facts.language.to_string()),
        claimed_losses: Set(losses_to_column(&facts.claimed_losses)?),
        bank_account_holder: Set(facts
            .bank_account
            .as_ref()
            .map(|account| account.holder.expose().to_owned())),
        bank_account_iban: Set(facts
            .bank_account
            .as_ref()
            .map(|account| account.iban.to_string())),
        consent_given: Set(facts.consent_given),
        representative_id: Set(claim.representative.map(|user| user.0)),
        lodged_on: Set(claim.lodged_on),
        filing_extension_reason: Set(claim.filing_extension_reason.clone()),
        filing_deadline: Set(claim.deadlines.filing),
        evidence_due: Set(claim.deadlines.evidence_due),
        decision_due: Set(claim.deadlines.decision_due),
        appeal_due: Set(claim.deadlines.appeal_due),
        payment_due: Set(claim.deadlines.payment_due),
        proposed_award_minor: Set(claim.proposed_award.map(|money| money.minor_units())),
        review_round: Set(claim.review_round),
        interim_awarded_minor: Set(claim.interim_awarded.minor_units()),
        assessment: Set(claim.assessment.as_ref().map(canonical_json).transpose()?),
        calculation: Set(claim.calculation.as_ref().map(canonical_json).transpose()?),
        decision_outcome: Set(outcome.map(|outcome| outcome.kind().to_string())),
        decision_award_minor: Set(outcome
            .and_then(Outcome::award)
            .map(|money| money.minor_units())),
        decision_reason: Set(outcome.and_then(|outcome| match outcome {
            Outcome::Inadmissible { reason } => Some(reason.clone()),
            Outcome::Award(_) | Outcome::Rejected => None,
        })),
        decided_on: Set(claim.decision.as_ref().map(|decision| decision.decided_on)),
        evidence_overdue_flagged_on: Set(flagged_on(OverdueFlag::EvidenceOverdue)),
        decision_overdue_flagged_on: Set(flagged_on(OverdueFlag::DecisionOverdue)),
        payment_overdue_flagged_on: Set(flagged_on(OverdueFlag::PaymentOverdue)),
        updated_at: Set(now),
        ..Default::default()
    })
}
