//! Payout use cases: preparing, approving and cancelling payment orders as acts on their claim
//! (so each is in the claim's audit trail and serialized by its version check, which is what
//! keeps the ledger rule true under concurrency), bank batches, the bank's confirmations, and
//! the claim moving to paid and closed once confirmed payments cover its award.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::json;

use super::claims::{Change, Record, operation};
use super::letters;
use super::{ServiceError, Services};
use crate::domain::money::{Currency, Money};
use crate::domain::operations::ClaimOperation;
use crate::domain::payments::{self, PaymentOrderId};
use crate::domain::payout::{OrderAction, OrderState, instalments};
use crate::domain::workflow::ActionInput;
use crate::domain::{Actor, Claim, ClaimAction, ClaimId, ClaimState, Role, UserId};
use crate::store;
use crate::store::payments::{NewOrder, Payee, Step, StoredBatch, StoredOrder};

/// A payment order as finance prepares it; with a plan, it is split into instalments.
#[derive(Clone, Debug)]
pub struct OrderRequest {
    pub payee: Payee,
    pub amount: Decimal,
    pub reference: crate::domain::payout::RemittanceReference,
    pub plan: Option<InstalmentPlan>,
    /// The returned order this one pays again.
    pub reissue_of: Option<PaymentOrderId>,
}

#[derive(Clone, Copy, Debug)]
pub struct InstalmentPlan {
    pub count: u32,
    pub first_due_on: NaiveDate,
    pub interval_days: u32,
}

/// What the bank said about one order of a batch.
#[derive(Clone, Debug)]
pub struct BankConfirmation {
    pub order: PaymentOrderId,
    pub outcome: crate::bank::ConfirmationOutcome,
}

/// What a confirmation did: recorded now, or already on file from an earlier import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmationResult {
    Recorded,
    AlreadyRecorded,
}

/// Roles that see payment orders and batches.
/// Who puts approved orders into a batch for the bank: the officers, as they prepare orders.
pub const BATCH_CREATORS: &[Role] = &[Role::FinanceOfficer];
const FINANCE_READERS: &[Role] = &[Role::FinanceOfficer, Role::FinanceApprover, Role::Auditor];

impl Services {
    /// Prepares one order, or one per instalment, on a claim in payment.
    pub async fn prepare_payment_orders(
        &self,
        actor: &Actor,
        claim: ClaimId,
        request: OrderRequest,
    ) -> Result<Vec<StoredOrder>, ServiceError> {
        let (_, created) = self
            .change_creating(actor, claim, None, |claim, context| {
                let orders = planned_orders(context.rules.currency, &request)?;
                let amounts: Vec<Money> = orders.iter().map(|order| order.amount).collect();
                let role = payments::prepare(claim, actor, context.payment_orders, &amounts)?;
                if let Some(returned) = request.reissue_of {
                    reissuable(context.payment_orders, returned)?;
                }
                let total: i64 = amounts.iter().map(Money::minor_units).sum();
                let payload = json!({
                    "orders": orders.len(),
                    "total": Money::from_minor_units(total, context.rules.currency),
                    "payee_kind": request.payee.kind,
                    "reissue_of": request.reissue_of.map(|order| order.0),
                });
                Ok(Change {
                    after: claim.clone(),
                    role,
                    action: operation(ClaimOperation::PreparePaymentOrder),
                    payload,
                    records: vec![Record::PaymentOrders(orders)],
                })
            })
            .await?;
        let mut orders = Vec::with_capacity(created.len());
        for id in created {
            orders.extend(store::payments::find(self.database(), PaymentOrderId(id)).await?);
        }
        tracing::info!(
            claim_id = claim.0,
            orders = orders.len(),
            "payment orders prepared"
        );
        Ok(orders)
    }

    /// A finance approver approves an order someone else prepared, within their limit.
    pub async fn approve_payment_order(
        &self,
        actor: &Actor,
        id: PaymentOrderId,
    ) -> Result<StoredOrder, ServiceError> {
        let order = self.payment_order(actor, id).await?;
        let approver = actor.user_id.ok_or(ServiceError::Forbidden)?;
        let currency = order.order.amount.currency();
        let limit = store::payments::approval_limit(self.database(), approver, currency).await?;
        self.step_order(actor, &order, Step::default(), |claim, ledger| {
            payments::approve(claim, actor, ledger, id, limit)
        })
        .await
    }

