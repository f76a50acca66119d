//! Who may act: the closed set of roles, the actor that performs an act, and the full name a
//! person signs with.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::claim::{PersonalText, PersonalTextError};

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

/// A user's full name, as documents print it (a decision's signatory, a representative).
/// Personal data like a claimant's name: the same rules, and a redacted `Debug`, so it never
/// reaches a log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FullName(PersonalText);

impl FullName {
    /// 1 to 200 characters once trimmed, without control or text-direction characters.
    pub fn parse(text: &str) -> Result<FullName, PersonalTextError> {
        PersonalText::parse(text).map(FullName)
    }

    /// The name itself, for documents and for administrators.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_is_kept_trimmed_and_never_shows_in_debug_output() {
        let name = FullName::parse("  Arbër Gashi ").unwrap();
        assert_eq!(name.expose(), "Arbër Gashi");
        assert!(!format!("{name:?}").contains("Gashi"));
    }

    #[test]
    fn empty_overlong_and_disguised_full_names_are_refused() {
        assert_eq!(FullName::parse("   "), Err(PersonalTextError::Empty));
        assert_eq!(
            FullName::parse(&"a".repeat(201)),
            Err(PersonalTextError::TooLong { maximum: 200 })
        );
        assert!(FullName::parse(&"a".repeat(200)).is_ok());
        assert_eq!(
            FullName::parse("Arbër\u{202E}Gashi"),
            Err(PersonalTextError::InvisibleCharacters)
        );
        assert_eq!(
            FullName::parse("Arbër\nGashi"),
            Err(PersonalTextError::InvisibleCharacters)
        );
    }
}
