//! The ballot of a claim's review round as members read it (`Services::ballot`, the function
//! behind `GET /api/v1/claims/{id}/votes`), and the two things a member does with it: vote
//! (`Services::cast_vote`, as `POST .../votes`) or recuse (`Services::recuse`, as
//! `POST .../recusals`). The service decides what counts; these handlers only read the form
//! and word its answer.

use std::str::FromStr;

use poem::web::{Data, Path};
use poem::{Response, handler};
use serde::Deserialize;
use strum::IntoEnumIterator;

use super::claim::{PageForms, claim_response};
use super::{claim_path, money, require_member, words};
use crate::domain::claim::Outcome;
use crate::domain::error::{DomainError, RuleViolation};
use crate::domain::operations::{VoteCast, VoteKind};
use crate::domain::rules::JurisdictionRules;
use crate::domain::votes::{Ballot, VoteChoice, tally};
use crate::domain::workflow::ClaimState;
use crate::domain::{Actor, Claim, ClaimId};
use crate::locale::parse_amount;
use crate::service::{ServiceError, Services};
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::see_other;
use crate::web::pages::service_failure;
use crate::web::session::Visit;

/// The API takes notes of up to 2,000 characters; the form says so before the service would.
const NOTE_CHARACTERS_MAXIMUM: usize = 2000;

/// One vote as the ballot shows it.
pub struct VoteRow {
    pub member: String,
    pub choice: String,
    pub note: Option<String>,
}

/// Where a claim's ballot stands, worded.
pub struct BallotSummary {
    pub votes: Vec<VoteRow>,
    /// How many members recused, when any did.
    pub recusals: Option<String>,
    /// Votes cast against the quorum, such as "2 of 3 votes needed".
    pub count: String,
    /// What the votes decide if the vote closed now, where that can be said.
    pub outcome: Option<String>,
    /// The visitor's own part: voted, recused or still open.
    pub mine: String,
    /// The colour of its tag, as GOV.UK names the modifier (`govuk-tag--green`).
    pub mine_colour: &'static str,
    /// The visitor may still vote or recuse.
    pub open_to_me: bool,
}

/// Words the ballot for the visitor. The outcome so far is the domain's own tally, the one
/// the chair's decision is checked against.
pub fn summarize(
    tr: Tr,
    actor: &Actor,
    (claim, ballot): (&Claim, &Ballot),
    rules: Option<&JurisdictionRules>,
) -> BallotSummary {
    let votes = ballot
        .votes
        .iter()
        .map(|vote| VoteRow {
            member: member_label(tr, actor, vote.member, vote.by_chair),
            choice: choice_label(tr, vote.choice),
            note: vote.note.clone(),
        })
        .collect();
    let cast = ballot.votes.len().to_string();
    let quorum = rules.map_or(String::new(), |rules| rules.commission.quorum.to_string());
    let count = words(
        tr,
        "commission-ballot-count",
        &[("cast", &cast), ("quorum", &quorum)],
    );
    let outcome = rules
        .zip(claim.proposed_award)
        .and_then(|(rules, proposed)| outcome_so_far(tr, ballot, rules, proposed));
    let (mine, mine_colour, open_to_me) = match actor.user_id {
        Some(member) if ballot.has_recused(member) => ("commission-ballot-recused", "grey", false),
        Some(member) if ballot.has_voted(member) => ("commission-ballot-voted", "green", false),
        _ => (
            "commission-ballot-open",
            "yellow",
            claim.state == ClaimState::InCommissionReview,
        ),
    };
    BallotSummary {
        votes,
        recusals: (!ballot.recusals.is_empty()).then(|| {
            tr.with(
                "commission-ballot-recusals",
                "count",
                &ballot.recusals.len(),
            )
        }),
        count,
        outcome,
        mine: tr.t(mine).to_owned(),
        mine_colour,
        open_to_me,
    }
}

fn outcome_so_far(
    tr: Tr,
    ballot: &Ballot,
    rules: &JurisdictionRules,
    proposed: crate::domain::Money,
) -> Option<String> {
    match tally(ballot, &rules.commission, proposed) {
        Ok(Outcome::Award(award)) => {
            Some(tr.with("commission-outcome-award", "amount", &money(tr, award)))
        }
        Ok(Outcome::Rejected | Outcome::Inadmissible { .. }) => {
            Some(tr.t("commission-outcome-rejected").to_owned())
        }
        Err(RuleViolation::NoQuorum { .. }) => {
            Some(tr.t("commission-outcome-no-quorum").to_owned())
        }
        Err(RuleViolation::NoMajority { .. }) => Some(tr.t("commission-outcome-tied").to_owned()),
        Err(_) => None,
    }
}

/// Members are named as the API names them, by their number; the visitor is "you".
fn member_label(tr: Tr, actor: &Actor, member: crate::domain::UserId, by_chair: bool) -> String {
    if actor.user_id == Some(member) {
        tr.t("commission-member-you").to_owned()
    } else if by_chair {
        tr.t("commission-member-chair").to_owned()
    } else {
        tr.with("commission-member-number", "number", &member.0)
    }
}

fn choice_label(tr: Tr, choice: VoteChoice) -> String {
    match choice {
        VoteChoice::Approve => tr.t("commission-choice-approve").to_owned(),
        VoteChoice::ApproveAmended(amount) => tr.with(
            "commission-choice-approve-amended-to",
            "amount",
            &money(tr, amount),
        ),
        VoteChoice::Reject => tr.t("commission-choice-reject").to_owned(),
    }
}

