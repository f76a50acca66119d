//! The rapporteur's assessment: the amount claimed under each head of loss of the claim's
//! schedule and the reduction, previewed line by line by the award calculator
//! (`Services::preview_assessment`, the calculation `propose_award` will make) and recorded
//! through `Services::record_assessment`, the call behind `PUT /claims/{id}/assessment`.

use std::collections::BTreeMap;

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{Response, handler};
use rust_decimal::Decimal;

use super::{Answer, FormError, answer, case_path, claim_for_secretariat, head_name, money_text};
use crate::domain::award::{Assessment, Calculation, Loss};
use crate::domain::{Actor, Claim};
use crate::explain::WordedCalculation;
use crate::locale::format_number;
use crate::service::{ServiceError, Services};
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, render, see_other};
use crate::web::session::Visit;

/// One head of loss on the form, with the amount typed for it.
pub struct HeadInput {
    pub id: String,
    pub name: String,
    pub amount: String,
}

/// One explained line of the preview, its amounts as the visitor's language writes them.
pub struct PreviewLine {
    pub head: String,
    pub claimed: String,
    pub allowed: String,
    pub payable: String,
    pub explanation: String,
}

/// The calculator's answer, line by line, then the totals.
pub struct Preview {
    pub lines: Vec<PreviewLine>,
    pub totals: Vec<(String, String)>,
    pub limit_explanation: Option<String>,
    pub provisional: bool,
}

#[derive(Template)]
#[template(path = "casework/assessment.html")]
struct AssessmentPage {
    frame: Frame,
    form_path: String,
    back: String,
    reference: String,
    error: Option<FormError>,
    heads: Vec<HeadInput>,
    reduction_percent: String,
    preview: Option<Preview>,
}

impl AssessmentPage {
    /// The inline message of the field whose input id starts with `prefix`.
    fn error_for(&self, prefix: &str) -> Option<String> {
        FormError::about(&self.error, prefix)
    }
}

/// The form as posted: `amount_<head>` for each head, `reduction_percent`, and `intent`
/// (`preview` or `record`, the button pressed).
type Fields = BTreeMap<String, String>;

fn amount_field(head: &str) -> String {
    format!("amount_{head}")
}

/// The heads of the claim's newest schedule, each with the amount `typed` for it.
fn heads(
    services: &Services,
    claim: &Claim,
    tr: Tr,
    typed: impl Fn(&str) -> String,
) -> Vec<HeadInput> {
    let jurisdictions = services.jurisdictions();
    jurisdictions
        .schedules(&claim.jurisdiction)
        .last()
        .map(|schedule| schedule.heads.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|head| HeadInput {
            name: head_name(jurisdictions, claim, tr, &head.id),
            amount: typed(&head.id),
            id: head.id.clone(),
        })
        .collect()
}

fn page(
    visit: &Visit,
    claim: &Claim,
    heads: Vec<HeadInput>,
    reduction_percent: String,
) -> AssessmentPage {
    let path = format!("{}/assessment", case_path(claim.id.0));
    let frame = Frame::new(visit, &path, "casework-assessment-page-title").with_exit_this_page();
    AssessmentPage {
        frame,
        form_path: path,
        back: case_path(claim.id.0),
        reference: claim.reference.to_string(),
        error: None,
        heads,
        reduction_percent,
        preview: None,
    }
}

/// The form, filled with the assessment already recorded, if any.
#[handler]
pub async fn assessment_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
) -> Response {
    let (_, claim) = match claim_for_secretariat(&visit, &services, id).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let recorded = claim.assessment.clone().unwrap_or_default();
    let language = visit.tr().language.language();
    let typed = |head: &str| {
        recorded
            .losses
            .iter()
            .find(|loss| loss.head == head)
            .and_then(|loss| loss.amount)
            .map(|amount| amount.to_string())
            .unwrap_or_default()
    };
    let heads = heads(&services, &claim, visit.tr(), typed);
    let reduction = match recorded.reduction_percent.is_zero() {
        true => String::new(),
        false => format_number(recorded.reduction_percent, language),
    };
    render(&page(&visit, &claim, heads, reduction), StatusCode::OK)
}

