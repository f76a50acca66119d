//! What an application asks for beyond the crime's facts: the losses claimed (JSON, as the
//! assessment is), the account to pay into, and the applicant's consent. Existing claims get
//! none of them; only a draft still to be submitted needs them.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// One column per statement: SQLite alters a table one column at a time.
fn columns() -> Vec<ColumnDef> {
    vec![
        text(Claims::ClaimedLosses).default("[]").to_owned(),
        text_null(Claims::BankAccountHolder),
        text_null(Claims::BankAccountIban),
        boolean(Claims::ConsentGiven).default(false).to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for mut column in columns() {
            let alter = Table::alter()
                .table(Claims::Table)
                .add_column(&mut column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Claims::ClaimedLosses,
            Claims::BankAccountHolder,
            Claims::BankAccountIban,
            Claims::ConsentGiven,
        ] {
            let alter = Table::alter()
                .table(Claims::Table)
                .drop_column(column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    ClaimedLosses,
    BankAccountHolder,
    BankAccountIban,
    ConsentGiven,
}
