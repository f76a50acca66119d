//! Decisions and letters: the versions and letters a claim has, each as PDF in the scheme's
//! languages, and the public check of a printed decision's verification code.

use chrono::{DateTime, NaiveDate, Utc};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::Tag;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::ClaimId;
use crate::domain::claim::Language;
use crate::service::Services;
use crate::store::decisions::IssuedDecision;
use crate::store::letters::IssuedLetter;

pub struct DecisionsApi {
    pub services: Services,
}

/// One issued version of a claim's decision.
#[derive(Object)]
pub struct IssuedDecisionView {
    pub version: i32,
    /// Such as `KS-2026-000004/1`.
    pub number: String,
    pub decided_on: NaiveDate,
    /// `award`, `partial_award`, `rejected` or `inadmissible`.
    pub outcome: String,
    /// Printed on the decision, with a QR code of `/api/v1/verify/{code}`.
    pub verification_code: String,
    /// SHA-256 of the frozen canonical content every copy is rendered from.
    pub content_sha256: String,
    /// The version this one replaces after an appeal.
    pub supersedes: Option<i32>,
    pub issued_at: DateTime<Utc>,
}

impl From<IssuedDecision> for IssuedDecisionView {
    fn from(decision: IssuedDecision) -> Self {
        IssuedDecisionView {
            version: decision.version,
            number: decision.number,
            decided_on: decision.decided_on,
            outcome: decision.outcome,
            verification_code: decision.verification_code,
            content_sha256: decision.content_sha256,
            supersedes: decision.supersedes,
            issued_at: decision.issued_at,
        }
    }
}

/// One letter to the applicant.
#[derive(Object)]
pub struct LetterView {
    /// 1, 2, ... in the order the claim's letters were issued; fetch it as `{sequence}.pdf`.
    pub sequence: i32,
    /// `receipt`, `evidence_request`, `interim_award` or `payment_notice`.
    pub kind: String,
    pub dated_on: NaiveDate,
    pub content_sha256: String,
    pub issued_at: DateTime<Utc>,
}

impl From<IssuedLetter> for LetterView {
    fn from(letter: IssuedLetter) -> Self {
        LetterView {
            sequence: letter.sequence,
            kind: letter.kind,
            dated_on: letter.dated_on,
            content_sha256: letter.content_sha256,
            issued_at: letter.issued_at,
        }
    }
}

/// `3.pdf` names document 3.
fn numbered_pdf(file: &str) -> Result<i32, ApiError> {
    file.strip_suffix(".pdf")
        .and_then(|number| number.parse::<i32>().ok())
        .ok_or_else(|| {
            ApiError::bad_request("the file must be a number and .pdf, such as 1.pdf".into())
        })
}

/// One copy of a verified decision.
#[derive(Object)]
pub struct VerifiedCopy {
    pub language: Language,
    /// `applicant` (names in full) or `circulation` (initials for a protected identity).
    pub copy: String,
    /// SHA-256 of the PDF, to compare with the file in hand.
    pub sha256: String,
}

/// What anyone may learn from a verification code: nothing personal.
#[derive(Object)]
pub struct VerificationView {
    pub number: String,
    pub decided_on: NaiveDate,
    pub outcome: String,
    pub copies: Vec<VerifiedCopy>,
}

#[derive(ApiResponse)]
pub enum PdfDocument {
    #[oai(status = 200, content_type = "application/pdf")]
    Ok(Binary<Vec<u8>>),
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Claims")]
impl DecisionsApi {
    /// The claim's decision versions, oldest first.
    #[oai(path = "/claims/:id/decisions", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<IssuedDecisionView>>, ApiError> {
        let decisions = self
            .services
            .decisions(&auth.0.actor, ClaimId(id.0))
            .await?;
        Ok(Json(decisions.into_iter().map(Into::into).collect()))
    }

    /// A decision version as PDF, such as `1.pdf`, in `lang` (the applicant's language when
    /// left out). Those who may see a protected identity get the applicant's copy, others the
    /// copy with initials.
    #[oai(path = "/claims/:id/decisions/:file", method = "get")]
    async fn document(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        /// The version and `.pdf`, such as `1.pdf`.
        file: Path<String>,
        lang: Query<Option<Language>>,
    ) -> Result<PdfDocument, ApiError> {
        let version = numbered_pdf(&file.0)?;
        let bytes = self
            .services
            .decision_document(&auth.0.actor, ClaimId(id.0), (version, lang.0))
            .await?;
        Ok(PdfDocument::Ok(Binary(bytes)))
    }

    /// The letters sent to the applicant about the claim, in order.
    #[oai(path = "/claims/:id/letters", method = "get")]
    async fn letters(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<Vec<LetterView>>, ApiError> {
        let letters = self.services.letters(&auth.0.actor, ClaimId(id.0)).await?;
        Ok(Json(letters.into_iter().map(Into::into).collect()))
    }

    /// A letter as PDF, such as `1.pdf`, in `lang` (the applicant's language when left out),
    /// copied for the caller as decisions are.
    #[oai(path = "/claims/:id/letters/:file", method = "get")]
    async fn letter(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        /// The letter's sequence and `.pdf`, such as `1.pdf`.
        file: Path<String>,
        lang: Query<Option<Language>>,
    ) -> Result<PdfDocument, ApiError> {
        let sequence = numbered_pdf(&file.0)?;
        let bytes = self
            .services
            .letter_document(&auth.0.actor, ClaimId(id.0), (sequence, lang.0))
            .await?;
        Ok(PdfDocument::Ok(Binary(bytes)))
    }

    /// Check a printed decision by its verification code (no sign-in): its number, date and
    /// outcome, and the SHA-256 of each language's copies.
    #[oai(path = "/verify/:code", method = "get", tag = "Tag::Verify")]
    async fn verify(
        &self,
        #[oai(validator(max_length = 40))] code: Path<String>,
    ) -> Result<Json<VerificationView>, ApiError> {
        let verified = self.services.verify_decision(&code.0).await?;
        Ok(Json(VerificationView {
            number: verified.number,
            decided_on: verified.decided_on,
            outcome: verified.outcome,
            copies: verified
                .documents
                .into_iter()
                .map(|(language, copy, sha256)| VerifiedCopy {
                    language,
                    copy: copy.to_owned(),
                    sha256,
                })
                .collect(),
        }))
    }
}
