//! Tests that walk the whole workflow table, and properties of random walks through it.

use std::collections::{BTreeSet, HashSet, VecDeque};

use proptest::prelude::*;
use rust_decimal::Decimal;
use strum::IntoEnumIterator;

use super::*;
use crate::domain::award::Schedule;
use crate::domain::claim::tests::{claim, kosovo_schedules};
use crate::domain::claim::{Decision, Outcome};
use crate::domain::diagram::render_mermaid;
use crate::domain::money::Currency;
use crate::domain::role::UserId;
use crate::domain::rules::tests::kosovo;
use crate::domain::votes::{Vote, VoteChoice};

/// Everything a context borrows, owned in one place.
struct World {
    today: NaiveDate,
    actor: Actor,
    rules: JurisdictionRules,
    documents: BTreeSet<DocumentKind>,
    ballot: Ballot,
    paid_minor_units: i64,
    schedules: Vec<Schedule>,
}

impl World {
    fn new(roles: &[Role]) -> Self {
        World {
            today: "2026-04-01".parse().unwrap(),
            actor: Actor::user(UserId(10), roles.iter().copied()),
            rules: kosovo(),
            documents: BTreeSet::from([DocumentKind::PowerOfAttorney]),
            ballot: approving_ballot(),
            paid_minor_units: 0,
            schedules: kosovo_schedules(),
        }
    }

    fn everyone() -> Self {
        World::new(&Role::iter().collect::<Vec<_>>())
    }

    fn context(&self) -> Context<'_> {
        Context {
            today: self.today,
            actor: &self.actor,
            rules: &self.rules,
            documents: &self.documents,
            ballot: &self.ballot,
            confirmed_payments: Money::from_minor_units(self.paid_minor_units, Currency::Eur),
            payment_orders: &[],
            schedules: &self.schedules,
        }
    }

    fn perform(
        &self,
        claim: &Claim,
        action: ClaimAction,
        input: &ActionInput,
    ) -> Result<Performed, DomainError> {
        perform(claim, action, &self.context(), input)
    }
}

fn approving_ballot() -> Ballot {
    let votes = (1..=3)
        .map(|member| Vote {
            member: UserId(member),
            choice: VoteChoice::Approve,
            by_chair: member == 1,
            note: None,
        })
        .collect();
    Ballot {
        votes,
        recusals: vec![],
    }
}

/// `full_input()` with only the fields `action` uses.
fn input_for(action: ClaimAction) -> ActionInput {
    let full = full_input();
    let accepted = accepted_fields(action);
    let keep = |field: InputField| accepted.contains(&field);
    ActionInput {
        reason: full.reason.filter(|_| keep(InputField::Reason)),
        evidence_due: full.evidence_due.filter(|_| keep(InputField::EvidenceDue)),
        requested_documents: if keep(InputField::RequestedDocuments) {
            full.requested_documents
        } else {
            BTreeSet::new()
        },
        appeal_outcome: full
            .appeal_outcome
            .filter(|_| keep(InputField::AppealOutcome)),
        varied_award: full.varied_award.filter(|_| keep(InputField::VariedAward)),
        appeal_waived: full.appeal_waived && keep(InputField::AppealWaived),
    }
}

/// An input that satisfies every row's requirements.
fn full_input() -> ActionInput {
    ActionInput {
        reason: Some("synthetic reason".into()),
        evidence_due: None,
        requested_documents: BTreeSet::from([DocumentKind::MedicalReport]),
        appeal_outcome: Some(AppealOutcome::Upheld),
        varied_award: None,
        appeal_waived: true,
    }
}

fn euros(major: i64) -> Money {
    Money::from_minor_units(major * 100, Currency::Eur)
}

fn decided(state: ClaimState, outcome: Outcome) -> Claim {
    let mut claim = claim(state);
    claim.decision = Some(Decision {
        outcome,
        decided_on: "2026-03-20".parse().unwrap(),
    });
    claim.deadlines.appeal_due = Some("2026-04-19".parse().unwrap());
    claim
}

