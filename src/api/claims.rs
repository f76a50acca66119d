//! Claim endpoints: drafts, reading, the workflow's actions, the audit trail, votes.
//! Handlers only translate HTTP to service calls and back.

use chrono::NaiveDate;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{ApiResponse, Object, OpenApi};
use rust_decimal::Decimal;
use serde::Deserialize;
use validator::Validate;

use super::Tag;
use super::application::{self, BankAccountRequest, ClaimedLossRequest, personal};
use super::awards::AssessmentSchema;
use super::body::{JsonBody, JsonBodyAs, OptionalJsonBody};
use super::problem::{ApiError, FieldError};
use super::security::BearerAuth;
use super::views::{ActionsView, BallotView, ClaimView, EventView};
use crate::domain::award::Assessment;
use crate::domain::claim::{ApplicantKind, Language, VictimGender};
use crate::domain::intake::FactsPatch;
use crate::domain::money::{Currency, Money};
use crate::domain::operations::{Recovery, VoteCast, VoteKind};
use crate::domain::rules::JurisdictionId;
use crate::domain::workflow::{ActionInput, AppealOutcome};
use crate::domain::{
    Actor, Claim, ClaimAction, ClaimFacts, ClaimId, ClaimState, DocumentKind, OffenceType, UserId,
};
use crate::service::Services;
use crate::service::claims::NewDraft;
use crate::store::claims::ClaimFilter;

pub struct ClaimsApi {
    pub services: Services,
}

#[derive(Object, Deserialize, Validate)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct NewClaimRequest {
    /// A jurisdiction id from forms/, e.g. `kosovo`.
    #[oai(validator(min_length = 2, max_length = 40))]
    pub jurisdiction: String,
    pub offence_type: OffenceType,
    pub crime_date: NaiveDate,
    pub applicant_kind: ApplicantKind,
    #[validate(length(min = 1, max = 200))]
    pub applicant_name: String,
    #[validate(length(min = 1, max = 200))]
    pub victim_name: String,
    pub victim_birth_date: Option<NaiveDate>,
    #[validate(length(min = 1, max = 200))]
    pub victim_address: Option<String>,
    /// As the applicant states it, for anonymised statistics only; leave out when not stated.
    pub victim_gender: Option<VictimGender>,
    /// Show the victim's identity only to those who need it. Defaults to `true` for victims of
    /// trafficking and for minors, `false` otherwise.
    pub protected_identity: Option<bool>,
    pub trafficking_identified_on: Option<NaiveDate>,
    pub crime_discovered_on: Option<NaiveDate>,
    pub reported_to_police: bool,
    pub language: Language,
    /// The representing lawyer's user id (secretariat only; a lawyer represents their own drafts).
    pub representative_id: Option<i64>,
    /// What the applicant claims; at least one loss is needed to submit.
    pub claimed_losses: Option<Vec<ClaimedLossRequest>>,
    /// Where the applicant asks to be paid; optional.
    pub bank_account: Option<BankAccountRequest>,
    /// The applicant consents to the commission obtaining records about the crime and the harm,
    /// and declares the application true; needed to submit. Defaults to `false`.
    pub consent_given: Option<bool>,
}

/// The facts to change on a draft; fields left out stay as they are. Names and the address are
/// checked as on creation (1 to 200 characters, no control characters).
#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct ClaimPatchRequest {
    pub offence_type: Option<OffenceType>,
    pub crime_date: Option<NaiveDate>,
    pub applicant_kind: Option<ApplicantKind>,
    pub applicant_name: Option<String>,
    pub victim_name: Option<String>,
    pub victim_birth_date: Option<NaiveDate>,
    pub victim_address: Option<String>,
    pub victim_gender: Option<VictimGender>,
    pub protected_identity: Option<bool>,
    pub trafficking_identified_on: Option<NaiveDate>,
    pub crime_discovered_on: Option<NaiveDate>,
    pub reported_to_police: Option<bool>,
    pub language: Option<Language>,
    /// Replaces the whole list of claimed losses.
    pub claimed_losses: Option<Vec<ClaimedLossRequest>>,
    /// `null` removes the account.
    #[serde(default)]
    pub bank_account: MaybeUndefined<BankAccountRequest>,
    pub consent_given: Option<bool>,
}

