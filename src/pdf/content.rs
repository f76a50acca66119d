//! What a decision or letter says, as plain data, so that the same content renders to the same
//! document whenever it is rendered.
//!
//! A decision's content is frozen when it is decided and kept as RFC 8785 canonical JSON, so it
//! is plain serde data: amounts as decimal strings (`"4245.00"`) in one currency, dates as ISO
//! dates. What reads differently in each language is kept as a key (heads, offence, appeal body)
//! or as data, and worded from the jurisdiction's texts when rendered, so one decision renders
//! in each of its languages; a corrected translation then changes a re-rendered copy, so keep
//! the issued bytes (or their hash) with the decision. Free text (findings, reasons,
//! explanations, dissent) is shown as written and must not name a protected victim: only the
//! name fields are masked.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::OffenceType;
use crate::domain::award::{Calculation, Deductions, Explanation};
use crate::domain::claim::DocumentKind;
use crate::domain::money::Currency;
use crate::domain::rules::JurisdictionId;

/// Who a copy is for. A protected identity's names appear in full only on the applicant's copy
/// (served on them or their representative); every other copy shows initials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recipient {
    Applicant,
    /// A copy for wider circulation: the case file, finance, a court, publication.
    Circulation,
}

/// The people a document names, and whether the victim's identity is protected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parties {
    pub applicant_name: String,
    pub representative_name: Option<String>,
    /// Shown on decisions; letters go to the applicant and do not repeat it.
    pub victim_name: String,
    pub identity_protected: bool,
}

/// The frozen content of one decision (one version of it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionContent {
    /// The claim reference and the decision's version, such as `KS-2026-000004/1`.
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub claim_reference: String,
    pub jurisdiction: JurisdictionId,
    /// The currency of every amount in the decision.
    pub currency: Currency,
    pub parties: Parties,
    pub offence_type: OffenceType,
    pub facts: FactsFound,
    pub outcome: DecisionOutcome,
    /// Absent where no award was calculated (inadmissibility).
    pub calculation: Option<CalculationTable>,
    /// Absent where the commission did not vote (inadmissibility declared by the secretariat).
    pub vote: Option<VoteRecord>,
    pub appeal: AppealRoute,
    /// Who signs: the chair, for the commission.
    pub chair_name: String,
    pub verification: Verification,
}

/// The facts the decision rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactsFound {
    pub lodged_on: NaiveDate,
    pub crime_date: NaiveDate,
    /// Further findings in the decision's language, one sentence each.
    pub findings: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DecisionOutcome {
    /// The whole amount claimed, or all the schedule allows.
    Award {
        amount: String,
    },
    /// Part of what was claimed.
    PartialAward {
        amount: String,
    },
    Rejected {
        reason: Option<String>,
    },
    Inadmissible {
        reason: String,
    },
}

/// The calculation as the decision shows it, from `award::Calculation`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalculationTable {
    /// Such as `kosovo/2017-01-01`.
    pub schedule_version: String,
    pub lines: Vec<CalculationLine>,
    pub gross: String,
    /// Gross after the award's overall minimum and maximum; with the explanation when they
    /// changed it.
    pub limited: String,
    pub limit_explanation: Option<Explanation>,
    /// Whether offsets and the reduction came off before the limits (Kosovo, California) or
    /// after (UK): the rows are shown in the order they were applied.
    pub deductions_before_limits: bool,
    pub offsets: String,
    pub reduction: String,
    pub interim_deducted: String,
    pub total: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalculationLine {
    /// The schedule's head id; its label is the text `head-<id>`.
    pub head: String,
    pub claimed: String,
    pub allowed: String,
    /// The rule that applied, worded in the document's language when it is rendered.
    pub explanation: Explanation,
}

impl CalculationTable {
    /// The table of a calculation made under a schedule that deducts as `deductions` says.
    pub fn from_calculation(calculation: &Calculation, deductions: Deductions) -> Self {
        let amount = |money: crate::domain::money::Money| money.amount().to_string();
        CalculationTable {
            schedule_version: calculation.schedule_version.clone(),
            lines: calculation
                .lines
                .iter()
                .map(|line| CalculationLine {
                    head: line.head.clone(),
                    claimed: amount(line.claimed),
                    allowed: amount(line.allowed),
                    explanation: line.explanation.clone(),
                })
                .collect(),
            gross: amount(calculation.gross),
            limited: amount(calculation.limited),
            limit_explanation: calculation.limit_explanation.clone(),
            deductions_before_limits: deductions == Deductions::BeforeLimits,
            offsets: amount(calculation.offsets),
            reduction: amount(calculation.reduction),
            interim_deducted: amount(calculation.interim_deducted),
            total: amount(calculation.total),
        }
    }
}

/// How the commission voted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRecord {
    pub members_present: u32,
    pub recusals: u32,
    pub approve: u32,
    pub reject: u32,
    /// Dissenting opinions the members chose to publish.
    pub dissent_notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRoute {
    /// The text key of the body to appeal to, such as `appeal-body-court`.
    pub body: String,
    /// The last day an appeal may be lodged.
    pub last_day: NaiveDate,
}

/// How a reader checks that a printed decision is authentic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub code: String,
    /// Encoded in the QR code and printed beside it.
    pub url: String,
}

/// A letter to the applicant about their claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterContent {
    pub claim_reference: String,
    pub jurisdiction: JurisdictionId,
    pub dated_on: NaiveDate,
    pub applicant_name: String,
    pub representative_name: Option<String>,
    pub identity_protected: bool,
    pub letter: Letter,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Letter {
    /// The application was lodged.
    Receipt { lodged_on: NaiveDate },
    /// The secretariat needs these documents by the due date.
    EvidenceRequest {
        items: Vec<DocumentKind>,
        due_on: NaiveDate,
    },
    InterimAward {
        amount: String,
        currency: Currency,
        granted_on: NaiveDate,
    },
    PaymentNotice {
        amount: String,
        /// What has been paid with this payment, interim awards included.
        paid_so_far: String,
        award: String,
        currency: Currency,
        paid_on: NaiveDate,
    },
}
