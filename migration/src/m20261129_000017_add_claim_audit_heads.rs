//! Each claim's row keeps the hash of its last audit event (the head of its chain), so a change
//! appends the next event without reading the chain first: the claim's row, which every change
//! reads and updates anyway, carries it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = Table::alter()
            .table(Claims::Table)
            .add_column(string(Claims::AuditHead).default(""))
            .to_owned();
        manager.alter_table(alter).await?;
        // Claims that exist already point at their last event.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE claims SET audit_head = COALESCE((SELECT claim_events.hash \
                 FROM claim_events WHERE claim_events.claim_id = claims.id \
                 ORDER BY claim_events.sequence DESC LIMIT 1), '')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = Table::alter()
            .table(Claims::Table)
            .drop_column(Claims::AuditHead)
            .to_owned();
        manager.alter_table(alter).await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    AuditHead,
}
