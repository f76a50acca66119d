//! Document metadata. The content store (uploads, hashes, limits) belongs to the API issue.

use std::collections::BTreeSet;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::document;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::convert::parse;
use crate::domain::{ClaimId, DocumentKind, UserId};

/// The kinds of document on file for a claim, for guards such as "power of attorney present".
pub async fn kinds(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<BTreeSet<DocumentKind>> {
    let rows = document::Entity::find()
        .filter(document::Column::ClaimId.eq(claim_id.0))
        .all(connection)
        .await
        .context("reading documents")?;
    rows.iter()
        .map(|row| parse("documents.kind", &row.kind))
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
    };
    Ok(row
        .insert(connection)
        .await
        .context("inserting document metadata")?
        .id)
}
