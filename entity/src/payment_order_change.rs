//! The append-only history of each payment order's state.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_order_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub order_id: i64,
    pub sequence: i64,
    pub state: String,
    pub actor_user_id: Option<i64>,
    pub batch_id: Option<i64>,
    pub bank_reference: Option<String>,
    pub settled_on: Option<Date>,
    pub reason: Option<String>,
    pub occurred_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
