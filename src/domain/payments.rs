//! Payment orders as acts on a claim: who may prepare, approve, cancel and confirm them, and the
//! ledger rule that the orders still live never add up to more than the claim's obligation (its
//! award less interim payments already made). The rules of a single order (its states, four
//! eyes, the bank's formats) are in `payout`; this module sees the claim's whole ledger.

use super::claim::Claim;
use super::error::{DomainError, RuleViolation};
use super::guards::awarded;
use super::money::Money;
use super::operations::{ClaimOperation, authorize};
use super::payout::{OrderAction, OrderState, PayoutError, check_approval, check_order_fits};
use super::role::{Actor, Role, UserId};

/// A payment order's primary key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaymentOrderId(pub i64);

/// One order as the ledger rule needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerEntry {
    pub order: PaymentOrderId,
    pub state: OrderState,
    pub amount: Money,
    pub prepared_by: UserId,
    /// Counts the order's steps; a step is recorded only from the version it was decided on.
    pub version: i64,
}

/// The claim's award, interim awards included; `None` without one.
pub fn award_of(claim: &Claim) -> Option<Money> {
    awarded(claim)
}

/// What the scheme owes on the claim: the award less interim payments already made; `None`
/// without an award.
pub fn obligation_of(claim: &Claim) -> Option<Money> {
    let award = awarded(claim)?;
    Some(super::payout::obligation(award, claim.interim_awarded))
}

/// What finance may still order on the claim: its obligation less the orders still live;
/// `None` without an award.
pub fn still_to_order(claim: &Claim, ledger: &[LedgerEntry]) -> Option<Money> {
    let obligation = obligation_of(claim)?;
    let live = live_total(ledger, Money::zero(obligation.currency()));
    Some(super::payout::still_available(obligation, live))
}

/// The sum of the orders that still count against the obligation.
pub fn live_total(ledger: &[LedgerEntry], zero: Money) -> Money {
    sum(ledger, zero, |state| state.is_live())
}

/// The sum of the orders the bank confirmed as paid.
pub fn paid_total(ledger: &[LedgerEntry], zero: Money) -> Money {
    sum(ledger, zero, |state| state == OrderState::Paid)
}

fn sum(ledger: &[LedgerEntry], zero: Money, counts: impl Fn(OrderState) -> bool) -> Money {
    let minor_units: i64 = ledger
        .iter()
        .filter(|entry| counts(entry.state))
        .map(|entry| entry.amount.minor_units())
        .sum();
    Money::from_minor_units(minor_units, zero.currency())
}

/// Checks that `amounts` (one order, or the instalments of one plan) may be prepared on the
/// claim: a finance officer, a claim in payment, and the ledger rule after each of them.
pub fn prepare(
    claim: &Claim,
    actor: &Actor,
    ledger: &[LedgerEntry],
    amounts: &[Money],
) -> Result<Role, DomainError> {
    let role = authorize(ClaimOperation::PreparePaymentOrder, claim, actor)?;
    let obligation = obligation_of(claim).ok_or(RuleViolation::NoAwardToPay)?;
    let mut live = live_total(ledger, Money::zero(obligation.currency()));
    for amount in amounts {
        check_order_fits(obligation, live, *amount)?;
        live = live.checked_add(*amount).unwrap_or(obligation);
    }
    Ok(role)
}

/// Checks a finance approver's approval of one of the claim's orders and returns its next
/// state. The ledger rule is checked again: an approval never makes live what would not fit.
pub fn approve(
    claim: &Claim,
    actor: &Actor,
    ledger: &[LedgerEntry],
    order: PaymentOrderId,
    approval_limit: Option<Money>,
) -> Result<(Role, OrderState), DomainError> {
    let role = authorize(ClaimOperation::ApprovePaymentOrder, claim, actor)?;
    let entry = entry(ledger, order)?;
    let next = super::payout::next_state(entry.state, OrderAction::Approve)?;
    let approver = actor.user_id.ok_or(PayoutError::SameUserCannotApprove)?;
    check_approval(entry.prepared_by, approver, approval_limit, entry.amount)?;
    let obligation = obligation_of(claim).ok_or(RuleViolation::NoAwardToPay)?;
    let others: Vec<LedgerEntry> = ledger
        .iter()
        .filter(|other| other.order != order)
        .cloned()
        .collect();
    check_order_fits(
        obligation,
        live_total(&others, Money::zero(obligation.currency())),
        entry.amount,
    )?;
    Ok((role, next))
}

/// Checks the cancellation of one of the claim's orders (before it is exported).
pub fn cancel(
    claim: &Claim,
    actor: &Actor,
    ledger: &[LedgerEntry],
    order: PaymentOrderId,
) -> Result<(Role, OrderState), DomainError> {
    let role = authorize(ClaimOperation::CancelPaymentOrder, claim, actor)?;
    let next = super::payout::next_state(entry(ledger, order)?.state, OrderAction::Cancel)?;
    Ok((role, next))
}

/// Checks the bank's confirmation of one of the claim's exported orders.
pub fn confirm(
    claim: &Claim,
    actor: &Actor,
    ledger: &[LedgerEntry],
    order: PaymentOrderId,
    action: OrderAction,
) -> Result<(Role, OrderState), DomainError> {
    let role = authorize(ClaimOperation::ConfirmPayment, claim, actor)?;
    let next = super::payout::next_state(entry(ledger, order)?.state, action)?;
    Ok((role, next))
}

fn entry(ledger: &[LedgerEntry], order: PaymentOrderId) -> Result<&LedgerEntry, DomainError> {
    ledger
        .iter()
        .find(|entry| entry.order == order)
        .ok_or_else(|| DomainError::InvalidInput {
            field: "order",
            reason: "is not an order of this claim".to_owned(),
        })
}
