//! Votes and recusals of commission members.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::{recusal, vote};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::convert::parse;
use crate::domain::money::{Currency, Money};
use crate::domain::operations::VoteKind;
use crate::domain::votes::{Ballot, Vote, VoteChoice};
use crate::domain::{Claim, ClaimId, UserId};

/// The votes of the claim's current review round, and its recusals (loaded with the claim).
/// Before the claim's first review round no vote can exist, so none is read.
pub async fn ballot(
    connection: &impl ConnectionTrait,
    claim: &Claim,
    currency: Currency,
) -> anyhow::Result<Ballot> {
    let recusals = claim.recused.iter().copied().collect();
    if claim.review_round == 0 {
        return Ok(Ballot {
            votes: Vec::new(),
            recusals,
        });
    }
    let vote_rows = vote::Entity::find()
        .filter(vote::Column::ClaimId.eq(claim.id.0))
        .filter(vote::Column::ReviewRound.eq(claim.review_round))
        .order_by_asc(vote::Column::Id)
        .all(connection)
        .await
        .context("reading votes")?;
    let votes = vote_rows
        .iter()
        .map(|row| vote_from_row(row, currency))
        .collect::<anyhow::Result<_>>()?;
    Ok(Ballot { votes, recusals })
}

fn vote_from_row(row: &vote::Model, currency: Currency) -> anyhow::Result<Vote> {
    let choice = match parse::<VoteKind>("votes.choice", &row.choice)? {
        VoteKind::Approve => VoteChoice::Approve,
        VoteKind::Reject => VoteChoice::Reject,
        VoteKind::ApproveAmended => {
            let minor = row
                .amended_amount_minor
                .context("votes.amended_amount_minor: missing")?;
            VoteChoice::ApproveAmended(Money::from_minor_units(minor, currency))
        }
    };
    Ok(Vote {
        member: UserId(row.member_id),
        choice,
        by_chair: row.by_chair,
        note: row.note.clone(),
    })
}

pub async fn insert_vote(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    round: i32,
    vote: &Vote,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (kind, amended) = match vote.choice {
        VoteChoice::Approve => (VoteKind::Approve, None),
        VoteChoice::Reject => (VoteKind::Reject, None),
        VoteChoice::ApproveAmended(amount) => {
            (VoteKind::ApproveAmended, Some(amount.minor_units()))
        }
    };
    let row = vote::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        review_round: Set(round),
        member_id: Set(vote.member.0),
        choice: Set(kind.as_str().to_owned()),
        amended_amount_minor: Set(amended),
        by_chair: Set(vote.by_chair),
        note: Set(vote.note.clone()),
        cast_at: Set(now),
    };
    row.insert(connection).await.context("inserting a vote")?;
    Ok(())
}

pub async fn insert_recusal(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    member: UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = recusal::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        member_id: Set(member.0),
        recorded_at: Set(now),
    };
    row.insert(connection)
        .await
        .context("inserting a recusal")?;
    Ok(())
}
