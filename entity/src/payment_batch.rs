//! Bank batches: approved orders of one currency sent to the bank together.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_batches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub currency: String,
    pub requested_execution_date: Date,
    pub order_count: i32,
    pub total_minor: i64,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
