//! Lays a document's blocks out on A4 pages: text wrapped from glyph widths, a new page
//! whenever the next line would run into the footer (or blocks kept together would not fit),
//! and "page x of y" on every page once the number of pages is known. Tables are in `table.rs`, the signature and QR code in
//! `closing.rs`.

use printpdf::{
    Color, Line, LinePoint, Op, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem, graphics::PaintMode,
};

use super::closing::Closing;
use super::font::{Typeface, Weight};
use super::table::Table;

/// A4 in points (210 × 297 mm).
pub(super) const PAGE_WIDTH: f32 = 595.276;
pub(super) const PAGE_HEIGHT: f32 = 841.89;
/// 20 mm on each side.
const MARGIN: f32 = 56.693;
pub(super) const CONTENT_LEFT: f32 = MARGIN;
pub(super) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Where the body ends, measured from the top of the page; the footer is below.
const BODY_BOTTOM: f32 = PAGE_HEIGHT - 64.0;
/// The footer's baseline, from the top of the page.
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 36.0;
/// Lines are this many times their type size apart.
const LEADING: f32 = 1.35;
const BULLET_INDENT: f32 = 12.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Style {
    pub weight: Weight,
    pub size: f32,
    pub grey: bool,
}

impl Style {
    pub const BODY: Style = Style::new(Weight::Regular, 10.0);
    pub const BODY_BOLD: Style = Style::new(Weight::Bold, 10.0);
    pub const TABLE: Style = Style::new(Weight::Regular, 9.0);
    pub const SMALL: Style = Style::new(Weight::Regular, 8.5);
    pub const SECTION: Style = Style::new(Weight::Bold, 11.0);
    pub const HEADING: Style = Style::new(Weight::Bold, 12.0);
    pub const TITLE: Style = Style::new(Weight::Bold, 17.0);

    const fn new(weight: Weight, size: f32) -> Style {
        Style {
            weight,
            size,
            grey: false,
        }
    }

    pub const fn grey(self) -> Style {
        Style { grey: true, ..self }
    }

    pub fn line_height(self) -> f32 {
        self.size * LEADING
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Center,
    Right,
}

/// What a document is made of, top to bottom.
pub(super) enum Block {
    Text {
        text: String,
        style: Style,
        align: Align,
    },
    /// A section heading, kept on the page with the first lines that follow it.
    Section(String),
    Bullets(Vec<String>),
    Table(Table),
    /// Vertical space, in points; dropped at a page break.
    Gap(f32),
    Closing(Closing),
    /// Blocks kept on one page: moved whole to the next page when they would not fit on this
    /// one (they flow on only if no page could hold them). A document's closing goes with the
    /// paragraph before it, so that no page holds a signature alone.
    Together(Vec<Block>),
}

impl Block {
    pub fn text(text: impl Into<String>, style: Style, align: Align) -> Block {
        Block::Text {
            text: text.into(),
            style,
            align,
        }
    }
}

/// Writes blocks onto pages, top to bottom.
pub(super) struct Writer<'a> {
    pub(super) typeface: &'a Typeface,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Where the next line starts, in points from the top of the page.
    pub(super) y: f32,
}

/// The pages of a document, each a list of drawing operations.
pub(super) fn lay_out(
    typeface: &Typeface,
    blocks: &[Block],
    footer: &str,
    page_of: impl Fn(usize, usize) -> String,
) -> Vec<Vec<Op>> {
    let mut writer = Writer {
        typeface,
        pages: Vec::new(),
        ops: Vec::new(),
        y: MARGIN,
    };
    for block in blocks {
        writer.block(block);
    }
    writer.finish(footer, page_of)
}

