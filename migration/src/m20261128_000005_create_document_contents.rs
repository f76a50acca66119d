//! Document contents, kept in the database beside their metadata so that an upload and its
//! record commit together: nothing is half-stored when a request fails, on either backend.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(DocumentContents::Table)
            .col(big_integer(DocumentContents::DocumentId).primary_key())
            .col(blob(DocumentContents::Content))
            .foreign_key(
                ForeignKey::create()
                    .from(DocumentContents::Table, DocumentContents::DocumentId)
                    .to(Documents::Table, Documents::Id),
            )
            .to_owned();
        manager.create_table(table).await?;
        // The same file twice on one claim is a duplicate, whoever uploads it.
        let unique = Index::create()
            .name("idx_documents_claim_sha256")
            .table(Documents::Table)
            .col(Documents::ClaimId)
            .col(Documents::Sha256)
            .unique()
            .to_owned();
        manager.create_index(unique).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let unique = Index::drop()
            .name("idx_documents_claim_sha256")
            .table(Documents::Table)
            .to_owned();
        manager.drop_index(unique).await?;
        manager
            .drop_table(Table::drop().table(DocumentContents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DocumentContents {
    Table,
    DocumentId,
    Content,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    ClaimId,
    Sha256,
}