#[test]
fn every_state_and_action_pair_is_a_row_or_rejected_as_illegal() {
    let world = World::everyone();
    for state in ClaimState::iter() {
        for action in ClaimAction::iter() {
            let result = world.perform(&claim(state), action, &input_for(action));
            let illegal = matches!(result, Err(DomainError::IllegalAction { .. }));
            assert_eq!(
                illegal,
                find(state, action).is_none(),
                "{state} × {action}: {result:?}"
            );
        }
    }
}

#[test]
fn no_two_rows_share_a_state_and_action() {
    let mut seen = HashSet::new();
    for row in TRANSITIONS {
        assert!(
            seen.insert((row.from, row.action)),
            "duplicate row {} × {}",
            row.from,
            row.action
        );
    }
}

#[test]
fn create_has_no_row_and_every_other_action_has_one() {
    for action in ClaimAction::iter() {
        let has_row = TRANSITIONS.iter().any(|row| row.action == action);
        assert_eq!(has_row, action != ClaimAction::Create, "{action}");
    }
}

#[test]
fn terminal_states_have_no_way_out() {
    for state in ClaimState::iter().filter(|state| state.is_terminal()) {
        assert!(
            TRANSITIONS.iter().all(|row| row.from != state),
            "{state} has a way out"
        );
    }
}

#[test]
fn every_state_is_reachable_from_draft() {
    let mut reached = BTreeSet::from([ClaimState::Draft]);
    let mut queue = VecDeque::from([ClaimState::Draft]);
    while let Some(state) = queue.pop_front() {
        for row in TRANSITIONS.iter().filter(|row| row.from == state) {
            for to in row.target.possible_states() {
                if reached.insert(to) {
                    queue.push_back(to);
                }
            }
        }
    }
    assert_eq!(reached, ClaimState::iter().collect());
}

#[test]
fn every_non_terminal_state_can_reach_an_end() {
    for state in ClaimState::iter().filter(|state| !state.is_terminal()) {
        let ends = [ClaimState::Closed, ClaimState::Withdrawn];
        let mut reached = BTreeSet::from([state]);
        let mut queue = VecDeque::from([state]);
        while let Some(current) = queue.pop_front() {
            for row in TRANSITIONS.iter().filter(|row| row.from == current) {
                for to in row.target.possible_states() {
                    if reached.insert(to) {
                        queue.push_back(to);
                    }
                }
            }
        }
        assert!(
            ends.iter().any(|end| reached.contains(end)),
            "{state} is a dead end"
        );
    }
}

#[test]
fn an_illegal_action_names_the_state_the_action_and_what_the_role_may_do() {
    let world = World::new(&[Role::Lawyer]);
    let error = world
        .perform(
            &claim(ClaimState::Submitted),
            ClaimAction::Appeal,
            &full_input(),
        )
        .unwrap_err();
    assert_eq!(
        error,
        DomainError::IllegalAction {
            state: ClaimState::Submitted,
            action: ClaimAction::Appeal,
            roles: vec![Role::Lawyer],
            allowed: vec![ClaimAction::Withdraw],
        }
    );
    assert_eq!(
        error.to_string(),
        "appeal is not allowed while the claim is submitted; allowed now for your roles: withdraw"
    );
}

#[test]
fn an_action_the_roles_may_never_perform_is_not_permitted_in_any_state() {
    let world = World::new(&[Role::Auditor]);
    let workflow_actions =
        || ClaimAction::iter().filter(|action| TRANSITIONS.iter().any(|row| row.action == *action));
    for state in ClaimState::iter() {
        for action in workflow_actions() {
            let result = world.perform(&claim(state), action, &full_input());
            assert!(
                matches!(result, Err(DomainError::ActionNotPermitted { .. })),
                "{state} × {action}: {result:?}"
            );
        }
    }
}

