//! Claims: typed core fields, deadlines and the decision; the version guards concurrent updates.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "claims")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub reference: String,
    pub jurisdiction: String,
    pub reference_year: i32,
    pub reference_number: i32,
    pub state: String,
    pub version: i64,
    pub offence_type: String,
    pub crime_date: Date,
    pub applicant_kind: String,
    pub applicant_name: String,
    pub victim_name: String,
    pub victim_birth_date: Option<Date>,
    pub victim_address: Option<String>,
    /// `female`, `male` or `other`; absent when not recorded.
    pub victim_gender: Option<String>,
    pub protected_identity: bool,
    pub trafficking_identified_on: Option<Date>,
    pub crime_discovered_on: Option<Date>,
    pub reported_to_police: bool,
    pub language: String,
    pub currency: String,
    pub created_by: Option<i64>,
    pub representative_id: Option<i64>,
    pub lodged_on: Option<Date>,
    pub filing_extension_reason: Option<String>,
    pub filing_deadline: Option<Date>,
    pub evidence_due: Option<Date>,
    pub decision_due: Option<Date>,
    pub appeal_due: Option<Date>,
    pub payment_due: Option<Date>,
    pub proposed_award_minor: Option<i64>,
    pub review_round: i32,
    pub interim_awarded_minor: i64,
    /// The rapporteur's assessment: canonical JSON of the calculator's input facts.
    pub assessment: Option<String>,
    /// The calculation behind the proposed award, as canonical JSON.
    pub calculation: Option<String>,
    pub decision_outcome: Option<String>,
    pub decision_award_minor: Option<i64>,
    pub decision_reason: Option<String>,
    pub decided_on: Option<Date>,
    /// The days the scheduler flagged each overrun deadline.
    pub evidence_overdue_flagged_on: Option<Date>,
    pub decision_overdue_flagged_on: Option<Date>,
    pub payment_overdue_flagged_on: Option<Date>,
    /// The hash of the claim's last audit event: the head of its chain.
    pub audit_head: String,
    /// The losses the applicant claims, as JSON: head, amount in minor units, details.
    pub claimed_losses: String,
    pub bank_account_holder: Option<String>,
    /// Electronic format, as `Iban` keeps it.
    pub bank_account_iban: Option<String>,
    pub consent_given: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