    /// Cancels an order that has not been sent to the bank.
    pub async fn cancel_payment_order(
        &self,
        actor: &Actor,
        id: PaymentOrderId,
        reason: Option<String>,
    ) -> Result<StoredOrder, ServiceError> {
        let order = self.payment_order(actor, id).await?;
        let step = Step {
            reason: reason.map(|reason| reason.trim().to_owned()),
            ..Step::default()
        };
        self.step_order(actor, &order, step, |claim, ledger| {
            payments::cancel(claim, actor, ledger, id)
        })
        .await
    }

    /// Moves one order on as an act on its claim, recording the step and the claim's event.
    async fn step_order<F>(
        &self,
        actor: &Actor,
        order: &StoredOrder,
        step: Step,
        decide: F,
    ) -> Result<StoredOrder, ServiceError>
    where
        F: Fn(
            &Claim,
            &[payments::LedgerEntry],
        ) -> Result<(Role, OrderState), crate::domain::DomainError>,
    {
        let id = order.id;
        self.change(actor, order.claim, None, |claim, context| {
            let (role, state) = decide(claim, context.payment_orders)?;
            let version = context
                .payment_orders
                .iter()
                .find(|entry| entry.order == id)
                .map(|entry| entry.version)
                .ok_or(ServiceError::NotFound("payment order"))?;
            let step = Step {
                actor: actor.user_id,
                ..step.clone()
            };
            let payload = json!({"order": id.0, "state": state, "reason": step.reason});
            let paid_on = step.settled_on.unwrap_or(context.today);
            let mut records = vec![Record::OrderStep {
                order: (id, version),
                state,
                step,
            }];
            if state == OrderState::Paid {
                records.push(payment_notice(
                    claim,
                    context,
                    (order.order.amount, paid_on),
                )?);
            }
            Ok(Change {
                after: claim.clone(),
                role,
                action: operation(order_operation(state)),
                payload,
                records,
            })
        })
        .await?;
        tracing::info!(
            order_id = id.0,
            claim_id = order.claim.0,
            "payment order moved on"
        );
        self.payment_order(actor, id).await
    }

    /// An order, for finance and auditors.
    pub async fn payment_order(
        &self,
        actor: &Actor,
        id: PaymentOrderId,
    ) -> Result<StoredOrder, ServiceError> {
        ensure_reader(actor)?;
        store::payments::find(self.database(), id)
            .await?
            .ok_or(ServiceError::NotFound("payment order"))
    }

    /// What finance may still order on `claim` (read by the caller): the obligation less the
    /// claim's live orders; `None` without an award.
    pub async fn still_to_order(
        &self,
        actor: &Actor,
        claim: &Claim,
    ) -> Result<Option<Money>, ServiceError> {
        ensure_reader(actor)?;
        let orders = store::payments::of_claim(self.database(), claim.id).await?;
        let ledger: Vec<_> = orders.iter().map(StoredOrder::ledger_entry).collect();
        Ok(payments::still_to_order(claim, &ledger))
    }

    /// Orders in a state (all when absent), oldest first, a page at a time.
    pub async fn payment_orders(
        &self,
        actor: &Actor,
        state: Option<OrderState>,
        page: (Option<PaymentOrderId>, u64),
    ) -> Result<Vec<StoredOrder>, ServiceError> {
        ensure_reader(actor)?;
        Ok(store::payments::list(self.database(), state, page).await?)
    }

