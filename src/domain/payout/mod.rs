//! Payout: paying a final award without ever paying more than is owed.
//!
//! An award is paid by payment orders, each to one payee's account, possibly in instalments. An
//! order is prepared by one finance officer and approved by another within their limit (four
//! eyes), exported to the bank in a batch, and confirmed paid or returned from the bank's
//! statement. A returned order is never edited: the service issues a new order in its place.
//! Whatever happens, the live orders of a claim never add up to more than its obligation, the
//! award less the interim payments already made.
//!
//! Everything here is pure: the caller passes the award, the orders and the actors in.

mod account;
mod error;
mod instalments;
mod obligation;
mod order;

pub use account::{
    Bic, Iban, PayoutInputError, RemittanceReference, check_sepa_text, is_sepa_character,
};
pub use error::{PayoutError, RefusalKind};
pub use instalments::{INSTALMENTS_MAXIMUM, INTERVAL_DAYS_MAXIMUM, instalments};
pub use obligation::{check_approval, check_order_fits, obligation, still_available};
pub use order::{OrderAction, OrderState, allowed_actions, next_state};

named_enum! {
    /// Whose account an order pays into.
    pub enum PayeeKind {
        /// The applicant themself: the victim, or a dependant of a deceased victim.
        Claimant,
        /// A registered service provider paid directly, such as a hospital or a funeral home.
        Provider,
        /// A guardian's or trust account holding a minor's award.
        Guardian,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payee_kinds_are_named_in_snake_case_everywhere() {
        assert_eq!(PayeeKind::Guardian.as_str(), "guardian");
        assert_eq!(PayeeKind::Provider.to_string(), "provider");
        assert_eq!("claimant".parse::<PayeeKind>(), Ok(PayeeKind::Claimant));
        assert_eq!(
            serde_json::to_string(&PayeeKind::Guardian).unwrap(),
            "\"guardian\""
        );
    }
}
