//! The never-overpay invariant and four eyes: what may still be ordered on a claim, and who may
//! approve an order.
//!
//! Sums are taken in minor units (`i64`), where they are exact and cannot overflow for amounts
//! `Money` accepts.

use super::error::PayoutError;
use crate::domain::money::Money;
use crate::domain::role::UserId;

/// What the scheme still owes on the award: the award less the interim payments already made,
/// never below zero.
///
/// Both amounts are the claim's and share its jurisdiction's currency; a mismatch is a
/// programmer error, and in release it owes nothing rather than a wrong amount.
pub fn obligation(award: Money, interim_paid: Money) -> Money {
    debug_assert_eq!(
        award.currency(),
        interim_paid.currency(),
        "an award and its interim payments share the claim's currency"
    );
    if award.currency() != interim_paid.currency() {
        return Money::zero(award.currency());
    }
    let owed_minor_units = award.minor_units() - interim_paid.minor_units();
    Money::from_minor_units(owed_minor_units.max(0), award.currency())
}

/// Whether an order of `amount` fits beside the claim's live orders (`live_total`: every order
/// not cancelled or returned) without paying more than the obligation.
pub fn check_order_fits(
    obligation: Money,
    live_total: Money,
    amount: Money,
) -> Result<(), PayoutError> {
    if amount.is_zero() {
        return Err(PayoutError::AmountNotPositive);
    }
    check_currency(obligation, amount)?;
    check_currency(obligation, live_total)?;
    let available = still_available(obligation, live_total);
    if amount.minor_units() > available.minor_units() {
        return Err(PayoutError::ExceedsObligation { available });
    }
    Ok(())
}

/// What orders may still ask for: the obligation less the orders still live, never below zero.
/// Both are in the claim's currency.
pub fn still_available(obligation: Money, live_total: Money) -> Money {
    let minor_units = (obligation.minor_units() - live_total.minor_units()).max(0);
    Money::from_minor_units(minor_units, obligation.currency())
}

/// Four eyes: whether `approver` may approve an order that `prepared_by` prepared. An approver
/// without a limit in the order's currency may approve nothing; a limit is inclusive.
pub fn check_approval(
    prepared_by: UserId,
    approver: UserId,
    approval_limit: Option<Money>,
    amount: Money,
) -> Result<(), PayoutError> {
    if prepared_by == approver {
        return Err(PayoutError::SameUserCannotApprove);
    }
    let limit = approval_limit
        .filter(|limit| limit.currency() == amount.currency())
        .ok_or(PayoutError::NoApprovalLimit {
            currency: amount.currency(),
        })?;
    if amount.minor_units() > limit.minor_units() {
        return Err(PayoutError::AboveApprovalLimit { limit });
    }
    Ok(())
}

fn check_currency(expected: Money, found: Money) -> Result<(), PayoutError> {
    if expected.currency() == found.currency() {
        Ok(())
    } else {
        Err(PayoutError::CurrencyMismatch {
            expected: expected.currency(),
            found: found.currency(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use proptest::prelude::*;

    fn euros(text: &str) -> Money {
        Money::parse(text, Currency::Eur).unwrap()
    }

    #[test]
    fn the_obligation_is_the_award_less_interim_payments() {
        assert_eq!(obligation(euros("7000"), euros("500")), euros("6500"));
    }

    #[test]
    fn interim_payments_above_the_award_leave_nothing_owed_rather_than_a_debt() {
        assert_eq!(obligation(euros("1500"), euros("2000")), euros("0"));
    }

    #[test]
    fn an_order_up_to_what_remains_fits() {
        assert_eq!(
            check_order_fits(euros("6500"), euros("6000"), euros("500")),
            Ok(())
        );
    }

    #[test]
    fn an_order_past_what_remains_is_refused_naming_what_is_available() {
        assert_eq!(
            check_order_fits(euros("6500"), euros("6000"), euros("500.01")),
            Err(PayoutError::ExceedsObligation {
                available: euros("500")
            })
        );
    }

    #[test]
    fn a_zero_order_is_refused() {
        assert_eq!(
            check_order_fits(euros("6500"), euros("0"), euros("0")),
            Err(PayoutError::AmountNotPositive)
        );
    }

    #[test]
    fn an_order_in_another_currency_is_refused() {
        let pounds = Money::parse("10", Currency::Gbp).unwrap();
        assert_eq!(
            check_order_fits(euros("6500"), euros("0"), pounds),
            Err(PayoutError::CurrencyMismatch {
                expected: Currency::Eur,
                found: Currency::Gbp
            })
        );
    }

    #[test]
    fn the_preparer_cannot_approve_their_own_order() {
        assert_eq!(
            check_approval(UserId(7), UserId(7), Some(euros("10000")), euros("100")),
            Err(PayoutError::SameUserCannotApprove)
        );
    }

    #[test]
    fn an_approver_without_a_limit_approves_nothing() {
        assert_eq!(
            check_approval(UserId(7), UserId(8), None, euros("1")),
            Err(PayoutError::NoApprovalLimit {
                currency: Currency::Eur
            })
        );
    }

    #[test]
    fn a_limit_in_another_currency_is_no_limit_for_this_order() {
        let pounds = Money::parse("10000", Currency::Gbp).unwrap();
        assert_eq!(
            check_approval(UserId(7), UserId(8), Some(pounds), euros("1")),
            Err(PayoutError::NoApprovalLimit {
                currency: Currency::Eur
            })
        );
    }

    #[test]
    fn an_approver_may_approve_up_to_their_limit_and_not_beyond() {
        let limit = Some(euros("5000"));
        assert_eq!(
            check_approval(UserId(7), UserId(8), limit, euros("5000")),
            Ok(())
        );
        assert_eq!(
            check_approval(UserId(7), UserId(8), limit, euros("5000.01")),
            Err(PayoutError::AboveApprovalLimit {
                limit: euros("5000")
            })
        );
    }

    proptest! {
        #[test]
        fn accepted_orders_never_add_up_past_the_obligation(
            award_minor_units in 0_i64..10_000_000,
            interim_minor_units in 0_i64..2_000_000,
            attempts in proptest::collection::vec(0_i64..3_000_000, 0..30),
        ) {
            let owed = obligation(
                Money::from_minor_units(award_minor_units, Currency::Eur),
                Money::from_minor_units(interim_minor_units, Currency::Eur),
            );
            let mut live_total = Money::zero(Currency::Eur);
            for attempt in attempts {
                let amount = Money::from_minor_units(attempt, Currency::Eur);
                if check_order_fits(owed, live_total, amount).is_ok() {
                    live_total = live_total.checked_add(amount).unwrap();
                }
                prop_assert!(live_total.minor_units() <= owed.minor_units());
            }
            prop_assert!(owed.minor_units() <= award_minor_units);
        }

        #[test]
        fn an_order_of_exactly_what_is_available_always_fits(
            (owed_minor_units, live_minor_units) in (1_i64..10_000_000)
                .prop_flat_map(|owed| (Just(owed), 0..owed)),
        ) {
            let owed = Money::from_minor_units(owed_minor_units, Currency::Eur);
            let live_total = Money::from_minor_units(live_minor_units, Currency::Eur);
            let rest = Money::from_minor_units(owed_minor_units - live_minor_units, Currency::Eur);
            prop_assert_eq!(check_order_fits(owed, live_total, rest), Ok(()));
        }
    }
}
