//! The tamper-evident audit trail: each claim's events form a SHA-256 hash chain.
//!
//! `hash = SHA-256(prev_hash ‖ canonical JSON of the whole event)`, where the canonical form is
//! RFC 8785 (JCS): sorted keys, no insignificant whitespace. Altering any stored field of any
//! event, removing one or reordering them breaks the chain from that event on.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::operations::ClaimOperation;
use super::role::Role;
use super::workflow::{ClaimAction, ClaimState};

/// The `prev_hash` of a claim's first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an event records: a transition or another act on the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    Transition(ClaimAction),
    Operation(ClaimOperation),
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Transition(action) => action.as_str(),
            AuditAction::Operation(operation) => operation.as_str(),
        }
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for AuditAction {
    type Err = strum::ParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ClaimAction::from_str(text)
            .map(AuditAction::Transition)
            .or_else(|_| ClaimOperation::from_str(text).map(AuditAction::Operation))
    }
}

impl Serialize for AuditAction {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One event, every field of which is covered by its hash.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEvent {
    pub claim_id: i64,
    /// 1 for the claim's first event, then contiguous.
    pub sequence: i64,
    /// `None` for the system actor.
    pub actor_user_id: Option<i64>,
    pub role: Role,
    pub action: AuditAction,
    pub from_state: Option<ClaimState>,
    pub to_state: ClaimState,
    pub payload: serde_json::Value,
    #[serde(serialize_with = "serialize_time")]
    pub occurred_at: DateTime<Utc>,
}

fn serialize_time<S: serde::Serializer>(
    time: &DateTime<Utc>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&canonical_time(time))
}

/// Microsecond precision: what both SQLite text and PostgreSQL `timestamptz` keep exactly.
pub fn canonical_time(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The RFC 8785 canonical JSON of a value.
pub fn canonical_json<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    serde_jcs::to_string(value)
}

/// The hash of `event` chained onto `prev_hash`, as lowercase hex.
pub fn chain_hash(prev_hash: &str, event: &AuditEvent) -> Result<String, serde_json::Error> {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(canonical_json(event)?.as_bytes());
    Ok(hex::encode(hasher.finalize()))
}

/// An event as stored, with its chain fields.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    pub event: AuditEvent,
    pub prev_hash: String,
    pub hash: String,
}

/// Where and why a claim's chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("claim {claim_id}: event {sequence}: {reason}")]
pub struct ChainBreak {
    pub claim_id: i64,
    pub sequence: i64,
    pub reason: BreakReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BreakReason {
    #[error("the sequence has a gap or is out of order")]
    SequenceGap,
    #[error("prev_hash does not match the hash of the event before it")]
    PrevHashMismatch,
    #[error("the stored hash does not match the event's content")]
    HashMismatch,
    #[error("a stored field is not readable")]
    Unreadable,
    #[error("events are missing: the claim's version is past its last event")]
    MissingEvents,
    #[error("the claim's row does not point at its last event")]
    HeadMismatch,
}

/// Verifies one claim's events, given in sequence order.
pub fn verify_chain(claim_id: i64, events: &[StoredEvent]) -> Result<(), ChainBreak> {
    let mut expected_prev = GENESIS_HASH.to_owned();
    for (index, stored) in events.iter().enumerate() {
        let sequence = stored.event.sequence;
        let broken = |reason| ChainBreak {
            claim_id,
            sequence,
            reason,
        };
        if sequence != index as i64 + 1 || stored.event.claim_id != claim_id {
            return Err(broken(BreakReason::SequenceGap));
        }
        if stored.prev_hash != expected_prev {
            return Err(broken(BreakReason::PrevHashMismatch));
        }
        let recomputed = chain_hash(&stored.prev_hash, &stored.event)
            .map_err(|_| broken(BreakReason::HashMismatch))?;
        if recomputed != stored.hash {
            return Err(broken(BreakReason::HashMismatch));
        }
        expected_prev.clone_from(&stored.hash);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use strum::IntoEnumIterator;

    fn event(sequence: i64, action: ClaimAction, to: ClaimState) -> AuditEvent {
        AuditEvent {
            claim_id: 7,
            sequence,
            actor_user_id: Some(3),
            role: Role::Secretariat,
            action: AuditAction::Transition(action),
            from_state: None,
            to_state: to,
            payload: serde_json::json!({"reason": "synthetic", "b": 1, "a": [1, 2]}),
            occurred_at: "2026-11-28T10:00:00.123456Z".parse().unwrap(),
        }
    }

    fn chain(events: Vec<AuditEvent>) -> Vec<StoredEvent> {
        let mut prev = GENESIS_HASH.to_owned();
        events
            .into_iter()
            .map(|event| {
                let hash = chain_hash(&prev, &event).unwrap();
                let stored = StoredEvent {
                    event,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                stored
            })
            .collect()
    }

    fn three_events() -> Vec<StoredEvent> {
        chain(vec![
            event(1, ClaimAction::Create, ClaimState::Draft),
            event(2, ClaimAction::Submit, ClaimState::Submitted),
            event(
                3,
                ClaimAction::AcceptForAssessment,
                ClaimState::UnderAssessment,
            ),
        ])
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(verify_chain(7, &three_events()), Ok(()));
    }

    #[test]
    fn altering_a_payload_breaks_the_chain_at_that_event() {
        let mut events = three_events();
        events[1].event.payload = serde_json::json!({"reason": "altered"});
        let broken = verify_chain(7, &events).unwrap_err();
        assert_eq!(
            (broken.sequence, broken.reason),
            (2, BreakReason::HashMismatch)
        );
    }

    #[test]
    fn altering_a_hash_breaks_the_next_link() {
        let mut events = three_events();
        events[0].hash = "f".repeat(64);
        assert_eq!(verify_chain(7, &events).unwrap_err().sequence, 1);
    }

    #[test]
    fn removing_an_event_is_detected() {
        let mut events = three_events();
        events.remove(1);
        assert_eq!(
            verify_chain(7, &events).unwrap_err().reason,
            BreakReason::SequenceGap
        );
    }

    #[test]
    fn canonical_json_sorts_keys_and_drops_whitespace() {
        let value = serde_json::json!({"b": 1, "a": {"d": true, "c": null}});
        assert_eq!(
            canonical_json(&value).unwrap(),
            r#"{"a":{"c":null,"d":true},"b":1}"#
        );
    }

    #[test]
    fn action_and_operation_names_never_collide() {
        let actions: HashSet<&str> = ClaimAction::iter().map(ClaimAction::as_str).collect();
        assert!(ClaimOperation::iter().all(|operation| !actions.contains(operation.as_str())));
        for operation in ClaimOperation::iter() {
            assert_eq!(
                operation.as_str().parse::<AuditAction>(),
                Ok(AuditAction::Operation(operation))
            );
        }
    }
}
