//! Browser sessions for the web UI: the same sign-in as the API (`check_credentials`), but the
//! session lives in a cookie the browser cannot read from script, with idle and absolute
//! timeouts, and is stored apart from bearer tokens so `/api/v1` never accepts it.

use chrono::{DateTime, TimeDelta, Utc};

use super::auth::{Password, random_token, token_hash};
use super::{ServiceError, Services};
use crate::domain::Actor;
use crate::store;

/// Signed-out after this long without a request, unless configured otherwise.
pub const BROWSER_SESSION_IDLE_MINUTES_DEFAULT: u32 = 30;
/// Signed-out this long after signing in, however busy, unless configured otherwise.
pub const BROWSER_SESSION_ABSOLUTE_HOURS_DEFAULT: u32 = 12;
/// A session's last use is written at most this often, so reading pages is not a write each.
const TOUCH_INTERVAL_SECONDS: i64 = 60;

/// How long a browser session may sit idle, and how long it may live at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrowserSessionLimits {
    pub idle_minutes: u32,
    pub absolute_hours: u32,
}

impl Default for BrowserSessionLimits {
    fn default() -> Self {
        BrowserSessionLimits {
            idle_minutes: BROWSER_SESSION_IDLE_MINUTES_DEFAULT,
            absolute_hours: BROWSER_SESSION_ABSOLUTE_HOURS_DEFAULT,
        }
    }
}

/// A new session: its id goes into the cookie and nowhere else.
pub struct BrowserSignIn {
    pub session_id: String,
    pub actor: Actor,
}

/// A random value for a visitor not signed in: the session cookie's value until sign-in, which
/// the CSRF tokens of the sign-in form are derived from. It is stored nowhere.
pub fn anonymous_nonce() -> Result<String, ServiceError> {
    random_token()
}

/// What a purge of ended sessions deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PurgedSessions {
    pub browser: u64,
    pub bearer: u64,
}

impl Services {
    /// Deletes browser and bearer sessions that were revoked or have expired: they can never
    /// be used again, and each row is a hash tied to a person's account. The scheduler calls
    /// this on every pass; on several instances the passes overlap harmlessly.
    pub async fn purge_ended_sessions(&self) -> Result<PurgedSessions, ServiceError> {
        let now = self.now();
        Ok(PurgedSessions {
            browser: store::browser_sessions::delete_ended(self.database(), now).await?,
            bearer: store::users::delete_ended_sessions(self.database(), now).await?,
        })
    }

    /// Checks the password as the API's sign-in does and opens a new session with a new id.
    /// The session the browser held before, if any, is revoked: an id known before sign-in
    /// (planted by someone else, say) is never the one signed in.
    pub async fn sign_in_browser(
        &self,
        (username, password): (&str, Password),
        address: Option<std::net::IpAddr>,
        previous_session_id: Option<&str>,
    ) -> Result<BrowserSignIn, ServiceError> {
        let user = self.check_credentials(username, password, address).await?;
        if let Some(previous) = previous_session_id {
            store::browser_sessions::revoke(self.database(), &token_hash(previous), self.now())
                .await?;
        }
        let session_id = random_token()?;
        let now = self.now();
        let expires_at = now + TimeDelta::hours(i64::from(self.browser_sessions.absolute_hours));
        store::browser_sessions::insert(
            self.database(),
            user.id,
            &token_hash(&session_id),
            now,
            expires_at,
        )
        .await?;
        let roles = store::users::roles_of(self.database(), user.id).await?;
        tracing::info!(user_id = user.id.0, "signed in to the web UI");
        Ok(BrowserSignIn {
            session_id,
            actor: Actor::user(user.id, roles),
        })
    }

    /// The actor behind a live browser session, with the roles they hold now; `None` when the
    /// session is unknown, revoked, idle too long or past its absolute limit (an expired one is
    /// revoked on the way, so it stays dead even if the clock or the limits change).
    pub async fn browser_session_actor(
        &self,
        session_id: &str,
    ) -> Result<Option<Actor>, ServiceError> {
        let id_sha256 = token_hash(session_id);
        let Some(session) =
            store::browser_sessions::find_unrevoked(self.database(), &id_sha256).await?
        else {
            return Ok(None);
        };
        let now = self.now();
        if !self.browser_session_live(session.last_seen_at, session.expires_at, now) {
            store::browser_sessions::revoke(self.database(), &id_sha256, now).await?;
            return Ok(None);
        }
        if now - session.last_seen_at >= TimeDelta::seconds(TOUCH_INTERVAL_SECONDS) {
            store::browser_sessions::touch(self.database(), &id_sha256, now).await?;
        }
        let roles = store::users::roles_of(self.database(), session.user_id).await?;
        Ok(Some(Actor::user(session.user_id, roles)))
    }

    /// Revokes the session; signing out of a session already gone is not an error.
    pub async fn sign_out_browser(&self, session_id: &str) -> Result<(), ServiceError> {
        store::browser_sessions::revoke(self.database(), &token_hash(session_id), self.now())
            .await?;
        Ok(())
    }

    fn browser_session_live(
        &self,
        last_seen_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> bool {
        let idle = TimeDelta::minutes(i64::from(self.browser_sessions.idle_minutes));
        now < expires_at && now - last_seen_at < idle
    }
}
