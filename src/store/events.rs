//! The audit trail's rows: appending an event onto its claim's hash chain, reading chains back.

use anyhow::Context as _;
use entity::claim_event;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::convert::parse;
use crate::domain::audit::{
    AuditEvent, BreakReason, ChainBreak, GENESIS_HASH, StoredEvent, canonical_json, chain_hash,
    verify_chain,
};

/// Links `event` onto the chain whose head (the hash of the claim's last event, kept on the
/// claim's row) is `prev_hash`.
pub fn link(event: AuditEvent, prev_hash: &str) -> anyhow::Result<StoredEvent> {
    let hash = chain_hash(prev_hash, &event)?;
    Ok(StoredEvent {
        event,
        prev_hash: prev_hash.to_owned(),
        hash,
    })
}

/// Stores a linked event. The caller holds the claim's row, whose version check settles who
/// appends next and whose head it moves to this event's hash in the same transaction; the
/// unique (claim_id, sequence) index is the last line of defence.
pub async fn insert(connection: &impl ConnectionTrait, stored: &StoredEvent) -> anyhow::Result<()> {
    claim_event::Entity::insert(event_row(&stored.event, &stored.prev_hash, &stored.hash)?)
        .exec_without_returning(connection)
        .await
        .context("appending an audit event")?;
    Ok(())
}

/// A claim's events in sequence order.
pub async fn for_claim(
    connection: &impl ConnectionTrait,
    claim_id: i64,
) -> anyhow::Result<Vec<claim_event::Model>> {
    claim_event::Entity::find()
        .filter(claim_event::Column::ClaimId.eq(claim_id))
        .order_by_asc(claim_event::Column::Sequence)
        .all(connection)
        .await
        .context("reading audit events")
}

pub fn stored_from_row(row: &claim_event::Model) -> anyhow::Result<StoredEvent> {
    let event = AuditEvent {
        claim_id: row.claim_id,
        sequence: row.sequence,
        actor_user_id: row.actor_user_id,
        role: parse("claim_events.role", &row.role)?,
        action: parse("claim_events.action", &row.action)?,
        from_state: row
            .from_state
            .as_deref()
            .map(|state| parse("claim_events.from_state", state))
            .transpose()?,
        to_state: parse("claim_events.to_state", &row.to_state)?,
        payload: serde_json::from_str(&row.payload).context("claim_events.payload")?,
        occurred_at: row.occurred_at,
    };
    Ok(StoredEvent {
        event,
        prev_hash: row.prev_hash.clone(),
        hash: row.hash.clone(),
    })
}

/// Verifies one claim's chain, and that it ends at the claim's version and at the head its row
/// holds (so trailing events cannot be deleted or replaced unnoticed).
pub async fn verify_claim(
    connection: &impl ConnectionTrait,
    claim: &ChainEnd,
) -> anyhow::Result<Result<usize, ChainBreak>> {
    let ChainEnd {
        claim_id, version, ..
    } = *claim;
    let rows = for_claim(connection, claim_id).await?;
    let mut stored = Vec::with_capacity(rows.len());
    for row in &rows {
        match stored_from_row(row) {
            Ok(event) => stored.push(event),
            Err(_) => {
                return Ok(Err(ChainBreak {
                    claim_id,
                    sequence: row.sequence,
                    reason: BreakReason::Unreadable,
                }));
            }
        }
    }
    if let Err(broken) = verify_chain(claim_id, &stored) {
        return Ok(Err(broken));
    }
    let last = stored.last().map_or(0, |stored| stored.event.sequence);
    if last != version {
        return Ok(Err(ChainBreak {
            claim_id,
            sequence: last + 1,
            reason: BreakReason::MissingEvents,
        }));
    }
    let last_hash = stored
        .last()
        .map_or(GENESIS_HASH, |stored| stored.hash.as_str());
    if last_hash != claim.audit_head {
        return Ok(Err(ChainBreak {
            claim_id,
            sequence: last,
            reason: BreakReason::HeadMismatch,
        }));
    }
    Ok(Ok(stored.len()))
}

/// Where a claim's row says its chain ends: its version (the last event's sequence) and the
/// hash of that event.
pub struct ChainEnd {
    pub claim_id: i64,
    pub version: i64,
    pub audit_head: String,
}

/// The row that stores `event` with its link to the chain; the benchmarks' seeder writes the same
/// rows in bulk.
pub fn event_row(
    event: &AuditEvent,
    prev_hash: &str,
    hash: &str,
) -> anyhow::Result<claim_event::ActiveModel> {
    Ok(claim_event::ActiveModel {
        id: NotSet,
        claim_id: Set(event.claim_id),
        sequence: Set(event.sequence),
        actor_user_id: Set(event.actor_user_id),
        role: Set(event.role.as_str().to_owned()),
        action: Set(event.action.as_str().to_owned()),
        from_state: Set(event.from_state.map(|state| state.as_str().to_owned())),
        to_state: Set(event.to_state.as_str().to_owned()),
        payload: Set(canonical_json(&event.payload)?),
        occurred_at: Set(event.occurred_at),
        prev_hash: Set(prev_hash.to_owned()),
        hash: Set(hash.to_owned()),
    })
}
