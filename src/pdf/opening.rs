//! How every document opens: the authority's name, then (after the title, where there is one)
//! the date, the claim and the people concerned (as initials where this copy must not show a
//! protected identity, with a note saying so).

use chrono::NaiveDate;

use super::PdfError;
use super::layout::{Align, Block, Style};
use super::table::Table;
use super::wording::Wording;

pub(super) struct Opening<'a> {
    pub dated_on: NaiveDate,
    pub claim_reference: &'a str,
    pub applicant_name: &'a str,
    pub representative_name: Option<&'a str>,
    pub identity_protected: bool,
}

/// The authority's name, centred at the top of the first page.
pub(super) fn authority(wording: &Wording) -> Result<Block, PdfError> {
    Ok(Block::text(
        wording.text("jurisdiction-name")?,
        Style::HEADING,
        Align::Center,
    ))
}

/// The opening's fields followed by `more` (label, value) rows, and the masking note if due.
pub(super) fn blocks(
    opening: &Opening,
    more: Vec<(String, String)>,
    wording: &Wording,
) -> Result<Vec<Block>, PdfError> {
    let protected = opening.identity_protected;
    let mut rows = vec![
        (wording.text("label-date")?, wording.date(opening.dated_on)),
        (
            wording.text("label-claim-reference")?,
            opening.claim_reference.to_owned(),
        ),
        (
            wording.text("label-applicant")?,
            wording.name(opening.applicant_name, protected),
        ),
    ];
    if let Some(representative) = opening.representative_name {
        rows.push((
            wording.text("label-representative")?,
            representative.to_owned(),
        ));
    }
    rows.extend(more);
    let mut blocks = vec![Block::Table(Table::fields(rows))];
    if wording.masks(protected) {
        let note = wording.text("identity-masked-note")?;
        blocks.push(Block::text(note, Style::SMALL.grey(), Align::Left));
    }
    Ok(blocks)
}
