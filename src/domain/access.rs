//! Object-level access: which claims an actor may see and act on, beyond what their role allows.

use super::claim::Claim;
use super::role::{Actor, Role, UserId};

/// Which claims a role's holder may see, beyond what the role itself permits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every claim (the secretariat, auditors, the scheduler).
    Every,
    /// The claims the lawyer represents.
    Represented(UserId),
    /// Claims that have been put before the commission, unless the member recused from them
    /// (commissioners).
    BeforeCommission(UserId),
    /// Lodged claims, unless the member recused: the chair grants interim awards for urgent
    /// needs from lodging on.
    Lodged(UserId),
    /// Claims with a decision, whose payment finance handles.
    Decided,
}

/// The scopes of every role the actor holds; they add up. An administrator manages users and
/// jurisdictions and sees no claim.
pub fn scopes(actor: &Actor) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = actor
        .roles
        .iter()
        .filter_map(|role| match role {
            Role::Secretariat | Role::Auditor | Role::System => Some(Scope::Every),
            Role::Lawyer => actor.user_id.map(Scope::Represented),
            Role::Commissioner => actor.user_id.map(Scope::BeforeCommission),
            Role::Chair => actor.user_id.map(Scope::Lodged),
            Role::FinanceOfficer | Role::FinanceApprover => Some(Scope::Decided),
            Role::Admin => None,
        })
        .collect();
    scopes.dedup();
    scopes
}

fn in_scope(scope: Scope, claim: &Claim) -> bool {
    match scope {
        Scope::Every => true,
        Scope::Represented(lawyer) => claim.representative == Some(lawyer),
        Scope::BeforeCommission(member) => {
            claim.review_round > 0 && !claim.recused.contains(&member)
        }
        Scope::Lodged(member) => claim.lodged_on.is_some() && !claim.recused.contains(&member),
        Scope::Decided => claim.decision.is_some(),
    }
}

/// Whether the actor may see and act on the claim at all (their role then limits what they do).
pub fn may_access(actor: &Actor, claim: &Claim) -> bool {
    scopes(actor)
        .into_iter()
        .any(|scope| in_scope(scope, claim))
}

/// Roles that see a protected person's identity; with the representing lawyer, no one else.
const IDENTITY_ROLES: &[Role] = &[Role::Secretariat, Role::Chair];

/// Whether the actor may see the names, birth date and address behind the claim.
pub fn may_see_identity(actor: &Actor, claim: &Claim) -> bool {
    let representative = actor.holds(Role::Lawyer)
        && actor.user_id.is_some()
        && claim.representative == actor.user_id;
    !claim.facts.protected_identity || representative || actor.acting_role(IDENTITY_ROLES).is_some()
}

/// What others see of a protected name: "Synthetic Applicant" becomes "S. A.".
pub fn initials(text: &str) -> String {
    text.split_whitespace()
        .filter_map(|word| word.chars().next())
        .map(|letter| format!("{letter}."))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::tests::claim;
    use crate::domain::role::UserId;
    use crate::domain::workflow::ClaimState;

    #[test]
    fn initials_keep_one_letter_per_word() {
        assert_eq!(initials("Synthetic  Applicant"), "S. A.");
        assert_eq!(initials("Ђорђе Петровић"), "Ђ. П.");
    }

    #[test]
    fn a_lawyer_sees_only_the_claims_they_represent() {
        let claim = claim(ClaimState::Draft);
        assert!(may_access(&Actor::user(UserId(10), [Role::Lawyer]), &claim));
        assert!(!may_access(
            &Actor::user(UserId(11), [Role::Lawyer]),
            &claim
        ));
    }

    #[test]
    fn a_protected_identity_is_hidden_from_the_administrator_only() {
        let mut claim = claim(ClaimState::Draft);
        claim.facts.protected_identity = true;
        assert!(!may_see_identity(
            &Actor::user(UserId(30), [Role::Admin]),
            &claim
        ));
        assert!(may_see_identity(
            &Actor::user(UserId(10), [Role::Lawyer]),
            &claim
        ));
        assert!(may_see_identity(
            &Actor::user(UserId(20), [Role::Secretariat]),
            &claim
        ));
        claim.facts.protected_identity = false;
        assert!(may_see_identity(
            &Actor::user(UserId(30), [Role::Admin]),
            &claim
        ));
    }

    #[test]
    fn the_secretariat_and_auditors_see_every_claim_and_the_administrator_none() {
        let claim = claim(ClaimState::Draft);
        assert!(may_access(
            &Actor::user(UserId(20), [Role::Secretariat]),
            &claim
        ));
        assert!(may_access(
            &Actor::user(UserId(21), [Role::Auditor]),
            &claim
        ));
        assert!(may_access(&Actor::system(), &claim));
        assert!(!may_access(&Actor::user(UserId(22), [Role::Admin]), &claim));
    }
}