/// Previews the award (nothing is stored) or records the assessment and shows the case page.
#[handler]
pub async fn record_assessment(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Fields>,
) -> Response {
    let (actor, claim) = match claim_for_secretariat(&visit, &services, id).await {
        Ok(found) => found,
        Err(page) => return page,
    };
    let tr = visit.tr();
    let typed = |head: &str| {
        fields
            .get(&amount_field(head))
            .map_or("", |text| text.trim())
            .to_owned()
    };
    let heads = heads(&services, &claim, tr, typed);
    let reduction = fields
        .get("reduction_percent")
        .map_or("", |text| text.trim())
        .to_owned();
    let mut form = page(&visit, &claim, heads, reduction);
    let assessment = match read_assessment(tr, &form) {
        Ok(assessment) => assessment,
        Err(invalid) => {
            form.error = Some(invalid);
            return render(&form, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let recording = fields
        .get("intent")
        .is_some_and(|intent| intent == "record");
    let outcome = match recording {
        true => submit(&services, actor, &claim, assessment).await,
        false => preview(&services, actor, &claim, &assessment, tr)
            .await
            .map(|preview| {
                form.preview = Some(preview);
            }),
    };
    match outcome {
        Ok(()) if recording => see_other(&format!("{}?done=record_assessment", case_path(id))),
        Ok(()) => render(&form, StatusCode::OK),
        Err(error) => {
            let losses = &assessment_heads(&form);
            let field_of = |field: &str| form_field(losses, field);
            let first = form
                .heads
                .first()
                .map_or("reduction_percent".to_owned(), |head| {
                    amount_field(&head.id)
                });
            match answer(&visit, error, field_of, &first) {
                Answer::OnForm(status, error) => {
                    form.error = Some(error);
                    render(&form, status)
                }
                Answer::Page(response) => response,
            }
        }
    }
}

async fn submit(
    services: &Services,
    actor: &Actor,
    claim: &Claim,
    assessment: Assessment,
) -> Result<(), ServiceError> {
    services
        .record_assessment(actor, claim.id, assessment)
        .await
        .map(drop)
}

async fn preview(
    services: &Services,
    actor: &Actor,
    claim: &Claim,
    assessment: &Assessment,
    tr: Tr,
) -> Result<Preview, ServiceError> {
    let language = tr.language.language();
    let (calculation, worded) = services
        .preview_assessment(actor, claim.id, assessment, language)
        .await?;
    Ok(preview_of(services, claim, tr, &calculation, worded))
}

/// The heads the assessment claims under, in the order of its losses.
fn assessment_heads(form: &AssessmentPage) -> Vec<String> {
    form.heads
        .iter()
        .filter(|head| !head.amount.is_empty())
        .map(|head| head.id.clone())
        .collect()
}

/// The assessment as typed: an amount for each head filled in, and the reduction. Only what is
/// no number at all is refused here; the calculator judges the rest.
fn read_assessment(tr: Tr, form: &AssessmentPage) -> Result<Assessment, FormError> {
    let number = |text: &str| Decimal::from_str_exact(&text.replace(',', "."));
    let mut losses = Vec::new();
    for head in form.heads.iter().filter(|head| !head.amount.is_empty()) {
        let amount = number(&head.amount).map_err(|_| FormError {
            field: amount_field(&head.id),
            message: tr.t("casework-error-amount").to_owned(),
        })?;
        losses.push(Loss {
            head: head.id.clone(),
            amount: Some(amount),
            ..Loss::default()
        });
    }
    let reduction_percent = match form.reduction_percent.as_str() {
        "" => Decimal::ZERO,
        text => number(text).map_err(|_| FormError {
            field: "reduction_percent".to_owned(),
            message: tr.t("casework-error-reduction").to_owned(),
        })?,
    };
    Ok(Assessment {
        losses,
        offsets: Vec::new(),
        reduction_percent,
    })
}

/// The form's input for a field the calculator names (`losses[2].amount` is the third head
/// filled in), with the text key of its message.
fn form_field(losses: &[String], field: &str) -> Option<(String, &'static str)> {
    if field == "reduction_percent" {
        return Some((field.to_owned(), "casework-error-reduction"));
    }
    let index: usize = field
        .strip_prefix("losses[")?
        .split(']')
        .next()?
        .parse()
        .ok()?;
    let head = losses.get(index)?;
    Some((amount_field(head), "casework-error-loss"))
}

fn preview_of(
    services: &Services,
    claim: &Claim,
    tr: Tr,
    calculation: &Calculation,
    worded: WordedCalculation,
) -> Preview {
    let lines = calculation
        .lines
        .iter()
        .zip(worded.lines)
        .map(|(line, explanation)| PreviewLine {
            head: head_name(services.jurisdictions(), claim, tr, &line.head),
            claimed: money_text(tr, line.claimed),
            allowed: money_text(tr, line.allowed),
            payable: money_text(tr, line.payable),
            explanation,
        })
        .collect();
    let totals = [
        ("casework-gross", calculation.gross),
        ("casework-limited", calculation.limited),
        ("casework-offsets", calculation.offsets),
        ("casework-reduction", calculation.reduction),
        ("casework-interim-deducted", calculation.interim_deducted),
        ("casework-total", calculation.total),
    ]
    .into_iter()
    .map(|(key, money)| (tr.t(key).to_owned(), money_text(tr, money)))
    .collect();
    Preview {
        lines,
        totals,
        limit_explanation: worded.limit,
        provisional: !calculation.provisional.is_empty(),
    }
}
