//! One issued version of a claim's decision, its content frozen as canonical JSON.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    /// 1 for the first decision; an appeal's outcome issues the next.
    pub version: i32,
    /// The claim reference and the version, such as `KS-2026-000004/1`.
    pub number: String,
    pub decided_on: Date,
    pub outcome: String,
    /// RFC 8785 canonical JSON of `redress::pdf::DecisionContent`.
    pub content: String,
    pub content_sha256: String,
    #[sea_orm(unique)]
    pub verification_code: String,
    /// The version this one replaces after an appeal.
    pub supersedes: Option<i32>,
    pub issued_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
