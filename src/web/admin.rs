//! The administrator's pages: the user directory, adding an account and changing one's roles,
//! name, e-mail address or whether it may sign in. Each calls the service behind
//! `/api/v1/users` with the administrator's actor, so the same checks apply (no one locks
//! themself out, the scheduler's role is never given, usernames are unique).

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{Response, handler};
use serde::Deserialize;
use strum::IntoEnumIterator;

use super::csrf::CsrfForm;
use super::pages::{Frame, render, require, see_other, service_failure};
use super::session::Visit;
use crate::domain::notices::EmailAddress;
use crate::domain::{FullName, Role, UserId};
use crate::service::auth::Password;
use crate::service::users::UserChange;
use crate::service::{ServiceError, Services};
use crate::store::users::UserSummary;

const USERS_PATH: &str = "/admin/users";

/// The roles a person may be given: every role but the scheduler's.
fn assignable_roles() -> impl Iterator<Item = Role> {
    Role::iter().filter(|role| *role != Role::System)
}

pub struct UserRow {
    pub href: String,
    pub username: String,
    pub full_name: String,
    pub roles: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    frame: Frame,
    rows: Vec<UserRow>,
    /// The banner after a change: the text, already worded.
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct UsersQuery {
    added: Option<String>,
    changed: Option<String>,
}

/// Every account, with its roles and whether it may sign in.
#[handler]
pub async fn users_page(
    visit: Visit,
    services: Data<&Services>,
    Query(query): Query<UsersQuery>,
) -> Response {
    let actor = match require(&visit, Role::Admin) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let users = match services.users(actor).await {
        Ok(users) => users,
        Err(error) => return service_failure(&visit, &error, "administering users"),
    };
    let frame = Frame::new(&visit, USERS_PATH, "admin-users-title");
    let tr = frame.tr;
    let rows = users
        .into_iter()
        .map(|user| UserRow {
            href: format!("{USERS_PATH}/{}", user.id.0),
            full_name: user
                .full_name
                .map(|name| name.expose().to_owned())
                .unwrap_or_default(),
            roles: role_names(&visit, &user.roles),
            active: user.active,
            username: user.username,
        })
        .collect();
    let done = match (query.added, query.changed) {
        (Some(username), _) => Some(tr.with("admin-user-added", "username", &username)),
        (None, Some(username)) => Some(tr.with("admin-user-changed", "username", &username)),
        (None, None) => None,
    };
    render(&UsersPage { frame, rows, done }, StatusCode::OK)
}

fn role_names(visit: &Visit, roles: &BTreeSet<Role>) -> String {
    let tr = visit.tr();
    roles
        .iter()
        .map(|role| tr.t(&format!("role-{role}")).to_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A role's checkbox on the form.
pub struct RoleChoice {
    pub name: String,
    pub label: String,
    pub checked: bool,
}

/// The account form, for a new account (with username and password) or an existing one.
#[derive(Template)]
#[template(path = "admin/user_form.html")]
struct UserFormPage {
    frame: Frame,
    action: String,
    /// False when changing an account: its username is fixed and it keeps its password.
    new_account: bool,
    values: BTreeMap<String, String>,
    roles: Vec<RoleChoice>,
    active: bool,
    /// Each field's message, in the order of the form.
    errors: Vec<(String, String)>,
}

impl UserFormPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(on, _)| on == field)
            .map(|(_, message)| message.as_str())
    }

    fn value(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }
}

/// The form's fields as posted; each role's checkbox is a field of its own (`role-lawyer`), so
/// the form needs no repeated names.
#[derive(Deserialize)]
pub struct UserFields {
    #[serde(flatten)]
    fields: BTreeMap<String, String>,
}

impl UserFields {
    fn text(&self, name: &str) -> String {
        self.fields
            .get(name)
            .map(|value| value.trim().to_owned())
            .unwrap_or_default()
    }

    fn roles(&self) -> BTreeSet<Role> {
        assignable_roles()
            .filter(|role| self.fields.contains_key(&format!("role-{role}")))
            .collect()
    }
}

fn role_choices(visit: &Visit, chosen: &BTreeSet<Role>) -> Vec<RoleChoice> {
    let tr = visit.tr();
    assignable_roles()
        .map(|role| RoleChoice {
            name: format!("role-{role}"),
            label: tr.t(&format!("role-{role}")).to_owned(),
            checked: chosen.contains(&role),
        })
        .collect()
}

#[handler]
pub fn new_user_page(visit: Visit) -> Response {
    if let Err(refused) = require(&visit, Role::Admin) {
        return *refused;
    }
    let page = UserFormPage {
        frame: Frame::new(&visit, USERS_PATH, "admin-new-user-title"),
        action: format!("{USERS_PATH}/new"),
        new_account: true,
        values: BTreeMap::new(),
        roles: role_choices(&visit, &BTreeSet::new()),
        active: true,
        errors: Vec::new(),
    };
    render(&page, StatusCode::OK)
}

