//! People who sign in: lawyers, the secretariat, commission members, finance staff.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub username: String,
    /// The name printed on documents the user signs or is named in; personal data, never
    /// logged. `None` only for accounts created before full names were kept.
    pub full_name: Option<String>,
    /// Where e-mail notices go; personal data, never logged. `None` until set.
    pub email: Option<String>,
    /// An argon2id PHC string; the password itself is never stored.
    pub password_hash: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
