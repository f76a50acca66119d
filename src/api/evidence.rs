//! Evidence requests and assignments: who is asked for what by when, and who works on a claim.

use chrono::{DateTime, NaiveDate, Utc};
use poem_openapi::param::{Header, Path};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use serde::Deserialize;

use super::Tag;
use super::body::JsonBody;
use super::claims::expected_version;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::assignments::{Assignment, AssignmentKind};
use crate::domain::{ClaimId, DocumentKind, UserId};
use crate::service::Services;
use crate::service::assignments::RecordedAssignment;
use crate::store::evidence::EvidenceRequest;

pub struct EvidenceApi {
    pub services: Services,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequestBody {
    /// The kinds of document asked for, one item each.
    #[oai(validator(min_items = 1, max_items = 20, unique_items))]
    pub items: Vec<DocumentKind>,
    /// The last day to answer; the jurisdiction's evidence period when left out.
    pub due_on: Option<NaiveDate>,
}

#[derive(Object)]
pub struct EvidenceItemView {
    /// Name it as `request_item` when uploading the answer.
    pub id: i64,
    pub kind: DocumentKind,
    /// The documents uploaded in answer; empty while the item is outstanding.
    pub document_ids: Vec<i64>,
}

#[derive(Object)]
pub struct EvidenceRequestView {
    pub id: i64,
    pub claim_id: i64,
    pub due_on: NaiveDate,
    pub requested_by: Option<i64>,
    pub requested_at: DateTime<Utc>,
    pub items: Vec<EvidenceItemView>,
}

impl From<EvidenceRequest> for EvidenceRequestView {
    fn from(request: EvidenceRequest) -> Self {
        EvidenceRequestView {
            id: request.id,
            claim_id: request.claim_id.0,
            due_on: request.due_on,
            requested_by: request.requested_by.map(|user| user.0),
            requested_at: request.requested_at,
            items: request
                .items
                .into_iter()
                .map(|item| EvidenceItemView {
                    id: item.id,
                    kind: item.kind,
                    document_ids: item.document_ids,
                })
                .collect(),
        }
    }
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct AssignmentBody {
    pub user_id: i64,
    pub kind: AssignmentKind,
}

#[derive(Object)]
pub struct AssignmentView {
    pub user_id: i64,
    pub kind: AssignmentKind,
    pub assigned_by: Option<i64>,
    pub assigned_at: DateTime<Utc>,
}

impl From<RecordedAssignment> for AssignmentView {
    fn from(recorded: RecordedAssignment) -> Self {
        AssignmentView {
            user_id: recorded.assignment.user.0,
            kind: recorded.assignment.kind,
            assigned_by: recorded.assigned_by.map(|user| user.0),
            assigned_at: recorded.assigned_at,
        }
    }
}

#[derive(ApiResponse)]
pub enum EvidenceRequested {
    /// The claim now awaits the evidence.
    #[oai(status = 201)]
    Created(Json<EvidenceRequestView>),
}

#[derive(ApiResponse)]
pub enum Assigned {
    #[oai(status = 201)]
    Created(Json<Vec<AssignmentView>>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Claims")]
impl EvidenceApi {
    /// Ask the applicant for documents (the secretariat); performs `request_evidence`.
    /// `If-Match` makes it conditional on the claim's version.
    #[oai(path = "/claims/:id/evidence-requests", method = "post")]
    async fn request(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        #[oai(name = "If-Match")] if_match: Header<Option<String>>,
        body: JsonBody<EvidenceRequestBody>,
    ) -> Result<EvidenceRequested, ApiError> {
        let version = expected_version(if_match.0)?;
        let JsonBody(request) = body;
        let asked = (request.items.into_iter().collect(), request.due_on);
        let created = self
            .services
            .request_evidence(&auth.0.actor, ClaimId(id.0), asked, version)
            .await
            .map_err(|error| ApiError::from(error).renaming_field("evidence_due", "due_on"))?;
        Ok(EvidenceRequested::Created(Json(created.into())))
    }

    /// The claim's evidence requests, oldest first, with what has been answered.
    #[oai(path = "/claims/:id/evidence-requests", method = "get")]
    async fn requests(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<EvidenceRequestView>>, ApiError> {
        let requests = self
            .services
            .evidence_requests(&auth.0.actor, ClaimId(id.0))
            .await?;
        Ok(Json(requests.into_iter().map(Into::into).collect()))
    }

    /// Assign a rapporteur (secretariat) or a panel member (secretariat or chair) to the
    /// claim; answers with all of the claim's assignments.
    #[oai(path = "/claims/:id/assignments", method = "post")]
    async fn assign(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<AssignmentBody>,
    ) -> Result<Assigned, ApiError> {
        let actor = auth.0.actor;
        let assignment = Assignment {
            user: UserId(body.0.user_id),
            kind: body.0.kind,
        };
        self.services
            .assign(&actor, ClaimId(id.0), assignment)
            .await?;
        let all = self.services.assignments(&actor, ClaimId(id.0)).await?;
        Ok(Assigned::Created(Json(
            all.into_iter().map(Into::into).collect(),
        )))
    }

    /// Who is assigned to the claim.
    #[oai(path = "/claims/:id/assignments", method = "get")]
    async fn assignments(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<AssignmentView>>, ApiError> {
        let all = self
            .services
            .assignments(&auth.0.actor, ClaimId(id.0))
            .await?;
        Ok(Json(all.into_iter().map(Into::into).collect()))
    }
}
