//! A claim as the commission reads it: the summary the API gives the member (`Services::claim`
//! and `ClaimView::for_actor`, the read behind `GET /api/v1/claims/{id}`, which masks a
//! protected identity and logs every read of one), the proposed award line by line, and the
//! ballot with the member's vote form.

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Path};
use poem::{Response, handler};
use serde::Deserialize;

use super::ballot::{BallotSummary, ChoiceOption, VoteForm, summarize};
use super::{claim_path, money, require_member};
use crate::api::ClaimView;
use crate::domain::award::Explanation;
use crate::domain::money::Currency;
use crate::domain::workflow::ClaimState;
use crate::domain::{Actor, Claim, ClaimId, Role};
use crate::explain::Explainer;
use crate::forms::Jurisdictions;
use crate::service::Services;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, render, service_failure};
use crate::web::session::Visit;

/// A row of the claim's summary list.
pub struct SummaryRow {
    pub label: &'static str,
    pub value: String,
}

/// One head of the proposed award.
pub struct AwardLine {
    pub head: String,
    pub claimed: String,
    pub allowed: String,
    pub explanation: String,
}

/// The proposed award, line by line, as the calculation stored with the claim has it.
pub struct AwardTable {
    pub lines: Vec<AwardLine>,
    pub totals: Vec<SummaryRow>,
}

/// The forms of the claim page as the member left them, when one is shown again.
#[derive(Default)]
pub struct PageForms {
    pub vote: VoteForm,
    pub recusal_error: Option<String>,
}

#[derive(Template)]
#[template(path = "commission/claim.html")]
struct ClaimPage {
    frame: Frame,
    id: i64,
    state: String,
    identity_masked: bool,
    summary: Vec<SummaryRow>,
    award: Option<AwardTable>,
    ballot: BallotSummary,
    choices: Vec<ChoiceOption>,
    forms: PageForms,
    /// The chair may close the vote now.
    chair_decides: bool,
    /// The claim has a decision, whose page the chair and members may open.
    decided: bool,
}

