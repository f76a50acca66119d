//! Letters to the applicant: drafted by the change that causes them (submission, a request for
//! evidence, an interim award), frozen as canonical JSON in its transaction, and rendered as PDF
//! from that content alone.

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::claims::Record;
use super::{ServiceError, Services};
use crate::domain::claim::Language;
use crate::domain::money::Money;
use crate::domain::workflow::ActionInput;
use crate::domain::{Actor, Claim, ClaimAction, ClaimId};
use crate::pdf::content::{Letter, LetterContent};
use crate::store;
use crate::store::letters::IssuedLetter;

/// The letter a workflow action sends, if it sends one: a receipt on submission, the list of
/// documents on a request for evidence.
pub(super) fn for_action(
    action: ClaimAction,
    after: &Claim,
    input: &ActionInput,
    today: NaiveDate,
) -> Option<Record> {
    let letter = match action {
        ClaimAction::Submit => Letter::Receipt {
            lodged_on: after.lodged_on?,
        },
        ClaimAction::RequestEvidence => Letter::EvidenceRequest {
            items: input.requested_documents.iter().copied().collect(),
            due_on: after.deadlines.evidence_due?,
        },
        _ => return None,
    };
    Some(record(after, letter, today))
}

/// The notice of an interim award granted today.
pub(super) fn interim_award(after: &Claim, amount: Money, today: NaiveDate) -> Record {
    let letter = Letter::InterimAward {
        amount: amount.amount().to_string(),
        currency: amount.currency(),
        granted_on: today,
    };
    record(after, letter, today)
}

/// The notice of a payment the bank made on `paid_on`: its amount, what has been paid so far
/// (interim awards included) and the award; dated today.
pub(super) fn payment_notice(
    claim: &Claim,
    (amount, paid_so_far, award): (Money, Money, Money),
    (paid_on, today): (NaiveDate, NaiveDate),
) -> Record {
    let letter = Letter::PaymentNotice {
        amount: amount.amount().to_string(),
        paid_so_far: paid_so_far.amount().to_string(),
        award: award.amount().to_string(),
        currency: amount.currency(),
        paid_on,
    };
    record(claim, letter, today)
}

fn record(claim: &Claim, letter: Letter, dated_on: NaiveDate) -> Record {
    Record::Letter(Box::new(LetterContent {
        claim_reference: claim.reference.to_string(),
        jurisdiction: claim.jurisdiction.clone(),
        dated_on,
        applicant_name: claim.facts.applicant_name.expose().to_owned(),
        // Letters go to the applicant; their representative receives them on file.
        representative_name: None,
        identity_protected: claim.facts.protected_identity,
        letter,
    }))
}

/// The stored form of a drafted letter.
pub(super) fn issue(content: &LetterContent, now: DateTime<Utc>) -> anyhow::Result<IssuedLetter> {
    let canonical = serde_jcs::to_string(content)?;
    let kind = match content.letter {
        Letter::Receipt { .. } => "receipt",
        Letter::EvidenceRequest { .. } => "evidence_request",
        Letter::InterimAward { .. } => "interim_award",
        Letter::PaymentNotice { .. } => "payment_notice",
    };
    Ok(IssuedLetter {
        sequence: 0,
        kind: kind.to_owned(),
        dated_on: content.dated_on,
        content_sha256: hex::encode(Sha256::digest(canonical.as_bytes())),
        content: canonical,
        issued_at: now,
    })
}

impl Services {
    pub async fn letters(
        &self,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<Vec<IssuedLetter>, ServiceError> {
        self.claim(actor, id).await?;
        Ok(store::letters::for_claim(self.database(), id).await?)
    }

    /// A letter as PDF, copied for the caller as decisions are.
    pub async fn letter_document(
        &self,
        actor: &Actor,
        id: ClaimId,
        (sequence, language): (i32, Option<Language>),
    ) -> Result<Vec<u8>, ServiceError> {
        let claim = self.claim(actor, id).await?;
        let language = language.unwrap_or(claim.facts.language);
        let issued = store::letters::for_claim(self.database(), id)
            .await?
            .into_iter()
            .find(|letter| letter.sequence == sequence)
            .ok_or(ServiceError::NotFound("letter"))?;
        let recipient = self.copy_for(actor, &claim).await?;
        self.render_stored::<LetterContent>(issued.content, language, recipient)
            .await
    }
}
