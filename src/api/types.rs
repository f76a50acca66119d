//! The domain's closed enums as OpenAPI string enums, defined once in the domain and described
//! here, so the API never keeps a second list of states, actions or roles.

use std::borrow::Cow;

use poem_openapi::registry::{MetaSchema, MetaSchemaRef, Registry};
use poem_openapi::types::{
    ParseError, ParseFromJSON, ParseFromParameter, ParseResult, ToJSON, Type,
};
use serde_json::Value;
use strum::IntoEnumIterator;

use crate::domain::assignments::AssignmentKind;
use crate::domain::claim::{ApplicantKind, Language, OutcomeKind, OverdueFlag, VictimGender};
use crate::domain::money::Currency;
use crate::domain::notices::{DeliveryState, NoticeKind};
use crate::domain::operations::VoteKind;
use crate::domain::payout::{OrderState, PayeeKind};
use crate::domain::workflow::{AppealOutcome, InputField};
use crate::domain::{ClaimAction, ClaimState, DocumentKind, OffenceType, Role};

macro_rules! openapi_string_enum {
    ($type:ty, $name:literal, $description:literal) => {
        impl Type for $type {
            const IS_REQUIRED: bool = true;
            type RawValueType = Self;
            type RawElementValueType = Self;

            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }

            fn schema_ref() -> MetaSchemaRef {
                MetaSchemaRef::Reference($name.to_owned())
            }

            fn register(registry: &mut Registry) {
                registry.create_schema::<Self, _>($name.to_owned(), |_| MetaSchema {
                    description: Some($description),
                    enum_items: <$type>::iter()
                        .map(|item| Value::String(item.to_string()))
                        .collect(),
                    ..MetaSchema::new("string")
                });
            }

            fn as_raw_value(&self) -> Option<&Self::RawValueType> {
                Some(self)
            }

            fn raw_element_iter<'a>(
                &'a self,
            ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
                Box::new(self.as_raw_value().into_iter())
            }
        }

        impl ParseFromJSON for $type {
            fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
                match value {
                    Some(Value::String(text)) => {
                        <Self as ParseFromParameter>::parse_from_parameter(&text)
                    }
                    other => Err(ParseError::expected_type(other.unwrap_or_default())),
                }
            }
        }

        impl ParseFromParameter for $type {
            fn parse_from_parameter(text: &str) -> ParseResult<Self> {
                text.parse().map_err(|_| {
                    let allowed: Vec<String> =
                        <$type>::iter().map(|item| item.to_string()).collect();
                    ParseError::custom(format!("{text:?} is not one of: {}", allowed.join(", ")))
                })
            }
        }

        impl ToJSON for $type {
            fn to_json(&self) -> Option<Value> {
                Some(Value::String(self.to_string()))
            }
        }
    };
}

openapi_string_enum!(
    ClaimState,
    "ClaimState",
    "Where a claim stands in the workflow."
);
openapi_string_enum!(
    ClaimAction,
    "ClaimAction",
    "A workflow action (see the transition table in the README)."
);
openapi_string_enum!(Role, "Role", "A role a user holds.");
openapi_string_enum!(
    OverdueFlag,
    "OverdueFlag",
    "A deadline the claim overran, flagged by the scheduler."
);
openapi_string_enum!(
    OffenceType,
    "OffenceType",
    "The kind of crime the claim arises from."
);
openapi_string_enum!(
    ApplicantKind,
    "ApplicantKind",
    "Who applies: the victim, a dependant, or a guardian."
);
openapi_string_enum!(
    Language,
    "Language",
    "The language the applicant is served in."
);
openapi_string_enum!(
    DocumentKind,
    "DocumentKind",
    "A kind of supporting document."
);
openapi_string_enum!(
    AppealOutcome,
    "AppealOutcome",
    "What the appeal body decided."
);
openapi_string_enum!(OutcomeKind, "OutcomeKind", "What the decision decided.");
openapi_string_enum!(
    VictimGender,
    "VictimGender",
    "The victim's gender as stated: female, male or other."
);
openapi_string_enum!(VoteKind, "VoteKind", "A commission member's vote.");
openapi_string_enum!(
    InputField,
    "InputField",
    "An input field an action requires."
);
openapi_string_enum!(
    AssignmentKind,
    "AssignmentKind",
    "What someone is assigned to a claim as: its rapporteur or a member of its panel."
);
openapi_string_enum!(
    PayeeKind,
    "PayeeKind",
    "Who a payment order pays: the claimant, a registered provider, or a guardian's account."
);
openapi_string_enum!(
    OrderState,
    "OrderState",
    "Where a payment order is: prepared, approved, exported, paid, returned or cancelled."
);
openapi_string_enum!(Currency, "Currency", "An ISO 4217 currency code.");
openapi_string_enum!(
    NoticeKind,
    "NoticeKind",
    "What a notification tells its recipient about a claim."
);
openapi_string_enum!(
    DeliveryState,
    "DeliveryState",
    "Where a delivery through an outside channel (a webhook) stands."
);
