//! Documents filed with a claim: metadata, and the content in the database beside it.

use std::collections::BTreeSet;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{document, document_content};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};

use super::convert::parse;
use crate::domain::{ClaimId, DocumentKind, UserId};

/// The kinds of document on file for a claim, for guards such as "power of attorney present".
pub async fn kinds(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<BTreeSet<DocumentKind>> {
    let kinds: Vec<String> = document::Entity::find()
        .select_only()
        .column(document::Column::Kind)
        .filter(document::Column::ClaimId.eq(claim_id.0))
        .into_tuple()
        .all(connection)
        .await
        .context("reading documents")?;
    kinds
        .iter()
        .map(|kind| parse("documents.kind", kind))
        .collect()
}

#[derive(Debug, Clone)]
pub struct DocumentMetadata {
    pub kind: DocumentKind,
    pub media_type: String,
    pub size_bytes: i64,
    /// Lowercase hex SHA-256 of the content.
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
    /// The evidence request item the document answers, if any.
    pub request_item: Option<i64>,
}

pub async fn insert(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    metadata: &DocumentMetadata,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let row = document::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        kind: Set(metadata.kind.to_string()),
        media_type: Set(metadata.media_type.clone()),
        size_bytes: Set(metadata.size_bytes),
        sha256: Set(metadata.sha256.clone()),
        uploaded_by: Set(metadata.uploaded_by.map(|user| user.0)),
        uploaded_at: Set(now),
        request_item_id: Set(metadata.request_item),
    };
    Ok(row
        .insert(connection)
        .await
        .context("inserting document metadata")?
        .id)
}

/// A document on file, as listed.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    pub id: i64,
    pub claim_id: ClaimId,
    pub metadata: DocumentMetadata,
    pub uploaded_at: DateTime<Utc>,
}

fn stored(row: document::Model) -> anyhow::Result<StoredDocument> {
    Ok(StoredDocument {
        id: row.id,
        claim_id: ClaimId(row.claim_id),
        metadata: DocumentMetadata {
            kind: parse("documents.kind", &row.kind)?,
            media_type: row.media_type,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            uploaded_by: row.uploaded_by.map(UserId),
            request_item: row.request_item_id,
        },
        uploaded_at: row.uploaded_at,
    })
}

pub async fn list(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<Vec<StoredDocument>> {
    use sea_orm::QueryOrder;
    let rows = document::Entity::find()
        .filter(document::Column::ClaimId.eq(claim_id.0))
        .order_by_asc(document::Column::Id)
        .all(connection)
        .await
        .context("listing documents")?;
    rows.into_iter().map(stored).collect()
}

pub async fn find(
    connection: &impl ConnectionTrait,
    id: i64,
) -> anyhow::Result<Option<StoredDocument>> {
    let row = document::Entity::find_by_id(id)
        .one(connection)
        .await
        .context("finding a document")?;
    row.map(stored).transpose()
}

/// The document already on file for the claim with this content, if any.
pub async fn find_by_content(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    sha256: &str,
) -> anyhow::Result<Option<StoredDocument>> {
    let row = document::Entity::find()
        .filter(document::Column::ClaimId.eq(claim_id.0))
        .filter(document::Column::Sha256.eq(sha256))
        .one(connection)
        .await
        .context("finding a document by its content")?;
    row.map(stored).transpose()
}

pub async fn insert_content(
    connection: &impl ConnectionTrait,
    document_id: i64,
    content: Vec<u8>,
) -> anyhow::Result<()> {
    let row = document_content::ActiveModel {
        document_id: Set(document_id),
        content: Set(content),
    };
    document_content::Entity::insert(row)
        .exec(connection)
        .await
        .context("storing document content")?;
    Ok(())
}

pub async fn content(
    connection: &impl ConnectionTrait,
    document_id: i64,
) -> anyhow::Result<Option<Vec<u8>>> {
    let row = document_content::Entity::find_by_id(document_id)
        .one(connection)
        .await
        .context("reading document content")?;
    Ok(row.map(|row| row.content))
}
