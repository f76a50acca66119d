//! The user directory, managed by administrators: accounts, roles, deactivation.

use std::collections::BTreeSet;

use super::auth::{Password, validate_roles};
use super::{ServiceError, Services};
use crate::domain::notices::EmailAddress;
use crate::domain::{Actor, FullName, Role, UserId};
use crate::store;
use crate::store::users::UserSummary;

/// What an administrator changes on an account; absent fields stay as they are.
#[derive(Debug, Default)]
pub struct UserChange {
    /// The name documents print from now on; those already issued keep the one they froze.
    pub full_name: Option<FullName>,
    pub roles: Option<BTreeSet<Role>>,
    pub active: Option<bool>,
    /// Where e-mail notices go from now on.
    pub email: Option<EmailAddress>,
}

fn require_admin(actor: &Actor) -> Result<(), ServiceError> {
    actor
        .acting_role(&[Role::Admin])
        .map(|_| ())
        .ok_or(ServiceError::Forbidden)
}

impl Services {
    pub async fn create_user(
        &self,
        actor: &Actor,
        (username, full_name): (&str, &FullName),
        password: Password,
        (roles, email): (BTreeSet<Role>, Option<EmailAddress>),
    ) -> Result<UserSummary, ServiceError> {
        require_admin(actor)?;
        let id = self
            .add_user((username, full_name), password, roles)
            .await?;
        if let Some(email) = &email {
            store::users::set_email(self.database(), id, email).await?;
        }
        self.user(actor, id).await
    }

    pub async fn users(&self, actor: &Actor) -> Result<Vec<UserSummary>, ServiceError> {
        require_admin(actor)?;
        Ok(store::users::all(self.database()).await?)
    }

    /// Who the staff behind an audit trail are, for those who read the trail (auditors) or run
    /// the accounts (administrators): each user's username, with the full name where known.
    pub async fn staff_names(
        &self,
        actor: &Actor,
    ) -> Result<std::collections::BTreeMap<UserId, String>, ServiceError> {
        actor
            .acting_role(&[Role::Auditor, Role::Admin])
            .ok_or(ServiceError::Forbidden)?;
        let users = store::users::all(self.database()).await?;
        Ok(users
            .into_iter()
            .map(|user| {
                let name = match &user.full_name {
                    Some(full_name) => format!("{} ({})", full_name.expose(), user.username),
                    None => user.username,
                };
                (user.id, name)
            })
            .collect())
    }

    pub async fn user(&self, actor: &Actor, id: UserId) -> Result<UserSummary, ServiceError> {
        require_admin(actor)?;
        store::users::summary(self.database(), id)
            .await?
            .ok_or(ServiceError::NotFound("user"))
    }

    /// Changes the full name, the roles or whether the account is active. A new name is
    /// printed on documents issued from now on (issued ones keep theirs). Roles and
    /// deactivation (which revokes live sessions) take effect on the user's next request to
    /// this server, and on other servers within `session_cache_seconds`.
    pub async fn change_user(
        &self,
        actor: &Actor,
        id: UserId,
        change: UserChange,
    ) -> Result<UserSummary, ServiceError> {
        require_admin(actor)?;
        if let Some(roles) = &change.roles {
            validate_roles(roles)?;
        }
        check_no_self_lockout(actor, id, &change)?;
        let transaction = store::begin_write(self.database()).await?;
        if store::users::summary(&transaction, id).await?.is_none() {
            return Err(ServiceError::NotFound("user"));
        }
        if let Some(full_name) = &change.full_name {
            store::users::set_full_name(&transaction, id, full_name).await?;
        }
        if let Some(email) = &change.email {
            store::users::set_email(&transaction, id, email).await?;
        }
        if let Some(roles) = &change.roles {
            store::users::set_roles(&transaction, id, roles).await?;
        }
        if let Some(active) = change.active {
            store::users::set_active(&transaction, id, active, self.now()).await?;
        }
        transaction.commit().await?;
        if change.roles.is_some() || change.active.is_some() {
            self.forget_confirmed_sessions();
        }
        tracing::info!(user_id = id.0, by = ?actor.user_id, "user changed");
        self.user(actor, id).await
    }
}

/// An administrator may not deactivate themself or drop their own administrator role: the
/// scheme would be left with no one to manage accounts.
fn check_no_self_lockout(
    actor: &Actor,
    id: UserId,
    change: &UserChange,
) -> Result<(), ServiceError> {
    if actor.user_id != Some(id) {
        return Ok(());
    }
    if change.active == Some(false) {
        return Err(ServiceError::Invalid {
            field: "active",
            reason: "you cannot deactivate your own account".to_owned(),
        });
    }
    if change
        .roles
        .as_ref()
        .is_some_and(|roles| !roles.contains(&Role::Admin))
    {
        return Err(ServiceError::Invalid {
            field: "roles",
            reason: "you cannot remove your own administrator role".to_owned(),
        });
    }
    Ok(())
}
