//! What payout refuses, and why, with stable snake_case codes and the kind of refusal each is,
//! so the API can choose a status without knowing the rules.

use strum::IntoStaticStr;

use super::order::{OrderAction, OrderState};
use crate::domain::error::list;
use crate::domain::money::{Currency, Money};

/// The kind of a refusal, independent of HTTP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// The request itself is wrong and would be wrong at any time: 422.
    Input,
    /// The order's state does not allow the action now: 409.
    State,
    /// The actor may not approve this order (four eyes, approval limit): 403.
    FourEyes,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum PayoutError {
    /// 409.
    #[error(
        "an order that is {state} cannot {action}; allowed now: {}",
        list(allowed)
    )]
    IllegalOrderAction {
        state: OrderState,
        action: OrderAction,
        allowed: Vec<OrderAction>,
    },
    /// 422.
    #[error("the amount must be above zero")]
    AmountNotPositive,
    /// 422.
    #[error("the amount is in {found}, the award in {expected}")]
    CurrencyMismatch { expected: Currency, found: Currency },
    /// 422: the live orders and this one would pay more than the award less interim payments.
    #[error("the amount exceeds what remains to be paid: {available}")]
    ExceedsObligation { available: Money },
    /// 403.
    #[error("an order must be approved by someone other than the person who prepared it")]
    SameUserCannotApprove,
    /// 403: no limit is configured for the approver in the order's currency.
    #[error("you have no approval limit for {currency}")]
    NoApprovalLimit { currency: Currency },
    /// 403.
    #[error("the amount is above your approval limit of {limit}")]
    AboveApprovalLimit { limit: Money },
    /// 422.
    #[error("a plan has 1 to {maximum} instalments, not {count}")]
    InstalmentCountOutOfRange { count: u32, maximum: u32 },
    /// 422.
    #[error("instalments are 1 to {maximum} days apart, not {interval_days}")]
    InstalmentIntervalOutOfRange { interval_days: u32, maximum: u32 },
    /// 422.
    #[error("{total} cannot be split into {count} instalments of at least one minor unit")]
    TooManyInstalments { total: Money, count: u32 },
    /// 422.
    #[error("the instalments' due dates fall outside the calendar")]
    InstalmentDatesOutOfRange,
}

impl PayoutError {
    /// The stable snake_case code clients match on.
    pub fn code(&self) -> &'static str {
        self.into()
    }

    pub fn kind(&self) -> RefusalKind {
        match self {
            PayoutError::IllegalOrderAction { .. } => RefusalKind::State,
            PayoutError::SameUserCannotApprove
            | PayoutError::NoApprovalLimit { .. }
            | PayoutError::AboveApprovalLimit { .. } => RefusalKind::FourEyes,
            PayoutError::AmountNotPositive
            | PayoutError::CurrencyMismatch { .. }
            | PayoutError::ExceedsObligation { .. }
            | PayoutError::InstalmentCountOutOfRange { .. }
            | PayoutError::InstalmentIntervalOutOfRange { .. }
            | PayoutError::TooManyInstalments { .. }
            | PayoutError::InstalmentDatesOutOfRange => RefusalKind::Input,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_snake_case() {
        assert_eq!(
            PayoutError::SameUserCannotApprove.code(),
            "same_user_cannot_approve"
        );
        assert_eq!(
            PayoutError::ExceedsObligation {
                available: Money::zero(Currency::Eur)
            }
            .code(),
            "exceeds_obligation"
        );
        assert_eq!(
            PayoutError::IllegalOrderAction {
                state: OrderState::Paid,
                action: OrderAction::Cancel,
                allowed: vec![],
            }
            .code(),
            "illegal_order_action"
        );
    }

    #[test]
    fn four_eyes_refusals_are_told_apart_from_input_and_state() {
        assert_eq!(
            PayoutError::AboveApprovalLimit {
                limit: Money::zero(Currency::Eur)
            }
            .kind(),
            RefusalKind::FourEyes
        );
        assert_eq!(PayoutError::AmountNotPositive.kind(), RefusalKind::Input);
    }

    #[test]
    fn an_illegal_action_names_the_state_the_action_and_what_is_allowed() {
        let error = PayoutError::IllegalOrderAction {
            state: OrderState::Approved,
            action: OrderAction::ConfirmPaid,
            allowed: vec![OrderAction::Cancel, OrderAction::Export],
        };
        assert_eq!(
            error.to_string(),
            "an order that is approved cannot confirm_paid; allowed now: cancel, export"
        );
    }
}
