//! Object-level access: which claims an actor may see and act on, beyond what their role allows.

use super::claim::Claim;
use super::role::{Actor, Role};

/// A lawyer sees only the claims they represent; every other role of the scheme sees all claims.
///
/// Field masking for protected identities builds on this (the API issue).
pub fn may_access(actor: &Actor, claim: &Claim) -> bool {
    sees_every_claim(actor) || (actor.user_id.is_some() && claim.representative == actor.user_id)
}

/// Whether the actor holds a role that sees every claim (any role but lawyer).
pub fn sees_every_claim(actor: &Actor) -> bool {
    actor.roles.iter().any(|role| *role != Role::Lawyer)
}

/// Roles that need a protected person's identity to do their job on the claim. Others (the
/// administrator) see initials.
const IDENTITY_ROLES: &[Role] = &[
    Role::Secretariat,
    Role::Commissioner,
    Role::Chair,
    Role::FinanceOfficer,
    Role::FinanceApprover,
    Role::Auditor,
];

/// Whether the actor may see the names, birth date and address behind the claim.
pub fn may_see_identity(actor: &Actor, claim: &Claim) -> bool {
    let representative = actor.holds(Role::Lawyer)
        && actor.user_id.is_some()
        && claim.representative == actor.user_id;
    !claim.facts.protected_identity || representative || actor.acting_role(IDENTITY_ROLES).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::tests::claim;
    use crate::domain::role::UserId;
    use crate::domain::workflow::ClaimState;

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
    fn the_secretariat_and_auditors_see_every_claim() {
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
    }
}