#[test]
fn a_lawyer_cannot_submit_without_a_power_of_attorney() {
    let mut world = World::new(&[Role::Lawyer]);
    world.documents.clear();
    let error = world
        .perform(
            &claim(ClaimState::Draft),
            ClaimAction::Submit,
            &ActionInput::default(),
        )
        .unwrap_err();
    assert_eq!(
        error,
        RuleViolation::AuthorityToActMissing {
            required: DocumentKind::PowerOfAttorney
        }
        .into()
    );
}

#[test]
fn a_lawyer_for_a_minor_needs_the_guardian_appointment() {
    let world = World::new(&[Role::Lawyer]);
    let mut draft = claim(ClaimState::Draft);
    draft.facts.victim_birth_date = Some("2014-01-01".parse().unwrap());
    let error = world
        .perform(&draft, ClaimAction::Submit, &ActionInput::default())
        .unwrap_err();
    assert_eq!(
        error,
        RuleViolation::AuthorityToActMissing {
            required: DocumentKind::GuardianAppointment
        }
        .into()
    );
}

#[test]
fn the_secretariat_files_an_unrepresented_claim_without_a_power_of_attorney() {
    let mut world = World::new(&[Role::Secretariat]);
    world.documents.clear();
    let mut unrepresented = claim(ClaimState::Draft);
    unrepresented.representative = None;
    let performed = world
        .perform(&unrepresented, ClaimAction::Submit, &ActionInput::default())
        .unwrap();
    assert_eq!(
        (performed.to, performed.claim.lodged_on),
        (ClaimState::Submitted, Some(world.today))
    );
}

#[test]
fn a_represented_claim_needs_the_power_of_attorney_whoever_submits_it() {
    let mut world = World::new(&[Role::Secretariat]);
    world.documents.clear();
    let error = world
        .perform(
            &claim(ClaimState::Draft),
            ClaimAction::Submit,
            &ActionInput::default(),
        )
        .unwrap_err();
    assert_eq!(
        error,
        RuleViolation::AuthorityToActMissing {
            required: DocumentKind::PowerOfAttorney
        }
        .into()
    );
}

#[test]
fn a_late_submission_needs_an_extension() {
    let mut world = World::new(&[Role::Secretariat]);
    world.today = "2026-09-11".parse().unwrap();
    let mut draft = claim(ClaimState::Draft);
    let error = world
        .perform(&draft, ClaimAction::Submit, &ActionInput::default())
        .unwrap_err();
    assert_eq!(
        error,
        RuleViolation::FilingDeadlinePassed {
            deadline: "2026-09-10".parse().unwrap()
        }
        .into()
    );
    draft.filing_extension_reason = Some("hospitalised".into());
    assert!(
        world
            .perform(&draft, ClaimAction::Submit, &ActionInput::default())
            .is_ok()
    );
}

#[test]
fn a_submission_needs_the_victims_date_of_birth() {
    let world = World::new(&[Role::Secretariat]);
    let mut draft = claim(ClaimState::Draft);
    draft.facts.victim_birth_date = None;
    let error = world
        .perform(&draft, ClaimAction::Submit, &ActionInput::default())
        .unwrap_err();
    assert_eq!(
        error,
        RuleViolation::RequiredFieldsMissing {
            fields: vec!["victim_birth_date"]
        }
        .into()
    );
}

#[test]
fn the_vote_closes_only_with_a_quorum() {
    let mut world = World::new(&[Role::Chair]);
    world.ballot.votes.truncate(2);
    let error = world.perform(
        &claim(ClaimState::InCommissionReview),
        ClaimAction::Decide,
        &ActionInput::default(),
    );
    assert_eq!(
        error.unwrap_err(),
        RuleViolation::NoQuorum {
            votes_cast: 2,
            quorum: 3
        }
        .into()
    );
}