    /// A finance officer puts approved orders of one currency into a batch for the bank, all or
    /// none: each order moves to exported from the version it was read at.
    pub async fn create_payment_batch(
        &self,
        actor: &Actor,
        currency: Currency,
        requested_execution_date: NaiveDate,
    ) -> Result<StoredBatch, ServiceError> {
        let creator = match actor.user_id {
            Some(user) if actor.acting_role(BATCH_CREATORS).is_some() => user,
            _ => return Err(ServiceError::Forbidden),
        };
        if requested_execution_date < self.today() {
            return Err(ServiceError::Invalid {
                field: "requested_execution_date",
                reason: "is in the past; a bank executes transfers from today on".to_owned(),
            });
        }
        let now = self.now();
        let transaction = store::begin_write(self.database()).await?;
        let approved = store::payments::list(
            &transaction,
            Some(OrderState::Approved),
            (None, BATCH_ORDERS_MAXIMUM),
        )
        .await?;
        let orders: Vec<StoredOrder> = approved
            .into_iter()
            .filter(|order| order.order.amount.currency() == currency)
            .collect();
        if orders.is_empty() {
            return Err(ServiceError::Invalid {
                field: "currency",
                reason: format!(
                    "no approved orders in {} to put in a batch",
                    currency.code()
                ),
            });
        }
        let total: i64 = orders
            .iter()
            .map(|order| order.order.amount.minor_units())
            .sum();
        let count = i32::try_from(orders.len()).map_err(anyhow::Error::from)?;
        let batch = store::payments::insert_batch(
            &transaction,
            (Money::from_minor_units(total, currency), count),
            requested_execution_date,
            creator,
            now,
        )
        .await?;
        for order in &orders {
            let step = Step {
                actor: Some(creator),
                batch: Some(batch.id),
                ..Step::default()
            };
            let next = crate::domain::payout::next_state(order.state, OrderAction::Export)
                .map_err(crate::domain::DomainError::from)?;
            let moved =
                store::payments::advance(&transaction, (order.id, order.version), next, &step, now)
                    .await?;
            if !moved {
                return Err(ServiceError::VersionConflict);
            }
        }
        transaction.commit().await?;
        tracing::info!(batch_id = batch.id, orders = count, "payment batch created");
        Ok(batch)
    }

