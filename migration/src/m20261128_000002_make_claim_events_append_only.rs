//! Refuses UPDATE and DELETE on the audit trail in the database itself, so not even a bug in
//! Redress (or a careless operator with a SQL prompt) can rewrite history silently.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES_UP: &str = r#"
CREATE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'claim_events is append-only';
END
$$;
CREATE TRIGGER claim_events_no_change BEFORE UPDATE OR DELETE ON claim_events
    FOR EACH ROW EXECUTE FUNCTION claim_events_append_only();
CREATE TRIGGER claim_events_no_truncate BEFORE TRUNCATE ON claim_events
    FOR EACH STATEMENT EXECUTE FUNCTION claim_events_append_only();
"#;

const POSTGRES_DOWN: &str = r#"
DROP TRIGGER claim_events_no_truncate ON claim_events;
DROP TRIGGER claim_events_no_change ON claim_events;
DROP FUNCTION claim_events_append_only();
"#;

const SQLITE_UP: &str = r#"
CREATE TRIGGER claim_events_no_update BEFORE UPDATE ON claim_events
BEGIN SELECT RAISE(ABORT, 'claim_events is append-only'); END;
CREATE TRIGGER claim_events_no_delete BEFORE DELETE ON claim_events
BEGIN SELECT RAISE(ABORT, 'claim_events is append-only'); END;
"#;

const SQLITE_DOWN: &str = r#"
DROP TRIGGER claim_events_no_update;
DROP TRIGGER claim_events_no_delete;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_UP,
            _ => SQLITE_UP,
        };
        manager
            .get_connection()
            .execute_unprepared(sql)
            .await
            .map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_DOWN,
            _ => SQLITE_DOWN,
        };
        manager
            .get_connection()
            .execute_unprepared(sql)
            .await
            .map(|_| ())
    }
}