/// A choice of the vote form's radios.
pub struct ChoiceOption {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

/// The vote form as the member filled it in, and what was wrong with it.
#[derive(Default)]
pub struct VoteForm {
    pub choice: String,
    pub amended_amount: String,
    pub note: String,
    /// The field the error is about (its id on the page) and the message.
    pub error: Option<(&'static str, String)>,
}

impl VoteForm {
    /// The radios, in the domain's order of choices.
    pub fn choices(&self, tr: Tr) -> Vec<ChoiceOption> {
        VoteKind::iter()
            .map(|kind| ChoiceOption {
                value: kind.as_str(),
                label: tr.t(choice_key(kind)),
                checked: self.choice == kind.as_str(),
            })
            .collect()
    }

    /// The error message on `field`, if the error is about it.
    pub fn error_on(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(on, _)| *on == field)
            .map(|(_, message)| message.as_str())
    }
}

fn choice_key(kind: VoteKind) -> &'static str {
    match kind {
        VoteKind::Approve => "commission-choice-approve",
        VoteKind::ApproveAmended => "commission-choice-approve-amended",
        VoteKind::Reject => "commission-choice-reject",
    }
}

#[derive(Deserialize)]
pub struct VoteFields {
    #[serde(default)]
    choice: String,
    #[serde(default)]
    amended_amount: String,
    #[serde(default)]
    note: String,
}

/// The vote as the service takes it, or the field the form got wrong and the text saying so.
fn read_vote(fields: &VoteFields) -> Result<VoteCast, (&'static str, &'static str)> {
    let kind = VoteKind::from_str(fields.choice.trim())
        .map_err(|_| ("choice", "commission-error-choice"))?;
    let amount_text: String = fields.amended_amount.split_whitespace().collect();
    // The amount box stays filled when the member changes their mind: only the choice that
    // asks for it reads it.
    let amended_amount = match kind {
        VoteKind::ApproveAmended if !amount_text.is_empty() => Some(
            parse_amount(&amount_text)
                .ok_or(("amended_amount", "commission-error-amended-amount"))?,
        ),
        _ => None,
    };
    let note = fields.note.trim();
    if note.chars().count() > NOTE_CHARACTERS_MAXIMUM {
        return Err(("note", "commission-error-note"));
    }
    Ok(VoteCast {
        kind,
        amended_amount,
        note: Some(note.to_owned()).filter(|note| !note.is_empty()),
    })
}

/// The form field a refused vote is about and the text saying why; `None` for errors no
/// member can correct.
fn vote_refusal(error: &ServiceError) -> Option<(&'static str, &'static str)> {
    let field = match error {
        ServiceError::Invalid { field, .. }
        | ServiceError::Domain(DomainError::InvalidInput { field, .. })
        | ServiceError::Domain(DomainError::RuleViolated(RuleViolation::InputRequired { field })) => {
            *field
        }
        ServiceError::Domain(DomainError::RuleViolated(RuleViolation::AlreadyVoted)) => {
            return Some(("choice", "commission-error-already-voted"));
        }
        ServiceError::Domain(DomainError::RuleViolated(RuleViolation::Recused)) => {
            return Some(("choice", "commission-error-recused"));
        }
        ServiceError::Domain(DomainError::OperationNotAllowed { .. }) => {
            return Some(("choice", "commission-error-vote-closed"));
        }
        _ => return None,
    };
    Some(match field {
        "amended_amount" => ("amended_amount", "commission-error-amended-amount"),
        "note" => ("note", "commission-error-note"),
        _ => ("choice", "commission-error-choice"),
    })
}

/// Casts the member's vote; the claim's page again, with the vote on the ballot or the form's
/// error.
#[handler]
pub async fn submit_vote(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<VoteFields>,
) -> Response {
    let actor = match require_member(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let refusal = match read_vote(&fields) {
        Ok(cast) => match services.cast_vote(actor, ClaimId(id), cast).await {
            Ok(_) => return see_other(&claim_path(id)),
            Err(error) => match vote_refusal(&error) {
                Some(refusal) => refusal,
                None => return service_failure(&visit, &error, "casting a vote"),
            },
        },
        Err(refusal) => refusal,
    };
    let (field, key) = refusal;
    let forms = PageForms {
        vote: VoteForm {
            choice: fields.choice,
            amended_amount: fields.amended_amount,
            note: fields.note,
            error: Some((field, visit.tr().t(key).to_owned())),
        },
        recusal_error: None,
    };
    claim_response(&visit, &services, actor, id, forms).await
}

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub struct NoFields {}

/// Records the member's recusal; the claim then leaves their agenda, which says so.
#[handler]
pub async fn submit_recusal(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Response {
    let actor = match require_member(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let key = match services.recuse(actor, ClaimId(id)).await {
        Ok(_) => return see_other("/commission/agenda?recused=1"),
        Err(ServiceError::Domain(DomainError::RuleViolated(RuleViolation::AlreadyVoted))) => {
            "commission-error-recuse-after-vote"
        }
        Err(ServiceError::Domain(DomainError::OperationNotAllowed { .. })) => {
            "commission-error-vote-closed"
        }
        Err(error) => return service_failure(&visit, &error, "recording a recusal"),
    };
    let forms = PageForms {
        vote: VoteForm::default(),
        recusal_error: Some(visit.tr().t(key).to_owned()),
    };
    claim_response(&visit, &services, actor, id, forms).await
}
