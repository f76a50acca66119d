//! Paying an award in instalments: equal parts at a fixed interval, split exactly in minor units.

use chrono::{Days, NaiveDate};

use super::error::PayoutError;
use crate::domain::money::Money;

/// Five years of monthly payments.
pub const INSTALMENTS_MAXIMUM: u32 = 60;
/// A year: a plan with instalments further apart is better made as separate decisions.
pub const INTERVAL_DAYS_MAXIMUM: u32 = 366;

/// Splits `total` into `count` instalments due every `interval_days` from `first_due`.
///
/// The parts add up to `total` exactly: every instalment is the same, and the remainder of the
/// division (fewer minor units than there are instalments) goes on the first.
pub fn instalments(
    total: Money,
    count: u32,
    first_due: NaiveDate,
    interval_days: u32,
) -> Result<Vec<(Money, NaiveDate)>, PayoutError> {
    check_plan(total, count, interval_days)?;
    let count_wide = i64::from(count);
    let part = total.minor_units() / count_wide;
    let remainder = total.minor_units() % count_wide;
    (0..count)
        .map(|index| {
            let minor_units = if index == 0 { part + remainder } else { part };
            let offset_days = u64::from(index) * u64::from(interval_days);
            let due = first_due
                .checked_add_days(Days::new(offset_days))
                .ok_or(PayoutError::InstalmentDatesOutOfRange)?;
            Ok((Money::from_minor_units(minor_units, total.currency()), due))
        })
        .collect()
}

fn check_plan(total: Money, count: u32, interval_days: u32) -> Result<(), PayoutError> {
    if total.is_zero() {
        return Err(PayoutError::AmountNotPositive);
    }
    if !(1..=INSTALMENTS_MAXIMUM).contains(&count) {
        return Err(PayoutError::InstalmentCountOutOfRange {
            count,
            maximum: INSTALMENTS_MAXIMUM,
        });
    }
    // A single instalment has no interval; several on the same day would be one payment.
    if count > 1 && !(1..=INTERVAL_DAYS_MAXIMUM).contains(&interval_days) {
        return Err(PayoutError::InstalmentIntervalOutOfRange {
            interval_days,
            maximum: INTERVAL_DAYS_MAXIMUM,
        });
    }
    if total.minor_units() < i64::from(count) {
        return Err(PayoutError::TooManyInstalments { total, count });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use proptest::prelude::*;

    fn euros(text: &str) -> Money {
        Money::parse(text, Currency::Eur).unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_remainder_goes_on_the_first_instalment() {
        let plan = instalments(euros("100"), 3, date("2026-01-31"), 30).unwrap();
        assert_eq!(
            plan,
            vec![
                (euros("33.34"), date("2026-01-31")),
                (euros("33.33"), date("2026-03-02")),
                (euros("33.33"), date("2026-04-01")),
            ]
        );
    }

    #[test]
    fn one_instalment_is_the_whole_amount_whatever_the_interval() {
        assert_eq!(
            instalments(euros("7000"), 1, date("2026-05-01"), 0).unwrap(),
            vec![(euros("7000"), date("2026-05-01"))]
        );
    }

    #[test]
    fn the_count_must_be_between_one_and_sixty() {
        for count in [0, 61] {
            assert_eq!(
                instalments(euros("7000"), count, date("2026-05-01"), 30),
                Err(PayoutError::InstalmentCountOutOfRange { count, maximum: 60 })
            );
        }
    }

    #[test]
    fn several_instalments_need_an_interval_of_one_day_to_a_year() {
        for interval_days in [0, 367] {
            assert_eq!(
                instalments(euros("7000"), 2, date("2026-05-01"), interval_days),
                Err(PayoutError::InstalmentIntervalOutOfRange {
                    interval_days,
                    maximum: 366
                })
            );
        }
    }

    #[test]
    fn an_amount_too_small_for_every_instalment_to_get_a_cent_is_refused() {
        assert_eq!(
            instalments(euros("0.02"), 3, date("2026-05-01"), 30),
            Err(PayoutError::TooManyInstalments {
                total: euros("0.02"),
                count: 3
            })
        );
        assert_eq!(
            instalments(euros("0"), 1, date("2026-05-01"), 30),
            Err(PayoutError::AmountNotPositive)
        );
    }

    #[test]
    fn due_dates_past_the_calendar_are_refused() {
        assert_eq!(
            instalments(euros("100"), 2, NaiveDate::MAX, 1),
            Err(PayoutError::InstalmentDatesOutOfRange)
        );
    }

    proptest! {
        #[test]
        fn instalments_add_up_exactly_to_the_total_and_only_the_first_differs(
            total_minor_units in 60_i64..100_000_000,
            count in 1_u32..=60,
            interval_days in 1_u32..=366,
        ) {
            let total = Money::from_minor_units(total_minor_units, Currency::Eur);
            let plan = instalments(total, count, date("2026-01-01"), interval_days).unwrap();
            prop_assert_eq!(plan.len(), count as usize);
            let sum: i64 = plan.iter().map(|(amount, _)| amount.minor_units()).sum();
            prop_assert_eq!(sum, total_minor_units);
            let part = plan[plan.len() - 1].0;
            prop_assert!(plan[1..].iter().all(|(amount, _)| *amount == part));
            prop_assert!(plan[0].0.minor_units() - part.minor_units() < i64::from(count));
            prop_assert!(plan.windows(2).all(|pair| pair[0].1 < pair[1].1));
        }
    }
}
