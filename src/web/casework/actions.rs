//! The workflow's actions as forms: admissibility (accept, or declare inadmissible with a
//! reason), evidence requests, completing the evidence, the proposal to the commission, the
//! outcome of an appeal. The fields a form asks for are the ones the domain says the action
//! uses (`accepted_fields`); the form posts to the same service call as the REST action.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use askama::Template;
use chrono::NaiveDate;
use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{Response, handler};
use strum::IntoEnumIterator;

use super::{Answer, FormError, actions_for_secretariat, answer, case_path, claim_for_secretariat};
use crate::domain::claim::DocumentKind;
use crate::domain::workflow::{ActionInput, AppealOutcome, InputField, accepted_fields};
use crate::domain::{ClaimAction, ClaimId};
use crate::locale::parse_amount;
use crate::service::{ServiceError, Services};
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, refusal, render, see_other};
use crate::web::session::Visit;

/// A checkbox or a radio button.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

/// A date input's day, month and year as typed.
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

#[derive(Template)]
#[template(path = "casework/action.html")]
struct ActionPage {
    frame: Frame,
    back: String,
    action_path: String,
    reference: String,
    error: Option<FormError>,
    /// Each field is `Some` when the action uses it, with what the visitor typed.
    reason: Option<String>,
    documents: Option<Vec<Choice>>,
    evidence_due: Option<DateParts>,
    outcomes: Option<Vec<Choice>>,
    varied_award: Option<String>,
    appeal_waived: Option<bool>,
}

/// The form as posted: every field by its name (checkboxes have one name each).
type Fields = BTreeMap<String, String>;

fn field<'form>(fields: &'form Fields, name: &str) -> &'form str {
    fields.get(name).map_or("", |value| value.trim())
}

impl ActionPage {
    /// The form of `action`, with what was typed into `fields` (empty on first display).
    fn new(
        frame: Frame,
        (id, reference): (i64, String),
        action: ClaimAction,
        fields: &Fields,
    ) -> Self {
        let tr = frame.tr;
        let uses = |input: InputField| accepted_fields(action).contains(&input);
        let documents = DocumentKind::iter()
            .map(|kind| Choice {
                value: kind.as_str(),
                label: tr.t(&format!("casework-document-{kind}")).to_owned(),
                checked: fields.contains_key(&document_field(kind)),
            })
            .collect();
        let outcomes = AppealOutcome::iter()
            .map(|outcome| Choice {
                value: outcome.as_str(),
                label: tr
                    .t(&format!("casework-appeal-outcome-{outcome}"))
                    .to_owned(),
                checked: field(fields, "appeal_outcome") == outcome.as_str(),
            })
            .collect();
        let text = |name: &str| field(fields, name).to_owned();
        ActionPage {
            back: case_path(id),
            action_path: format!("{}/actions/{action}", case_path(id)),
            reference,
            error: None,
            reason: uses(InputField::Reason).then(|| text("reason")),
            documents: uses(InputField::RequestedDocuments).then_some(documents),
            evidence_due: uses(InputField::EvidenceDue).then(|| DateParts {
                day: text("evidence_due_day"),
                month: text("evidence_due_month"),
                year: text("evidence_due_year"),
            }),
            outcomes: uses(InputField::AppealOutcome).then_some(outcomes),
            varied_award: uses(InputField::VariedAward).then(|| text("varied_award")),
            appeal_waived: uses(InputField::AppealWaived)
                .then(|| fields.contains_key("appeal_waived")),
            frame,
        }
    }
}

fn document_field(kind: DocumentKind) -> String {
    format!("document_{kind}")
}

/// The frame of an action's form, titled by the action's name.
fn action_frame(visit: &Visit, id: i64, action: ClaimAction) -> Frame {
    let path = format!("{}/actions/{action}", case_path(id));
    let mut frame = Frame::new(visit, &path, "casework-action-title").with_exit_this_page();
    frame.title = frame.tr.t(&format!("casework-action-{action}")).to_owned();
    frame
}

/// The form of an action the workflow offers the visitor on the claim now; any other is not
/// found here.
#[handler]
pub async fn action_page(
    visit: Visit,
    services: Data<&Services>,
    Path((id, name)): Path<(i64, String)>,
) -> Response {
    let (_, claim, available) = match actions_for_secretariat(&visit, &services, id).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let offered = ClaimAction::from_str(&name).ok().filter(|action| {
        available
            .iter()
            .any(|availability| availability.action == *action)
    });
    let Some(action) = offered else {
        return refusal(&visit, StatusCode::NOT_FOUND);
    };
    let frame = action_frame(&visit, id, action);
    let reference = claim.reference.to_string();
    let page = ActionPage::new(frame, (id, reference), action, &Fields::new());
    render(&page, StatusCode::OK)
}

