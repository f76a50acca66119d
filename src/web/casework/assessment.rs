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

use super::{Answer, FormError, answer, case_path, claim_for_secretariat, money_text};
use crate::domain::award::{Assessment, Calculation, Loss, Offset, OffsetSource};
use crate::domain::{Actor, Claim};
use crate::explain::WordedCalculation;
use crate::locale::format_number;
use crate::locale::parse_amount;
use crate::service::{ServiceError, Services};
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::head_name;
use crate::web::pages::{Frame, render, see_other};
use crate::web::session::Visit;

/// The sources of payments from elsewhere for the same harm, by the name the calculator's JSON
/// gives them; each has an amount on the form, deducted from the whole award.
pub(super) const OFFSET_SOURCES: [(OffsetSource, &str); 6] = [
    (OffsetSource::Insurance, "insurance"),
    (OffsetSource::Benefits, "benefits"),
    (OffsetSource::Offender, "offender"),
    (OffsetSource::CourtOrder, "court_order"),
    (OffsetSource::CivilDamages, "civil_damages"),
    (OffsetSource::Other, "other"),
];

/// One head of loss, or one source of payments from elsewhere, with the amount typed for it.
pub struct HeadInput {
    pub id: String,
    /// The form field, and the id of its input.
    pub field: String,
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
    offsets: Vec<HeadInput>,
    reduction_percent: String,
    preview: Option<Preview>,
}

impl AssessmentPage {
    /// The inline message of the field whose input id starts with `prefix`.
    fn error_for(&self, prefix: &str) -> Option<String> {
        FormError::about(&self.error, prefix)
    }

    /// The form's groups of amounts: each one's legend, hint and inputs, by text key.
    fn groups(&self) -> [(&'static str, &'static str, &[HeadInput]); 2] {
        [
            (
                "casework-losses-legend",
                "casework-losses-hint",
                &self.heads,
            ),
            (
                "casework-offsets-legend",
                "casework-offsets-hint",
                &self.offsets,
            ),
        ]
    }
}

/// The form as posted: `amount_<head>` for each head, `reduction_percent`, and `intent`
/// (`preview` or `record`, the button pressed).
type Fields = BTreeMap<String, String>;

fn amount_field(head: &str) -> String {
    format!("amount_{head}")
}

fn offset_field(source: &str) -> String {
    format!("offset_{source}")
}

/// Each source of payments from elsewhere, with the amount `typed` for it.
fn offsets(tr: Tr, typed: impl Fn(OffsetSource) -> String) -> Vec<HeadInput> {
    OFFSET_SOURCES
        .iter()
        .map(|(source, name)| HeadInput {
            id: (*name).to_owned(),
            field: offset_field(name),
            name: tr.t(&format!("casework-offset-{name}")).to_owned(),
            amount: typed(*source),
        })
        .collect()
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
            field: amount_field(&head.id),
            name: head_name(jurisdictions, claim, tr, &head.id),
            amount: typed(&head.id),
            id: head.id.clone(),
        })
        .collect()
}

fn page(
    visit: &Visit,
    claim: &Claim,
    (heads, offsets): (Vec<HeadInput>, Vec<HeadInput>),
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
        offsets,
        reduction_percent,
        preview: None,
    }
}

/// What the application claims under `head`, all its losses there together; the first
/// assessment starts from it.
fn claimed_total(claim: &Claim, head: &str) -> Option<Decimal> {
    claim
        .facts
        .claimed_losses
        .iter()
        .filter(|loss| loss.head == head)
        .filter_map(|loss| loss.amount)
        .reduce(|total, amount| total + amount)
}

/// The form, filled with the assessment already recorded or, before there is one, with the
/// amounts the application claims.
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
        let amount = match &claim.assessment {
            Some(_) => recorded
                .losses
                .iter()
                .find(|loss| loss.head == head)
                .and_then(|loss| loss.amount),
            None => claimed_total(&claim, head),
        };
        amount.map(|amount| amount.to_string()).unwrap_or_default()
    };
    let heads = heads(&services, &claim, visit.tr(), typed);
    let offsets = offsets(visit.tr(), |source| {
        recorded
            .offsets
            .iter()
            .find(|offset| offset.source == source && offset.head.is_none())
            .map(|offset| offset.amount.to_string())
            .unwrap_or_default()
    });
    let reduction = match recorded.reduction_percent.is_zero() {
        true => String::new(),
        false => format_number(recorded.reduction_percent, language),
    };
    render(
        &page(&visit, &claim, (heads, offsets), reduction),
        StatusCode::OK,
    )
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
    let offsets = offsets(tr, |source| {
        let name = OFFSET_SOURCES
            .iter()
            .find(|(known, _)| *known == source)
            .map_or("", |(_, name)| name);
        fields
            .get(&offset_field(name))
            .map_or("", |text| text.trim())
            .to_owned()
    });
    let reduction = fields
        .get("reduction_percent")
        .map_or("", |text| text.trim())
        .to_owned();
    let mut form = page(&visit, &claim, (heads, offsets), reduction);
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
            let filled = (filled(&form.heads), filled(&form.offsets));
            let field_of = |field: &str| form_field(&filled, field);
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

/// The inputs filled in, by their form field, in the order the assessment lists them.
fn filled(inputs: &[HeadInput]) -> Vec<String> {
    inputs
        .iter()
        .filter(|input| !input.amount.is_empty())
        .map(|input| input.field.clone())
        .collect()
}

/// The assessment as typed: an amount for each head filled in, and the reduction. Only what is
/// no number at all is refused here; the calculator judges the rest.
fn read_assessment(tr: Tr, form: &AssessmentPage) -> Result<Assessment, FormError> {
    // A percentage has no thousands: a comma is its decimal point, as Albanian and Serbian write.
    let number = |text: &str| Decimal::from_str_exact(&text.replace(',', "."));
    let mut losses = Vec::new();
    for head in form.heads.iter().filter(|head| !head.amount.is_empty()) {
        let amount = parse_amount(&head.amount).ok_or_else(|| FormError {
            field: amount_field(&head.id),
            message: tr.t("casework-error-amount").to_owned(),
        })?;
        losses.push(Loss {
            head: head.id.clone(),
            amount: Some(amount),
            ..Loss::default()
        });
    }
    let mut offsets = Vec::new();
    let typed = OFFSET_SOURCES.iter().zip(&form.offsets);
    for ((source, name), input) in typed.filter(|(_, input)| !input.amount.is_empty()) {
        let amount = parse_amount(&input.amount).ok_or_else(|| FormError {
            field: offset_field(name),
            message: tr.t("casework-error-amount").to_owned(),
        })?;
        offsets.push(Offset {
            source: *source,
            amount,
            head: None,
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
        offsets,
        reduction_percent,
    })
}

/// The form's input for a field the calculator names (`losses[2].amount` is the third head
/// filled in, `offsets[0].amount` the first source), with the text key of its message.
fn form_field(
    (losses, offsets): &(Vec<String>, Vec<String>),
    field: &str,
) -> Option<(String, &'static str)> {
    if field == "reduction_percent" {
        return Some((field.to_owned(), "casework-error-reduction"));
    }
    let (list, rest, key) = match field.strip_prefix("losses[") {
        Some(rest) => (losses, rest, "casework-error-loss"),
        None => (
            offsets,
            field.strip_prefix("offsets[")?,
            "casework-error-offset",
        ),
    };
    let index: usize = rest.split(']').next()?.parse().ok()?;
    Some((list.get(index)?.clone(), key))
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