#[test]
fn deciding_records_the_award_and_the_appeal_deadline() {
    let world = World::new(&[Role::Chair]);
    let performed = world
        .perform(
            &claim(ClaimState::InCommissionReview),
            ClaimAction::Decide,
            &ActionInput::default(),
        )
        .unwrap();
    let decision = performed.claim.decision.unwrap();
    assert_eq!(decision.outcome, Outcome::Award(euros(4000)));
    assert_eq!(
        performed.claim.deadlines.appeal_due,
        Some("2026-05-01".parse().unwrap())
    );
}

#[test]
fn an_appeal_is_accepted_only_inside_the_window() {
    let mut world = World::new(&[Role::Lawyer]);
    let claim = decided(ClaimState::Decided, Outcome::Rejected);
    assert!(
        world
            .perform(&claim, ClaimAction::Appeal, &ActionInput::default())
            .is_ok()
    );
    world.today = "2026-04-20".parse().unwrap();
    let error = world
        .perform(&claim, ClaimAction::Appeal, &ActionInput::default())
        .unwrap_err();
    assert_eq!(
        error,
        RuleViolation::AppealWindowClosed {
            last_day: "2026-04-19".parse().unwrap()
        }
        .into()
    );
}

#[test]
fn finalizing_waits_for_the_window_unless_the_appeal_is_waived() {
    let mut world = World::new(&[Role::System]);
    let claim = decided(ClaimState::Decided, Outcome::Award(euros(4000)));
    let error = world
        .perform(&claim, ClaimAction::Finalize, &ActionInput::default())
        .unwrap_err();
    assert_eq!(
        error,
        RuleViolation::AppealWindowOpen {
            last_day: "2026-04-19".parse().unwrap()
        }
        .into()
    );
    let waived = ActionInput {
        appeal_waived: true,
        ..ActionInput::default()
    };
    assert!(
        world
            .perform(&claim, ClaimAction::Finalize, &waived)
            .is_ok()
    );
    world.today = "2026-04-20".parse().unwrap();
    let performed = world
        .perform(&claim, ClaimAction::Finalize, &ActionInput::default())
        .unwrap();
    assert_eq!(
        performed.claim.deadlines.payment_due,
        Some("2026-05-20".parse().unwrap())
    );
}

#[test]
fn withdrawal_is_impossible_once_decided() {
    for state in [
        ClaimState::Decided,
        ClaimState::UnderAppeal,
        ClaimState::Final,
        ClaimState::Paid,
    ] {
        assert!(find(state, ClaimAction::Withdraw).is_none(), "{state}");
    }
}

#[test]
fn a_claim_is_marked_paid_only_when_payments_cover_the_award() {
    let mut world = World::new(&[Role::FinanceApprover]);
    world.paid_minor_units = 399_999;
    let claim = decided(ClaimState::InPayment, Outcome::Award(euros(4000)));
    let error = world
        .perform(&claim, ClaimAction::MarkPaid, &ActionInput::default())
        .unwrap_err();
    assert_eq!(
        error,
        RuleViolation::PaymentsIncomplete {
            paid: Money::from_minor_units(399_999, Currency::Eur),
            award: euros(4000)
        }
        .into()
    );
    world.paid_minor_units = 400_000;
    assert!(
        world
            .perform(&claim, ClaimAction::MarkPaid, &ActionInput::default())
            .is_ok()
    );
}

#[test]
fn a_final_award_must_be_paid_before_the_claim_closes() {
    let world = World::new(&[Role::Secretariat]);
    let awarded = decided(ClaimState::Final, Outcome::Award(euros(4000)));
    assert_eq!(
        world
            .perform(&awarded, ClaimAction::Close, &ActionInput::default())
            .unwrap_err(),
        RuleViolation::AwardNotPaid { award: euros(4000) }.into()
    );
    let rejected = decided(ClaimState::Final, Outcome::Rejected);
    assert!(
        world
            .perform(&rejected, ClaimAction::Close, &ActionInput::default())
            .is_ok()
    );
}