#[handler]
pub async fn claim_page(visit: Visit, services: Data<&Services>, Path(id): Path<i64>) -> Response {
    let actor = match require_member(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    claim_response(&visit, &services, actor, id, PageForms::default()).await
}

/// The claim's page with `forms` as they were left: 200 when nothing is wrong, 422 when a form
/// carries an error.
pub async fn claim_response(
    visit: &Visit,
    services: &Services,
    actor: &Actor,
    id: i64,
    forms: PageForms,
) -> Response {
    let claim = match services.claim(actor, ClaimId(id)).await {
        Ok(claim) => claim,
        Err(error) => return service_failure(visit, &error, "reading a claim"),
    };
    if let Err(error) = services.record_identity_read(actor, &claim).await {
        return service_failure(visit, &error, "logging a read of a protected identity");
    }
    let ballot = match services.ballot(actor, ClaimId(id)).await {
        Ok((_, ballot)) => ballot,
        Err(error) => return service_failure(visit, &error, "reading a ballot"),
    };
    let mut frame =
        Frame::new(visit, &claim_path(id), "commission-claim-title").with_exit_this_page();
    let tr = frame.tr;
    frame.title = tr.with("commission-claim-title", "reference", &claim.reference);
    let jurisdictions = services.jurisdictions();
    let rules = jurisdictions.get(&claim.jurisdiction);
    let award = rules.and_then(|rules| award_table(tr, &claim, jurisdictions, rules.currency));
    let ballot = summarize(tr, actor, (&claim, &ballot), rules);
    let status = if forms.vote.error.is_some() || forms.recusal_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let in_review = claim.state == ClaimState::InCommissionReview;
    let view = ClaimView::for_actor(claim.clone(), actor, services.days_overdue(&claim));
    let page = ClaimPage {
        id,
        state: tr.t(&format!("state-{}", claim.state)).to_owned(),
        chair_decides: in_review && actor.holds(Role::Chair),
        decided: claim.decision.is_some(),
        summary: summary(tr, &claim, &view),
        identity_masked: view.identity_masked,
        award,
        choices: forms.vote.choices(tr),
        ballot,
        forms,
        frame,
    };
    render(&page, status)
}

/// The summary list: what the API shows this member of the claim, identity masked alike.
fn summary(tr: Tr, claim: &Claim, view: &ClaimView) -> Vec<SummaryRow> {
    let date = |date: Option<chrono::NaiveDate>| {
        date.map_or_else(
            || tr.t("commission-not-recorded").to_owned(),
            |date| tr.date(&date),
        )
    };
    let withheld = |shown: Option<String>| match shown {
        Some(text) => text,
        None if view.identity_masked => tr.t("commission-withheld").to_owned(),
        None => tr.t("commission-not-recorded").to_owned(),
    };
    let row = |label, value| SummaryRow { label, value };
    vec![
        row(
            "commission-field-offence",
            tr.t(&format!("offence-{}", view.offence_type)).to_owned(),
        ),
        row("commission-field-crime-date", tr.date(&view.crime_date)),
        row("commission-field-applicant", view.applicant_name.clone()),
        row("commission-field-victim", view.victim_name.clone()),
        row(
            "commission-field-birth-date",
            withheld(view.victim_birth_date.map(|date| tr.date(&date))),
        ),
        row(
            "commission-field-address",
            withheld(view.victim_address.clone()),
        ),
        row("commission-field-lodged-on", date(view.lodged_on)),
        row(
            "commission-field-decision-due",
            date(view.deadlines.decision_due),
        ),
        row(
            "commission-field-proposed-award",
            claim.proposed_award.map_or_else(
                || tr.t("commission-not-recorded").to_owned(),
                |amount| money(tr, amount),
            ),
        ),
        row(
            "commission-field-interim-awarded",
            money(tr, claim.interim_awarded),
        ),
    ]
}

/// The calculation behind the proposed award, as stored with the claim and as the API gives
/// it (`calculation`): each head's amounts and the rule that set them, in words.
#[derive(Deserialize)]
struct StoredCalculation {
    lines: Vec<StoredLine>,
    gross: String,
    offsets: String,
    reduction: String,
    interim_deducted: String,
    total: String,
}

#[derive(Deserialize)]
struct StoredLine {
    head: String,
    claimed: String,
    allowed: String,
    explanation: Explanation,
}

fn award_table(
    tr: Tr,
    claim: &Claim,
    jurisdictions: &Jurisdictions,
    currency: Currency,
) -> Option<AwardTable> {
    let stored = StoredCalculation::deserialize(claim.calculation.as_ref()?).ok()?;
    let language = tr.language.language();
    let messages = jurisdictions.texts(&claim.jurisdiction, language)?;
    let explainer = Explainer {
        messages,
        currency,
        language,
    };
    let amount = |text: &str| match text.parse::<rust_decimal::Decimal>() {
        Ok(amount) => crate::locale::format_money(amount, currency, language),
        Err(_) => text.to_owned(),
    };
    let lines = stored
        .lines
        .iter()
        .map(|line| AwardLine {
            head: messages
                .get(&format!("head-{}", line.head))
                .cloned()
                .unwrap_or_else(|| line.head.clone()),
            claimed: amount(&line.claimed),
            allowed: amount(&line.allowed),
            explanation: explainer.word(&line.explanation).unwrap_or_default(),
        })
        .collect();
    let total = |label, text: &str| SummaryRow {
        label,
        value: amount(text),
    };
    let totals = vec![
        total("commission-award-gross", &stored.gross),
        total("commission-award-offsets", &stored.offsets),
        total("commission-award-reduction", &stored.reduction),
        total(
            "commission-award-interim-deducted",
            &stored.interim_deducted,
        ),
        total("commission-award-total", &stored.total),
    ];
    Some(AwardTable { lines, totals })
}
