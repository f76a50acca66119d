//! Object-level access: which claims an actor may see and act on, beyond what their role allows.

use super::claim::Claim;
use super::role::{Actor, Role};

/// A lawyer sees only the claims they represent; every other role of the scheme sees all claims.
///
/// Field masking for protected identities builds on this (the API issue).
pub fn may_access(actor: &Actor, claim: &Claim) -> bool {
    let non_lawyer_role = actor.roles.iter().any(|role| *role != Role::Lawyer);
    non_lawyer_role || (actor.user_id.is_some() && claim.representative == actor.user_id)
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
