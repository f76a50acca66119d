//! The commission's vote: who voted how, and what that decides under the jurisdiction's rules.

use serde::Serialize;

use super::claim::Outcome;
use super::error::RuleViolation;
use super::money::Money;
use super::role::UserId;
use super::rules::CommissionRules;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "choice", content = "amount")]
pub enum VoteChoice {
    /// Grant the proposed award.
    Approve,
    /// Grant an award, of a different amount.
    ApproveAmended(Money),
    /// Reject the claim.
    Reject,
}

impl VoteChoice {
    fn approves(self) -> bool {
        !matches!(self, VoteChoice::Reject)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vote {
    pub member: UserId,
    pub choice: VoteChoice,
    /// Cast by the chair, whose vote may decide a tie.
    pub by_chair: bool,
    /// The member's reasons, if they gave any.
    pub note: Option<String>,
}

/// The votes and recusals of the current review round.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ballot {
    pub votes: Vec<Vote>,
    pub recusals: Vec<UserId>,
}

impl Ballot {
    pub fn has_voted(&self, member: UserId) -> bool {
        self.votes.iter().any(|vote| vote.member == member)
    }

    pub fn has_recused(&self, member: UserId) -> bool {
        self.recusals.contains(&member)
    }
}

/// What the votes decide. The award is the proposal, unless a strict majority of the votes cast
/// approved one and the same amended amount: an amendment needs a majority of its own.
pub fn tally(
    ballot: &Ballot,
    rules: &CommissionRules,
    proposed: Money,
) -> Result<Outcome, RuleViolation> {
    let votes_cast = u32::try_from(ballot.votes.len()).unwrap_or(u32::MAX);
    if votes_cast < rules.quorum {
        return Err(RuleViolation::NoQuorum {
            votes_cast,
            quorum: rules.quorum,
        });
    }
    let approvals = ballot
        .votes
        .iter()
        .filter(|vote| vote.choice.approves())
        .count();
    let rejections = ballot.votes.len() - approvals;
    let approved = match approvals.cmp(&rejections) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            casting_vote(ballot, rules).ok_or(RuleViolation::NoMajority {
                approvals: approvals as u32,
                rejections: rejections as u32,
            })?
        }
    };
    if !approved {
        return Ok(Outcome::Rejected);
    }
    let award = amended_majority(ballot).unwrap_or(proposed);
    Ok(if award.is_zero() {
        Outcome::Rejected
    } else {
        Outcome::Award(award)
    })
}

fn casting_vote(ballot: &Ballot, rules: &CommissionRules) -> Option<bool> {
    if !rules.chair_casting_vote {
        return None;
    }
    ballot
        .votes
        .iter()
        .find(|vote| vote.by_chair)
        .map(|vote| vote.choice.approves())
}

fn amended_majority(ballot: &Ballot) -> Option<Money> {
    ballot.votes.iter().find_map(|vote| match vote.choice {
        VoteChoice::ApproveAmended(amount) => {
            let same = ballot
                .votes
                .iter()
                .filter(|other| other.choice == VoteChoice::ApproveAmended(amount))
                .count();
            (same * 2 > ballot.votes.len()).then_some(amount)
        }
        VoteChoice::Approve | VoteChoice::Reject => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;

    const RULES: CommissionRules = CommissionRules {
        members: 5,
        quorum: 3,
        chair_casting_vote: true,
        publish_dissents: false,
    };

    fn euros(major: i64) -> Money {
        Money::from_minor_units(major * 100, Currency::Eur)
    }

    fn ballot(choices: &[VoteChoice], chair_index: Option<usize>) -> Ballot {
        let votes = choices
            .iter()
            .enumerate()
            .map(|(index, choice)| Vote {
                member: UserId(index as i64 + 1),
                choice: *choice,
                by_chair: chair_index == Some(index),
                note: None,
            })
            .collect();
        Ballot {
            votes,
            recusals: vec![],
        }
    }

    use VoteChoice::{Approve, ApproveAmended, Reject};

    #[test]
    fn fewer_votes_than_the_quorum_decide_nothing() {
        let result = tally(&ballot(&[Approve, Approve], None), &RULES, euros(4000));
        assert_eq!(
            result,
            Err(RuleViolation::NoQuorum {
                votes_cast: 2,
                quorum: 3
            })
        );
    }

    #[test]
    fn a_majority_of_approvals_grants_the_proposal() {
        let result = tally(
            &ballot(&[Approve, Approve, Reject], None),
            &RULES,
            euros(4000),
        );
        assert_eq!(result, Ok(Outcome::Award(euros(4000))));
    }

    #[test]
    fn a_majority_of_rejections_rejects() {
        let result = tally(
            &ballot(&[Approve, Reject, Reject], None),
            &RULES,
            euros(4000),
        );
        assert_eq!(result, Ok(Outcome::Rejected));
    }

    #[test]
    fn the_chair_breaks_a_tie_where_the_rules_give_a_casting_vote() {
        let votes = ballot(&[Approve, Approve, Reject, Reject], Some(2));
        assert_eq!(tally(&votes, &RULES, euros(4000)), Ok(Outcome::Rejected));
        let without = CommissionRules {
            chair_casting_vote: false,
            ..RULES
        };
        assert_eq!(
            tally(&votes, &without, euros(4000)),
            Err(RuleViolation::NoMajority {
                approvals: 2,
                rejections: 2
            })
        );
    }

    #[test]
    fn an_amended_amount_needs_its_own_majority() {
        let amended = ApproveAmended(euros(3000));
        let majority = ballot(&[amended, amended, Approve], None);
        assert_eq!(
            tally(&majority, &RULES, euros(4000)),
            Ok(Outcome::Award(euros(3000)))
        );
        let split = ballot(
            &[amended, Approve, Approve, ApproveAmended(euros(2000))],
            None,
        );
        assert_eq!(
            tally(&split, &RULES, euros(4000)),
            Ok(Outcome::Award(euros(4000)))
        );
    }
}
