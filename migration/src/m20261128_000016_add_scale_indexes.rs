//! Indexes that keep the claim list flat as claims accumulate (see BENCHMARKS.md, the scale
//! run): a state filter read in id order, and the overdue filter. Every list is keyset-paginated
//! in id order, so each index ends in, or is read beside, the primary key.
//!
//! The three deadline indexes are partial: they hold only the claims whose deadline can still be
//! overrun (awaiting evidence, undecided, awaiting payment), so they stay as small as the open
//! caseload however many finished claims pile up. PostgreSQL reads the overdue filter's OR
//! through them (a bitmap OR, then the page sorted by id); SQLite walks the primary key in id
//! order and stops at a full page, so its cost follows how rare overdue claims are, not how many
//! claims there are. (Rewriting the OR as a UNION ALL of one SELECT per deadline was tried and
//! measured slower on SQLite at a million claims: BENCHMARKS.md.)

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
        Index::create()
            .name("idx_claims_evidence_due_open")
            .table(Claims::Table)
            .col(Claims::EvidenceDue)
            .and_where(Expr::col(Claims::State).eq("awaiting_evidence"))
            .to_owned(),
        Index::create()
            .name("idx_claims_decision_due_open")
            .table(Claims::Table)
            .col(Claims::DecisionDue)
            .and_where(Expr::col(Claims::DecisionOutcome).is_null())
            .to_owned(),
        Index::create()
            .name("idx_claims_payment_due_open")
            .table(Claims::Table)
            .col(Claims::PaymentDue)
            .and_where(Expr::col(Claims::State).is_in(["final", "in_payment"]))
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