#[test]
fn the_appeal_outcome_decides_where_the_claim_goes() {
    let world = World::new(&[Role::Secretariat]);
    let claim = decided(ClaimState::UnderAppeal, Outcome::Award(euros(4000)));
    let with = |outcome, varied_award| ActionInput {
        appeal_outcome: Some(outcome),
        varied_award,
        ..ActionInput::default()
    };
    let upheld = world
        .perform(
            &claim,
            ClaimAction::RecordAppealOutcome,
            &with(AppealOutcome::Upheld, None),
        )
        .unwrap();
    assert_eq!(upheld.to, ClaimState::Final);
    let varied = world
        .perform(
            &claim,
            ClaimAction::RecordAppealOutcome,
            &with(AppealOutcome::Varied, Some(Decimal::new(500_000, 2))),
        )
        .unwrap();
    assert_eq!(
        (varied.to, guards::awarded(&varied.claim)),
        (ClaimState::Final, Some(euros(5000)))
    );
    let remitted = world
        .perform(
            &claim,
            ClaimAction::RecordAppealOutcome,
            &with(AppealOutcome::Remitted, None),
        )
        .unwrap();
    assert_eq!(
        (remitted.to, remitted.claim.decision),
        (ClaimState::UnderAssessment, None)
    );
    let missing = world.perform(
        &claim,
        ClaimAction::RecordAppealOutcome,
        &with(AppealOutcome::Varied, None),
    );
    assert_eq!(
        missing.unwrap_err(),
        RuleViolation::InputRequired {
            field: "varied_award"
        }
        .into()
    );
}

#[test]
fn required_input_is_named_when_missing() {
    let world = World::new(&[Role::Secretariat]);
    let error = world.perform(
        &claim(ClaimState::Submitted),
        ClaimAction::DeclareInadmissible,
        &ActionInput::default(),
    );
    assert_eq!(
        error.unwrap_err(),
        RuleViolation::InputRequired { field: "reason" }.into()
    );
}

#[test]
fn allowed_actions_report_blocked_guards() {
    let world = World::new(&[Role::Secretariat]);
    let claim = decided(ClaimState::Decided, Outcome::Rejected);
    let available = allowed_actions(&claim, &world.context());
    let actions: Vec<_> = available
        .iter()
        .map(|availability| availability.action)
        .collect();
    assert_eq!(actions, vec![ClaimAction::Appeal, ClaimAction::Finalize]);
    assert!(available[0].blocked_by.is_none());
    assert!(matches!(
        available[1].blocked_by,
        Some(RuleViolation::AppealWindowOpen { .. })
    ));
}

#[test]
fn the_diagram_draws_every_row() {
    let diagram = render_mermaid();
    for row in TRANSITIONS {
        for to in row.target.possible_states() {
            assert!(
                diagram.contains(&format!("    {} --> {}: {}", row.from, to, row.action)),
                "{} {}",
                row.from,
                row.action
            );
        }
    }
}

/// Invariants that hold for every claim, whatever happened to it.
fn assert_invariants(claim: &Claim) {
    use ClaimState as S;
    let decided_states = [S::Decided, S::UnderAppeal, S::Final, S::InPayment, S::Paid];
    if claim.state == S::Draft {
        assert!(claim.lodged_on.is_none(), "a draft with a lodging date");
    } else if claim.state != S::Withdrawn {
        assert!(
            claim.lodged_on.is_some(),
            "{:?} without a lodging date",
            claim.state
        );
    }
    if decided_states.contains(&claim.state) {
        assert!(
            claim.decision.is_some(),
            "{:?} without a decision",
            claim.state
        );
    }
    if [S::InPayment, S::Paid].contains(&claim.state) {
        assert!(guards::awarded(claim).is_some(), "paying without an award");
    }
    if claim.state == S::Withdrawn {
        assert!(claim.decision.is_none(), "withdrawn after a decision");
    }
    if claim.state == S::AwaitingEvidence {
        assert!(claim.deadlines.evidence_due.is_some());
    }
}

