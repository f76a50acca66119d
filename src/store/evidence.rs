//! Evidence requests, their items, and which uploads answer them.

use std::collections::BTreeSet;

use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use entity::{document, evidence_request, evidence_request_item};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::convert::parse;
use crate::domain::{ClaimId, DocumentKind, UserId};

/// A request for documents, as stored.
#[derive(Debug, Clone)]
pub struct EvidenceRequest {
    pub id: i64,
    pub claim_id: ClaimId,
    pub due_on: NaiveDate,
    pub requested_by: Option<UserId>,
    pub requested_at: DateTime<Utc>,
    pub items: Vec<EvidenceItem>,
}

/// One document kind asked for, and the documents uploaded in answer.
#[derive(Debug, Clone)]
pub struct EvidenceItem {
    pub id: i64,
    pub kind: DocumentKind,
    pub document_ids: Vec<i64>,
}

pub async fn insert(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    (due_on, kinds): (NaiveDate, &BTreeSet<DocumentKind>),
    requested_by: Option<UserId>,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let request = evidence_request::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        due_on: Set(due_on),
        requested_by: Set(requested_by.map(|user| user.0)),
        requested_at: Set(now),
    }
    .insert(connection)
    .await
    .context("inserting an evidence request")?;
    let items = kinds.iter().map(|kind| evidence_request_item::ActiveModel {
        id: NotSet,
        request_id: Set(request.id),
        document_kind: Set(kind.as_str().to_owned()),
    });
    evidence_request_item::Entity::insert_many(items)
        .exec(connection)
        .await
        .context("inserting evidence request items")?;
    Ok(request.id)
}

/// The claim's evidence requests, oldest first, each with its items and their answers.
pub async fn for_claim(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<Vec<EvidenceRequest>> {
    let requests = evidence_request::Entity::find()
        .filter(evidence_request::Column::ClaimId.eq(claim_id.0))
        .order_by_asc(evidence_request::Column::Id)
        .all(connection)
        .await
        .context("reading evidence requests")?;
    let request_ids: Vec<i64> = requests.iter().map(|request| request.id).collect();
    let items = evidence_request_item::Entity::find()
        .filter(evidence_request_item::Column::RequestId.is_in(request_ids))
        .order_by_asc(evidence_request_item::Column::Id)
        .all(connection)
        .await
        .context("reading evidence request items")?;
    let answers = document::Entity::find()
        .filter(document::Column::ClaimId.eq(claim_id.0))
        .filter(document::Column::RequestItemId.is_not_null())
        .order_by_asc(document::Column::Id)
        .all(connection)
        .await
        .context("reading the documents that answer evidence requests")?;
    requests
        .into_iter()
        .map(|request| {
            let items = items
                .iter()
                .filter(|item| item.request_id == request.id)
                .map(|item| {
                    Ok(EvidenceItem {
                        id: item.id,
                        kind: parse("evidence_request_items.document_kind", &item.document_kind)?,
                        document_ids: answers
                            .iter()
                            .filter(|document| document.request_item_id == Some(item.id))
                            .map(|document| document.id)
                            .collect(),
                    })
                })
                .collect::<anyhow::Result<_>>()?;
            Ok(EvidenceRequest {
                id: request.id,
                claim_id,
                due_on: request.due_on,
                requested_by: request.requested_by.map(UserId),
                requested_at: request.requested_at,
                items,
            })
        })
        .collect()
}

/// The claim and document kind of a request item, if it exists.
pub async fn item(
    connection: &impl ConnectionTrait,
    item_id: i64,
) -> anyhow::Result<Option<(ClaimId, DocumentKind)>> {
    let Some(item) = evidence_request_item::Entity::find_by_id(item_id)
        .one(connection)
        .await
        .context("reading an evidence request item")?
    else {
        return Ok(None);
    };
    let request = evidence_request::Entity::find_by_id(item.request_id)
        .one(connection)
        .await
        .context("reading an evidence request")?
        .context("an evidence request item without its request")?;
    let kind = parse("evidence_request_items.document_kind", &item.document_kind)?;
    Ok(Some((ClaimId(request.claim_id), kind)))
}
