//! A letter's content as blocks: the authority, the date, the claim and its applicant, what the
//! letter is about, and who sends it.

use super::PdfError;
use super::closing::Closing;
use super::content::{Letter, LetterContent};
use super::layout::{Align, Block, Style};
use super::opening::{self, Opening};
use super::wording::Wording;

pub(super) fn blocks(content: &LetterContent, wording: &Wording) -> Result<Vec<Block>, PdfError> {
    let opening = Opening {
        dated_on: content.dated_on,
        claim_reference: &content.claim_reference,
        applicant_name: &content.applicant_name,
        representative_name: content.representative_name.as_deref(),
        identity_protected: content.identity_protected,
    };
    let (title, mut body) = letter_body(content, wording)?;
    let mut blocks = vec![opening::authority(wording)?, Block::Gap(14.0)];
    blocks.extend(opening::blocks(&opening, Vec::new(), wording)?);
    blocks.push(Block::Gap(14.0));
    blocks.push(Block::text(title, Style::HEADING, Align::Left));
    blocks.push(Block::Gap(6.0));
    // The last paragraph goes with the sender's name, which never stands on a page alone.
    let last = body.pop();
    blocks.extend(body);
    let closing = Block::Closing(Closing {
        verification: None,
        signature: vec![wording.text("letter-signature")?],
    });
    blocks.push(Block::Together(last.into_iter().chain([closing]).collect()));
    Ok(blocks)
}

/// The letter's title and what it says.
fn letter_body(
    content: &LetterContent,
    wording: &Wording,
) -> Result<(String, Vec<Block>), PdfError> {
    let paragraph = |text: String| Block::text(text, Style::BODY, Align::Left);
    let reference = content.claim_reference.as_str();
    Ok(match &content.letter {
        Letter::Receipt { lodged_on } => {
            let date = wording.date(*lodged_on);
            let arguments = [("date", date.as_str()), ("reference", reference)];
            let body = vec![
                paragraph(wording.filled("letter-receipt-body", &arguments)?),
                Block::Gap(6.0),
                paragraph(wording.text("letter-receipt-next")?),
            ];
            (wording.text("letter-receipt-title")?, body)
        }
        Letter::EvidenceRequest { items, due_on } => {
            let date = wording.date(*due_on);
            let labels = items
                .iter()
                .map(|kind| wording.text(&format!("document-{kind}")))
                .collect::<Result<Vec<_>, _>>()?;
            let after = wording.filled("letter-evidence-after", &[("reference", reference)])?;
            let body = vec![
                paragraph(wording.filled("letter-evidence-body", &[("date", &date)])?),
                Block::Bullets(labels),
                Block::Gap(6.0),
                paragraph(after),
            ];
            (wording.text("letter-evidence-title")?, body)
        }
        Letter::InterimAward {
            amount,
            currency,
            granted_on,
        } => {
            let amount = wording.money(amount, *currency, "letter.amount")?;
            let date = wording.date(*granted_on);
            let arguments = [("amount", amount.as_str()), ("date", date.as_str())];
            let body = vec![
                paragraph(wording.filled("letter-interim-body", &arguments)?),
                Block::Gap(6.0),
                paragraph(wording.text("letter-interim-deducted")?),
            ];
            (wording.text("letter-interim-title")?, body)
        }
        Letter::PaymentNotice {
            amount,
            paid_so_far,
            award,
            currency,
            paid_on,
        } => {
            let money = |amount: &str, field: &str| wording.money(amount, *currency, field);
            let paid = [
                money(amount, "letter.amount")?,
                money(paid_so_far, "letter.paid_so_far")?,
                money(award, "letter.award")?,
            ];
            payment_notice(wording, paid, &wording.date(*paid_on))?
        }
    })
}

/// `amounts`: this payment's, what has been paid with it, and the award.
fn payment_notice(
    wording: &Wording,
    amounts: [String; 3],
    date: &str,
) -> Result<(String, Vec<Block>), PdfError> {
    let [amount, paid, award] = amounts;
    let body = wording.filled(
        "letter-payment-body",
        &[("amount", &amount), ("date", date)],
    )?;
    let total = wording.filled(
        "letter-payment-total",
        &[("paid", &paid), ("award", &award)],
    )?;
    let body = vec![
        Block::text(body, Style::BODY, Align::Left),
        Block::Gap(6.0),
        Block::text(total, Style::BODY, Align::Left),
    ];
    Ok((wording.text("letter-payment-title")?, body))
}
