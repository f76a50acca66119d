//! The user directory for administrators: create accounts, change roles, deactivate.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use serde::Deserialize;

use super::Tag;
use super::body::JsonBody;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::notices::EmailAddress;
use crate::domain::{FullName, Role, UserId};
use crate::service::Services;
use crate::service::auth::Password;
use crate::service::users::UserChange;
use crate::store::users::UserSummary;

pub struct UsersApi {
    pub services: Services,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    /// 3 to 64 lowercase letters, digits, `.`, `-` or `_`.
    #[oai(validator(min_length = 3, max_length = 64, pattern = r"^[a-z0-9._-]+$"))]
    pub username: String,
    /// The person's name as documents print it (a decision's signature): 1 to 200 characters
    /// once trimmed, no control characters.
    pub full_name: String,
    /// At least 12 characters; stored only as an argon2id hash.
    #[oai(validator(min_length = 1, max_length = 1024))]
    pub password: String,
    #[oai(validator(min_items = 1, max_items = 9))]
    pub roles: Vec<Role>,
    /// Where e-mail notices go (when the server sends e-mail).
    #[oai(validator(max_length = 254))]
    pub email: Option<String>,
}

/// What to change; fields left out stay as they are.
#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct UserPatchRequest {
    /// The name documents issued from now on print; issued ones keep theirs.
    pub full_name: Option<String>,
    /// The complete new set of roles.
    #[oai(validator(min_items = 1, max_items = 9))]
    pub roles: Option<Vec<Role>>,
    /// `false` deactivates at once: live sessions are revoked and sign-in is refused.
    pub active: Option<bool>,
    /// Where e-mail notices go from now on.
    #[oai(validator(max_length = 254))]
    pub email: Option<String>,
}

#[derive(Object)]
pub struct UserView {
    pub id: i64,
    pub username: String,
    /// `null` only for accounts created before full names were kept; documents print their
    /// username until an administrator gives them one.
    pub full_name: Option<String>,
    /// Where e-mail notices go; absent if none is set.
    pub email: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

impl From<UserSummary> for UserView {
    fn from(user: UserSummary) -> Self {
        UserView {
            id: user.id.0,
            username: user.username,
            full_name: user.full_name.map(|name| name.expose().to_owned()),
            email: user.email.map(|email| email.expose().to_owned()),
            roles: user.roles.into_iter().collect(),
            active: user.active,
            created_at: user.created_at,
        }
    }
}

#[derive(ApiResponse)]
pub enum UserCreated {
    #[oai(status = 201)]
    Created(Json<UserView>, #[oai(header = "Location")] String),
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Users")]
impl UsersApi {
    /// Create an account (administrators).
    #[oai(path = "/users", method = "post")]
    async fn create(
        &self,
        auth: BearerAuth,
        body: JsonBody<NewUserRequest>,
    ) -> Result<UserCreated, ApiError> {
        let JsonBody(request) = body;
        let full_name = full_name(&request.full_name)?;
        let user = self
            .services
            .create_user(
                &auth.0.actor,
                (&request.username, &full_name),
                Password::new(request.password),
                (
                    request.roles.into_iter().collect(),
                    request.email.as_deref().map(email).transpose()?,
                ),
            )
            .await?;
        let location = format!("/api/v1/users/{}", user.id.0);
        Ok(UserCreated::Created(Json(user.into()), location))
    }

    /// Every account, with its roles (administrators).
    #[oai(path = "/users", method = "get")]
    async fn list(&self, auth: BearerAuth) -> Result<Json<Vec<UserView>>, ApiError> {
        let users = self.services.users(&auth.0.actor).await?;
        Ok(Json(users.into_iter().map(UserView::from).collect()))
    }

    /// One account (administrators).
    #[oai(path = "/users/:id", method = "get")]
    async fn get(&self, auth: BearerAuth, id: Path<i64>) -> Result<Json<UserView>, ApiError> {
        let user = self.services.user(&auth.0.actor, UserId(id.0)).await?;
        Ok(Json(user.into()))
    }

    /// Change an account's full name or roles, or deactivate it (administrators).
    ///
    /// Effective at once; a new full name is printed on documents issued from now on.
    #[oai(path = "/users/:id", method = "patch")]
    async fn change(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<UserPatchRequest>,
    ) -> Result<Json<UserView>, ApiError> {
        let JsonBody(request) = body;
        let change = UserChange {
            full_name: request.full_name.as_deref().map(full_name).transpose()?,
            roles: request
                .roles
                .map(|roles| roles.into_iter().collect::<BTreeSet<_>>()),
            active: request.active,
            email: request.email.as_deref().map(email).transpose()?,
        };
        let user = self
            .services
            .change_user(&auth.0.actor, UserId(id.0), change)
            .await?;
        Ok(Json(user.into()))
    }
}

/// An e-mail address, or a 422 naming the field (never the value).
fn email(text: &str) -> Result<EmailAddress, ApiError> {
    EmailAddress::parse(text).map_err(|reason| ApiError::invalid("email", reason))
}

/// A full name as documents will print it, or a 422 naming the field (never the value).
fn full_name(text: &str) -> Result<FullName, ApiError> {
    FullName::parse(text).map_err(|error| ApiError::invalid("full_name", &error.to_string()))
}
