//! What an application asks for beyond the facts of the crime: the losses the applicant claims,
//! the account the award should be paid into, and the applicant's consent and declaration.
//!
//! The claimed losses are the applicant's word, not the award: the rapporteur's assessment
//! decides what each head is worth. They are checked only against what the jurisdiction's
//! schedules can pay, so a claim never names a head no decision could speak of.

use rust_decimal::Decimal;

use super::award::Schedule;
use super::claim::PersonalText;
use super::error::DomainError;
use super::money::{Currency, Money};
use super::payout::Iban;

/// One loss as the applicant states it: a head of the schedule, what it cost where a cost is
/// known (an injury is valued by the tariff, not by the applicant), and a short description.
/// The amount is a decimal in the claim's currency, as in the assessment's `Loss`, so the
/// rapporteur can take it over as it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedLoss {
    /// The id of a head in one of the jurisdiction's schedules, such as `medical_costs`.
    pub head: String,
    pub amount: Option<Decimal>,
    /// Personal: may name a hospital or a relationship, so shown only with the identity.
    pub details: Option<PersonalText>,
}

/// The account the applicant asks to be paid into. Finance still confirms the payee when it
/// prepares an order: a minor's award may go to a guardian's account or be held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankAccount {
    pub holder: PersonalText,
    pub iban: Iban,
}

/// More losses than any application lists; a bound so one request cannot grow a claim without end.
pub const MAXIMUM_CLAIMED_LOSSES: usize = 30;

/// Checks the claimed losses against the jurisdiction's schedules and currency. The error names
/// the loss by its position, as `claimed_losses[2].head`.
pub fn check_claimed_losses(
    losses: &[ClaimedLoss],
    schedules: &[Schedule],
    currency: Currency,
) -> Result<(), DomainError> {
    if losses.len() > MAXIMUM_CLAIMED_LOSSES {
        return Err(invalid(
            "claimed_losses".to_owned(),
            format!("must list at most {MAXIMUM_CLAIMED_LOSSES} losses"),
        ));
    }
    for (position, loss) in losses.iter().enumerate() {
        if !schedules
            .iter()
            .any(|schedule| schedule.head(&loss.head).is_some())
        {
            let mut heads: Vec<&str> = schedules
                .iter()
                .flat_map(|schedule| schedule.heads.iter().map(|head| head.id.as_str()))
                .collect();
            heads.sort_unstable();
            heads.dedup();
            return Err(invalid(
                format!("claimed_losses[{position}].head"),
                format!("must be one of {}", heads.join(", ")),
            ));
        }
        if let Some(amount) = loss.amount {
            let field = || format!("claimed_losses[{position}].amount");
            if amount <= Decimal::ZERO {
                return Err(invalid(
                    field(),
                    "must be more than zero; leave it out where the cost is not known".to_owned(),
                ));
            }
            Money::new(amount, currency).map_err(|error| invalid(field(), error.to_string()))?;
        }
    }
    Ok(())
}

fn invalid(field: String, reason: String) -> DomainError {
    DomainError::InvalidInputAt { field, reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::award::tests::kosovo;

    fn loss(head: &str, amount: Option<&str>) -> ClaimedLoss {
        ClaimedLoss {
            head: head.to_owned(),
            amount: amount.map(|text| Decimal::from_str_exact(text).unwrap()),
            details: None,
        }
    }

    fn field_of(result: Result<(), DomainError>) -> String {
        match result {
            Err(DomainError::InvalidInputAt { field, .. }) => field,
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn losses_under_the_schedules_heads_with_or_without_an_amount_are_accepted() {
        let losses = [
            loss("medical_costs", Some("1200.50")),
            loss("physical_injury", None),
        ];
        check_claimed_losses(&losses, &kosovo(), Currency::Eur).unwrap();
    }

    #[test]
    fn a_head_no_schedule_pays_is_named_by_its_position() {
        let losses = [
            loss("medical_costs", None),
            loss("pain_and_suffering", None),
        ];
        let result = check_claimed_losses(&losses, &kosovo(), Currency::Eur);
        assert_eq!(field_of(result), "claimed_losses[1].head");
    }

    #[test]
    fn a_zero_amount_or_one_finer_than_a_cent_is_refused() {
        for amount in ["0", "-5", "10.005"] {
            let losses = [loss("medical_costs", Some(amount))];
            let result = check_claimed_losses(&losses, &kosovo(), Currency::Eur);
            assert_eq!(field_of(result), "claimed_losses[0].amount", "{amount}");
        }
    }

    #[test]
    fn more_losses_than_the_bound_are_refused() {
        let losses = vec![loss("medical_costs", None); MAXIMUM_CLAIMED_LOSSES + 1];
        let result = check_claimed_losses(&losses, &kosovo(), Currency::Eur);
        assert_eq!(field_of(result), "claimed_losses");
    }
}
