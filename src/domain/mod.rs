//! The pure core of Redress: claims, the workflow table, deadlines, votes, money, awards and the
//! audit hash.
//!
//! Architecture invariant: nothing in this module performs I/O. It imports no poem, no sea_orm and
//! no tokio, never reads the clock and never draws random numbers. Callers pass "today", the actor
//! and the jurisdiction's rules in, and get decisions and new values out, so every rule here can be
//! tested exhaustively without a database.

pub mod access;
pub mod audit;
pub mod award;
pub mod claim;
pub mod deadlines;
pub mod decimal_text;
pub mod diagram;
mod effects;
pub mod error;
mod guards;
pub mod input;
pub mod intake;
pub mod money;
pub mod operations;
pub mod proposal;
pub mod reference;
pub mod role;
pub mod rules;
pub mod votes;
pub mod workflow;

pub use claim::{Claim, ClaimFacts, ClaimId, DocumentKind, OffenceType};
pub use error::{DomainError, RuleViolation};
pub use money::{Currency, Money};
pub use role::{Actor, Role, UserId};
pub use workflow::{ClaimAction, ClaimState};
