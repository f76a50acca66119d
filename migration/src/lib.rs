//! Schema migrations, shared unchanged by SQLite and PostgreSQL (only the append-only trigger
//! is written per backend, as the two speak different trigger dialects).

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_create_core_tables;
mod m20261128_000002_make_claim_events_append_only;
mod m20261128_000003_create_interim_awards;
mod m20261128_000004_add_claim_assessment;
mod m20261128_000005_create_document_contents;
mod m20261128_000006_create_access_log;
mod m20261128_000007_create_assignments_and_evidence_requests;
mod m20261128_000008_create_idempotency_keys;
mod m20261128_000009_create_decisions;
mod m20261128_000010_create_letters;
mod m20261128_000011_add_user_full_names;
mod m20261128_000012_create_payout;
mod m20261128_000013_add_claim_overdue_flags;
mod m20261128_000014_create_notifications;
mod m20261128_000015_add_statistics_facts;
mod m20261128_000016_add_scale_indexes;
mod m20261129_000017_add_claim_audit_heads;
mod m20261129_000018_create_browser_sessions;
mod m20261129_000019_add_claim_application;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_create_core_tables::Migration),
            Box::new(m20261128_000002_make_claim_events_append_only::Migration),
            Box::new(m20261128_000003_create_interim_awards::Migration),
            Box::new(m20261128_000004_add_claim_assessment::Migration),
            Box::new(m20261128_000005_create_document_contents::Migration),
            Box::new(m20261128_000006_create_access_log::Migration),
            Box::new(m20261128_000007_create_assignments_and_evidence_requests::Migration),
            Box::new(m20261128_000008_create_idempotency_keys::Migration),
            Box::new(m20261128_000009_create_decisions::Migration),
            Box::new(m20261128_000010_create_letters::Migration),
            Box::new(m20261128_000011_add_user_full_names::Migration),
            Box::new(m20261128_000012_create_payout::Migration),
            Box::new(m20261128_000013_add_claim_overdue_flags::Migration),
            Box::new(m20261128_000014_create_notifications::Migration),
            Box::new(m20261128_000015_add_statistics_facts::Migration),
            Box::new(m20261128_000016_add_scale_indexes::Migration),
            Box::new(m20261129_000017_add_claim_audit_heads::Migration),
            Box::new(m20261129_000018_create_browser_sessions::Migration),
            Box::new(m20261129_000019_add_claim_application::Migration),
        ]
    }
}
