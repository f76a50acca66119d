//! Payout as a ledger: payment orders (their payee, account and amount never change once
//! written), the append-only history of each order's state, bank batches, and the approval
//! limits of finance approvers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// An order's money and payee cannot be edited or deleted, and its history cannot be touched:
/// a correction is a new order (a returned payment is reissued), never an edit.
const POSTGRES_UP: &str = r#"
CREATE FUNCTION payout_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% may not be changed this way', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER payment_orders_fixed_content
    BEFORE UPDATE OF claim_id, payee_kind, payee_name, iban, bic, amount_minor, currency,
        reference, prepared_by, reissue_of ON payment_orders
    FOR EACH ROW EXECUTE FUNCTION payout_immutable();
CREATE TRIGGER payment_orders_no_delete BEFORE DELETE ON payment_orders
    FOR EACH ROW EXECUTE FUNCTION payout_immutable();
CREATE TRIGGER payment_order_changes_no_change BEFORE UPDATE OR DELETE ON payment_order_changes
    FOR EACH ROW EXECUTE FUNCTION payout_immutable();
"#;

const POSTGRES_DOWN: &str = r#"
DROP TRIGGER payment_order_changes_no_change ON payment_order_changes;
DROP TRIGGER payment_orders_no_delete ON payment_orders;
DROP TRIGGER payment_orders_fixed_content ON payment_orders;
DROP FUNCTION payout_immutable();
"#;

const SQLITE_UP: &str = r#"
CREATE TRIGGER payment_orders_fixed_content
    BEFORE UPDATE OF claim_id, payee_kind, payee_name, iban, bic, amount_minor, currency,
        reference, prepared_by, reissue_of ON payment_orders
BEGIN SELECT RAISE(ABORT, 'payment_orders may not be changed this way'); END;
CREATE TRIGGER payment_orders_no_delete BEFORE DELETE ON payment_orders
BEGIN SELECT RAISE(ABORT, 'payment_orders may not be changed this way'); END;
CREATE TRIGGER payment_order_changes_no_update BEFORE UPDATE ON payment_order_changes
BEGIN SELECT RAISE(ABORT, 'payment_order_changes may not be changed this way'); END;
CREATE TRIGGER payment_order_changes_no_delete BEFORE DELETE ON payment_order_changes
BEGIN SELECT RAISE(ABORT, 'payment_order_changes may not be changed this way'); END;
"#;