    pub async fn payment_batch(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<(StoredBatch, Vec<StoredOrder>), ServiceError> {
        ensure_reader(actor)?;
        let batch = store::payments::batch(self.database(), id)
            .await?
            .ok_or(ServiceError::NotFound("payment batch"))?;
        let orders = store::payments::of_batch(self.database(), id).await?;
        Ok((batch, orders))
    }

    /// Records the bank's confirmations of a batch's orders, each as an act on its claim; a
    /// confirmation already on file is skipped, so importing a statement twice changes nothing.
    /// A claim whose confirmed payments then cover its award moves to paid and is closed.
    pub async fn confirm_payments(
        &self,
        actor: &Actor,
        batch: i64,
        confirmations: Vec<BankConfirmation>,
    ) -> Result<Vec<(PaymentOrderId, ConfirmationResult)>, ServiceError> {
        if !actor.holds(Role::FinanceApprover) && !actor.holds(Role::System) {
            let operation = ClaimOperation::ConfirmPayment;
            return Err(crate::domain::DomainError::OperationNotPermitted { operation }.into());
        }
        let (_, orders) = self.payment_batch(actor, batch).await?;
        // Every line is checked before any is recorded, so a bad line changes nothing.
        let mut checked = Vec::with_capacity(confirmations.len());
        for (index, confirmation) in confirmations.iter().enumerate() {
            let order = orders
                .iter()
                .find(|order| order.id == confirmation.order)
                .ok_or_else(|| ServiceError::InvalidItem {
                    field: format!("confirmations[{index}].end_to_end_id"),
                    reason: "is not an order of this batch".to_owned(),
                })?;
            if settled_on(&confirmation.outcome) > self.today() {
                return Err(ServiceError::InvalidItem {
                    field: format!("confirmations[{index}].date"),
                    reason: "is in the future".to_owned(),
                });
            }
            checked.push((order, &confirmation.outcome));
        }
        let mut results = Vec::with_capacity(checked.len());
        let mut claims = Vec::new();
        for (order, outcome) in checked {
            let result = self.confirm_one(actor, order, outcome).await?;
            results.push((order.id, result));
            if !claims.contains(&order.claim) {
                claims.push(order.claim);
            }
        }
        for claim in claims {
            self.settle_if_covered(actor, claim).await?;
        }
        Ok(results)
    }

    async fn confirm_one(
        &self,
        actor: &Actor,
        order: &StoredOrder,
        outcome: &crate::bank::ConfirmationOutcome,
    ) -> Result<ConfirmationResult, ServiceError> {
        use crate::bank::ConfirmationOutcome;
        let (action, step) = match outcome {
            ConfirmationOutcome::Paid {
                bank_reference,
                paid_on,
            } => (
                OrderAction::ConfirmPaid,
                Step {
                    bank_reference: Some(bank_reference.clone()),
                    settled_on: Some(*paid_on),
                    ..Step::default()
                },
            ),
            ConfirmationOutcome::Returned {
                reason,
                returned_on,
            } => (
                OrderAction::ConfirmReturned,
                Step {
                    reason: Some(reason.clone()),
                    settled_on: Some(*returned_on),
                    ..Step::default()
                },
            ),
        };
        let current = self.payment_order(actor, order.id).await?;
        let wanted = match action {
            OrderAction::ConfirmPaid => OrderState::Paid,
            _ => OrderState::Returned,
        };
        if current.state == wanted {
            return Ok(ConfirmationResult::AlreadyRecorded);
        }
        let id = order.id;
        self.step_order(actor, &current, step, |claim, ledger| {
            payments::confirm(claim, actor, ledger, id, action)
        })
        .await?;
        Ok(ConfirmationResult::Recorded)
    }

    /// Moves a claim whose confirmed payments cover its award to paid, then closes it.
    async fn settle_if_covered(&self, actor: &Actor, id: ClaimId) -> Result<(), ServiceError> {
        let claim = store::claims::find(self.database(), id)
            .await?
            .ok_or(ServiceError::NotFound("claim"))?;
        if claim.state != ClaimState::InPayment {
            return Ok(());
        }
        let covered = self
            .perform(
                actor,
                id,
                ClaimAction::MarkPaid,
                ActionInput::default(),
                None,
            )
            .await;
        match covered {
            Ok(_) => {}
            // Not covered yet: more payments are to come.
            Err(ServiceError::Domain(_)) => return Ok(()),
            Err(other) => return Err(other),
        }
        let system = Actor::system();
        self.perform(
            &system,
            id,
            ClaimAction::Close,
            ActionInput::default(),
            None,
        )
        .await?;
        Ok(())
    }

    /// Sets the largest order `user` may approve in the limit's currency (administrators).
    pub async fn set_approval_limit(
        &self,
        actor: &Actor,
        user: UserId,
        limit: Money,
    ) -> Result<(), ServiceError> {
        if !actor.roles.contains(&Role::Admin) {
            return Err(ServiceError::Forbidden);
        }
        let roles = store::users::roles_of(self.database(), user).await?;
        if !roles.contains(&Role::FinanceApprover) {
            return Err(ServiceError::Invalid {
                field: "user",
                reason: "only finance approvers have approval limits".to_owned(),
            });
        }
        store::payments::set_approval_limit(self.database(), user, limit).await?;
        tracing::info!(user_id = user.0, "approval limit set");
        Ok(())
    }
}

fn settled_on(outcome: &crate::bank::ConfirmationOutcome) -> NaiveDate {
    match outcome {
        crate::bank::ConfirmationOutcome::Paid { paid_on, .. } => *paid_on,
        crate::bank::ConfirmationOutcome::Returned { returned_on, .. } => *returned_on,
    }
}

/// The most orders one batch takes; more wait for the next batch.
const BATCH_ORDERS_MAXIMUM: u64 = 10_000;

fn ensure_reader(actor: &Actor) -> Result<(), ServiceError> {
    match FINANCE_READERS
        .iter()
        .any(|role| actor.roles.contains(role))
    {
        true => Ok(()),
        false => Err(ServiceError::Forbidden),
    }
}

fn order_operation(state: OrderState) -> ClaimOperation {
    match state {
        OrderState::Approved => ClaimOperation::ApprovePaymentOrder,
        OrderState::Cancelled => ClaimOperation::CancelPaymentOrder,
        _ => ClaimOperation::ConfirmPayment,
    }
}

/// The letter telling the applicant a payment of `amount` was made, with what has been paid so
/// far (this payment and interim awards included) and the award.
fn payment_notice(
    claim: &Claim,
    context: &crate::domain::workflow::Context<'_>,
    (amount, paid_on): (Money, NaiveDate),
) -> Result<Record, ServiceError> {
    let award = payments::award_of(claim).ok_or(ServiceError::NotFound("award"))?;
    let paid_so_far = context
        .confirmed_payments
        .checked_add(amount)
        .unwrap_or(award);
    Ok(letters::payment_notice(
        claim,
        (amount, paid_so_far, award),
        (paid_on, context.today),
    ))
}

/// The orders a request makes: one, or one per instalment of its plan.
fn planned_orders(
    currency: Currency,
    request: &OrderRequest,
) -> Result<Vec<NewOrder>, ServiceError> {
    let amount = Money::new(request.amount, currency).map_err(|error| ServiceError::Invalid {
        field: "amount",
        reason: error.to_string(),
    })?;
    let parts = match request.plan {
        None => vec![(amount, None)],
        Some(plan) => instalments(amount, plan.count, plan.first_due_on, plan.interval_days)
            .map_err(crate::domain::DomainError::from)?
            .into_iter()
            .map(|(amount, due_on)| (amount, Some(due_on)))
            .collect(),
    };
    Ok(parts
        .into_iter()
        .map(|(amount, due_on)| NewOrder {
            payee: request.payee.clone(),
            amount,
            reference: request.reference.clone(),
            due_on,
            reissue_of: request.reissue_of,
        })
        .collect())
}

/// Only a returned order of the same claim is paid again.
fn reissuable(
    ledger: &[payments::LedgerEntry],
    returned: PaymentOrderId,
) -> Result<(), ServiceError> {
    match ledger.iter().find(|entry| entry.order == returned) {
        Some(entry) if entry.state == OrderState::Returned => Ok(()),
        _ => Err(ServiceError::Invalid {
            field: "reissue_of",
            reason: "must name a returned order of this claim".to_owned(),
        }),
    }
}

/// The bank file formats a batch exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Pain001,
    Csv,
}

