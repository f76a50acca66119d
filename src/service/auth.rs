//! Users and bearer-token sessions: argon2id password hashes, random tokens stored as SHA-256.

use std::collections::BTreeSet;

use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};

use super::{ServiceError, Services};
use crate::domain::{Actor, FullName, Role, UserId};
use crate::store;

const USERNAME_LENGTH_MAXIMUM: usize = 64;
const PASSWORD_LENGTH_MINIMUM: usize = 12;
const PASSWORD_LENGTH_MAXIMUM: usize = 1024;
const TOKEN_BYTES: usize = 32;

/// A password that never prints.
pub struct Password(String);

impl Password {
    pub fn new(text: String) -> Self {
        Password(text)
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Password(<redacted>)")
    }
}

/// A freshly issued bearer token; the token itself exists only in this value and the response.
pub struct IssuedSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user_id: UserId,
    pub roles: BTreeSet<Role>,
}

impl Services {
    /// Adds an account for a person: their username, the full name documents print, a
    /// password and at least one role.
    pub async fn add_user(
        &self,
        (username, full_name): (&str, &FullName),
        password: Password,
        roles: BTreeSet<Role>,
    ) -> Result<UserId, ServiceError> {
        validate_username(username)?;
        validate_password(&password)?;
        validate_roles(&roles)?;
        let hash = hash_password(password).await?;
        let who = (username, full_name);
        let inserted =
            store::users::insert(self.database(), who, &hash, &roles, self.now()).await?;
        let user_id = inserted.map_err(|_| ServiceError::Duplicate { field: "username" })?;
        tracing::info!(user_id = user_id.0, "user added");
        Ok(user_id)
    }

    /// Checks the password and issues a token. Unknown users cost the same time as wrong
    /// passwords, so the response time does not reveal which usernames exist.
    pub async fn login(
        &self,
        username: &str,
        password: Password,
        address: Option<std::net::IpAddr>,
    ) -> Result<IssuedSession, ServiceError> {
        let user = self.check_credentials(username, password, address).await?;
        let token = random_token()?;
        let now = self.now();
        let expires_at = now + TimeDelta::hours(i64::from(self.session_lifetime_hours));
        store::users::insert_session(
            self.database(),
            user.id,
            &token_hash(&token),
            now,
            expires_at,
        )
        .await?;
        let roles = store::users::roles_of(self.database(), user.id).await?;
        tracing::info!(user_id = user.id.0, "signed in");
        Ok(IssuedSession {
            token,
            expires_at,
            user_id: user.id,
            roles,
        })
    }

    /// The active user with this username and password, throttled per username and address;
    /// shared by the API's sign-in and the web UI's.
    pub(super) async fn check_credentials(
        &self,
        username: &str,
        password: Password,
        address: Option<std::net::IpAddr>,
    ) -> Result<store::users::UserRecord, ServiceError> {
        if !self.login_throttle.allow(username, address) {
            tracing::warn!("sign-in attempts throttled");
            return Err(ServiceError::TooManyAttempts);
        }
        let user = store::users::find_by_username(self.database(), username).await?;
        let stored_hash = user.as_ref().map(|user| user.password_hash.clone());
        let verified = verify_password(password, stored_hash).await?;
        let Some(user) = user.filter(|user| verified && user.active) else {
            // Neither the username nor the password is logged: either may be personal.
            tracing::warn!("sign-in failed");
            return Err(ServiceError::Unauthenticated);
        };
        Ok(user)
    }

    /// The actor behind a live token: from the sessions confirmed a moment ago if it is among
    /// them, otherwise from the database.
    pub async fn authenticate(&self, token: &str) -> Result<Actor, ServiceError> {
        let hash = token_hash(token);
        let now = self.now();
        if let Some(actor) = self.sessions.actor(&hash, now) {
            return Ok(actor);
        }
        let session = store::users::live_session(self.database(), &hash, now)
            .await?
            .ok_or(ServiceError::Unauthenticated)?;
        let roles = store::users::roles_of(self.database(), session.user_id).await?;
        let actor = Actor::user(session.user_id, roles);
        self.sessions
            .remember(hash, &actor, (now, session.expires_at));
        Ok(actor)
    }