impl ClaimPatchRequest {
    fn into_patch(self) -> Result<FactsPatch, ApiError> {
        let text = |field: &str, value: Option<String>| {
            value.map(|text| personal(field, &text)).transpose()
        };
        let (applicant_name, victim_name, victim_address) = all_valid(
            text("applicant_name", self.applicant_name),
            text("victim_name", self.victim_name),
            text("victim_address", self.victim_address),
        )?;
        Ok(FactsPatch {
            offence_type: self.offence_type,
            crime_date: self.crime_date,
            applicant_kind: self.applicant_kind,
            applicant_name,
            victim_name,
            victim_birth_date: self.victim_birth_date,
            victim_address,
            victim_gender: self.victim_gender,
            protected_identity: self.protected_identity,
            trafficking_identified_on: self.trafficking_identified_on,
            crime_discovered_on: self.crime_discovered_on,
            reported_to_police: self.reported_to_police,
            language: self.language,
            claimed_losses: self
                .claimed_losses
                .map(application::claimed_losses)
                .transpose()?,
            bank_account: match self.bank_account {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(account) => Some(Some(application::bank_account(account)?)),
            },
            consent_given: self.consent_given,
        })
    }
}

/// The optional body of an action; `GET /claims/{id}/actions` lists what each action requires.
#[derive(Object, Deserialize, Default)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    #[oai(validator(max_length = 2000))]
    pub reason: Option<String>,
    pub evidence_due: Option<NaiveDate>,
    #[oai(validator(max_items = 20))]
    pub requested_documents: Option<Vec<DocumentKind>>,
    pub appeal_outcome: Option<AppealOutcome>,
    #[oai(validator(pattern = r"^[0-9]{1,13}(\.[0-9]{1,4})?$"))]
    pub varied_award: Option<String>,
    pub appeal_waived: Option<bool>,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct VoteRequest {
    pub choice: VoteKind,
    /// Required with `approve_amended`, refused otherwise.
    #[oai(validator(pattern = r"^[0-9]{1,13}(\.[0-9]{1,4})?$"))]
    pub amended_amount: Option<String>,
    /// The member's reasons, kept with the vote (a dissent where the rules publish dissents).
    #[oai(validator(max_length = 2000))]
    pub note: Option<String>,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct ExtensionRequest {
    /// The good cause, in words.
    #[oai(validator(min_length = 1, max_length = 2000))]
    pub reason: String,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct RecoveryRequest {
    /// A plain decimal amount such as `"120.50"`.
    #[oai(validator(pattern = r"^[0-9]{1,13}(\.[0-9]{1,4})?$"))]
    pub amount: String,
    /// Must be the claim's currency.
    pub currency: Currency,
    /// The day the amount was received; not in the future.
    pub received_on: NaiveDate,
    /// Free text for finance; never logged.
    #[oai(validator(max_length = 2000))]
    pub note: Option<String>,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct InterimAwardRequest {
    /// A plain decimal amount such as `"500.00"`.
    #[oai(validator(pattern = r"^[0-9]{1,13}(\.[0-9]{1,4})?$"))]
    pub amount: String,
    /// The urgent need, in words.
    #[oai(validator(min_length = 1, max_length = 2000))]
    pub reason: String,
}

/// One read of a protected identity.
#[derive(Object)]
pub struct AccessEntryView {
    pub user_id: Option<i64>,
    pub fields: Vec<String>,
    pub read_at: chrono::DateTime<chrono::Utc>,
}

/// Claims per page when the client does not say.
const PAGE_SIZE_DEFAULT: u64 = 50;

/// One page of claims.
#[derive(Object)]
pub struct ClaimPage {
    pub items: Vec<ClaimView>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<i64>,
}

#[derive(ApiResponse)]
pub enum Created {
    #[oai(status = 201)]
    Created(
        Json<ClaimView>,
        #[oai(header = "Location")] String,
        #[oai(header = "ETag")] String,
    ),
}

#[derive(ApiResponse)]
pub enum Found {
    #[oai(status = 200)]
    Ok(Json<ClaimView>, #[oai(header = "ETag")] String),
}

impl ClaimsApi {
    /// The claim as the actor may see it, recording any protected identity it shows.
    async fn view(&self, claim: Claim, actor: &Actor) -> Result<ClaimView, ApiError> {
        self.services.record_identity_read(actor, &claim).await?;
        let days_overdue = self.services.days_overdue(&claim);
        Ok(ClaimView::for_actor(claim, actor, days_overdue))
    }

    async fn found(&self, claim: Claim, actor: &Actor) -> Result<Found, ApiError> {
        let view = self.view(claim, actor).await?;
        let etag = etag(view.version);
        Ok(Found::Ok(Json(view), etag))
    }
}

fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// `If-Match: "3"` (or `3`) pins the change to version 3.
pub(super) fn expected_version(if_match: Option<String>) -> Result<Option<i64>, ApiError> {
    // `*` matches any current version: the same as sending no If-Match (RFC 9110, 13.1.1).
    if_match
        .filter(|value| value.trim() != "*")
        .map(|value| {
            value
                .trim()
                .trim_matches('"')
                .parse::<i64>()
                .map_err(|_| ApiError::invalid("If-Match", "must be a claim version such as \"3\""))
        })
        .transpose()
}

pub(super) fn amount(field: &str, text: Option<String>) -> Result<Option<Decimal>, ApiError> {
    text.map(|text| {
        Decimal::from_str_exact(&text)
            .map_err(|_| ApiError::invalid(field, "must be a plain decimal amount"))
    })
    .transpose()
}

/// The three parsed values, or every field error among them at once.
fn all_valid<A, B, C>(
    first: Result<A, FieldError>,
    second: Result<B, FieldError>,
    third: Result<C, FieldError>,
) -> Result<(A, B, C), ApiError> {
    match (first, second, third) {
        (Ok(first), Ok(second), Ok(third)) => Ok((first, second, third)),
        (first, second, third) => {
            let errors = [first.err(), second.err(), third.err()]
                .into_iter()
                .flatten()
                .collect();
            Err(ApiError::invalid_fields(errors))
        }
    }
}

impl NewClaimRequest {
    fn into_draft(self) -> Result<NewDraft, ApiError> {
        if let Err(errors) = self.validate() {
            let errors = errors
                .field_errors()
                .into_keys()
                .map(|field| FieldError {
                    field: field.to_string(),
                    reason: "must be 1 to 200 characters".to_owned(),
                })
                .collect();
            return Err(ApiError::invalid_fields(errors));
        }
        let jurisdiction = JurisdictionId::parse(&self.jurisdiction)
            .map_err(|error| ApiError::invalid("jurisdiction", &error.reason))?;
        let applicant_name = personal("applicant_name", &self.applicant_name);
        let victim_name = personal("victim_name", &self.victim_name);
        let victim_address = self
            .victim_address
            .map(|text| personal("victim_address", &text))
            .transpose();
        let (applicant_name, victim_name, victim_address) =
            all_valid(applicant_name, victim_name, victim_address)?;
        let facts = ClaimFacts {
            offence_type: self.offence_type,
            crime_date: self.crime_date,
            applicant_kind: self.applicant_kind,
            applicant_name,
            victim_name,
            victim_birth_date: self.victim_birth_date,
            victim_address,
            victim_gender: self.victim_gender,
            protected_identity: false,
            trafficking_identified_on: self.trafficking_identified_on,
            crime_discovered_on: self.crime_discovered_on,
            reported_to_police: self.reported_to_police,
            language: self.language,
            claimed_losses: self
                .claimed_losses
                .map(application::claimed_losses)
                .transpose()?
                .unwrap_or_default(),
            bank_account: self
                .bank_account
                .map(application::bank_account)
                .transpose()?,
            consent_given: self.consent_given.unwrap_or(false),
        };
        let facts = ClaimFacts {
            protected_identity: self
                .protected_identity
                .unwrap_or_else(|| facts.protected_by_default()),
            ..facts
        };
        Ok(NewDraft {
            jurisdiction,
            facts,
            representative: self.representative_id.map(UserId),
        })
    }
}

impl ActionRequest {
    fn into_input(self) -> Result<ActionInput, ApiError> {
        Ok(ActionInput {
            reason: self.reason,
            evidence_due: self.evidence_due,
            requested_documents: self
                .requested_documents
                .unwrap_or_default()
                .into_iter()
                .collect(),
            appeal_outcome: self.appeal_outcome,
            varied_award: amount("varied_award", self.varied_award)?,
            appeal_waived: self.appeal_waived.unwrap_or(false),
        })
    }
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Claims")]
impl ClaimsApi {
    /// Create a draft claim (lawyers and the secretariat).
    #[oai(path = "/claims", method = "post")]
    async fn create(
        &self,
        auth: BearerAuth,
        body: JsonBody<NewClaimRequest>,
    ) -> Result<Created, ApiError> {
        let actor = auth.0.actor;
        let claim = self
            .services
            .create_draft(&actor, body.0.into_draft()?)
            .await?;
        let view = self.view(claim, &actor).await?;
        let location = format!("/api/v1/claims/{}", view.id);
        let etag = etag(view.version);
        Ok(Created::Created(Json(view), location, etag))
    }

    /// The claims the caller may see, filtered, a page at a time (keyset pagination: pass the
    /// `next` of one page as `after` for the following one).
    #[oai(path = "/claims", method = "get")]
    #[allow(clippy::too_many_arguments)] // one argument per query parameter, as poem-openapi wants
    async fn list(
        &self,
        auth: BearerAuth,
        state: Query<Option<ClaimState>>,
        jurisdiction: Query<Option<String>>,
        offence_type: Query<Option<OffenceType>>,
        /// Part of the reference, such as `2026-0001`: letters, digits and hyphens.
        #[oai(validator(max_length = 32, pattern = r"^[A-Za-z0-9-]+$"))]
        reference: Query<Option<String>>,
        /// Only claims past an evidence, decision or payment deadline.
        overdue: Query<Option<bool>>,
        /// Only claims the caller is assigned to, as rapporteur or panel member.
        assigned_to_me: Query<Option<bool>>,
        after: Query<Option<i64>>,
        /// Claims per page, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u64>>,
    ) -> Result<Json<ClaimPage>, ApiError> {
        let actor = auth.0.actor;
        let filter = ClaimFilter {
            state: state.0,
            jurisdiction: jurisdiction.0,
            offence_type: offence_type.0,
            reference_contains: reference.0,
            scopes: None,
            overdue_on: None,
            assigned_to: actor.user_id.filter(|_| assigned_to_me.0 == Some(true)),
        };
        let page = (after.0.unwrap_or(0), limit.0.unwrap_or(PAGE_SIZE_DEFAULT));
        let overdue = overdue.0.unwrap_or(false);
        let (claims, next) = self
            .services
            .list_claims(&actor, filter, overdue, page)
            .await?;
        let mut items = Vec::with_capacity(claims.len());
        for claim in claims {
            items.push(self.view(claim, &actor).await?);
        }
        Ok(Json(ClaimPage { items, next }))
    }

    /// Read a claim.
    #[oai(path = "/claims/:id", method = "get")]
    async fn get(&self, auth: BearerAuth, id: Path<i64>) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let claim = self.services.claim(&actor, ClaimId(id.0)).await?;
        self.found(claim, &actor).await
    }

    /// Change a draft's facts (lawyer or secretariat). `If-Match` makes the edit conditional on
    /// the claim's version (412 when it has changed).
    #[oai(path = "/claims/:id", method = "patch")]
    async fn edit(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: JsonBody<ClaimPatchRequest>,
    ) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let version = expected_version(if_match.0)?;
        let patch = body.0.into_patch()?;
        let claim = self
            .services
            .edit_draft(&actor, ClaimId(id.0), patch, version)
            .await?;
        self.found(claim, &actor).await
    }

    /// The actions the caller's roles permit on the claim now, with any rule that blocks them.
    #[oai(path = "/claims/:id/actions", method = "get")]
    async fn actions(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<ActionsView>, ApiError> {
        let (claim, available) = self
            .services
            .allowed_actions(&auth.0.actor, ClaimId(id.0))
            .await?;
        Ok(Json(ActionsView::new(&claim, available)))
    }

    /// Perform a workflow action. `If-Match` makes it conditional on the claim's version.
    #[oai(path = "/claims/:id/actions/:action", method = "post")]
    async fn perform(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        action: Path<ClaimAction>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: OptionalJsonBody<ActionRequest>,
    ) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let version = expected_version(if_match.0)?;
        let input = body.0.unwrap_or_default().into_input()?;
        let claim = self
            .services
            .perform(&actor, ClaimId(id.0), action.0, input, version)
            .await?;
        self.found(claim, &actor).await
    }

    /// The claim's audit trail, oldest first, with each event's place in the hash chain.
    #[oai(path = "/claims/:id/events", method = "get")]
    async fn events(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<EventView>>, ApiError> {
        let events = self.services.events(&auth.0.actor, ClaimId(id.0)).await?;
        Ok(Json(events.into_iter().map(EventView::from).collect()))
    }

    /// Cast the caller's vote in the current review round (commission members).
    #[oai(path = "/claims/:id/votes", method = "post")]
    async fn vote(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<VoteRequest>,
    ) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let JsonBody(request) = body;
        let cast = VoteCast {
            kind: request.choice,
            amended_amount: amount("amended_amount", request.amended_amount)?,
            note: request.note,
        };
        let claim = self.services.cast_vote(&actor, ClaimId(id.0), cast).await?;
        self.found(claim, &actor).await
    }

    /// The votes of the current review round and the recusals (commission, secretariat, auditors).
    #[oai(path = "/claims/:id/votes", method = "get")]
    async fn votes(&self, auth: BearerAuth, id: Path<i64>) -> Result<Json<BallotView>, ApiError> {
        let (claim, ballot) = self.services.ballot(&auth.0.actor, ClaimId(id.0)).await?;
        Ok(Json(BallotView::new(claim.review_round, &ballot)))
    }

    /// Who read the claim's protected identity, when, and which fields (auditors).
    #[oai(path = "/claims/:id/access-log", method = "get")]
    async fn access_log(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<AccessEntryView>>, ApiError> {
        let entries = self
            .services
            .access_log(&auth.0.actor, ClaimId(id.0))
            .await?;
        let views = entries
            .into_iter()
            .map(|entry| AccessEntryView {
                user_id: entry.user_id.map(|user| user.0),
                fields: entry.fields,
                read_at: entry.read_at,
            })
            .collect();
        Ok(Json(views))
    }

    /// Record the caller's recusal from the claim for a conflict of interest.
    #[oai(path = "/claims/:id/recusals", method = "post")]
    async fn recuse(&self, auth: BearerAuth, id: Path<i64>) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let claim = self.services.recuse(&actor, ClaimId(id.0)).await?;
        self.found(claim, &actor).await
    }

    /// Record the rapporteur's assessment: the losses, offsets and reduction the calculator
    /// needs (secretariat, while the claim is under assessment). `propose_award` then calculates
    /// the award from it.
    #[oai(path = "/claims/:id/assessment", method = "put")]
    async fn assess(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBodyAs<AssessmentSchema, Assessment>,
    ) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let claim = self
            .services
            .record_assessment(&actor, ClaimId(id.0), body.0)
            .await?;
        self.found(claim, &actor).await
    }

    /// Grant an interim award for urgent needs (the chair, before the decision).
    #[oai(path = "/claims/:id/interim-awards", method = "post")]
    async fn interim_award(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<InterimAwardRequest>,
    ) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let JsonBody(request) = body;
        let amount = amount("amount", Some(request.amount))?.unwrap_or_default();
        let claim = self
            .services
            .grant_interim_award(&actor, ClaimId(id.0), amount, &request.reason)
            .await?;
        self.found(claim, &actor).await
    }

    /// Record an amount recovered from the offender (finance, once a decision is given): in the
    /// claim's currency, received no later than today. The note is kept but never logged or
    /// put in the audit trail.
    #[oai(path = "/claims/:id/recoveries", method = "post")]
    async fn recovery(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<RecoveryRequest>,
    ) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let JsonBody(request) = body;
        let amount = amount("amount", Some(request.amount))?.unwrap_or_default();
        let amount = Money::new(amount, request.currency)
            .map_err(|error| ApiError::invalid("amount", &error.to_string()))?;
        let recovery = Recovery {
            amount,
            received_on: request.received_on,
            note: request.note,
        };
        let claim = self
            .services
            .record_recovery(&actor, ClaimId(id.0), recovery)
            .await?;
        self.found(claim, &actor).await
    }

    /// Accept a late draft for good cause (secretariat).
    #[oai(path = "/claims/:id/filing-extension", method = "post")]
    async fn extend(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<ExtensionRequest>,
    ) -> Result<Found, ApiError> {
        let actor = auth.0.actor;
        let claim = self
            .services
            .grant_filing_extension(&actor, ClaimId(id.0), &body.0.reason)
            .await?;
        self.found(claim, &actor).await
    }
}
