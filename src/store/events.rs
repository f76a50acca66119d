//! The audit trail's rows: appending an event onto its claim's hash chain, reading chains back.

use anyhow::Context as _;
use entity::claim_event;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::convert::parse;
use crate::domain::audit::{
    AuditEvent, BreakReason, ChainBreak, GENESIS_HASH, StoredEvent, canonical_json, chain_hash,
    verify_chain,
};

/// Appends `event` after the claim's last event. The caller holds the claim's row (its version
/// update succeeded in this transaction), so no other writer can append to the chain meanwhile;
/// the unique (claim_id, sequence) index is the last line of defence.
pub async fn append(
    connection: &impl ConnectionTrait,
    event: AuditEvent,
) -> anyhow::Result<StoredEvent> {
    let last = claim_event::Entity::find()
        .filter(claim_event::Column::ClaimId.eq(event.claim_id))
        .order_by_desc(claim_event::Column::Sequence)
        .one(connection)
        .await
        .context("reading the last audit event")?;
    let (last_sequence, prev_hash) = match last {
        Some(row) => (row.sequence, row.hash),
        None => (0, GENESIS_HASH.to_owned()),
    };
    anyhow::ensure!(
        event.sequence == last_sequence + 1,
        "claim {}: event {} does not follow event {last_sequence}",
        event.claim_id,
        event.sequence
    );
    let hash = chain_hash(&prev_hash, &event)?;
    event_row(&event, &prev_hash, &hash)?
        .insert(connection)
        .await
        .context("appending an audit event")?;
    Ok(StoredEvent {
        event,
        prev_hash,
        hash,
    })
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

/// Verifies one claim's chain, and that it ends at the claim's version (so trailing events
/// cannot be deleted unnoticed).
pub async fn verify_claim(
    connection: &impl ConnectionTrait,
    claim_id: i64,
    version: i64,
) -> anyhow::Result<Result<usize, ChainBreak>> {
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
    Ok(Ok(stored.len()))
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