const SQLITE_DOWN: &str = r#"
DROP TRIGGER payment_order_changes_no_delete;
DROP TRIGGER payment_order_changes_no_update;
DROP TRIGGER payment_orders_no_delete;
DROP TRIGGER payment_orders_fixed_content;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(batches()).await?;
        manager.create_table(orders()).await?;
        manager.create_table(changes()).await?;
        manager.create_table(approval_limits()).await?;
        for index in [
            Index::create()
                .name("idx_payment_orders_claim")
                .table(PaymentOrders::Table)
                .col(PaymentOrders::ClaimId)
                .to_owned(),
            Index::create()
                .name("idx_payment_orders_state")
                .table(PaymentOrders::Table)
                .col(PaymentOrders::State)
                .col(PaymentOrders::Id)
                .to_owned(),
            Index::create()
                .name("idx_payment_orders_batch")
                .table(PaymentOrders::Table)
                .col(PaymentOrders::BatchId)
                .to_owned(),
            // One history entry per order and step: two writers racing on an order cannot both
            // record the same step.
            Index::create()
                .name("idx_payment_order_changes_sequence")
                .table(PaymentOrderChanges::Table)
                .col(PaymentOrderChanges::OrderId)
                .col(PaymentOrderChanges::Sequence)
                .unique()
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_UP,
            _ => SQLITE_UP,
        };
        manager.get_connection().execute_unprepared(sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => POSTGRES_DOWN,
            _ => SQLITE_DOWN,
        };
        manager.get_connection().execute_unprepared(sql).await?;
        for table in [
            ApprovalLimits::Table.into_iden(),
            PaymentOrderChanges::Table.into_iden(),
            PaymentOrders::Table.into_iden(),
            PaymentBatches::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn batches() -> TableCreateStatement {
    Table::create()
        .table(PaymentBatches::Table)
        .col(big_pk_auto(PaymentBatches::Id))
        .col(char_len(PaymentBatches::Currency, 3))
        .col(date(PaymentBatches::RequestedExecutionDate))
        .col(integer(PaymentBatches::OrderCount))
        .col(big_integer(PaymentBatches::TotalMinor))
        .col(big_integer(PaymentBatches::CreatedBy))
        .col(timestamp_with_time_zone(PaymentBatches::CreatedAt))
        .foreign_key(
            ForeignKey::create()
                .from(PaymentBatches::Table, PaymentBatches::CreatedBy)
                .to(Users::Table, Users::Id),
        )
        .to_owned()
}

fn orders() -> TableCreateStatement {
    Table::create()
        .table(PaymentOrders::Table)
        .col(big_pk_auto(PaymentOrders::Id))
        .col(big_integer(PaymentOrders::ClaimId))
        .col(string_len(PaymentOrders::PayeeKind, 16))
        .col(text(PaymentOrders::PayeeName))
        .col(string_len(PaymentOrders::Iban, 34))
        .col(string_len_null(PaymentOrders::Bic, 11))
        .col(big_integer(PaymentOrders::AmountMinor))
        .col(char_len(PaymentOrders::Currency, 3))
        .col(string_len(PaymentOrders::Reference, 140))
        .col(date_null(PaymentOrders::DueOn))
        .col(big_integer_null(PaymentOrders::ReissueOf))
        .col(big_integer(PaymentOrders::PreparedBy))
        .col(timestamp_with_time_zone(PaymentOrders::PreparedAt))
        // The state as of the latest change, kept with the order for listing and locking; the
        // history is in payment_order_changes.
        .col(string_len(PaymentOrders::State, 16))
        .col(big_integer(PaymentOrders::Version))
        .col(big_integer_null(PaymentOrders::ApprovedBy))
        .col(big_integer_null(PaymentOrders::BatchId))
        .foreign_key(
            ForeignKey::create()
                .from(PaymentOrders::Table, PaymentOrders::ClaimId)
                .to(Claims::Table, Claims::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from(PaymentOrders::Table, PaymentOrders::PreparedBy)
                .to(Users::Table, Users::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from(PaymentOrders::Table, PaymentOrders::ApprovedBy)
                .to(Users::Table, Users::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from(PaymentOrders::Table, PaymentOrders::BatchId)
                .to(PaymentBatches::Table, PaymentBatches::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from(PaymentOrders::Table, PaymentOrders::ReissueOf)
                .to(PaymentOrders::Table, PaymentOrders::Id),
        )
        .to_owned()
}

fn changes() -> TableCreateStatement {
    Table::create()
        .table(PaymentOrderChanges::Table)
        .col(big_pk_auto(PaymentOrderChanges::Id))
        .col(big_integer(PaymentOrderChanges::OrderId))
        .col(big_integer(PaymentOrderChanges::Sequence))
        .col(string_len(PaymentOrderChanges::State, 16))
        .col(big_integer_null(PaymentOrderChanges::ActorUserId))
        .col(big_integer_null(PaymentOrderChanges::BatchId))
        .col(string_len_null(PaymentOrderChanges::BankReference, 35))
        .col(date_null(PaymentOrderChanges::SettledOn))
        .col(text_null(PaymentOrderChanges::Reason))
        .col(timestamp_with_time_zone(PaymentOrderChanges::OccurredAt))
        .foreign_key(
            ForeignKey::create()
                .from(PaymentOrderChanges::Table, PaymentOrderChanges::OrderId)
                .to(PaymentOrders::Table, PaymentOrders::Id),
        )
        .to_owned()
}

fn approval_limits() -> TableCreateStatement {
    Table::create()
        .table(ApprovalLimits::Table)
        .col(big_integer(ApprovalLimits::UserId))
        .col(char_len(ApprovalLimits::Currency, 3))
        .col(big_integer(ApprovalLimits::LimitMinor))
        .primary_key(
            Index::create()
                .col(ApprovalLimits::UserId)
                .col(ApprovalLimits::Currency),
        )
        .foreign_key(
            ForeignKey::create()
                .from(ApprovalLimits::Table, ApprovalLimits::UserId)
                .to(Users::Table, Users::Id),
        )
        .to_owned()
}

#[derive(DeriveIden)]
enum PaymentBatches {
    Table,
    Id,
    Currency,
    RequestedExecutionDate,
    OrderCount,
    TotalMinor,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PaymentOrders {
    Table,
    Id,
    ClaimId,
    PayeeKind,
    PayeeName,
    Iban,
    Bic,
    AmountMinor,
    Currency,
    Reference,
    DueOn,
    ReissueOf,
    PreparedBy,
    PreparedAt,
    State,
    Version,
    ApprovedBy,
    BatchId,
}

#[derive(DeriveIden)]
enum PaymentOrderChanges {
    Table,
    Id,
    OrderId,
    Sequence,
    State,
    ActorUserId,
    BatchId,
    BankReference,
    SettledOn,
    Reason,
    OccurredAt,
}

#[derive(DeriveIden)]
enum ApprovalLimits {
    Table,
    UserId,
    Currency,
    LimitMinor,
}

#[derive(DeriveIden)]
enum Claims {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
