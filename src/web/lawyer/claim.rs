//! A claim's page for its lawyer: a draft's task list, or once submitted where it stands, what
//! is needed now, the evidence asked for (answered by upload), the letters and decisions as PDF
//! in the scheme's languages (`letter_document` and `decision_document`, as the REST downloads),
//! and an appeal inside the appeal window (`perform` with `appeal`).

use askama::Template;
use poem::http::{StatusCode, header};
use poem::web::{Data, Path};
use poem::{Response, handler};
use serde::Deserialize;

use super::draft::{LoadedDraft, task_list};
use super::{
    FormError, document_kind_label, failure, form_frame, form_status, invalid_field, lawyer,
};
use crate::domain::claim::Language;
use crate::domain::workflow::ActionInput;
use crate::domain::{Actor, Claim, ClaimAction, ClaimId, ClaimState};
use crate::service::{ServiceError, Services};
use crate::web::claims::ClaimRow;
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, refusal, render, see_other};
use crate::web::session::Visit;

/// The appeal's reasons are optional free text, as long as the API allows.
const APPEAL_REASON_CHARACTERS_MAXIMUM: usize = 2000;

/// An outstanding item of an evidence request, with its upload form.
pub struct EvidenceItemRow {
    pub id: i64,
    pub kind: String,
    pub kind_value: String,
    pub due: String,
    pub error: Option<String>,
}

/// A PDF of the claim in one language.
pub struct PdfLink {
    pub href: String,
    pub label: String,
    pub language: &'static str,
}

/// A letter or decision with a link per language.
pub struct IssuedRow {
    pub title: String,
    pub dated: String,
    pub links: Vec<PdfLink>,
}

#[derive(Template)]
#[template(path = "lawyer/claim.html")]
struct ClaimPage {
    frame: Frame,
    errors: Vec<FormError>,
    id: i64,
    row: ClaimRow,
    evidence: Vec<EvidenceItemRow>,
    decisions: Vec<IssuedRow>,
    letters: Vec<IssuedRow>,
    documents: Vec<super::documents::DocumentRow>,
    can_upload: bool,
    appeal: bool,
}

/// The claim's page: the task list of a draft, the claim's standing otherwise.
#[handler]
pub async fn claim_page(visit: Visit, services: Data<&Services>, Path(id): Path<i64>) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    claim_with_errors(&visit, &services, actor, ClaimId(id), Vec::new()).await
}

/// The claim's page with `errors` from an upload that answered an evidence request.
pub async fn claim_with_errors(
    visit: &Visit,
    services: &Services,
    actor: &Actor,
    id: ClaimId,
    errors: Vec<FormError>,
) -> Response {
    let draft = match LoadedDraft::load(services, actor, id).await {
        Ok(draft) => draft,
        Err(error) => return failure(visit, &error, "reading a claim"),
    };
    if draft.claim.state == ClaimState::Draft {
        return task_list(visit, &draft);
    }
    match standing(visit, services, actor, draft, errors).await {
        Ok(response) => response,
        Err(error) => failure(visit, &error, "reading a claim's standing"),
    }
}

async fn standing(
    visit: &Visit,
    services: &Services,
    actor: &Actor,
    draft: LoadedDraft,
    errors: Vec<FormError>,
) -> Result<Response, ServiceError> {
    let claim = &draft.claim;
    let id = claim.id;
    let path = format!("/lawyer/claims/{}", id.0);
    let frame = form_frame(visit, &path, "lawyer-claim-title", &errors);
    let tr = frame.tr;
    let requests = services.evidence_requests(actor, id).await?;
    let evidence = requests
        .iter()
        .flat_map(|request| {
            request
                .items
                .iter()
                .filter(|item| item.document_ids.is_empty())
                .map(|item| EvidenceItemRow {
                    id: item.id,
                    kind: document_kind_label(tr, item.kind),
                    kind_value: item.kind.to_string(),
                    due: tr.with("deadline-evidence", "date", &tr.date(&request.due_on)),
                    error: errors
                        .iter()
                        .find(|error| error.anchor == format!("file-{}", item.id))
                        .map(|error| error.message.clone()),
                })
        })
        .collect();
    let languages = scheme_languages(services, claim);
    let decisions = services
        .decisions(actor, id)
        .await?
        .into_iter()
        .map(|decision| IssuedRow {
            title: tr.with("lawyer-decision-number", "number", &decision.number),
            dated: tr.date(&decision.decided_on),
            links: pdf_links(
                tr,
                &format!("/lawyer/claims/{}/decisions/{}", id.0, decision.version),
                &languages,
            ),
        })
        .collect();
    let letters = services
        .letters(actor, id)
        .await?
        .into_iter()
        .map(|letter| IssuedRow {
            title: tr.t(&format!("lawyer-letter-{}", letter.kind)).to_owned(),
            dated: tr.date(&letter.dated_on),
            links: pdf_links(
                tr,
                &format!("/lawyer/claims/{}/letters/{}", id.0, letter.sequence),
                &languages,
            ),
        })
        .collect();
    let (_, available) = services.allowed_actions(actor, id).await?;
    let open = |action: ClaimAction| {
        available
            .iter()
            .any(|availability| availability.action == action && availability.blocked_by.is_none())
    };
    let status = form_status(&errors);
    let page = ClaimPage {
        errors,
        id: id.0,
        row: ClaimRow::new(claim, tr, services.days_overdue(claim), "lawyer"),
        evidence,
        decisions,
        letters,
        documents: super::documents::document_rows(tr, &draft.documents),
        can_upload: claim.decision.is_none(),
        appeal: open(ClaimAction::Appeal),
        frame,
    };
    Ok(render(&page, status))
}

