//! The fixed work the CPU-bound figures measure: a two-page Albanian decision with a ten-line
//! calculation (beside its baseline, a blank one-page PDF) and a ten-line award calculation.

use std::path::Path;

use anyhow::Context as _;
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};
use redress::domain::award::{AwardRequest, calculate};
use redress::domain::claim::Language;
use redress::forms::Jurisdictions;
use redress::pdf::content::{DecisionContent, Recipient};
use redress::pdf::render_decision;

/// Ten lines under the UK scheme: four tariff injuries, an exempt injury, loss of earnings,
/// special expenses, a funeral, bereavement and a child payment.
pub const TEN_LINES: &str = r#"{
    "jurisdiction": "uk-cica-2012", "as_of": "2025-01-31",
    "losses": [
        {"head": "injury", "amount": "3300.00"},
        {"head": "injury", "amount": "1000.00"},
        {"head": "injury", "amount": "1000.00"},
        {"head": "injury", "amount": "500.00"},
        {"head": "exempt_injury", "amount": "2400.00"},
        {"head": "loss_of_earnings", "weeks": 40, "weekly_rate": "99.35"},
        {"head": "special_expenses", "amount": "1250.50"},
        {"head": "funeral", "amount": "6200.00"},
        {"head": "bereavement", "relatives": 2},
        {"head": "child_payment", "years": "2.5"}
    ],
    "offsets": [{"source": "insurance", "amount": "1000.00", "head": "funeral"}],
    "reduction_percent": "10", "interim_paid": "500.00"
}"#;

/// The shipped jurisdiction packages.
pub fn jurisdictions() -> anyhow::Result<Jurisdictions> {
    Ok(Jurisdictions::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("forms"),
    )?)
}

/// The least any PDF costs: one blank A4 page.
pub fn blank_page() -> Vec<u8> {
    let page = PdfPage::new(Mm(210.0), Mm(297.0), Vec::new());
    PdfDocument::new("blank")
        .with_pages(vec![page])
        .save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// The sample decision (`benches/decision-sq.json`), checked to render to two pages.
pub fn decision() -> anyhow::Result<DecisionContent> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/decision-sq.json");
    let json = std::fs::read_to_string(path).context("the sample decision is there")?;
    let content: DecisionContent = serde_json::from_str(&json)?;
    let pages = lopdf::Document::load_mem(&render(&jurisdictions()?, &content)?)?
        .get_pages()
        .len();
    anyhow::ensure!(
        pages == 2,
        "the benchmark is for a two-page decision, not {pages}"
    );
    Ok(content)
}

/// Renders the decision for its applicant, in Albanian.
pub fn render(jurisdictions: &Jurisdictions, content: &DecisionContent) -> anyhow::Result<Vec<u8>> {
    Ok(render_decision(
        jurisdictions,
        content,
        Language::Sq,
        Recipient::Applicant,
    )?)
}

/// The ten-line request, parsed and checked to calculate to ten lines.
pub fn award_request(jurisdictions: &Jurisdictions) -> anyhow::Result<AwardRequest> {
    let request: AwardRequest = serde_json::from_str(TEN_LINES)?;
    let lines = calculate_award(jurisdictions, &request)?;
    anyhow::ensure!(lines == 10, "the benchmark is for ten lines, not {lines}");
    Ok(request)
}

/// Calculates the award; returns its number of lines.
pub fn calculate_award(
    jurisdictions: &Jurisdictions,
    request: &AwardRequest,
) -> anyhow::Result<usize> {
    let rules = jurisdictions
        .get(&request.jurisdiction)
        .context("the jurisdiction exists")?;
    let schedules = jurisdictions.schedules(&rules.id);
    Ok(calculate(schedules, rules.currency, request)?.lines.len())
}
