//! A decision's content as blocks, in the order its reader needs them: who decides and what
//! decision this is, the parties, the facts found, the outcome, the calculation, the vote, the
//! route of appeal, then the signature and the mark that lets anyone check the document.

use super::PdfError;
use super::closing::{Closing, VerificationMark};
use super::content::{CalculationTable, DecisionContent, DecisionOutcome, VoteRecord};
use super::layout::{Align, Block, Style};
use super::opening::{self, Opening};
use super::table::{Column, Row, Table};
use super::wording::{Wording, is_zero};
use crate::domain::money::Currency;

pub(super) fn blocks(content: &DecisionContent, wording: &Wording) -> Result<Vec<Block>, PdfError> {
    let number = wording.filled("decision-number", &[("number", &content.decision_number)])?;
    let mut blocks = vec![
        opening::authority(wording)?,
        Block::Gap(10.0),
        Block::text(wording.text("decision-title")?, Style::TITLE, Align::Center),
        Block::text(number, Style::BODY, Align::Center),
        Block::Gap(14.0),
    ];
    blocks.extend(parties(content, wording)?);
    blocks.extend(facts(content, wording)?);
    blocks.extend(outcome(content, wording)?);
    if let Some(table) = &content.calculation {
        blocks.extend(calculation(table, content.currency, wording)?);
    }
    if let Some(vote) = &content.vote {
        blocks.extend(vote_blocks(vote, wording)?);
    }
    let body = wording.text(&content.appeal.body)?;
    let last_day = wording.date(content.appeal.last_day);
    let route = wording.filled("appeal-route", &[("body", &body), ("date", &last_day)])?;
    let verification = &content.verification;
    let mark = VerificationMark::new(
        &verification.url,
        vec![
            wording.filled("verification-code", &[("code", &verification.code)])?,
            wording.filled("verification-url", &[("url", &verification.url)])?,
        ],
    )?;
    // The route of appeal is signed with the rest: a page with only the signature and the
    // code on it would look detached from the decision it closes.
    blocks.push(Block::Together(vec![
        Block::Section(wording.text("section-appeal")?),
        Block::text(route, Style::BODY, Align::Left),
        Block::Closing(Closing {
            verification: Some(mark),
            signature: vec![wording.text("signature-chair")?, content.chair_name.clone()],
        }),
    ]));
    Ok(blocks)
}

/// Date, reference and the people concerned, then the victim, offence and schedule.
fn parties(content: &DecisionContent, wording: &Wording) -> Result<Vec<Block>, PdfError> {
    let parties = &content.parties;
    let opening = Opening {
        dated_on: content.decided_on,
        claim_reference: &content.claim_reference,
        applicant_name: &parties.applicant_name,
        representative_name: parties.representative_name.as_deref(),
        identity_protected: parties.identity_protected,
    };
    let victim = wording.name(&parties.victim_name, parties.identity_protected);
    let offence = wording.text(&format!("offence-{}", content.offence_type))?;
    let mut more = vec![
        (wording.text("label-victim")?, victim),
        (wording.text("label-offence")?, offence),
    ];
    if let Some(table) = &content.calculation {
        more.push((
            wording.text("label-schedule")?,
            table.schedule_version.clone(),
        ));
    }
    opening::blocks(&opening, more, wording)
}

fn facts(content: &DecisionContent, wording: &Wording) -> Result<Vec<Block>, PdfError> {
    let facts = &content.facts;
    let offence = wording.text(&format!("offence-{}", content.offence_type))?;
    let mut items = vec![
        wording.filled("fact-lodged", &[("date", &wording.date(facts.lodged_on))])?,
        wording.filled("fact-crime", &[("date", &wording.date(facts.crime_date))])?,
        wording.filled("fact-offence", &[("offence", &offence)])?,
    ];
    items.extend(facts.findings.iter().cloned());
    Ok(vec![
        Block::Section(wording.text("section-facts")?),
        Block::Bullets(items),
    ])
}

fn outcome(content: &DecisionContent, wording: &Wording) -> Result<Vec<Block>, PdfError> {
    let currency = content.currency;
    let (statement, reason) = match &content.outcome {
        DecisionOutcome::Award { amount } => {
            let amount = wording.money(amount, currency, "outcome.amount")?;
            (
                wording.filled("outcome-award", &[("amount", &amount)])?,
                None,
            )
        }
        DecisionOutcome::PartialAward { amount } => {
            let amount = wording.money(amount, currency, "outcome.amount")?;
            let statement = wording.filled("outcome-partial-award", &[("amount", &amount)])?;
            (statement, None)
        }
        DecisionOutcome::Rejected { reason } => {
            (wording.text("outcome-rejected")?, reason.as_ref())
        }
        DecisionOutcome::Inadmissible { reason } => {
            (wording.text("outcome-inadmissible")?, Some(reason))
        }
    };
    let mut blocks = vec![
        Block::Section(wording.text("section-outcome")?),
        Block::text(statement, Style::BODY_BOLD, Align::Left),
    ];
    if let Some(reason) = reason {
        let reason = wording.filled("outcome-reason", &[("reason", reason)])?;
        blocks.push(Block::Gap(4.0));
        blocks.push(Block::text(reason, Style::BODY, Align::Left));
    }
    Ok(blocks)
}