/// The languages the claim's scheme issues its documents in.
fn scheme_languages(services: &Services, claim: &Claim) -> Vec<Language> {
    services
        .jurisdictions()
        .get(&claim.jurisdiction)
        .map_or_else(
            || vec![claim.facts.language],
            |rules| rules.languages.clone(),
        )
}

fn pdf_links(tr: Tr, base: &str, languages: &[Language]) -> Vec<PdfLink> {
    languages
        .iter()
        .map(|language| PdfLink {
            href: format!("{base}/{language}"),
            label: tr.t(&format!("lawyer-language-{language}")).to_owned(),
            language: match language {
                Language::Sq => "sq",
                Language::Sr => "sr-Cyrl",
                Language::En => "en",
            },
        })
        .collect()
}

/// A PDF as a download named after what it is.
fn pdf(bytes: Vec<u8>, name: &str) -> Response {
    Response::builder()
        .content_type("application/pdf")
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.pdf\""),
        )
        .body(bytes)
}

/// A decision version or a letter (such as the receipt) as PDF in one of the scheme's
/// languages: `/lawyer/claims/7/decisions/1/sq`, `/lawyer/claims/7/letters/2/en`.
#[handler]
pub async fn issued_document(
    visit: Visit,
    services: Data<&Services>,
    Path((id, issued, number, language)): Path<(i64, String, i32, String)>,
) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let Ok(language) = language.parse::<Language>() else {
        return refusal(&visit, StatusCode::NOT_FOUND);
    };
    let wanted = (number, Some(language));
    let found = match issued.as_str() {
        "decisions" => services.decision_document(actor, ClaimId(id), wanted).await,
        "letters" => services.letter_document(actor, ClaimId(id), wanted).await,
        _ => return refusal(&visit, StatusCode::NOT_FOUND),
    };
    match found {
        Ok(bytes) => pdf(bytes, &format!("{issued}-{id}-{number}-{language}")),
        Err(error) => failure(&visit, &error, "downloading a decision or letter"),
    }
}

#[derive(Template)]
#[template(path = "lawyer/appeal.html")]
struct AppealPage {
    frame: Frame,
    errors: Vec<FormError>,
    id: i64,
    reference: String,
    deadline: Option<String>,
    reason: String,
}

fn appeal_form(visit: &Visit, claim: &Claim, reason: &str, errors: Vec<FormError>) -> Response {
    let id = claim.id.0;
    let path = format!("/lawyer/claims/{id}/appeal");
    let frame = form_frame(visit, &path, "lawyer-appeal-title", &errors);
    let tr = frame.tr;
    let status = form_status(&errors);
    let page = AppealPage {
        errors,
        id,
        reference: claim.reference.to_string(),
        deadline: claim
            .deadlines
            .appeal_due
            .map(|date| tr.with("deadline-appeal", "date", &tr.date(&date))),
        reason: reason.to_owned(),
        frame,
    };
    render(&page, status)
}

/// Asks the lawyer to confirm the appeal, with its reasons if they wish.
#[handler]
pub async fn appeal_page(visit: Visit, services: Data<&Services>, Path(id): Path<i64>) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    match services.claim(actor, ClaimId(id)).await {
        Ok(claim) if claim.state == ClaimState::Decided => {
            appeal_form(&visit, &claim, "", Vec::new())
        }
        Ok(_) => see_other(&format!("/lawyer/claims/{id}")),
        Err(error) => failure(&visit, &error, "reading a claim to appeal"),
    }
}

#[derive(Deserialize)]
pub struct AppealForm {
    #[serde(default)]
    reason: String,
}

/// Appeals the decision through `perform`; a closed window or a refused reason is said on the
/// confirm page.
#[handler]
pub async fn appeal_decision(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<AppealForm>,
) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let tr = visit.tr();
    let reason = form.reason.trim();
    let too_long = reason.chars().count() > APPEAL_REASON_CHARACTERS_MAXIMUM;
    let input = ActionInput {
        reason: (!reason.is_empty()).then(|| reason.to_owned()),
        ..ActionInput::default()
    };
    let appealed = match too_long {
        true => Err(ServiceError::Invalid {
            field: "reason",
            reason: String::new(),
        }),
        false => {
            services
                .perform(actor, ClaimId(id), ClaimAction::Appeal, input, None)
                .await
        }
    };
    let error = match appealed {
        Ok(_) => return see_other(&format!("/lawyer/claims/{id}")),
        Err(error) => error,
    };
    let message_key = match (&error, invalid_field(&error)) {
        (_, Some("reason")) => "lawyer-error-appeal-reason",
        (ServiceError::Domain(crate::domain::DomainError::RuleViolated(_)), _) => {
            "lawyer-error-appeal-closed"
        }
        _ => return failure(&visit, &error, "appealing a decision"),
    };
    match services.claim(actor, ClaimId(id)).await {
        Ok(claim) => {
            let errors = vec![FormError {
                anchor: "reason".to_owned(),
                message: tr.t(message_key).to_owned(),
            }];
            appeal_form(&visit, &claim, reason, errors)
        }
        Err(error) => failure(&visit, &error, "reading a claim to appeal"),
    }
}