/// Performs the action through the service call of its REST twin, then shows the case page;
/// an input the domain refuses is shown on the form and nothing is stored.
#[handler]
pub async fn perform_action(
    visit: Visit,
    services: Data<&Services>,
    Path((id, name)): Path<(i64, String)>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Response {
    // Read first, so the form can be shown again with the claim's reference.
    let (actor, claim) = match claim_for_secretariat(&visit, &services, id).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let Ok(action) = ClaimAction::from_str(&name) else {
        return refusal(&visit, StatusCode::NOT_FOUND);
    };
    let outcome = match action_input(visit.tr(), &fields) {
        Ok(input) => perform(&services, actor, ClaimId(id), action, input).await,
        Err(invalid) => Err(Err(invalid)),
    };
    let (status, error) = match outcome {
        Ok(()) => return see_other(&format!("{}?done={action}", case_path(id))),
        Err(Err(invalid)) => (StatusCode::UNPROCESSABLE_ENTITY, invalid),
        Err(Ok(error)) => match answer(&visit, error, form_field, first_field(action)) {
            Answer::OnForm(status, error) => (status, error),
            Answer::Page(response) => return response,
        },
    };
    let frame = action_frame(&visit, id, action);
    let mut page = ActionPage::new(frame, (id, claim.reference.to_string()), action, &fields);
    page.error = Some(error);
    render(&page, status)
}

/// The REST twin's service call: an evidence request goes through `request_evidence` (as
/// `POST /claims/{id}/evidence-requests` does), every other action through `perform`.
async fn perform(
    services: &Services,
    actor: &crate::domain::Actor,
    id: ClaimId,
    action: ClaimAction,
    input: ActionInput,
) -> Result<(), Result<ServiceError, FormError>> {
    let done = if action == ClaimAction::RequestEvidence {
        let asked = (input.requested_documents, input.evidence_due);
        services
            .request_evidence(actor, id, asked, None)
            .await
            .map(drop)
    } else {
        services
            .perform(actor, id, action, input, None)
            .await
            .map(drop)
    };
    done.map_err(Ok)
}

/// The input as the domain takes it. Only what cannot be read at all (a date that is no date,
/// an amount that is no number, an unknown outcome) is refused here; the rest is the domain's.
fn action_input(tr: Tr, fields: &Fields) -> Result<ActionInput, FormError> {
    let invalid = |field: &str, key: &str| FormError {
        field: field.to_owned(),
        message: tr.t(key).to_owned(),
    };
    let evidence_due = due_date(fields)
        .map_err(|()| invalid("evidence_due_day", "casework-error-evidence-due"))?;
    let appeal_outcome = match field(fields, "appeal_outcome") {
        "" => None,
        text => Some(
            AppealOutcome::from_str(text)
                .map_err(|_| invalid("appeal_outcome", "casework-error-appeal-outcome"))?,
        ),
    };
    let varied_award = match field(fields, "varied_award") {
        "" => None,
        text => Some(
            parse_amount(text)
                .ok_or_else(|| invalid("varied_award", "casework-error-varied-award"))?,
        ),
    };
    let reason = Some(field(fields, "reason").to_owned()).filter(|text| !text.is_empty());
    let requested_documents: BTreeSet<DocumentKind> = DocumentKind::iter()
        .filter(|kind| fields.contains_key(&document_field(*kind)))
        .collect();
    Ok(ActionInput {
        reason,
        evidence_due,
        requested_documents,
        appeal_outcome,
        varied_award,
        appeal_waived: fields.contains_key("appeal_waived"),
    })
}

/// The due date's three parts, none when all are empty.
fn due_date(fields: &Fields) -> Result<Option<NaiveDate>, ()> {
    let parts = ["day", "month", "year"].map(|part| field(fields, &format!("evidence_due_{part}")));
    if parts.iter().all(|part| part.is_empty()) {
        return Ok(None);
    }
    let [day, month, year] = parts.map(|part| part.parse::<u32>().map_err(|_| ()));
    let year = i32::try_from(year?).map_err(|_| ())?;
    NaiveDate::from_ymd_opt(year, month?, day?)
        .map(Some)
        .ok_or(())
}

/// The form's input for a field the service names, and the text key of its message.
fn form_field(service_field: &str) -> Option<(String, &'static str)> {
    let (input, key) = match service_field {
        "reason" => ("reason", "casework-error-reason"),
        "requested_documents" => (
            "document_police_report",
            "casework-error-requested-documents",
        ),
        "evidence_due" | "due_on" => ("evidence_due_day", "casework-error-evidence-due"),
        "appeal_outcome" => ("appeal_outcome", "casework-error-appeal-outcome"),
        "varied_award" => ("varied_award", "casework-error-varied-award"),
        _ => return None,
    };
    Some((input.to_owned(), key))
}

/// Where a rule that blocks the whole action is reported: the form's first field, or its
/// button when it has none.
fn first_field(action: ClaimAction) -> &'static str {
    match accepted_fields(action).first() {
        Some(InputField::Reason) => "reason",
        Some(InputField::RequestedDocuments) => "document_police_report",
        Some(InputField::AppealOutcome) => "appeal_outcome",
        Some(InputField::AppealWaived) => "appeal_waived",
        _ => "submit",
    }
}

impl ActionPage {
    /// The inline message of the field whose input id starts with `prefix`.
    fn error_for(&self, prefix: &str) -> Option<String> {
        FormError::about(&self.error, prefix)
    }
}
