//! Who works on a claim: the secretariat's rapporteur who prepares it, and the commission
//! members on its panel. Assignments make a worklist ("assigned to me") and widen no one's
//! access; an assigned rapporteur alone records the assessment, and a member who has recused
//! cannot be put on the panel.

use std::collections::BTreeSet;

use super::claim::Claim;
use super::error::{DomainError, RuleViolation};
use super::operations::{ClaimOperation, authorize};
use super::role::{Actor, Role, UserId};

named_enum! {
    pub enum AssignmentKind {
        /// The secretariat member who prepares the claim and proposes the award.
        Rapporteur,
        /// A commission member on the claim's panel.
        Member,
    }
}

impl AssignmentKind {
    /// The roles the assignee must hold.
    fn assignee_roles(self) -> &'static [Role] {
        match self {
            AssignmentKind::Rapporteur => &[Role::Secretariat],
            AssignmentKind::Member => &[Role::Commissioner, Role::Chair],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub user: UserId,
    pub kind: AssignmentKind,
}

/// Checks an assignment: the operation's table says who may assign and when; the assignee
/// must hold a role that does the work, and a recused member stays off the panel.
pub fn assign(
    claim: &Claim,
    actor: &Actor,
    assignment: Assignment,
    assignee_roles: &BTreeSet<Role>,
) -> Result<Role, DomainError> {
    let role = authorize(ClaimOperation::Assign, claim, actor)?;
    let allowed = assignment.kind.assignee_roles();
    if !allowed.iter().any(|role| assignee_roles.contains(role)) {
        let names: Vec<&str> = allowed.iter().map(|role| role.as_str()).collect();
        return Err(DomainError::InvalidInput {
            field: "user_id",
            reason: format!(
                "a {} must hold the role {}",
                assignment.kind,
                names.join(" or ")
            ),
        });
    }
    if assignment.kind == AssignmentKind::Member && claim.recused.contains(&assignment.user) {
        return Err(RuleViolation::MemberRecused.into());
    }
    Ok(role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::tests::claim;
    use crate::domain::workflow::ClaimState;

    fn secretariat() -> Actor {
        Actor::user(UserId(20), [Role::Secretariat])
    }

    fn member(user: i64) -> Assignment {
        Assignment {
            user: UserId(user),
            kind: AssignmentKind::Member,
        }
    }

    #[test]
    fn a_panel_member_must_sit_on_the_commission() {
        let claim = claim(ClaimState::InCommissionReview);
        let commissioner = BTreeSet::from([Role::Commissioner]);
        let lawyer = BTreeSet::from([Role::Lawyer]);
        assert!(assign(&claim, &secretariat(), member(3), &commissioner).is_ok());
        assert!(matches!(
            assign(&claim, &secretariat(), member(3), &lawyer),
            Err(DomainError::InvalidInput {
                field: "user_id",
                ..
            })
        ));
    }

    #[test]
    fn a_recused_member_cannot_be_put_on_the_panel() {
        let mut claim = claim(ClaimState::InCommissionReview);
        claim.recused.insert(UserId(3));
        let commissioner = BTreeSet::from([Role::Commissioner]);
        assert_eq!(
            assign(&claim, &secretariat(), member(3), &commissioner),
            Err(RuleViolation::MemberRecused.into())
        );
    }

    #[test]
    fn lawyers_do_not_assign() {
        let claim = claim(ClaimState::Submitted);
        let lawyer = Actor::user(UserId(10), [Role::Lawyer]);
        let rapporteur = Assignment {
            user: UserId(20),
            kind: AssignmentKind::Rapporteur,
        };
        let holds = BTreeSet::from([Role::Secretariat]);
        assert!(matches!(
            assign(&claim, &lawyer, rapporteur, &holds),
            Err(DomainError::OperationNotPermitted { .. })
        ));
    }
}
