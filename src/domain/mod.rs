//! The pure core of Redress: claims, the workflow table, deadlines, votes, money, awards and the
//! audit hash.
//!
//! Architecture invariant: nothing in this module performs I/O. It imports no poem, no sea_orm and
//! no tokio, never reads the clock and never draws random numbers. Callers pass "today", the actor
//! and the jurisdiction's rules in, and get decisions and new values out, so every rule here can be
//! tested exhaustively without a database.

/// A closed set of values, named in snake_case wherever it appears: JSON, the database, the
/// command line, the OpenAPI document, the audit trail. One list of derives for all of them.
macro_rules! named_enum {
    ($(#[$meta:meta])* $visibility:vis enum $name:ident { $($(#[$variant_meta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            strum::Display, strum::EnumIter, strum::EnumString, strum::IntoStaticStr,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        $visibility enum $name { $($(#[$variant_meta])* $variant),* }

        impl $name {
            /// The snake_case name.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    };
}

pub mod access;
pub mod application;
pub mod assignments;
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
pub mod notices;
pub mod operations;
pub mod payments;
pub mod payout;
pub mod proposal;
pub mod reference;
pub mod role;
pub mod rules;
pub mod statistics;
pub mod timed;
pub mod votes;
pub mod workflow;

pub use claim::{Claim, ClaimFacts, ClaimId, DocumentKind, OffenceType};
pub use error::{DomainError, RuleViolation};
pub use money::{Currency, Money};
pub use role::{Actor, FullName, Role, UserId};
pub use workflow::{ClaimAction, ClaimState};
