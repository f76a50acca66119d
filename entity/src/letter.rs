//! A letter to the applicant, its content frozen as canonical JSON.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    /// 1, 2, ... in the order the claim's letters were issued.
    pub sequence: i32,
    /// `receipt`, `evidence_request`, `interim_award` or `payment_notice`.
    pub kind: String,
    pub dated_on: Date,
    /// RFC 8785 canonical JSON of `redress::pdf::content::LetterContent`.
    pub content: String,
    pub content_sha256: String,
    pub issued_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
