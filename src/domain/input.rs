//! The input an action may carry: a reason, an evidence request, an amount, an appeal outcome.
//! Each row of the workflow table names the fields it requires.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use strum::IntoEnumIterator;

use std::collections::BTreeSet;

use super::claim::DocumentKind;
use super::workflow::ClaimAction;

named_enum! {
    pub enum AppealOutcome {
        /// The decision stands.
        Upheld,
        /// A new decision with a different award replaces it.
        Varied,
        /// The claim goes back for a new assessment.
        Remitted,
    }
}

/// The optional body of an action; each row says which fields it requires.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActionInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_due: Option<NaiveDate>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub requested_documents: BTreeSet<DocumentKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal_outcome: Option<AppealOutcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub varied_award: Option<Decimal>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub appeal_waived: bool,
}

named_enum! {
    /// An input field a row requires to be present.
    pub enum InputField {
        Reason,
        EvidenceDue,
        RequestedDocuments,
        AppealOutcome,
        VariedAward,
        AppealWaived,
    }
}

impl InputField {
    /// Whether the input carries this field (a blank reason counts as absent).
    pub fn is_present(self, input: &ActionInput) -> bool {
        match self {
            InputField::Reason => input
                .reason
                .as_deref()
                .is_some_and(|text| !text.trim().is_empty()),
            InputField::EvidenceDue => input.evidence_due.is_some(),
            InputField::RequestedDocuments => !input.requested_documents.is_empty(),
            InputField::AppealOutcome => input.appeal_outcome.is_some(),
            InputField::VariedAward => input.varied_award.is_some(),
            InputField::AppealWaived => input.appeal_waived,
        }
    }
}

/// The fields an action makes use of. Anything else is refused rather than silently recorded
/// in the audit trail as if it had mattered.
pub fn accepted_fields(action: ClaimAction) -> &'static [InputField] {
    use InputField as F;
    match action {
        ClaimAction::DeclareInadmissible
        | ClaimAction::ReturnForAssessment
        | ClaimAction::Appeal
        | ClaimAction::Withdraw
        | ClaimAction::Reopen => &[F::Reason],
        ClaimAction::RequestEvidence => &[F::RequestedDocuments, F::EvidenceDue],
        ClaimAction::RecordAppealOutcome => &[F::AppealOutcome, F::VariedAward],
        ClaimAction::Finalize => &[F::AppealWaived],
        ClaimAction::Create
        | ClaimAction::Submit
        | ClaimAction::ProposeAward
        | ClaimAction::AcceptForAssessment
        | ClaimAction::CompleteEvidence
        | ClaimAction::EvidenceDeadlinePassed
        | ClaimAction::Decide
        | ClaimAction::StartPayout
        | ClaimAction::MarkPaid
        | ClaimAction::Close => &[],
    }
}

/// The first field present in `input` that `action` does not use.
pub fn unused_field(action: ClaimAction, input: &ActionInput) -> Option<InputField> {
    let accepted = accepted_fields(action);
    InputField::iter().find(|field| field.is_present(input) && !accepted.contains(field))
}
