//! The bearer sessions this server confirmed a moment ago, so most requests learn who sent them
//! without reading the database: that read cost an authenticated request more than all the rest
//! of it (BENCHMARKS.md, R2).
//!
//! The trade, which the README states as an invariant: on the server that handles them, signing
//! out, deactivating a user and changing roles take effect at once (they forget what they
//! change); another server over the same database may honour a revoked session or an old set of
//! roles for at most `session_cache_seconds` more. Zero turns the cache off.

use chrono::{DateTime, TimeDelta, Utc};

use crate::domain::Actor;

/// How long a confirmed session is taken on trust unless configured otherwise.
pub const SESSION_CACHE_SECONDS_DEFAULT: u32 = 5;

/// More live sessions than a scheme's staff and lawyers hold at once; past it the least used
/// are forgotten and read again.
const SESSIONS_REMEMBERED_MAXIMUM: u64 = 10_000;

#[derive(Clone)]
struct Confirmed {
    actor: Actor,
    confirmed_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
}

/// Keyed by the token's hash, never the token. Ages are measured on the service's clock, so a
/// test that moves the clock past a session's expiry sees it expire here too; moka's own timer
/// only bounds how long memory holds an entry.
#[derive(Clone)]
pub(super) struct SessionCache {
    confirmed: Option<moka::sync::Cache<String, Confirmed>>,
    trusted_for: TimeDelta,
}

impl SessionCache {
    pub(super) fn new(seconds: u32) -> Self {
        let confirmed = (seconds > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(SESSIONS_REMEMBERED_MAXIMUM)
                .time_to_live(std::time::Duration::from_secs(u64::from(seconds)))
                .build()
        });
        SessionCache {
            confirmed,
            trusted_for: TimeDelta::seconds(i64::from(seconds)),
        }
    }

    /// The actor behind the session, if it was confirmed recently enough and is unexpired.
    pub(super) fn actor(&self, token_hash: &str, now: DateTime<Utc>) -> Option<Actor> {
        let confirmed = self.confirmed.as_ref()?.get(token_hash)?;
        let fresh =
            confirmed.confirmed_at <= now && now < confirmed.confirmed_at + self.trusted_for;
        (fresh && now < confirmed.expires_at).then_some(confirmed.actor)
    }

    pub(super) fn remember(
        &self,
        token_hash: String,
        actor: &Actor,
        (now, expires_at): (DateTime<Utc>, DateTime<Utc>),
    ) {
        if let Some(confirmed) = &self.confirmed {
            let entry = Confirmed {
                actor: actor.clone(),
                confirmed_at: now,
                expires_at,
            };
            confirmed.insert(token_hash, entry);
        }
    }

    pub(super) fn forget(&self, token_hash: &str) {
        if let Some(confirmed) = &self.confirmed {
            confirmed.invalidate(token_hash);
        }
    }

    /// After a change to a user's roles or standing: rare enough that forgetting everyone is
    /// simpler than indexing sessions by user, and the next request of each reads afresh.
    pub(super) fn forget_all(&self) {
        if let Some(confirmed) = &self.confirmed {
            confirmed.invalidate_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Role, UserId};

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    fn secretariat() -> Actor {
        Actor::user(UserId(7), [Role::Secretariat])
    }

    #[test]
    fn a_confirmed_session_is_trusted_for_the_configured_seconds_only() {
        let cache = SessionCache::new(5);
        cache.remember("hash".to_owned(), &secretariat(), (at(0), at(3600)));
        assert_eq!(cache.actor("hash", at(4)), Some(secretariat()));
        assert_eq!(cache.actor("hash", at(5)), None);
    }

    #[test]
    fn a_session_is_never_trusted_past_its_expiry() {
        let cache = SessionCache::new(5);
        cache.remember("hash".to_owned(), &secretariat(), (at(0), at(2)));
        assert_eq!(cache.actor("hash", at(2)), None);
    }

    #[test]
    fn a_forgotten_session_is_read_again() {
        let cache = SessionCache::new(5);
        cache.remember("one".to_owned(), &secretariat(), (at(0), at(3600)));
        cache.remember("two".to_owned(), &secretariat(), (at(0), at(3600)));
        cache.forget("one");
        assert_eq!(cache.actor("one", at(1)), None);
        cache.forget_all();
        assert_eq!(cache.actor("two", at(1)), None);
    }

    #[test]
    fn zero_seconds_remembers_nothing() {
        let cache = SessionCache::new(0);
        cache.remember("hash".to_owned(), &secretariat(), (at(0), at(3600)));
        assert_eq!(cache.actor("hash", at(0)), None);
    }
}
