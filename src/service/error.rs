//! What a use case can fail with; the API maps each variant to one status and code.

use crate::domain::DomainError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("authentication required")]
    Unauthenticated,
    #[error("too many sign-in attempts; wait a minute and try again")]
    TooManyAttempts,
    #[error("your roles do not permit this")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller pinned a version (`If-Match`) the claim is no longer at.
    #[error(
        "If-Match names version {expected}, which is not the claim's current version; reload it and try again"
    )]
    StaleVersion { expected: i64 },
    /// Concurrent changes kept winning the race; the caller may try again.
    #[error("the claim was changed by someone else at the same time; try again")]
    VersionConflict,
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    /// Like `Invalid`, for one item of a list, such as `confirmations[2].date`.
    #[error("{field}: {reason}")]
    InvalidItem { field: String, reason: String },
    #[error("{field} duplicates one already on file")]
    Duplicate { field: &'static str },
    /// Another request with the same `Idempotency-Key` is still being answered.
    #[error("a request with this Idempotency-Key is still being answered; try again shortly")]
    IdempotencyKeyInUse,
    /// The `Idempotency-Key` already answered a different request.
    #[error("this Idempotency-Key was used for a different request; use a new key")]
    IdempotencyKeyReused,
    #[error(transparent)]
    Domain(#[from] DomainError),
    /// The calculator refused the request; the error names the field.
    #[error(transparent)]
    Award(#[from] crate::domain::award::AwardError),
    /// Anything else: a database failure, corruption, a bug. Never shown to clients.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<sea_orm::DbErr> for ServiceError {
    fn from(error: sea_orm::DbErr) -> Self {
        ServiceError::Unexpected(error.into())
    }
}
