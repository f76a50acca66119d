//! The rows statistics are computed from: one anonymised row per claim lodged in a period.
//!
//! Only the columns statistics need are read; the victim's birth date is turned into an age
//! band here and goes no further, and no id, reference or name leaves this module.

use std::collections::HashMap;

use anyhow::{Context as _, anyhow};
use chrono::NaiveDate;
use entity::{claim, interim_award, payment_order, payment_order_change, recovery};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::convert::parse;
use crate::domain::claim::OutcomeKind;
use crate::domain::money::Currency;
use crate::domain::payout::OrderState;
use crate::domain::statistics::{AgeBand, ClaimFigures};

/// What is summed per claim: paid and recovered minor units, and the first day paid.
#[derive(Default)]
struct Settlement {
    paid_minor: i64,
    recovered_minor: i64,
    first_paid_on: Option<NaiveDate>,
}

type ClaimColumns = (
    i64,
    String,
    String,
    Option<NaiveDate>,
    Option<String>,
    NaiveDate,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
    Option<i64>,
    String,
);

/// Claims lodged from `from` to `to`, both included, as statistics see them.
pub async fn lodged_between(
    connection: &impl ConnectionTrait,
    (from, to): (NaiveDate, NaiveDate),
) -> anyhow::Result<Vec<ClaimFigures>> {
    let rows: Vec<ClaimColumns> = claim::Entity::find()
        .select_only()
        .columns([
            claim::Column::Id,
            claim::Column::Jurisdiction,
            claim::Column::OffenceType,
            claim::Column::VictimBirthDate,
            claim::Column::VictimGender,
            claim::Column::CrimeDate,
            claim::Column::LodgedOn,
            claim::Column::DecidedOn,
            claim::Column::DecisionOutcome,
            claim::Column::DecisionAwardMinor,
            claim::Column::Currency,
        ])
        .filter(claim::Column::LodgedOn.between(from, to))
        .into_tuple()
        .all(connection)
        .await
        .context("reading claims for statistics")?;
    let mut settlements = settlements(connection, (from, to)).await?;
    rows.into_iter()
        .map(|row| {
            let settlement = settlements.remove(&row.0).unwrap_or_default();
            figures(row, settlement)
        })
        .collect()
}

fn figures(row: ClaimColumns, settlement: Settlement) -> anyhow::Result<ClaimFigures> {
    let (
        _,
        jurisdiction,
        offence_type,
        birth,
        gender,
        crime_date,
        lodged_on,
        decided_on,
        outcome,
        award,
        currency,
    ) = row;
    let outcome: Option<OutcomeKind> = outcome
        .map(|text| parse("claims.decision_outcome", &text))
        .transpose()?;
    Ok(ClaimFigures {
        jurisdiction,
        offence_type: parse("claims.offence_type", &offence_type)?,
        age_band: AgeBand::of(birth, crime_date),
        gender: gender
            .map(|text| parse("claims.victim_gender", &text))
            .transpose()?,
        outcome,
        lodged_on: lodged_on.ok_or_else(|| anyhow!("claims.lodged_on: missing"))?,
        decided_on: decided_on.filter(|_| outcome.is_some()),
        first_paid_on: settlement.first_paid_on,
        currency: parse::<Currency>("claims.currency", &currency)?,
        awarded_minor: award
            .filter(|_| outcome == Some(OutcomeKind::Award))
            .unwrap_or(0),
        paid_minor: settlement.paid_minor,
        recovered_minor: settlement.recovered_minor,
    })
}

/// The ids of the claims lodged in the period, for `IN (subquery)`.
fn lodged_ids((from, to): (NaiveDate, NaiveDate)) -> SelectStatement {
    Query::select()
        .column(claim::Column::Id)
        .from(claim::Entity)
        .and_where(claim::Column::LodgedOn.between(from, to))
        .to_owned()
}

/// Per claim lodged in the period: confirmed payment orders and interim awards (both paid out),
/// amounts recovered, and the day of the first confirmed payment order.
async fn settlements(
    connection: &impl ConnectionTrait,
    period: (NaiveDate, NaiveDate),
) -> anyhow::Result<HashMap<i64, Settlement>> {
    let mut settlements: HashMap<i64, Settlement> = HashMap::new();
    let orders: Vec<(i64, i64, i64)> = payment_order::Entity::find()
        .select_only()
        .columns([
            payment_order::Column::Id,
            payment_order::Column::ClaimId,
            payment_order::Column::AmountMinor,
        ])
        .filter(payment_order::Column::State.eq(OrderState::Paid.as_str()))
        .filter(payment_order::Column::ClaimId.in_subquery(lodged_ids(period)))
        .into_tuple()
        .all(connection)
        .await
        .context("reading paid orders for statistics")?;
    let settled: Vec<(i64, Option<NaiveDate>)> = payment_order_change::Entity::find()
        .select_only()
        .columns([
            payment_order_change::Column::OrderId,
            payment_order_change::Column::SettledOn,
        ])
        .filter(payment_order_change::Column::State.eq(OrderState::Paid.as_str()))
        .into_tuple()
        .all(connection)
        .await
        .context("reading payment confirmations for statistics")?;
    let settled: HashMap<i64, NaiveDate> = settled
        .into_iter()
        .filter_map(|(order, day)| Some((order, day?)))
        .collect();
    for (order, claim, amount_minor) in orders {
        let settlement = settlements.entry(claim).or_default();
        settlement.paid_minor += amount_minor;
        if let Some(day) = settled.get(&order) {
            settlement.first_paid_on = Some(
                settlement
                    .first_paid_on
                    .map_or(*day, |first| first.min(*day)),
            );
        }
    }
    for (claim, amount_minor) in sums(connection, period, Summed::InterimAwards).await? {
        settlements.entry(claim).or_default().paid_minor += amount_minor;
    }
    for (claim, amount_minor) in sums(connection, period, Summed::Recoveries).await? {
        settlements.entry(claim).or_default().recovered_minor += amount_minor;
    }
    Ok(settlements)
}

enum Summed {
    InterimAwards,
    Recoveries,
}

/// The amounts of interim awards or of recoveries on the claims lodged in the period, each
/// with its claim (in the claim's currency: both are refused in any other).
async fn sums(
    connection: &impl ConnectionTrait,
    period: (NaiveDate, NaiveDate),
    summed: Summed,
) -> anyhow::Result<Vec<(i64, i64)>> {
    let rows = match summed {
        Summed::InterimAwards => {
            interim_award::Entity::find()
                .select_only()
                .columns([
                    interim_award::Column::ClaimId,
                    interim_award::Column::AmountMinor,
                ])
                .filter(interim_award::Column::ClaimId.in_subquery(lodged_ids(period)))
                .into_tuple()
                .all(connection)
                .await
        }
        Summed::Recoveries => {
            recovery::Entity::find()
                .select_only()
                .columns([recovery::Column::ClaimId, recovery::Column::AmountMinor])
                .filter(recovery::Column::ClaimId.in_subquery(lodged_ids(period)))
                .into_tuple()
                .all(connection)
                .await
        }
    };
    rows.context("reading amounts for statistics")
}
