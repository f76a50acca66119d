//! Who is assigned to work on a claim.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use entity::claim_assignment;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::convert::parse;
use super::is_unique_violation;
use crate::domain::assignments::{Assignment, AssignmentKind};
use crate::domain::{ClaimId, UserId};

/// The person already holds that assignment on the claim.
#[derive(Debug)]
pub struct AlreadyAssigned;

pub async fn insert(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
    assignment: &Assignment,
    assigned_by: Option<UserId>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<(), AlreadyAssigned>> {
    let row = claim_assignment::ActiveModel {
        id: NotSet,
        claim_id: Set(claim_id.0),
        user_id: Set(assignment.user.0),
        kind: Set(assignment.kind.as_str().to_owned()),
        assigned_by: Set(assigned_by.map(|user| user.0)),
        assigned_at: Set(now),
    };
    match row.insert(connection).await {
        Ok(_) => Ok(Ok(())),
        Err(error) if is_unique_violation(&error) => Ok(Err(AlreadyAssigned)),
        Err(error) => Err(error).context("inserting an assignment"),
    }
}

/// The claim's assignments, in the order they were made.
pub async fn for_claim(
    connection: &impl ConnectionTrait,
    claim_id: ClaimId,
) -> anyhow::Result<Vec<(Assignment, Option<UserId>, DateTime<Utc>)>> {
    let rows = claim_assignment::Entity::find()
        .filter(claim_assignment::Column::ClaimId.eq(claim_id.0))
        .order_by_asc(claim_assignment::Column::Id)
        .all(connection)
        .await
        .context("reading assignments")?;
    rows.into_iter()
        .map(|row| {
            let assignment = Assignment {
                user: UserId(row.user_id),
                kind: parse::<AssignmentKind>("claim_assignments.kind", &row.kind)?,
            };
            Ok((assignment, row.assigned_by.map(UserId), row.assigned_at))
        })
        .collect()
}
