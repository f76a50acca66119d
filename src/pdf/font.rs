//! The typeface of every document: DejaVu Sans, regular and bold, embedded from the `dejavu`
//! crate (no font files to find at run time; Latin Extended and Cyrillic both covered), parsed
//! once per process, and measured from its glyph advances so lines wrap and amounts align.

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

use super::PdfError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// Fixed ids rather than `PdfDocument::add_font`'s, which come from a process-wide counter:
    /// with those, the second document rendered in a process differs from the first. Six capital
    /// letters because the id also tags the subset font's name (`SANSRG+DejaVuSans`), and PDF
    /// wants that tag to be six capital letters.
    pub(super) fn font_id(self) -> FontId {
        let id = match self {
            Weight::Regular => "SANSRG",
            Weight::Bold => "SANSBD",
        };
        FontId(id.to_owned())
    }
}

pub(super) struct Typeface {
    regular: ParsedFont,
    bold: ParsedFont,
}

/// Parsing a face takes milliseconds; every document after the first reuses it.
static TYPEFACE: OnceLock<Option<Typeface>> = OnceLock::new();

impl Typeface {
    pub(super) fn get() -> Result<&'static Typeface, PdfError> {
        TYPEFACE
            .get_or_init(|| {
                let mut warnings = Vec::new();
                Some(Typeface {
                    regular: ParsedFont::from_bytes(dejavu::sans::regular(), 0, &mut warnings)?,
                    bold: ParsedFont::from_bytes(dejavu::sans::bold(), 0, &mut warnings)?,
                })
            })
            .as_ref()
            .ok_or(PdfError::Font)
    }

    fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Adds both faces to the document under their fixed ids; printpdf embeds only the glyphs
    /// the pages use.
    pub(super) fn register(&self, document: &mut PdfDocument) {
        for weight in [Weight::Regular, Weight::Bold] {
            let font = PdfFont::new(self.face(weight).clone());
            document.resources.fonts.map.insert(weight.font_id(), font);
        }
    }

    /// The width of one character at `size` points. A character the face lacks is drawn as its
    /// placeholder glyph (0), and measured as that.
    fn advance(&self, character: char, weight: Weight, size: f32) -> f32 {
        let face = self.face(weight);
        let glyph = face.lookup_glyph_index(u32::from(character)).unwrap_or(0);
        let units_per_em = f32::from(face.pdf_font_metrics.units_per_em.max(1));
        f32::from(face.get_horizontal_advance(glyph)) * size / units_per_em
    }

    /// The width of a text on one line, in points.
    pub(super) fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        text.chars()
            .map(|character| self.advance(character, weight, size))
            .sum()
    }

    /// The text broken into lines no wider than `width`: at spaces, and inside a word only when
    /// the word alone is wider than a line, so nothing is ever cut off. Line breaks in the text
    /// are kept; an empty text is one empty line.
    pub(super) fn wrap(&self, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
        let space = self.width(" ", weight, size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in paragraph.split(' ').filter(|word| !word.is_empty()) {
                let word_width = self.width(word, weight, size);
                if !line.is_empty() && line_width + space + word_width <= width {
                    line.push(' ');
                    line.push_str(word);
                    line_width += space + word_width;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                (line, line_width) = self.break_word(word, weight, size, width, &mut lines);
            }
            lines.push(line);
        }
        lines
    }

    /// Puts the full lines of a word too wide for one line into `lines`; returns what is left
    /// of it, and its width, to continue the line with.
    fn break_word(
        &self,
        word: &str,
        weight: Weight,
        size: f32,
        width: f32,
        lines: &mut Vec<String>,
    ) -> (String, f32) {
        let mut piece = String::new();
        let mut piece_width = 0.0;
        for character in word.chars() {
            let advance = self.advance(character, weight, size);
            if !piece.is_empty() && piece_width + advance > width {
                lines.push(std::mem::take(&mut piece));
                piece_width = 0.0;
            }
            piece.push(character);
            piece_width += advance;
        }
        (piece, piece_width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_at_spaces_within_the_width() {
        let typeface = Typeface::get().unwrap();
        let text = "Lëndim i rëndë trupor ose dëmtim i shëndetit, çdo ditë";
        let width = typeface.width("Lëndim i rëndë trupor", Weight::Regular, 10.0) + 1.0;
        let lines = typeface.wrap(text, Weight::Regular, 10.0, width);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(
                typeface.width(line, Weight::Regular, 10.0) <= width,
                "{line}"
            );
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_not_cut() {
        let typeface = Typeface::get().unwrap();
        let word = "Ђорђевић".repeat(40);
        let lines = typeface.wrap(&word, Weight::Bold, 9.0, 100.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat(), word);
        assert!(
            lines
                .iter()
                .all(|line| typeface.width(line, Weight::Bold, 9.0) <= 100.0)
        );
    }

    #[test]
    fn line_breaks_are_kept_and_empty_text_is_one_line() {
        let typeface = Typeface::get().unwrap();
        assert_eq!(
            typeface.wrap("one\ntwo", Weight::Regular, 10.0, 500.0),
            ["one", "two"]
        );
        assert_eq!(typeface.wrap("", Weight::Regular, 10.0, 500.0), [""]);
    }
}
