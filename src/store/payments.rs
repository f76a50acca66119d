//! Payment orders, their history, batches and approval limits. An order's state moves only by
//! `advance`, which checks the order's version and appends the step to its history in the same
//! transaction, so two writers can never both move one order.

use anyhow::{Context as _, anyhow};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{approval_limit, payment_batch, payment_order, payment_order_change};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::convert::parse;
use crate::domain::money::{Currency, Money};
use crate::domain::payments::{LedgerEntry, PaymentOrderId};
use crate::domain::payout::{Bic, Iban, OrderState, PayeeKind, RemittanceReference};
use crate::domain::{ClaimId, UserId};

/// Who is paid, into which account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payee {
    pub kind: PayeeKind,
    pub name: String,
    pub iban: Iban,
    pub bic: Option<Bic>,
}

/// An order as prepared: never edited afterwards.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOrder {
    pub payee: Payee,
    pub amount: Money,
    pub reference: RemittanceReference,
    pub due_on: Option<NaiveDate>,
    pub reissue_of: Option<PaymentOrderId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredOrder {
    pub id: PaymentOrderId,
    pub claim: ClaimId,
    pub order: NewOrder,
    pub prepared_by: UserId,
    pub prepared_at: DateTime<Utc>,
    pub state: OrderState,
    pub version: i64,
    pub approved_by: Option<UserId>,
    pub batch: Option<i64>,
}

impl StoredOrder {
    pub fn ledger_entry(&self) -> LedgerEntry {
        LedgerEntry {
            order: self.id,
            state: self.state,
            amount: self.order.amount,
            prepared_by: self.prepared_by,
            version: self.version,
        }
    }
}

/// What a step records besides the new state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Step {
    pub actor: Option<UserId>,
    pub batch: Option<i64>,
    pub bank_reference: Option<String>,
    pub settled_on: Option<NaiveDate>,
    pub reason: Option<String>,
}

