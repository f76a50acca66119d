//! Who works on a claim (rapporteur, commission members), what evidence was asked of the
//! applicant and which upload answers which item, and the note a member may add to a vote.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(assignments()).await?;
        manager.create_table(evidence_requests()).await?;
        manager.create_table(evidence_request_items()).await?;
        for (name, table, column) in [
            (
                "idx_evidence_requests_claim",
                EvidenceRequests::Table.into_iden(),
                EvidenceRequests::ClaimId.into_iden(),
            ),
            (
                "idx_claim_assignments_user",
                ClaimAssignments::Table.into_iden(),
                ClaimAssignments::UserId.into_iden(),
            ),
        ] {
            let index = Index::create()
                .name(name)
                .table(table)
                .col(column)
                .to_owned();
            manager.create_index(index).await?;
        }
        // SQLite adds one column per ALTER TABLE, and only nullable ones.
        let request_item = Table::alter()
            .table(Documents::Table)
            .add_column(big_integer_null(Documents::RequestItemId))
            .to_owned();
        manager.alter_table(request_item).await?;
        let note = Table::alter()
            .table(Votes::Table)
            .add_column(text_null(Votes::Note))
            .to_owned();
        manager.alter_table(note).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let note = Table::alter()
            .table(Votes::Table)
            .drop_column(Votes::Note)
            .to_owned();
        manager.alter_table(note).await?;
        let request_item = Table::alter()
            .table(Documents::Table)
            .drop_column(Documents::RequestItemId)
            .to_owned();
        manager.alter_table(request_item).await?;
        for table in [
            EvidenceRequestItems::Table.into_iden(),
            EvidenceRequests::Table.into_iden(),
            ClaimAssignments::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn assignments() -> TableCreateStatement {
    Table::create()
        .table(ClaimAssignments::Table)
        .col(big_pk_auto(ClaimAssignments::Id))
        .col(big_integer(ClaimAssignments::ClaimId))
        .col(big_integer(ClaimAssignments::UserId))
        .col(string_len(ClaimAssignments::Kind, 20))
        .col(big_integer_null(ClaimAssignments::AssignedBy))
        .col(timestamp_with_time_zone(ClaimAssignments::AssignedAt))
        .foreign_key(
            ForeignKey::create()
                .from(ClaimAssignments::Table, ClaimAssignments::ClaimId)
                .to(Claims::Table, Claims::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from(ClaimAssignments::Table, ClaimAssignments::UserId)
                .to(Users::Table, Users::Id),
        )
        .index(
            Index::create()
                .name("uq_claim_assignments")
                .col(ClaimAssignments::ClaimId)
                .col(ClaimAssignments::UserId)
                .col(ClaimAssignments::Kind)
                .unique(),
        )
        .to_owned()
}

fn evidence_requests() -> TableCreateStatement {
    Table::create()
        .table(EvidenceRequests::Table)
        .col(big_pk_auto(EvidenceRequests::Id))
        .col(big_integer(EvidenceRequests::ClaimId))
        .col(date(EvidenceRequests::DueOn))
        .col(big_integer_null(EvidenceRequests::RequestedBy))
        .col(timestamp_with_time_zone(EvidenceRequests::RequestedAt))
        .foreign_key(
            ForeignKey::create()
                .from(EvidenceRequests::Table, EvidenceRequests::ClaimId)
                .to(Claims::Table, Claims::Id),
        )
        .to_owned()
}

fn evidence_request_items() -> TableCreateStatement {
    Table::create()
        .table(EvidenceRequestItems::Table)
        .col(big_pk_auto(EvidenceRequestItems::Id))
        .col(big_integer(EvidenceRequestItems::RequestId))
        .col(string_len(EvidenceRequestItems::DocumentKind, 40))
        .foreign_key(
            ForeignKey::create()
                .from(EvidenceRequestItems::Table, EvidenceRequestItems::RequestId)
                .to(EvidenceRequests::Table, EvidenceRequests::Id),
        )
        .to_owned()
}

#[derive(DeriveIden)]
enum ClaimAssignments {
    Table,
    Id,
    ClaimId,
    UserId,
    Kind,
    AssignedBy,
    AssignedAt,
}

#[derive(DeriveIden)]
enum EvidenceRequests {
    Table,
    Id,
    ClaimId,
    DueOn,
    RequestedBy,
    RequestedAt,
}

#[derive(DeriveIden)]
enum EvidenceRequestItems {
    Table,
    Id,
    RequestId,
    DocumentKind,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    RequestItemId,
}

#[derive(DeriveIden)]
enum Votes {
    Table,
    Note,
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