/// Payments confirmed in one month, currency and kind of payee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentsReportRow {
    /// Such as `2026-11`.
    pub period: String,
    pub payee_kind: crate::domain::payout::PayeeKind,
    pub payments: u64,
    pub total: Money,
}

const END_TO_END_PREFIX: &str = "REDRESS-O";

/// How bank files name an order, and how the bank's statement names it back.
pub fn end_to_end_id(order: PaymentOrderId) -> String {
    format!("{END_TO_END_PREFIX}{:010}", order.0)
}

pub fn order_of_end_to_end_id(text: &str) -> Option<PaymentOrderId> {
    let digits = text.trim().strip_prefix(END_TO_END_PREFIX)?;
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(PaymentOrderId)
}

impl Services {
    /// The batch as the bank takes it, from the stored batch alone (its creation time, not the
    /// clock), so the same batch always gives the same bytes.
    pub async fn export_payment_batch(
        &self,
        actor: &Actor,
        id: i64,
        format: ExportFormat,
    ) -> Result<Vec<u8>, ServiceError> {
        let (batch, orders) = self.payment_batch(actor, id).await?;
        let debtor = self.payer().ok_or_else(|| ServiceError::Invalid {
            field: "payer",
            reason: "the scheme's own bank account is not configured (settings: payer_name, \
                     payer_iban, payer_bic)"
                .to_owned(),
        })?;
        let file = crate::bank::BatchFile {
            message_id: format!("REDRESS-B{:010}", batch.id),
            created_at: batch.created_at.naive_utc(),
            requested_execution_date: batch.requested_execution_date,
            debtor: debtor.clone(),
            currency: batch.currency,
            orders: orders
                .into_iter()
                .map(|order| crate::bank::BatchOrder {
                    end_to_end_id: end_to_end_id(order.id),
                    payee_name: order.order.payee.name,
                    iban: order.order.payee.iban,
                    bic: order.order.payee.bic,
                    amount: order.order.amount,
                    reference: order.order.reference,
                })
                .collect(),
        };
        tracing::info!(batch_id = id, ?format, "payment batch exported");
        match format {
            ExportFormat::Pain001 => Ok(crate::bank::pain001::write(&file)
                .map_err(anyhow::Error::from)?
                .into_bytes()),
            ExportFormat::Csv => Ok(crate::bank::csv::write(&file).into_bytes()),
        }
    }

    /// Payments confirmed from `from` to `to`, both included, per month, currency and payee kind.
    pub async fn payments_report(
        &self,
        actor: &Actor,
        (from, to): (NaiveDate, NaiveDate),
    ) -> Result<Vec<PaymentsReportRow>, ServiceError> {
        ensure_reader(actor)?;
        if to < from {
            return Err(ServiceError::Invalid {
                field: "to",
                reason: "must not be before from".to_owned(),
            });
        }
        let payments = store::payments::paid_between(self.database(), (from, to)).await?;
        let mut rows: std::collections::BTreeMap<(String, &str, _), (u64, i64, Currency)> =
            std::collections::BTreeMap::new();
        for payment in &payments {
            let currency = payment.amount.currency();
            let period = payment.settled_on.format("%Y-%m").to_string();
            let row = rows
                .entry((period, currency.code(), payment.payee_kind))
                .or_insert((0, 0, currency));
            row.0 += 1;
            row.1 += payment.amount.minor_units();
        }
        Ok(rows
            .into_iter()
            .map(
                |((period, _, payee_kind), (payments, minor_units, currency))| PaymentsReportRow {
                    period,
                    payee_kind,
                    payments,
                    total: Money::from_minor_units(minor_units, currency),
                },
            )
            .collect())
    }
}
