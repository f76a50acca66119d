//! Decisions as documents: when a claim is decided (or an appeal's outcome recorded), its
//! decision's content is frozen as canonical JSON in the same transaction, and every PDF is
//! rendered from that content alone, so the same version and language always give the same
//! bytes and a printed copy can be checked against its verification code.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{ServiceError, Services};
use crate::domain::access::may_see_identity;
use crate::domain::award::{Deductions, Explanation, Schedule};
use crate::domain::claim::{Language, Outcome};
use crate::domain::rules::{JurisdictionId, JurisdictionRules};
use crate::domain::votes::{Ballot, VoteChoice};
use crate::domain::{Actor, Claim, ClaimAction, ClaimId};
use crate::forms::Jurisdictions;
use crate::pdf::PdfError;
use crate::pdf::content::{
    AppealRoute, CalculationLine, CalculationTable, DecisionContent, DecisionOutcome, FactsFound,
    LetterContent, Parties, Recipient, Verification, VoteRecord,
};
use crate::store;
use crate::store::decisions::IssuedDecision;
use crate::store::users::UserSummary;

/// The actions that issue a decision version when they leave the claim with a decision.
pub(super) const ISSUING_ACTIONS: [ClaimAction; 3] = [
    ClaimAction::Decide,
    ClaimAction::DeclareInadmissible,
    ClaimAction::RecordAppealOutcome,
];

/// The names a decision prints that the claim does not hold: its representative's and its
/// signatory's (the user who decides), as their accounts name them (see `printed_name`).
#[derive(Clone, Debug, Default)]
pub(super) struct Signatures {
    pub(super) representative: Option<String>,
    pub(super) signatory: String,
}

/// The name a document prints for a user: their full name. Accounts created before full names
/// were kept have none until an administrator adds it; a legal act must still name its
/// signatory, so they are named by their username meanwhile.
pub(super) fn printed_name(user: &UserSummary) -> String {
    match &user.full_name {
        Some(full_name) => full_name.expose().to_owned(),
        None => user.username.clone(),
    }
}

/// Builds the content of the decision the claim now carries: everything but its number and
/// verification, which depend on the version the store gives it (see `issue`).
pub(super) fn draft(
    claim: &Claim,
    (rules, schedules): (&JurisdictionRules, &[Schedule]),
    ballot: &Ballot,
    signatures: &Signatures,
) -> Option<DecisionContent> {
    let decision = claim.decision.as_ref()?;
    let calculation = claim
        .calculation
        .as_ref()
        .filter(|_| !matches!(decision.outcome, Outcome::Inadmissible { .. }))
        .and_then(|stored| table(stored, schedules));
    let claimed_total = calculation.as_ref().map(claimed_total);
    let outcome = match &decision.outcome {
        Outcome::Award(award) if claimed_total.is_some_and(|claimed| award.amount() < claimed) => {
            DecisionOutcome::PartialAward {
                amount: award.amount().to_string(),
            }
        }
        Outcome::Award(award) => DecisionOutcome::Award {
            amount: award.amount().to_string(),
        },
        Outcome::Rejected => DecisionOutcome::Rejected { reason: None },
        Outcome::Inadmissible { reason } => DecisionOutcome::Inadmissible {
            reason: reason.clone(),
        },
    };
    let content = DecisionContent {
        decision_number: String::new(),
        decided_on: decision.decided_on,
        claim_reference: claim.reference.to_string(),
        jurisdiction: claim.jurisdiction.clone(),
        currency: rules.currency,
        parties: Parties {
            applicant_name: claim.facts.applicant_name.expose().to_owned(),
            representative_name: signatures.representative.clone(),
            victim_name: claim.facts.victim_name.expose().to_owned(),
            identity_protected: claim.facts.protected_identity,
        },
        offence_type: claim.facts.offence_type,
        facts: FactsFound {
            lodged_on: claim.lodged_on.unwrap_or(decision.decided_on),
            crime_date: claim.facts.crime_date,
            findings: Vec::new(),
        },
        outcome,
        calculation,
        vote: vote_record(ballot, rules.commission.publish_dissents),
        appeal: AppealRoute {
            body: format!("{}{}", crate::texts::APPEAL_BODY_PREFIX, rules.appeal_body),
            last_day: claim.deadlines.appeal_due.unwrap_or(decision.decided_on),
        },
        chair_name: signatures.signatory.clone(),
        verification: Verification {
            code: String::new(),
            url: String::new(),
        },
    };
    Some(content)
}

