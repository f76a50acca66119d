//! Idempotency keys: a client that retries a creating request with the same key gets the first
//! answer again instead of a second claim, vote or document.
//!
//! A key is reserved, in its own short transaction, before the request runs; the answer is kept
//! after it. The reservation cannot share the request's own transaction (the request runs
//! through the whole API, not one service call), so a crash between the request's commit and
//! keeping its answer leaves a reservation without an answer: after `ABANDONED_AFTER_MINUTES` a
//! retry takes it over and runs again. That window is far longer than any request takes.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::ConnectionTrait;

use super::{ServiceError, Services};
use crate::store;
use crate::store::idempotency::{KeyedRequest, StoredResponse};

/// How long a key and its answer are kept.
pub const KEY_LIFETIME_HOURS: i64 = 24;

/// After this long without an answer, a reservation is taken to be left by a crash.
pub const ABANDONED_AFTER_MINUTES: i64 = 5;

/// A key reserved for one request, to be completed or released once it is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReservationId(i64);

#[derive(Debug)]
pub enum Reservation {
    /// The request is the key's first: run it, then keep or release its answer.
    Reserved(ReservationId),
    /// The key already answered this very request: give the same answer again.
    Answered(StoredResponse),
}

impl Services {
    /// Reserves the caller's key for the request, or finds the answer it already gave.
    /// Fails with `IdempotencyKeyInUse` while another request holds the key, and with
    /// `IdempotencyKeyReused` when the key answered a different request.
    pub async fn reserve_idempotency_key(
        &self,
        request: &KeyedRequest,
    ) -> Result<Reservation, ServiceError> {
        let now = self.now();
        let transaction = store::begin_write(self.database()).await?;
        let expired_before = now - TimeDelta::hours(KEY_LIFETIME_HOURS);
        store::idempotency::delete_expired(&transaction, expired_before).await?;
        let reservation = match store::idempotency::reserve(&transaction, request, now).await? {
            Some(id) => Ok(Reservation::Reserved(ReservationId(id))),
            None => existing_reservation(&transaction, request, now).await,
        };
        transaction.commit().await?;
        reservation
    }

    /// Keeps the answer, for replays. One statement, so it needs no transaction of its own.
    pub async fn complete_idempotency_key(
        &self,
        reservation: ReservationId,
        response: &StoredResponse,
    ) -> Result<(), ServiceError> {
        store::idempotency::complete(self.database(), reservation.0, response).await?;
        Ok(())
    }

    /// Frees the key without an answer, so that a retry runs the request again.
    pub async fn release_idempotency_key(
        &self,
        reservation: ReservationId,
    ) -> Result<(), ServiceError> {
        store::idempotency::release(self.database(), reservation.0).await?;
        Ok(())
    }
}

/// What a key already in use means for this request.
async fn existing_reservation(
    connection: &impl ConnectionTrait,
    request: &KeyedRequest,
    now: DateTime<Utc>,
) -> Result<Reservation, ServiceError> {
    // Between the refused insert and this read the holder may have released the key; the
    // request is then as good as concurrent, and a retry will find the key free.
    let Some(existing) =
        store::idempotency::find(connection, request.user_id, &request.key).await?
    else {
        return Err(ServiceError::IdempotencyKeyInUse);
    };
    let Some(response) = existing.response else {
        let abandoned_before = now - TimeDelta::minutes(ABANDONED_AFTER_MINUTES);
        let taken_over = existing.created_at < abandoned_before
            && store::idempotency::take_over(
                connection,
                existing.id,
                request,
                abandoned_before,
                now,
            )
            .await?;
        if !taken_over {
            return Err(ServiceError::IdempotencyKeyInUse);
        }
        tracing::warn!(
            reservation = existing.id,
            "an abandoned idempotency key was taken over"
        );
        return Ok(Reservation::Reserved(ReservationId(existing.id)));
    };
    let same_request = existing.method == request.method
        && existing.path == request.path
        && existing.request_sha256 == request.request_sha256;
    if same_request {
        Ok(Reservation::Answered(response))
    } else {
        Err(ServiceError::IdempotencyKeyReused)
    }
}
