//! Why a calculation is refused, naming the request field at fault so a client can point at it.

use chrono::NaiveDate;

use crate::domain::money::MoneyError;
use crate::domain::rules::JurisdictionId;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AwardError {
    #[error("as_of: no schedule of {jurisdiction} is in force on {as_of}")]
    NoScheduleInForce {
        jurisdiction: JurisdictionId,
        as_of: NaiveDate,
    },
    /// The caller passed the schedules of one jurisdiction and a request for another.
    #[error("jurisdiction: the schedules given are those of {expected}, not {requested}")]
    WrongJurisdiction {
        requested: JurisdictionId,
        expected: JurisdictionId,
    },
    #[error("{field}: {problem}")]
    InvalidInput {
        field: String,
        problem: InputProblem,
    },
}

impl AwardError {
    /// The request field at fault, as a path such as `losses[2].amount` or `reduction_percent`.
    pub fn field(&self) -> String {
        match self {
            AwardError::NoScheduleInForce { .. } => "as_of".to_owned(),
            AwardError::WrongJurisdiction { .. } => "jurisdiction".to_owned(),
            AwardError::InvalidInput { field, .. } => field.clone(),
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, problem: InputProblem) -> Self {
        AwardError::InvalidInput {
            field: field.into(),
            problem,
        }
    }
}

/// What is wrong with one field of the request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputProblem {
    #[error("{head} is not a head of {jurisdiction}; its heads are {known}")]
    UnknownHead {
        head: String,
        jurisdiction: JurisdictionId,
        known: String,
    },
    #[error("is required for this head")]
    Missing,
    #[error("is not used by this head")]
    NotUsed,
    /// Not a valid amount of the currency: negative, too precise or too large.
    #[error(transparent)]
    Amount(#[from] MoneyError),
    #[error("must be between {minimum} and {maximum}")]
    OutOfRange { minimum: String, maximum: String },
    #[error("this head has no classes")]
    ClassNotAllowed,
    #[error("{class} is not a class of this head; its classes are {known}")]
    UnknownClass { class: String, known: String },
    #[error("may be claimed only once; it is already claimed in {first}")]
    Duplicate { first: String },
    #[error("at most {maximum} may be given")]
    TooMany { maximum: usize },
}
