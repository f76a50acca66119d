//! Payment orders: what finance pays from a claim's award, to whom and into which account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub claim_id: i64,
    pub payee_kind: String,
    pub payee_name: String,
    pub iban: String,
    pub bic: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub reference: String,
    pub due_on: Option<Date>,
    pub reissue_of: Option<i64>,
    pub prepared_by: i64,
    pub prepared_at: DateTimeUtc,
    pub state: String,
    pub version: i64,
    pub approved_by: Option<i64>,
    pub batch_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
