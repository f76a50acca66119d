//! The commission's pages: the agenda of claims before it, each claim's summary with its ballot,
//! the members' votes and recusals, and the chair's decision. Every read and change goes through
//! the service function behind its REST twin, with the visitor's actor, so a member sees and
//! does here exactly what the API would let them see and do.

mod agenda;
mod ballot;
mod claim;
mod decision;

pub use agenda::agenda_page;
pub use ballot::{submit_recusal, submit_vote};
pub use claim::claim_page;
pub use decision::{
    decide_page, decision_document, decision_page, decision_preview, submit_decision,
};

use poem::Response;

use super::i18n::Tr;
use super::pages::require;
use super::session::Visit;
use crate::domain::{Actor, Money, Role};

/// Commission pages are for its members and its chair; anonymous visitors go to sign-in.
fn require_member(visit: &Visit) -> Result<&Actor, Box<Response>> {
    require(visit, Role::Commissioner).or_else(|_| require(visit, Role::Chair))
}

/// An amount as the visitor's language writes it.
fn money(tr: Tr, amount: Money) -> String {
    crate::locale::format_money(amount.amount(), amount.currency(), tr.language.language())
}

/// The path of a claim's page.
fn claim_path(id: i64) -> String {
    format!("/commission/claims/{id}")
}

/// The text of `key` with several variables filled in (`Tr::with` fills one).
fn words(tr: Tr, key: &str, arguments: &[(&str, &str)]) -> String {
    crate::texts::substitute(tr.t(key), arguments)
}