/// The calculation as stored with the claim (its canonical JSON), as the decision's table.
fn table(stored: &serde_json::Value, schedules: &[Schedule]) -> Option<CalculationTable> {
    #[derive(Deserialize)]
    struct StoredLine {
        head: String,
        claimed: String,
        allowed: String,
        explanation: Explanation,
    }
    #[derive(Deserialize)]
    struct Stored {
        schedule_version: String,
        lines: Vec<StoredLine>,
        gross: String,
        limited: String,
        limit_explanation: Option<Explanation>,
        offsets: String,
        reduction: String,
        interim_deducted: String,
        total: String,
    }
    let stored = Stored::deserialize(stored).ok()?;
    let deductions = schedules
        .iter()
        .find(|schedule| schedule.version == stored.schedule_version)
        .map_or(Deductions::FromAward, |schedule| schedule.deductions);
    Some(CalculationTable {
        schedule_version: stored.schedule_version,
        lines: stored
            .lines
            .into_iter()
            .map(|line| CalculationLine {
                head: line.head,
                claimed: line.claimed,
                allowed: line.allowed,
                explanation: line.explanation,
            })
            .collect(),
        gross: stored.gross,
        limited: stored.limited,
        limit_explanation: stored.limit_explanation,
        deductions_before_limits: deductions == Deductions::BeforeLimits,
        offsets: stored.offsets,
        reduction: stored.reduction,
        interim_deducted: stored.interim_deducted,
        total: stored.total,
    })
}

fn claimed_total(table: &CalculationTable) -> rust_decimal::Decimal {
    table
        .lines
        .iter()
        .filter_map(|line| line.claimed.parse::<rust_decimal::Decimal>().ok())
        .sum()
}

/// How the commission voted; `None` where it did not (inadmissibility). The notes of those
/// who voted against an award are printed where the rules publish dissents; other notes are the
/// members' deliberation and stay with the votes.
fn vote_record(ballot: &Ballot, publish_dissents: bool) -> Option<VoteRecord> {
    if ballot.votes.is_empty() {
        return None;
    }
    let rejecting = |choice: &VoteChoice| matches!(choice, VoteChoice::Reject);
    let count = |reject: bool| {
        let matching = ballot
            .votes
            .iter()
            .filter(|vote| rejecting(&vote.choice) == reject);
        u32::try_from(matching.count()).unwrap_or(u32::MAX)
    };
    Some(VoteRecord {
        members_present: u32::try_from(ballot.votes.len()).unwrap_or(u32::MAX),
        recusals: u32::try_from(ballot.recusals.len()).unwrap_or(u32::MAX),
        approve: count(false),
        reject: count(true),
        dissent_notes: ballot
            .votes
            .iter()
            .filter(|vote| publish_dissents && rejecting(&vote.choice))
            .filter_map(|vote| vote.note.clone())
            .collect(),
    })
}

/// Gives a drafted decision its number and verification, as version `version` of the claim's
/// decisions, and the row that keeps it. The verification code is taken from the SHA-256 of
/// the canonical content with the verification left blank, so that printing the code does not
/// change what it verifies.
pub(super) fn issue(
    (claim_id, draft): (ClaimId, &DecisionContent),
    (version, supersedes): (i32, Option<i32>),
    public_url: &str,
    issued_at: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<IssuedDecision> {
    let mut content = draft.clone();
    content.decision_number = format!("{}/{version}", content.claim_reference);
    let unsigned = serde_jcs::to_string(&content)?;
    let code = verification_code(&Sha256::digest(unsigned.as_bytes()));
    content.verification = Verification {
        url: format!("{public_url}/api/v1/verify/{code}"),
        code: code.clone(),
    };
    let canonical = serde_jcs::to_string(&content)?;
    Ok(IssuedDecision {
        claim_id,
        version,
        number: content.decision_number.clone(),
        decided_on: content.decided_on,
        outcome: outcome_name(&content.outcome).to_owned(),
        content_sha256: hex::encode(Sha256::digest(canonical.as_bytes())),
        content: canonical,
        verification_code: code,
        supersedes,
        issued_at,
    })
}

/// Sixteen hexadecimal digits (64 bits of the hash) in groups of four, easy to read aloud.
fn verification_code(hash: &[u8]) -> String {
    let digits = hex::encode_upper(&hash[..8]);
    let groups: Vec<&str> = (0..4)
        .map(|group| &digits[group * 4..group * 4 + 4])
        .collect();
    groups.join("-")
}

fn outcome_name(outcome: &DecisionOutcome) -> &'static str {
    match outcome {
        DecisionOutcome::Award { .. } => "award",
        DecisionOutcome::PartialAward { .. } => "partial_award",
        DecisionOutcome::Rejected { .. } => "rejected",
        DecisionOutcome::Inadmissible { .. } => "inadmissible",
    }
}