pub async fn insert(
    connection: &impl ConnectionTrait,
    claim: ClaimId,
    order: &NewOrder,
    prepared_by: UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<PaymentOrderId> {
    let row = payment_order::ActiveModel {
        id: NotSet,
        claim_id: Set(claim.0),
        payee_kind: Set(order.payee.kind.as_str().to_owned()),
        payee_name: Set(order.payee.name.clone()),
        iban: Set(order.payee.iban.to_string()),
        bic: Set(order.payee.bic.as_ref().map(ToString::to_string)),
        amount_minor: Set(order.amount.minor_units()),
        currency: Set(order.amount.currency().code().to_owned()),
        reference: Set(order.reference.to_string()),
        due_on: Set(order.due_on),
        reissue_of: Set(order.reissue_of.map(|order| order.0)),
        prepared_by: Set(prepared_by.0),
        prepared_at: Set(now),
        state: Set(OrderState::Prepared.as_str().to_owned()),
        version: Set(1),
        approved_by: Set(None),
        batch_id: Set(None),
    };
    let id = PaymentOrderId(
        row.insert(connection)
            .await
            .context("inserting an order")?
            .id,
    );
    let step = Step {
        actor: Some(prepared_by),
        ..Step::default()
    };
    append_step(connection, id, (1, OrderState::Prepared), &step, now).await?;
    Ok(id)
}

/// Moves an order at `version` to `state`; false if another writer moved it first.
pub async fn advance(
    connection: &impl ConnectionTrait,
    (id, version): (PaymentOrderId, i64),
    state: OrderState,
    step: &Step,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let mut update = payment_order::Entity::update_many()
        .col_expr(payment_order::Column::State, Expr::value(state.as_str()))
        .col_expr(payment_order::Column::Version, Expr::value(version + 1))
        .filter(payment_order::Column::Id.eq(id.0))
        .filter(payment_order::Column::Version.eq(version));
    if state == OrderState::Approved {
        let approver = step.actor.map(|user| user.0);
        update = update.col_expr(payment_order::Column::ApprovedBy, Expr::value(approver));
    }
    if let Some(batch) = step.batch {
        update = update.col_expr(payment_order::Column::BatchId, Expr::value(batch));
    }
    let result = update.exec(connection).await.context("moving an order")?;
    if result.rows_affected != 1 {
        return Ok(false);
    }
    append_step(connection, id, (version + 1, state), step, now).await?;
    Ok(true)
}

async fn append_step(
    connection: &impl ConnectionTrait,
    order: PaymentOrderId,
    (sequence, state): (i64, OrderState),
    step: &Step,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let row = payment_order_change::ActiveModel {
        id: NotSet,
        order_id: Set(order.0),
        sequence: Set(sequence),
        state: Set(state.as_str().to_owned()),
        actor_user_id: Set(step.actor.map(|user| user.0)),
        batch_id: Set(step.batch),
        bank_reference: Set(step.bank_reference.clone()),
        settled_on: Set(step.settled_on),
        reason: Set(step.reason.clone()),
        occurred_at: Set(now),
    };
    row.insert(connection)
        .await
        .context("recording an order's step")?;
    Ok(())
}

pub async fn find(
    connection: &impl ConnectionTrait,
    id: PaymentOrderId,
) -> anyhow::Result<Option<StoredOrder>> {
    payment_order::Entity::find_by_id(id.0)
        .one(connection)
        .await
        .context("reading an order")?
        .map(order_from_row)
        .transpose()
}

/// A claim's orders, oldest first.
pub async fn of_claim(
    connection: &impl ConnectionTrait,
    claim: ClaimId,
) -> anyhow::Result<Vec<StoredOrder>> {
    let rows = payment_order::Entity::find()
        .filter(payment_order::Column::ClaimId.eq(claim.0))
        .order_by_asc(payment_order::Column::Id)
        .all(connection)
        .await
        .context("reading a claim's orders")?;
    rows.into_iter().map(order_from_row).collect()
}

/// Orders in `state` (all when absent), oldest first, at most `limit` after `after`.
pub async fn list(
    connection: &impl ConnectionTrait,
    state: Option<OrderState>,
    (after, limit): (Option<PaymentOrderId>, u64),
) -> anyhow::Result<Vec<StoredOrder>> {
    let mut query = payment_order::Entity::find().order_by_asc(payment_order::Column::Id);
    if let Some(state) = state {
        query = query.filter(payment_order::Column::State.eq(state.as_str()));
    }
    if let Some(after) = after {
        query = query.filter(payment_order::Column::Id.gt(after.0));
    }
    let rows = query
        .limit(limit)
        .all(connection)
        .await
        .context("listing orders")?;
    rows.into_iter().map(order_from_row).collect()
}

/// The orders of a batch, in the order they were put in it.
pub async fn of_batch(
    connection: &impl ConnectionTrait,
    batch: i64,
) -> anyhow::Result<Vec<StoredOrder>> {
    let rows = payment_order::Entity::find()
        .filter(payment_order::Column::BatchId.eq(batch))
        .order_by_asc(payment_order::Column::Id)
        .all(connection)
        .await
        .context("reading a batch's orders")?;
    rows.into_iter().map(order_from_row).collect()
}

fn order_from_row(row: payment_order::Model) -> anyhow::Result<StoredOrder> {
    let currency: Currency = parse("payment_orders.currency", &row.currency)?;
    let corrupt = |column: &str| anyhow!("payment_orders.{column}: stored value is not valid");
    let payee = Payee {
        kind: parse("payment_orders.payee_kind", &row.payee_kind)?,
        name: row.payee_name,
        iban: Iban::parse(&row.iban).map_err(|_| corrupt("iban"))?,
        bic: row
            .bic
            .map(|bic| Bic::parse(&bic).map_err(|_| corrupt("bic")))
            .transpose()?,
    };
    Ok(StoredOrder {
        id: PaymentOrderId(row.id),
        claim: ClaimId(row.claim_id),
        order: NewOrder {
            payee,
            amount: Money::from_minor_units(row.amount_minor, currency),
            reference: RemittanceReference::parse(&row.reference)
                .map_err(|_| corrupt("reference"))?,
            due_on: row.due_on,
            reissue_of: row.reissue_of.map(PaymentOrderId),
        },
        prepared_by: UserId(row.prepared_by),
        prepared_at: row.prepared_at,
        state: parse("payment_orders.state", &row.state)?,
        version: row.version,
        approved_by: row.approved_by.map(UserId),
        batch: row.batch_id,
    })
}

/// A batch as stored: its orders are those whose `batch_id` names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredBatch {
    pub id: i64,
    pub currency: Currency,
    pub requested_execution_date: NaiveDate,
    pub order_count: i32,
    pub total: Money,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

pub async fn insert_batch(
    connection: &impl ConnectionTrait,
    (total, order_count): (Money, i32),
    requested_execution_date: NaiveDate,
    created_by: UserId,
    now: DateTime<Utc>,
) -> anyhow::Result<StoredBatch> {
    let row = payment_batch::ActiveModel {
        id: NotSet,
        currency: Set(total.currency().code().to_owned()),
        requested_execution_date: Set(requested_execution_date),
        order_count: Set(order_count),
        total_minor: Set(total.minor_units()),
        created_by: Set(created_by.0),
        created_at: Set(now),
    };
    let row = row.insert(connection).await.context("inserting a batch")?;
    batch_from_row(row)
}

pub async fn batch(
    connection: &impl ConnectionTrait,
    id: i64,
) -> anyhow::Result<Option<StoredBatch>> {
    payment_batch::Entity::find_by_id(id)
        .one(connection)
        .await
        .context("reading a batch")?
        .map(batch_from_row)
        .transpose()
}

fn batch_from_row(row: payment_batch::Model) -> anyhow::Result<StoredBatch> {
    let currency: Currency = parse("payment_batches.currency", &row.currency)?;
    Ok(StoredBatch {
        id: row.id,
        currency,
        requested_execution_date: row.requested_execution_date,
        order_count: row.order_count,
        total: Money::from_minor_units(row.total_minor, currency),
        created_by: UserId(row.created_by),
        created_at: row.created_at,
    })
}

pub async fn approval_limit(
    connection: &impl ConnectionTrait,
    user: UserId,
    currency: Currency,
) -> anyhow::Result<Option<Money>> {
    let row = approval_limit::Entity::find_by_id((user.0, currency.code().to_owned()))
        .one(connection)
        .await
        .context("reading an approval limit")?;
    Ok(row.map(|row| Money::from_minor_units(row.limit_minor, currency)))
}

pub async fn set_approval_limit(
    connection: &impl ConnectionTrait,
    user: UserId,
    limit: Money,
) -> anyhow::Result<()> {
    let key = (user.0, limit.currency().code().to_owned());
    let existing = approval_limit::Entity::find_by_id(key)
        .one(connection)
        .await
        .context("reading an approval limit")?;
    let row = approval_limit::ActiveModel {
        user_id: Set(user.0),
        currency: Set(limit.currency().code().to_owned()),
        limit_minor: Set(limit.minor_units()),
    };
    match existing {
        Some(_) => row.update(connection).await.map(|_| ()),
        None => row.insert(connection).await.map(|_| ()),
    }
    .context("saving an approval limit")
}

/// One confirmed payment, for the payments report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettledPayment {
    pub settled_on: NaiveDate,
    pub payee_kind: PayeeKind,
    pub amount: Money,
}