/// The lines with what was claimed and allowed, then gross, the deductions in the order the
/// schedule applied them, and the total.
fn calculation(
    table: &CalculationTable,
    currency: Currency,
    wording: &Wording,
) -> Result<Vec<Block>, PdfError> {
    let mut rows = Vec::with_capacity(table.lines.len() + 6);
    for (index, line) in table.lines.iter().enumerate() {
        let field = |name: &str| format!("calculation.lines[{index}].{name}");
        rows.push(Row::new(vec![
            wording.text(&format!("head-{}", line.head))?,
            wording.explanation(&line.explanation, currency)?,
            wording.money(&line.claimed, currency, &field("claimed"))?,
            wording.money(&line.allowed, currency, &field("allowed"))?,
        ]));
    }
    rows.extend(summary_rows(table, currency, wording)?);
    Ok(vec![
        Block::Section(wording.text("section-calculation")?),
        Block::Table(calculation_table(wording, rows)?),
    ])
}

/// Gross, the limits and deductions in the order they were applied, interim awards, total.
fn summary_rows(
    table: &CalculationTable,
    currency: Currency,
    wording: &Wording,
) -> Result<Vec<Row>, PdfError> {
    let money = |amount: &str, field: &str| wording.money(amount, currency, field);
    let deduction = |amount: &str, field: &str| wording.deduction(amount, currency, field);
    let gross = money(&table.gross, "calculation.gross")?;
    let mut rows = vec![summary_row(wording, "calculation-gross", None, gross)?.emphasised()];
    let limited = match &table.limit_explanation {
        Some(explanation) => {
            let amount = money(&table.limited, "calculation.limited")?;
            let explanation = wording.explanation(explanation, currency)?;
            Some(summary_row(
                wording,
                "calculation-limited",
                Some(explanation),
                amount,
            )?)
        }
        None => None,
    };
    let offsets = deduction(&table.offsets, "calculation.offsets")?;
    let mut deductions = vec![summary_row(wording, "calculation-offsets", None, offsets)?];
    if !is_zero(&table.reduction) {
        let reduction = deduction(&table.reduction, "calculation.reduction")?;
        deductions.push(summary_row(
            wording,
            "calculation-reduction",
            None,
            reduction,
        )?);
    }
    if table.deductions_before_limits {
        rows.extend(deductions.into_iter().chain(limited));
    } else {
        rows.extend(limited.into_iter().chain(deductions));
    }
    let interim = deduction(&table.interim_deducted, "calculation.interim")?;
    rows.push(summary_row(wording, "calculation-interim", None, interim)?);
    let total = money(&table.total, "calculation.total")?;
    rows.push(summary_row(wording, "calculation-total", None, total)?.emphasised());
    Ok(rows)
}

/// A row below the lines: a label with no explanation beside it takes the explanation's
/// column too.
fn summary_row(
    wording: &Wording,
    key: &str,
    explanation: Option<String>,
    amount: String,
) -> Result<Row, PdfError> {
    let label = wording.text(key)?;
    Ok(match explanation {
        Some(explanation) => Row::new(vec![label, explanation, String::new(), amount]),
        None => Row {
            first_span: 2,
            ..Row::new(vec![label, String::new(), amount])
        },
    })
}

fn calculation_table(wording: &Wording, rows: Vec<Row>) -> Result<Table, PdfError> {
    Ok(Table {
        columns: vec![
            Column::new(0.26, Align::Left),
            Column::new(0.42, Align::Left),
            Column::new(0.16, Align::Right),
            Column::new(0.16, Align::Right),
        ],
        header: Some(vec![
            wording.text("column-head")?,
            wording.text("column-explanation")?,
            wording.text("column-claimed")?,
            wording.text("column-allowed")?,
        ]),
        rows,
        ruled: true,
        style: Style::TABLE,
    })
}

fn vote_blocks(vote: &VoteRecord, wording: &Wording) -> Result<Vec<Block>, PdfError> {
    let counts = [
        vote.members_present,
        vote.recusals,
        vote.approve,
        vote.reject,
    ]
    .map(|count| count.to_string());
    let summary = wording.filled(
        "vote-summary",
        &[
            ("present", &counts[0]),
            ("recused", &counts[1]),
            ("approve", &counts[2]),
            ("reject", &counts[3]),
        ],
    )?;
    let mut blocks = vec![
        Block::Section(wording.text("section-vote")?),
        Block::text(summary, Style::BODY, Align::Left),
    ];
    if !vote.dissent_notes.is_empty() {
        blocks.push(Block::Gap(4.0));
        blocks.push(Block::text(
            wording.text("vote-dissent")?,
            Style::BODY_BOLD,
            Align::Left,
        ));
        blocks.push(Block::Bullets(vote.dissent_notes.clone()));
    }
    Ok(blocks)
}