proptest! {
    #[test]
    fn random_walks_keep_the_claims_invariants(
        steps in proptest::collection::vec((0usize..18, 0u32..40, 0usize..3, any::<bool>()), 1..60)
    ) {
        let actions: Vec<ClaimAction> = ClaimAction::iter().collect();
        let mut world = World::everyone();
        let mut current = claim(ClaimState::Draft);
        current.decision = None;
        for (action_index, days, outcome_index, waived) in steps {
            world.today = crate::domain::deadlines::add_days(world.today, days).unwrap();
            world.paid_minor_units = guards::awarded(&current).map_or(0, |award| award.minor_units());
            let action = actions[action_index % actions.len()];
            let mut input = input_for(action);
            if action == ClaimAction::RecordAppealOutcome {
                input.appeal_outcome = AppealOutcome::iter().nth(outcome_index);
                let varied = input.appeal_outcome == Some(AppealOutcome::Varied);
                input.varied_award = varied.then(|| Decimal::new(250_000, 2));
            }
            input.appeal_waived &= waived;
            match world.perform(&current, action, &input) {
                Ok(performed) => {
                    prop_assert!(find(performed.from, action).is_some());
                    current = performed.claim;
                }
                Err(DomainError::IllegalAction { state, allowed, .. }) => {
                    prop_assert_eq!(state, current.state);
                    prop_assert!(!allowed.contains(&action));
                }
                Err(_) => {}
            }
            assert_invariants(&current);
        }
    }
}

#[test]
fn every_required_field_is_one_the_action_accepts() {
    for row in TRANSITIONS {
        for field in row.requires {
            assert!(
                accepted_fields(row.action).contains(field),
                "{} requires {field} but does not accept it",
                row.action
            );
        }
    }
}

#[test]
fn fields_an_action_does_not_use_are_refused() {
    let world = World::new(&[Role::Lawyer]);
    let stray = ActionInput {
        varied_award: Some(Decimal::ONE),
        ..ActionInput::default()
    };
    let error = world
        .perform(&claim(ClaimState::Draft), ClaimAction::Withdraw, &stray)
        .unwrap_err();
    assert_eq!(
        error,
        DomainError::InvalidInput {
            field: "varied_award",
            reason: "is not used by withdraw".into()
        }
    );
}

#[test]
fn proposing_calculates_the_award_from_the_assessment_and_keeps_the_calculation() {
    let world = World::new(&[Role::Secretariat]);
    let performed = world
        .perform(
            &claim(ClaimState::UnderAssessment),
            ClaimAction::ProposeAward,
            &ActionInput::default(),
        )
        .unwrap();
    assert_eq!(performed.claim.proposed_award, Some(euros(4000)));
    let calculation = performed.claim.calculation.unwrap();
    assert_eq!(calculation["total"], "4000.00");
    assert_eq!(calculation["lines"][0]["head"], "medical_costs");
    assert_eq!(performed.payload["calculation"]["total"], "4000.00");
}

#[test]
fn interim_awards_are_deducted_in_the_calculation_but_count_toward_the_award() {
    let world = World::new(&[Role::Secretariat]);
    let mut claim = claim(ClaimState::UnderAssessment);
    claim.interim_awarded = euros(500);
    let performed = world
        .perform(&claim, ClaimAction::ProposeAward, &ActionInput::default())
        .unwrap();
    let calculation = performed.claim.calculation.unwrap();
    assert_eq!(
        (
            calculation["interim_deducted"].as_str(),
            calculation["total"].as_str()
        ),
        (Some("500.00"), Some("3500.00"))
    );
    assert_eq!(performed.claim.proposed_award, Some(euros(4000)));
}

#[test]
fn no_award_is_proposed_without_an_assessment() {
    let world = World::new(&[Role::Secretariat]);
    let mut claim = claim(ClaimState::UnderAssessment);
    claim.assessment = None;
    let error = world
        .perform(&claim, ClaimAction::ProposeAward, &ActionInput::default())
        .unwrap_err();
    assert_eq!(error, RuleViolation::NoAssessment.into());
}