/// A decision's public record: what the verification endpoint may tell anyone.
pub struct VerifiedDecision {
    pub number: String,
    pub decided_on: chrono::NaiveDate,
    pub outcome: String,
    /// Each language's copies and their SHA-256: the applicant's and the one for circulation.
    pub documents: Vec<(Language, &'static str, String)>,
}

impl Services {
    /// The claim's decision versions, oldest first.
    pub async fn decisions(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<Vec<IssuedDecision>, ServiceError> {
        self.claim(actor, id).await?;
        Ok(store::decisions::for_claim(self.database(), id).await?)
    }

    /// A decision version as PDF in `language` (the applicant's when absent): the applicant's
    /// copy for those who may see the protected identity (the read is logged), the circulation
    /// copy for everyone else.
    pub async fn decision_document(
        &self,
        actor: &Actor,
        id: ClaimId,
        (version, language): (i32, Option<Language>),
    ) -> Result<Vec<u8>, ServiceError> {
        let claim = self.claim(actor, id).await?;
        let language = language.unwrap_or(claim.facts.language);
        let issued = store::decisions::for_claim(self.database(), id)
            .await?
            .into_iter()
            .find(|decision| decision.version == version)
            .ok_or(ServiceError::NotFound("decision"))?;
        let recipient = self.copy_for(actor, &claim).await?;
        self.render_decision(issued.content, language, recipient)
            .await
    }

    /// Renders a stored decision for `recipient` in `language`.
    pub async fn render_decision(
        &self,
        content: String,
        language: Language,
        recipient: Recipient,
    ) -> Result<Vec<u8>, ServiceError> {
        self.render_stored::<DecisionContent>(content, language, recipient)
            .await
    }

    /// Renders stored canonical content off the async runtime (a document takes milliseconds
    /// of CPU), in a language its jurisdiction serves.
    pub(super) async fn render_stored<T: StoredDocument>(
        &self,
        content: String,
        language: Language,
        recipient: Recipient,
    ) -> Result<Vec<u8>, ServiceError> {
        let jurisdictions = self.jurisdictions.clone();
        tokio::task::spawn_blocking(move || {
            let content: T = serde_json::from_str(&content)?;
            let jurisdiction = content.jurisdiction();
            if !jurisdictions
                .get(jurisdiction)
                .is_some_and(|rules| rules.languages.contains(&language))
            {
                return Ok(Err(ServiceError::Invalid {
                    field: "lang",
                    reason: format!("is not a language of {jurisdiction}"),
                }));
            }
            anyhow::Ok(Ok(content.render(&jurisdictions, language, recipient)?))
        })
        .await
        .map_err(anyhow::Error::from)?
        .map_err(ServiceError::from)?
    }

    /// The copy `actor` is given of a claim's document: the applicant's, with a protected
    /// identity in full, to those who may see it (the read is logged); the one with initials
    /// to everyone else.
    pub(super) async fn copy_for(
        &self,
        actor: &Actor,
        claim: &Claim,
    ) -> Result<Recipient, ServiceError> {
        if may_see_identity(actor, claim) {
            self.record_identity_read(actor, claim).await?;
            Ok(Recipient::Applicant)
        } else {
            Ok(Recipient::Circulation)
        }
    }

    /// A stored decision of the claim `reference` (its latest version when `version` is
    /// absent) rendered for the operator at the command line, who holds the database itself.
    pub async fn render_stored_decision(
        &self,
        reference: &str,
        version: Option<i32>,
        (language, recipient): (Language, Recipient),
    ) -> Result<Vec<u8>, ServiceError> {
        let id = store::claims::id_by_reference(self.database(), reference)
            .await?
            .ok_or(ServiceError::NotFound("claim"))?;
        let issued = store::decisions::for_claim(self.database(), id)
            .await?
            .into_iter()
            .rfind(|decision| version.is_none_or(|version| decision.version == version))
            .ok_or(ServiceError::NotFound("decision"))?;
        self.render_decision(issued.content, language, recipient)
            .await
    }

    /// What anyone may learn of a decision from the code printed on it; nothing personal.
    pub async fn verify_decision(&self, code: &str) -> Result<VerifiedDecision, ServiceError> {
        let issued = store::decisions::by_verification_code(self.database(), code)
            .await?
            .ok_or(ServiceError::NotFound("decision"))?;
        let content: DecisionContent =
            serde_json::from_str(&issued.content).map_err(anyhow::Error::from)?;
        let languages = self
            .jurisdictions
            .get(&content.jurisdiction)
            .map(|rules| rules.languages.clone())
            .unwrap_or_default();
        let mut documents = Vec::new();
        for language in languages {
            for (name, recipient) in [
                ("applicant", Recipient::Applicant),
                ("circulation", Recipient::Circulation),
            ] {
                let bytes = self
                    .render_decision(issued.content.clone(), language, recipient)
                    .await?;
                documents.push((language, name, hex::encode(Sha256::digest(&bytes))));
            }
        }
        Ok(VerifiedDecision {
            number: issued.number,
            decided_on: issued.decided_on,
            outcome: issued.outcome,
            documents,
        })
    }
}

/// Stored document content that renders itself: decisions and letters.
pub(super) trait StoredDocument: serde::de::DeserializeOwned + Send + 'static {
    fn jurisdiction(&self) -> &JurisdictionId;
    fn render(
        &self,
        jurisdictions: &Jurisdictions,
        language: Language,
        recipient: Recipient,
    ) -> Result<Vec<u8>, PdfError>;
}

impl StoredDocument for DecisionContent {
    fn jurisdiction(&self) -> &JurisdictionId {
        &self.jurisdiction
    }

