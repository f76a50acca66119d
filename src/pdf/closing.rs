//! The end of a document, kept together on one page: on the left the QR code of the
//! verification address with the verification code under it, on the right who signs.

use qrcode::{Color as Module, QrCode};

use super::PdfError;
use super::layout::{Align, CONTENT_LEFT, CONTENT_WIDTH, Style, Writer};

/// The QR code's side: 28 mm, readable by a phone from a printed page.
const QR_SIDE: f32 = 79.0;
/// Room for the handwritten signature above the line.
const SIGNATURE_SPACE: f32 = 34.0;

pub(super) struct Closing {
    pub verification: Option<VerificationMark>,
    /// The signatory's role, then their name (if a person signs).
    pub signature: Vec<String>,
}

pub(super) struct VerificationMark {
    /// Dark modules row by row, `side` modules to a row.
    modules: Vec<bool>,
    side: usize,
    /// Printed under the code: the verification code, then the address.
    pub lines: Vec<String>,
}

impl VerificationMark {
    /// The QR code of `url`, which a phone opens to check the document.
    pub fn new(url: &str, lines: Vec<String>) -> Result<VerificationMark, PdfError> {
        let code = QrCode::new(url.as_bytes()).map_err(|_| PdfError::VerificationUrl)?;
        Ok(VerificationMark {
            modules: code
                .to_colors()
                .into_iter()
                .map(|module| module == Module::Dark)
                .collect(),
            side: code.width(),
            lines,
        })
    }
}

impl Writer<'_> {
    pub(super) fn closing(&mut self, closing: &Closing) {
        let half = CONTENT_WIDTH / 2.0;
        let style = Style::BODY;
        let text_height = |lines: usize| lines as f32 * style.line_height();
        let left_height = closing.verification.as_ref().map_or(0.0, |mark| {
            let wrapped: usize = mark
                .lines
                .iter()
                .map(|line| {
                    self.typeface
                        .wrap(line, style.weight, style.size, half)
                        .len()
                })
                .sum();
            QR_SIDE + 6.0 + text_height(wrapped)
        });
        let right_height = SIGNATURE_SPACE + text_height(closing.signature.len() + 1);
        self.keep(left_height.max(right_height) + 16.0);
        self.y += 16.0;
        let top = self.y;
        self.signature(&closing.signature, top, CONTENT_LEFT + half, half);
        let below_signature = self.y;
        self.y = top;
        if let Some(mark) = &closing.verification {
            self.verification_mark(mark, half);
        }
        self.y = self.y.max(below_signature);
    }

    /// The signatory's role; then, if a person signs, room to sign, a rule and their name.
    fn signature(&mut self, lines: &[String], top: f32, left: f32, width: f32) {
        let style = Style::BODY;
        self.y = top;
        let Some((role, names)) = lines.split_first() else {
            return;
        };
        self.line_in(role, style, Align::Center, left, width);
        self.y += style.line_height();
        if names.is_empty() {
            return;
        }
        self.y += SIGNATURE_SPACE;
        let rule_inset = width * 0.15;
        self.rule(left + rule_inset, left + width - rule_inset, self.y, 0.6);
        self.y += 3.0;
        for name in names {
            self.line_in(name, style, Align::Center, left, width);
            self.y += style.line_height();
        }
    }

    /// The QR code, drawn as filled rectangles (one per run of dark modules in a row, which
    /// keeps the page small), with its lines of text under it.
    fn verification_mark(&mut self, mark: &VerificationMark, width: f32) {
        let module = QR_SIDE / mark.side.max(1) as f32;
        for (row_index, row) in mark.modules.chunks(mark.side.max(1)).enumerate() {
            let top = self.y + row_index as f32 * module;
            let mut column = 0;
            while column < row.len() {
                if !row[column] {
                    column += 1;
                    continue;
                }
                let start = column;
                while column < row.len() && row[column] {
                    column += 1;
                }
                let left = CONTENT_LEFT + start as f32 * module;
                self.filled_rectangle(left, top, (column - start) as f32 * module, module);
            }
        }
        self.y += QR_SIDE + 6.0;
        let style = Style::BODY;
        for line in &mark.lines {
            let wrapped = self.typeface.wrap(line, style.weight, style.size, width);
            for piece in wrapped {
                self.line_in(&piece, style, Align::Left, CONTENT_LEFT, width);
                self.y += style.line_height();
            }
        }
    }
}
