//! Indexes that keep the claim list flat as claims accumulate (see BENCHMARKS.md, the scale
//! run): a state filter read in id order, and the overdue filter. Every list is keyset-paginated
//! in id order, so each index ends in, or is read beside, the primary key.
//!
//! The overdue filter reads one index per deadline, each reaching only the claims whose deadline
//! can still be overrun: by state then date for evidence and payment, and a partial index of the
//! undecided claims for the decision, so finished claims, however many pile up, are never read.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for index in indexes() {
            let name = index
                .get_index_spec()
                .get_name()
                .unwrap_or_default()
                .to_owned();
            let drop = Index::drop().name(name).table(Claims::Table).to_owned();
            manager.drop_index(drop).await?;
        }
        Ok(())
    }
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        // PostgreSQL cannot read (state) in id order; SQLite's (state) already ends in the rowid.
        Index::create()
            .name("idx_claims_state_id")
            .table(Claims::Table)
            .col(Claims::State)
            .col(Claims::Id)
            .to_owned(),
        // The overdue filter reads one index per deadline (store::claims::overdue_on).
        Index::create()
            .name("idx_claims_state_evidence_due")
            .table(Claims::Table)
            .col(Claims::State)
            .col(Claims::EvidenceDue)
            .to_owned(),
        Index::create()
            .name("idx_claims_decision_due_open")
            .table(Claims::Table)
            .col(Claims::DecisionDue)
            .and_where(Expr::col(Claims::DecisionOutcome).is_null())
            .to_owned(),
        Index::create()
            .name("idx_claims_state_payment_due")
            .table(Claims::Table)
            .col(Claims::State)
            .col(Claims::PaymentDue)
            .to_owned(),
    ]
}

#[derive(DeriveIden, Clone, Copy)]
enum Claims {
    Table,
    Id,
    State,
    EvidenceDue,
    DecisionDue,
    DecisionOutcome,
    PaymentDue,
}
