//! Interim awards granted on a claim, deducted from the final award.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interim_awards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub amount_minor: i64,
    pub currency: String,
    pub reason: String,
    pub granted_by: Option<i64>,
    pub granted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
