//! Sign-in, sign-out and "who am I".

use chrono::{DateTime, Utc};
use poem::Request;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use serde::Deserialize;

use super::Tag;
use super::body::JsonBody;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::Role;
use crate::service::auth::Password;
use crate::service::{ServiceError, Services};

pub struct AuthApi {
    pub services: Services,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[oai(validator(min_length = 1, max_length = 64))]
    pub username: String,
    #[oai(validator(min_length = 1, max_length = 1024))]
    pub password: String,
}

#[derive(Object)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`. Shown once; stored only as a hash.
    pub token: String,
    pub token_type: String,
    pub expires_at: DateTime<Utc>,
    pub user_id: i64,
    pub roles: Vec<Role>,
}

#[derive(Object)]
pub struct Me {
    pub user_id: i64,
    pub roles: Vec<Role>,
}

#[derive(ApiResponse)]
pub enum LoggedOut {
    /// The token is revoked.
    #[oai(status = 204)]
    Done,
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Auth")]
impl AuthApi {
    /// Exchange a username and password for a bearer token.
    #[oai(path = "/auth/login", method = "post")]
    async fn login(
        &self,
        request: &Request,
        body: JsonBody<LoginRequest>,
    ) -> Result<Json<LoginResponse>, ApiError> {
        let address = request
            .remote_addr()
            .as_socket_addr()
            .map(|address| address.ip());
        let JsonBody(credentials) = body;
        let session = self
            .services
            .login(
                &credentials.username,
                Password::new(credentials.password),
                address,
            )
            .await
            .map_err(|error| match error {
                ServiceError::Unauthenticated => ApiError::unauthorized(
                    "the username or password is wrong, or the account is inactive",
                ),
                other => other.into(),
            })?;
        Ok(Json(LoginResponse {
            token: session.token,
            token_type: "Bearer".to_owned(),
            expires_at: session.expires_at,
            user_id: session.user_id.0,
            roles: session.roles.into_iter().collect(),
        }))
    }

    /// Revoke the token used for this request.
    #[oai(path = "/auth/logout", method = "post")]
    async fn logout(&self, auth: BearerAuth) -> Result<LoggedOut, ApiError> {
        self.services.logout(&auth.0.token).await?;
        Ok(LoggedOut::Done)
    }

    /// The caller's identity and roles.
    #[oai(path = "/me", method = "get")]
    async fn me(&self, auth: BearerAuth) -> Result<Json<Me>, ApiError> {
        let actor = auth.0.actor;
        let user_id = actor.user_id.map_or(0, |user| user.0);
        Ok(Json(Me {
            user_id,
            roles: actor.roles.into_iter().collect(),
        }))
    }
}