impl Writer<'_> {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Text { text, style, align } => self.paragraph(text, *style, *align),
            Block::Section(text) => self.section(text),
            Block::Bullets(items) => self.bullets(items),
            Block::Table(table) => self.table(table),
            Block::Gap(height) => self.gap(*height),
            Block::Closing(closing) => self.closing(closing),
            Block::Together(blocks) => self.together(blocks),
        }
    }

    /// Lays `blocks` out on a trial page first, from where this one stands: if they would
    /// reach the next page, they start there instead. The trial is exact (the same writer, the
    /// same rules), where adding up heights would miss what each block keeps in reserve.
    fn together(&mut self, blocks: &[Block]) {
        let mut trial = Writer {
            typeface: self.typeface,
            pages: Vec::new(),
            ops: Vec::new(),
            y: self.y,
        };
        for block in blocks {
            trial.block(block);
        }
        if !trial.pages.is_empty() && self.y > MARGIN {
            self.new_page();
        }
        for block in blocks {
            self.block(block);
        }
    }

    /// Space left on this page above the footer.
    pub(super) fn remaining(&self) -> f32 {
        BODY_BOTTOM - self.y
    }

    /// The height of a page's body: the most any one piece can ask for.
    pub(super) fn page_body_height() -> f32 {
        BODY_BOTTOM - MARGIN
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` fits on this one (or this one is still empty).
    pub(super) fn keep(&mut self, height: f32) {
        if height > self.remaining() && self.y > MARGIN {
            self.new_page();
        }
    }

    fn gap(&mut self, height: f32) {
        if height >= self.remaining() {
            self.new_page();
        } else {
            self.y += height;
        }
    }

    fn paragraph(&mut self, text: &str, style: Style, align: Align) {
        let lines = self
            .typeface
            .wrap(text, style.weight, style.size, CONTENT_WIDTH);
        for line in lines {
            self.keep(style.line_height());
            self.line_in(&line, style, align, CONTENT_LEFT, CONTENT_WIDTH);
            self.y += style.line_height();
        }
    }

    fn section(&mut self, text: &str) {
        self.gap(Style::BODY.size);
        let style = Style::SECTION;
        self.keep(style.line_height() + 3.0 * Style::BODY.line_height());
        self.paragraph(text, style, Align::Left);
        self.y += 2.0;
    }

    fn bullets(&mut self, items: &[String]) {
        let style = Style::BODY;
        let width = CONTENT_WIDTH - BULLET_INDENT;
        for item in items {
            let lines = self.typeface.wrap(item, style.weight, style.size, width);
            for (index, line) in lines.iter().enumerate() {
                self.keep(style.line_height());
                if index == 0 {
                    self.text_at(CONTENT_LEFT, self.y + style.size, "•", style);
                }
                let left = CONTENT_LEFT + BULLET_INDENT;
                self.line_in(line, style, Align::Left, left, width);
                self.y += style.line_height();
            }
        }
    }

    /// One line of text at the current height, aligned within `[left, left + width]`.
    pub(super) fn line_in(
        &mut self,
        line: &str,
        style: Style,
        align: Align,
        left: f32,
        width: f32,
    ) {
        self.line_at(self.y, line, style, align, left, width);
    }

    /// One line of text whose top is `top`, aligned within `[left, left + width]`.
    pub(super) fn line_at(
        &mut self,
        top: f32,
        line: &str,
        style: Style,
        align: Align,
        left: f32,
        width: f32,
    ) {
        let line_width = self.typeface.width(line, style.weight, style.size);
        let x = match align {
            Align::Left => left,
            Align::Center => left + (width - line_width) / 2.0,
            Align::Right => left + width - line_width,
        };
        self.text_at(x, top + style.size, line, style);
    }

    /// Text whose baseline is `baseline` points from the top of the page.
    pub(super) fn text_at(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        if style.grey {
            self.ops.push(Op::SetFillColor { col: grey() });
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(style.weight.font_id()),
                size: Pt(style.size),
            },
            Op::SetTextCursor {
                pos: point(x, baseline),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
        if style.grey {
            self.ops.push(Op::SetFillColor { col: black() });
        }
    }

    /// A horizontal rule `top` points from the top of the page.
    pub(super) fn rule(&mut self, left: f32, right: f32, top: f32, thickness: f32) {
        let ends = [left, right].map(|x| LinePoint {
            p: point(x, top),
            bezier: false,
        });
        self.ops.extend([
            Op::SetOutlineColor { col: grey() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: ends.to_vec(),
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled black rectangle whose top left corner is `(left, top)`.
    pub(super) fn filled_rectangle(&mut self, left: f32, top: f32, width: f32, height: f32) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(left),
                y: Pt(PAGE_HEIGHT - top - height),
                width: Pt(width),
                height: Pt(height),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    /// The pages, each with the footer: the document's number and "page x of y".
    fn finish(mut self, footer: &str, page_of: impl Fn(usize, usize) -> String) -> Vec<Vec<Op>> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let mut pages = std::mem::take(&mut self.pages);
        let count = pages.len();
        for (index, page) in pages.iter_mut().enumerate() {
            self.ops = std::mem::take(page);
            let style = Style::SMALL.grey();
            let top = FOOTER_BASELINE - style.size;
            self.rule(CONTENT_LEFT, CONTENT_LEFT + CONTENT_WIDTH, top - 4.0, 0.5);
            self.line_at(top, footer, style, Align::Left, CONTENT_LEFT, CONTENT_WIDTH);
            let numbering = page_of(index + 1, count);
            self.line_at(
                top,
                &numbering,
                style,
                Align::Right,
                CONTENT_LEFT,
                CONTENT_WIDTH,
            );
            *page = std::mem::take(&mut self.ops);
        }
        pages
    }
}

/// A point `top` points from the top of the page (printpdf measures from the bottom).
fn point(x: f32, top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_HEIGHT - top),
    }
}

fn grey() -> Color {
    Color::Rgb(Rgb {
        r: 0.4,
        g: 0.4,
        b: 0.4,
        icc_profile: None,
    })
}

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}
