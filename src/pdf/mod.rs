//! Decisions and letters as PDF documents: A4, the DejaVu Sans typeface embedded (only the
//! glyphs used), in the applicant's language, from their content alone.
//!
//! A pure library: no database, no HTTP, no clock. The same content, language and recipient
//! give the same bytes, in any process: fonts have fixed ids, printpdf's dates are fixed at
//! 1970, and the trailer's `/ID` is a hash of the file (`identity.rs`). The content
//! (`content.rs`) is turned into blocks (`decision.rs`, `letter.rs`) with the words of the
//! jurisdiction's texts (`wording.rs`), the blocks are laid out on pages (`layout.rs`,
//! `table.rs`, `closing.rs`) and printpdf writes the file.

pub mod content;

mod closing;
mod decision;
mod font;
mod identity;
mod layout;
mod letter;
mod opening;
mod table;
mod wording;

#[cfg(test)]
mod tests;

use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

use crate::domain::claim::Language;
use crate::forms::Jurisdictions;
use content::{DecisionContent, LetterContent, Recipient};
use font::Typeface;
use layout::Block;
use wording::Wording;

pub use crate::locale::{format_date, format_money};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the jurisdiction {jurisdiction} does not serve the language {language}")]
    LanguageNotServed {
        jurisdiction: String,
        language: Language,
    },
    #[error("the text {key} is missing from the jurisdiction's texts")]
    MissingText { key: String },
    #[error("{field}: is not a decimal amount")]
    InvalidAmount { field: String },
    #[error("{field}: at most {maximum} items")]
    TooManyItems { field: &'static str, maximum: usize },
    #[error("the verification address is too long for a QR code")]
    VerificationUrl,
    #[error("the embedded font could not be read")]
    Font,
    #[error("the document could not be written: {0}")]
    Write(String),
}

/// The most items of one list a document shows (calculation lines, findings, dissenting
/// opinions, requested documents): far above any real decision, and a bound on its size.
pub const MAXIMUM_ITEMS: usize = 500;

/// A decision as the copy for `recipient` shows it, in `language`.
pub fn render_decision(
    jurisdictions: &Jurisdictions,
    content: &DecisionContent,
    language: Language,
    recipient: Recipient,
) -> Result<Vec<u8>, PdfError> {
    let line_count = content
        .calculation
        .as_ref()
        .map_or(0, |table| table.lines.len());
    check_count("calculation.lines", line_count)?;
    check_count("facts.findings", content.facts.findings.len())?;
    let dissent_count = content
        .vote
        .as_ref()
        .map_or(0, |vote| vote.dissent_notes.len());
    check_count("vote.dissent_notes", dissent_count)?;
    let wording = Wording::new(jurisdictions, &content.jurisdiction, language, recipient)?;
    let blocks = decision::blocks(content, &wording)?;
    render(&wording, &blocks, &content.decision_number)
}

/// A letter to the applicant as the copy for `recipient` shows it, in `language`.
pub fn render_letter(
    jurisdictions: &Jurisdictions,
    content: &LetterContent,
    language: Language,
    recipient: Recipient,
) -> Result<Vec<u8>, PdfError> {
    if let content::Letter::EvidenceRequest { items, .. } = &content.letter {
        check_count("letter.items", items.len())?;
    }
    let wording = Wording::new(jurisdictions, &content.jurisdiction, language, recipient)?;
    let blocks = letter::blocks(content, &wording)?;
    render(&wording, &blocks, &content.claim_reference)
}

fn check_count(field: &'static str, count: usize) -> Result<(), PdfError> {
    if count > MAXIMUM_ITEMS {
        return Err(PdfError::TooManyItems {
            field,
            maximum: MAXIMUM_ITEMS,
        });
    }
    Ok(())
}

/// Lays the blocks out and writes the file. `number` (the decision's number or the claim's
/// reference, never a name) is the document's title and is printed in every page's footer.
fn render(wording: &Wording, blocks: &[Block], number: &str) -> Result<Vec<u8>, PdfError> {
    let typeface = Typeface::get()?;
    let page_of = wording.template("page-of")?;
    let pages = layout::lay_out(typeface, blocks, number, |page, pages| {
        let (page, pages) = (page.to_string(), pages.to_string());
        crate::texts::substitute(page_of, &[("page", &page), ("pages", &pages)])
    });
    write(typeface, number, pages)
}

fn write(typeface: &Typeface, title: &str, pages: Vec<Vec<Op>>) -> Result<Vec<u8>, PdfError> {
    let mut document = PdfDocument::new(title);
    typeface.register(&mut document);
    let pages = pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect();
    let mut warnings = Vec::new();
    let bytes = document
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|warning| warning.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Write(error.msg.clone()));
    }
    identity::stamp(bytes)
}
