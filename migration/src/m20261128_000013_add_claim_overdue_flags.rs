//! Overdue flags: the day the scheduler flagged each deadline a claim overran, so the secretariat,
//! the chair and finance see which claims need a person. Nullable: a claim on time has none.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One column a statement: SQLite alters a table one column at a time.
const FLAG_COLUMNS: [Claims; 3] = [
    Claims::EvidenceOverdueFlaggedOn,
    Claims::DecisionOverdueFlaggedOn,
    Claims::PaymentOverdueFlaggedOn,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in FLAG_COLUMNS {
            let alter = Table::alter()
                .table(Claims::Table)
                .add_column(date_null(column))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in FLAG_COLUMNS {
            let alter = Table::alter()
                .table(Claims::Table)
                .drop_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Claims {
    Table,
    EvidenceOverdueFlaggedOn,
    DecisionOverdueFlaggedOn,
    PaymentOverdueFlaggedOn,
}