    pub async fn logout(&self, token: &str) -> Result<(), ServiceError> {
        let hash = token_hash(token);
        self.sessions.forget(&hash);
        if store::users::revoke_session(self.database(), &hash, self.now()).await? {
            Ok(())
        } else {
            Err(ServiceError::Unauthenticated)
        }
    }

    /// Forgets every confirmed session, after a change to who someone is or what they may do.
    pub(super) fn forget_confirmed_sessions(&self) {
        self.sessions.forget_all();
    }
}

/// A person holds at least one role, and never the scheduler's.
pub(super) fn validate_roles(roles: &BTreeSet<Role>) -> Result<(), ServiceError> {
    if roles.is_empty() {
        return Err(ServiceError::Invalid {
            field: "roles",
            reason: "must name at least one role".to_owned(),
        });
    }
    if roles.contains(&Role::System) {
        return Err(ServiceError::Invalid {
            field: "roles",
            reason: "system is reserved for the scheduler".to_owned(),
        });
    }
    Ok(())
}

fn validate_username(username: &str) -> Result<(), ServiceError> {
    let valid = (3..=USERNAME_LENGTH_MAXIMUM).contains(&username.len())
        && username.bytes().all(|byte| {
            byte.is_ascii_lowercase() || byte.is_ascii_digit() || b"._-".contains(&byte)
        });
    if valid {
        Ok(())
    } else {
        Err(ServiceError::Invalid {
            field: "username",
            reason: "must be 3 to 64 lowercase letters, digits, dots, hyphens or underscores"
                .to_owned(),
        })
    }
}

fn validate_password(password: &Password) -> Result<(), ServiceError> {
    let length = password.0.chars().count();
    if (PASSWORD_LENGTH_MINIMUM..=PASSWORD_LENGTH_MAXIMUM).contains(&length) {
        Ok(())
    } else {
        Err(ServiceError::Invalid {
            field: "password",
            reason: "must be 12 to 1024 characters".to_owned(),
        })
    }
}

/// A hash of a password nobody has, verified against when the username is unknown.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Jp3Eq3Xkk2wZjzUi4eTn0Y9k6Xv1E5B7uq8lUcKj3uA";

/// Argon2 is deliberately slow; it runs off the async workers.
async fn hash_password(password: Password) -> Result<String, ServiceError> {
    let hashed = tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.0.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(anyhow::Error::from)?;
    Ok(hashed.map_err(|error| anyhow::anyhow!("hashing a password: {error}"))?)
}

async fn verify_password(
    password: Password,
    stored_hash: Option<String>,
) -> Result<bool, ServiceError> {
    let verified = tokio::task::spawn_blocking(move || {
        let known = stored_hash.is_some();
        let hash = stored_hash.unwrap_or_else(|| DECOY_HASH.to_owned());
        let matches = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.0.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && matches
    })
    .await
    .map_err(anyhow::Error::from)?;
    Ok(verified)
}

pub(super) fn random_token() -> Result<String, ServiceError> {
    let mut bytes = [0_u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("drawing a token: {error}"))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// Tokens are stored only as this hash: a copy of the sessions table signs nobody in.
pub(super) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decoy_hash_is_a_real_argon2id_hash_so_unknown_users_cost_a_full_verification() {
        let parsed = PasswordHash::new(DECOY_HASH).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        assert!(
            Argon2::default()
                .verify_password(b"anything", &parsed)
                .is_err()
        );
    }

    #[test]
    fn usernames_and_passwords_are_checked_with_the_field_named() {
        assert!(matches!(
            validate_username("Ab"),
            Err(ServiceError::Invalid {
                field: "username",
                ..
            })
        ));
        assert!(validate_username("clerk.one").is_ok());
        let short = Password::new("short".into());
        assert!(matches!(
            validate_password(&short),
            Err(ServiceError::Invalid {
                field: "password",
                ..
            })
        ));
    }

    #[test]
    fn passwords_never_print() {
        assert_eq!(
            format!("{:?}", Password::new("secret value".into())),
            "Password(<redacted>)"
        );
    }
}
