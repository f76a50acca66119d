//! Who may act: the closed set of roles and the actor that performs an act.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

named_enum! {
    /// A role a user holds. Permissions are granted to roles, never to individual users.
    pub enum Role {
        Lawyer,
        Secretariat,
        Commissioner,
        Chair,
        FinanceOfficer,
        FinanceApprover,
        Auditor,
        Admin,
        /// The scheduler performing timed transitions; never held by a person.
        System,
    }
}

impl Role {
    /// Whether the role sits on the commission and may vote.
    pub fn is_commission_member(self) -> bool {
        matches!(self, Role::Commissioner | Role::Chair)
    }
}

/// The primary key of a user, as the core sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

/// The person (or the system) performing an act, with every role they hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// `None` only for the system actor, which has no user row.
    pub user_id: Option<UserId>,
    pub roles: BTreeSet<Role>,
}

impl Actor {
    pub fn user(user_id: UserId, roles: impl IntoIterator<Item = Role>) -> Self {
        Actor {
            user_id: Some(user_id),
            roles: roles.into_iter().collect(),
        }
    }

    pub fn system() -> Self {
        Actor {
            user_id: None,
            roles: BTreeSet::from([Role::System]),
        }
    }

    pub fn holds(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The first of `allowed` that the actor holds: the role an act is recorded under.
    pub fn acting_role(&self, allowed: &[Role]) -> Option<Role> {
        allowed.iter().copied().find(|role| self.holds(*role))
    }
}