    fn render(
        &self,
        jurisdictions: &Jurisdictions,
        language: Language,
        recipient: Recipient,
    ) -> Result<Vec<u8>, PdfError> {
        crate::pdf::render_decision(jurisdictions, self, language, recipient)
    }
}

impl StoredDocument for LetterContent {
    fn jurisdiction(&self) -> &JurisdictionId {
        &self.jurisdiction
    }

    fn render(
        &self,
        jurisdictions: &Jurisdictions,
        language: Language,
        recipient: Recipient,
    ) -> Result<Vec<u8>, PdfError> {
        crate::pdf::render_letter(jurisdictions, self, language, recipient)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;
    use crate::domain::votes::Vote;

    fn ballot() -> Ballot {
        let vote = |member: i64, choice: VoteChoice, note: Option<&str>| Vote {
            member: UserId(member),
            choice,
            by_chair: false,
            note: note.map(str::to_owned),
        };
        Ballot {
            votes: vec![
                vote(1, VoteChoice::Approve, Some("a sound claim")),
                vote(2, VoteChoice::Reject, Some("the loss is not shown")),
                vote(3, VoteChoice::Approve, None),
            ],
            recusals: vec![UserId(4)],
        }
    }

    #[test]
    fn the_vote_is_counted_and_dissents_are_printed_only_where_the_rules_publish_them() {
        let unpublished = vote_record(&ballot(), false).unwrap();
        assert_eq!((unpublished.members_present, unpublished.recusals), (3, 1));
        assert_eq!((unpublished.approve, unpublished.reject), (2, 1));
        assert!(unpublished.dissent_notes.is_empty());
        let published = vote_record(&ballot(), true).unwrap();
        assert_eq!(published.dissent_notes, ["the loss is not shown"]);
        assert_eq!(vote_record(&Ballot::default(), true), None);
    }

    fn account(full_name: Option<&str>) -> UserSummary {
        UserSummary {
            id: UserId(6),
            username: "chair".to_owned(),
            full_name: full_name.map(|name| crate::domain::FullName::parse(name).unwrap()),
            email: None,
            roles: [crate::domain::Role::Chair].into(),
            active: true,
            created_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_user_is_printed_by_full_name_and_by_username_only_where_the_account_has_none() {
        assert_eq!(printed_name(&account(Some("Arbër Gashi"))), "Arbër Gashi");
        assert_eq!(printed_name(&account(None)), "chair");
    }

    #[test]
    fn a_verification_code_is_sixteen_hex_digits_in_groups_of_four() {
        let code = verification_code(&Sha256::digest(b"content"));
        assert_eq!(code.len(), 19);
        assert_eq!(code.split('-').count(), 4);
    }
}