/// Payments confirmed as paid with a settlement date from `from` to `to`, both included.
pub async fn paid_between(
    connection: &impl ConnectionTrait,
    (from, to): (NaiveDate, NaiveDate),
) -> anyhow::Result<Vec<SettledPayment>> {
    let steps = payment_order_change::Entity::find()
        .filter(payment_order_change::Column::State.eq(OrderState::Paid.as_str()))
        .filter(payment_order_change::Column::SettledOn.between(from, to))
        .all(connection)
        .await
        .context("reading confirmed payments")?;
    let ids: Vec<i64> = steps.iter().map(|step| step.order_id).collect();
    let orders = payment_order::Entity::find()
        .filter(payment_order::Column::Id.is_in(ids))
        .all(connection)
        .await
        .context("reading paid orders")?;
    let mut payments = Vec::with_capacity(steps.len());
    for step in steps {
        let Some(order) = orders.iter().find(|order| order.id == step.order_id) else {
            continue;
        };
        let currency: Currency = parse("payment_orders.currency", &order.currency)?;
        payments.push(SettledPayment {
            settled_on: step.settled_on.unwrap_or(from),
            payee_kind: parse("payment_orders.payee_kind", &order.payee_kind)?,
            amount: Money::from_minor_units(order.amount_minor, currency),
        });
    }
    Ok(payments)
}