/// Adds the account; a field the service refuses is shown on the form again.
#[handler]
pub async fn add_user(
    visit: Visit,
    services: Data<&Services>,
    CsrfForm(form): CsrfForm<UserFields>,
) -> Response {
    let actor = match require(&visit, Role::Admin) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let username = form.text("username");
    let refusal = match parsed_details(&form) {
        Ok((full_name, email)) => {
            let password = Password::new(form.fields.get("password").cloned().unwrap_or_default());
            let details = (form.roles(), email);
            match services
                .create_user(actor, (&username, &full_name), password, details)
                .await
            {
                Ok(user) => return see_other(&format!("{USERS_PATH}?added={}", user.username)),
                Err(error) => vec![error],
            }
        }
        Err(refusals) => refusals,
    };
    let action = (format!("{USERS_PATH}/new"), true);
    form_again(&visit, &form, action, &refusal)
}

/// The full name and e-mail address as the API parses them; every field that does not parse.
fn parsed_details(
    form: &UserFields,
) -> Result<(FullName, Option<EmailAddress>), Vec<ServiceError>> {
    let invalid = |field, reason: String| ServiceError::Invalid { field, reason };
    let full_name = FullName::parse(&form.text("full_name"))
        .map_err(|error| invalid("full_name", error.to_string()));
    let email = Some(form.text("email"))
        .filter(|text| !text.is_empty())
        .map(|text| EmailAddress::parse(&text))
        .transpose()
        .map_err(|reason| invalid("email", reason.to_owned()));
    match (full_name, email) {
        (Ok(full_name), Ok(email)) => Ok((full_name, email)),
        (full_name, email) => Err([full_name.err(), email.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// The form again with the refused fields marked, or the failure page when a refusal is not
/// about a field.
fn form_again(
    visit: &Visit,
    form: &UserFields,
    (action, new_account): (String, bool),
    refusals: &[ServiceError],
) -> Response {
    let tr = visit.tr();
    let mut errors = Vec::new();
    for refusal in refusals {
        let (field, key) = match refusal {
            ServiceError::Duplicate { field } => (*field, "admin-error-username-taken".to_owned()),
            ServiceError::Invalid { field, .. } => (*field, format!("admin-error-{field}")),
            other => return service_failure(visit, other, "administering users"),
        };
        errors.push((field.to_owned(), tr.t(&key).to_owned()));
    }
    let mut values = form.fields.clone();
    values.remove("password");
    let page = UserFormPage {
        frame: Frame::new(visit, USERS_PATH, title_key(new_account)),
        action,
        new_account,
        active: form.fields.contains_key("active") || new_account,
        roles: role_choices(visit, &form.roles()),
        values,
        errors,
    };
    render(&page, StatusCode::UNPROCESSABLE_ENTITY)
}

fn title_key(new_account: bool) -> &'static str {
    if new_account {
        "admin-new-user-title"
    } else {
        "admin-change-user-title"
    }
}

#[handler]
pub async fn user_page(visit: Visit, services: Data<&Services>, Path(id): Path<i64>) -> Response {
    let actor = match require(&visit, Role::Admin) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let user = match services.user(actor, UserId(id)).await {
        Ok(user) => user,
        Err(error) => return service_failure(&visit, &error, "administering users"),
    };
    render(&change_form(&visit, &user), StatusCode::OK)
}

fn change_form(visit: &Visit, user: &UserSummary) -> UserFormPage {
    let mut values = BTreeMap::new();
    values.insert("username".to_owned(), user.username.clone());
    if let Some(name) = &user.full_name {
        values.insert("full_name".to_owned(), name.expose().to_owned());
    }
    if let Some(email) = &user.email {
        values.insert("email".to_owned(), email.expose().to_owned());
    }
    UserFormPage {
        frame: Frame::new(visit, USERS_PATH, "admin-change-user-title"),
        action: format!("{USERS_PATH}/{}", user.id.0),
        new_account: false,
        values,
        roles: role_choices(visit, &user.roles),
        active: user.active,
        errors: Vec::new(),
    }
}

/// Changes the account's name, e-mail address, roles and whether it may sign in.
#[handler]
pub async fn change_user(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<UserFields>,
) -> Response {
    let actor = match require(&visit, Role::Admin) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let refusals = match change_of(&form) {
        Ok(change) => match services.change_user(actor, UserId(id), change).await {
            Ok(user) => return see_other(&format!("{USERS_PATH}?changed={}", user.username)),
            Err(error) => vec![error],
        },
        Err(refusals) => refusals,
    };
    form_again(
        &visit,
        &form,
        (format!("{USERS_PATH}/{id}"), false),
        &refusals,
    )
}

fn change_of(form: &UserFields) -> Result<UserChange, Vec<ServiceError>> {
    let (full_name, email) = parsed_details(form)?;
    Ok(UserChange {
        full_name: Some(full_name),
        roles: Some(form.roles()),
        active: Some(form.fields.contains_key("active")),
        email,
    })
}
