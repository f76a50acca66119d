//! The life of one payment order: a small table of (state, action, next state) rows.
//!
//! There is no row that edits an order or brings a returned one back: a returned payment is
//! reissued as a new order, so every order the bank ever saw keeps the details it was sent with.

use super::error::PayoutError;

named_enum! {
    pub enum OrderState {
        /// Prepared by a finance officer; waits for a second person's approval.
        Prepared,
        Approved,
        /// Sent to the bank in a batch file; only the bank's statement moves it on.
        Exported,
        Paid,
        /// The bank could not credit the payee; the money is back with the scheme.
        Returned,
        /// Withdrawn before it was sent to the bank.
        Cancelled,
    }
}

impl OrderState {
    /// Whether the order counts against the claim's obligation: it is paid, or may yet be.
    pub fn is_live(self) -> bool {
        !matches!(self, OrderState::Cancelled | OrderState::Returned)
    }
}

named_enum! {
    pub enum OrderAction {
        Approve,
        Cancel,
        Export,
        ConfirmPaid,
        ConfirmReturned,
    }
}

/// Every way an order moves. Cancelling is possible only before export: once the bank has the
/// file, only its statement tells what happened.
const TRANSITIONS: &[(OrderState, OrderAction, OrderState)] = &[
    (
        OrderState::Prepared,
        OrderAction::Approve,
        OrderState::Approved,
    ),
    (
        OrderState::Prepared,
        OrderAction::Cancel,
        OrderState::Cancelled,
    ),
    (
        OrderState::Approved,
        OrderAction::Cancel,
        OrderState::Cancelled,
    ),
    (
        OrderState::Approved,
        OrderAction::Export,
        OrderState::Exported,
    ),
    (
        OrderState::Exported,
        OrderAction::ConfirmPaid,
        OrderState::Paid,
    ),
    (
        OrderState::Exported,
        OrderAction::ConfirmReturned,
        OrderState::Returned,
    ),
];

/// The state an action leads to, or why the order's state does not allow it.
pub fn next_state(state: OrderState, action: OrderAction) -> Result<OrderState, PayoutError> {
    TRANSITIONS
        .iter()
        .find(|(from, row_action, _)| *from == state && *row_action == action)
        .map(|(_, _, to)| *to)
        .ok_or_else(|| PayoutError::IllegalOrderAction {
            state,
            action,
            allowed: allowed_actions(state),
        })
}

/// The actions an order in this state allows, in the table's order.
pub fn allowed_actions(state: OrderState) -> Vec<OrderAction> {
    TRANSITIONS
        .iter()
        .filter(|(from, _, _)| *from == state)
        .map(|(_, action, _)| *action)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    fn expected(state: OrderState, action: OrderAction) -> Option<OrderState> {
        use OrderAction as A;
        use OrderState as S;
        match (state, action) {
            (S::Prepared, A::Approve) => Some(S::Approved),
            (S::Prepared | S::Approved, A::Cancel) => Some(S::Cancelled),
            (S::Approved, A::Export) => Some(S::Exported),
            (S::Exported, A::ConfirmPaid) => Some(S::Paid),
            (S::Exported, A::ConfirmReturned) => Some(S::Returned),
            _ => None,
        }
    }

    #[test]
    fn every_state_and_action_pair_moves_as_the_rules_say_or_is_refused() {
        for state in OrderState::iter() {
            for action in OrderAction::iter() {
                match (next_state(state, action), expected(state, action)) {
                    (Ok(next), Some(wanted)) => assert_eq!(next, wanted, "{state} {action}"),
                    (
                        Err(PayoutError::IllegalOrderAction {
                            state: named,
                            action: named_action,
                            allowed,
                        }),
                        None,
                    ) => {
                        assert_eq!((named, named_action), (state, action));
                        assert!(!allowed.contains(&action));
                    }
                    (outcome, wanted) => {
                        panic!("{state} {action}: {outcome:?}, expected {wanted:?}")
                    }
                }
            }
        }
    }

    #[test]
    fn paid_returned_and_cancelled_orders_allow_nothing() {
        for state in [
            OrderState::Paid,
            OrderState::Returned,
            OrderState::Cancelled,
        ] {
            assert!(allowed_actions(state).is_empty(), "{state}");
        }
    }

    #[test]
    fn an_exported_order_can_no_longer_be_cancelled() {
        assert_eq!(
            next_state(OrderState::Exported, OrderAction::Cancel),
            Err(PayoutError::IllegalOrderAction {
                state: OrderState::Exported,
                action: OrderAction::Cancel,
                allowed: vec![OrderAction::ConfirmPaid, OrderAction::ConfirmReturned],
            })
        );
    }

    #[test]
    fn only_cancelled_and_returned_orders_stop_counting_against_the_obligation() {
        let not_live: Vec<OrderState> = OrderState::iter()
            .filter(|state| !state.is_live())
            .collect();
        assert_eq!(not_live, vec![OrderState::Returned, OrderState::Cancelled]);
    }

    #[test]
    fn no_two_rows_share_a_state_and_action() {
        for (index, (state, action, _)) in TRANSITIONS.iter().enumerate() {
            assert!(
                !TRANSITIONS[index + 1..]
                    .iter()
                    .any(|(other_state, other_action, _)| other_state == state
                        && other_action == action),
                "{state} {action}"
            );
        }
    }
}
