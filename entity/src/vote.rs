//! Commission members' votes, one per member and review round.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "votes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub review_round: i32,
    pub member_id: i64,
    pub choice: String,
    pub amended_amount_minor: Option<i64>,
    pub by_chair: bool,
    /// The member's reasons, in their words (optional).
    pub note: Option<String>,
    pub cast_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
