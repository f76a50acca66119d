//! Tables: cells wrapped to their column, amounts right-aligned, and a table that runs past the
//! page continues on the next with its header row repeated. A row taller than a whole page (a
//! very long explanation) is split between pages rather than cut.

use super::font::Weight;
use super::layout::{Align, CONTENT_LEFT, CONTENT_WIDTH, Style, Writer};

/// Space between a cell's text and its edges, in points.
const CELL_PADDING_X: f32 = 3.0;
const CELL_PADDING_Y: f32 = 2.5;

pub(super) struct Column {
    /// The column's part of the content width; a table's shares add up to 1.
    pub share: f32,
    pub align: Align,
    pub weight: Weight,
}

impl Column {
    pub fn new(share: f32, align: Align) -> Column {
        Column {
            share,
            align,
            weight: Weight::Regular,
        }
    }

    pub fn bold(self) -> Column {
        Column {
            weight: Weight::Bold,
            ..self
        }
    }
}

pub(super) struct Row {
    pub cells: Vec<String>,
    /// How many columns the first cell takes, so a label with nothing beside it need not wrap;
    /// the other cells take one each.
    pub first_span: usize,
    /// A total: bold, with a rule above it.
    pub emphasised: bool,
}

pub(super) struct Table {
    pub columns: Vec<Column>,
    pub header: Option<Vec<String>>,
    pub rows: Vec<Row>,
    /// Rules between rows, for tables of figures.
    pub ruled: bool,
    pub style: Style,
}

impl Table {
    /// Labels and their values, such as the date and the claim reference, without rules.
    pub fn fields(rows: Vec<(String, String)>) -> Table {
        Table {
            columns: vec![
                Column::new(0.3, Align::Left).bold(),
                Column::new(0.7, Align::Left),
            ],
            header: None,
            rows: rows
                .into_iter()
                .map(|(label, value)| Row::new(vec![label, value]))
                .collect(),
            ruled: false,
            style: Style::BODY,
        }
    }
}

impl Row {
    pub fn new(cells: Vec<String>) -> Row {
        Row {
            cells,
            first_span: 1,
            emphasised: false,
        }
    }

    /// The row as a total: bold, with a rule above it.
    pub fn emphasised(self) -> Row {
        Row {
            emphasised: true,
            ..self
        }
    }
}

/// A cell's place on the page and its text wrapped to fit.
struct WrappedCell {
    left: f32,
    width: f32,
    align: Align,
    weight: Weight,
    lines: Vec<String>,
}

/// A row's cells wrapped to their columns.
struct WrappedRow {
    cells: Vec<WrappedCell>,
    emphasised: bool,
}

impl WrappedRow {
    fn line_count(&self) -> usize {
        self.cells
            .iter()
            .map(|cell| cell.lines.len())
            .max()
            .unwrap_or(1)
            .max(1)
    }
}

impl Writer<'_> {
    pub(super) fn table(&mut self, table: &Table) {
        let header = table
            .header
            .as_ref()
            .map(|cells| self.wrap_row(table, &Row::new(cells.clone()), Some(Weight::Bold)));
        let rows: Vec<WrappedRow> = table
            .rows
            .iter()
            .map(|row| self.wrap_row(table, row, row.emphasised.then_some(Weight::Bold)))
            .collect();
        let header_height = header.as_ref().map_or(0.0, |row| row_height(table, row));
        let first_row_height = rows.first().map_or(0.0, |row| row_height(table, row));
        self.keep(header_height + first_row_height.min(Writer::page_body_height() / 2.0));
        if let Some(header) = &header {
            self.header_row(table, header);
        }
        for row in &rows {
            self.body_row(table, row, header.as_ref());
        }
    }

    /// The cells of a row wrapped to their columns; `weight` overrides the columns' own.
    fn wrap_row(&self, table: &Table, row: &Row, weight: Option<Weight>) -> WrappedRow {
        let mut cells = Vec::with_capacity(row.cells.len());
        let mut column_index = 0;
        let mut left = CONTENT_LEFT;
        for (cell_index, text) in row.cells.iter().enumerate() {
            let span = if cell_index == 0 {
                row.first_span.max(1)
            } else {
                1
            };
            let spanned = table.columns.get(column_index..column_index + span);
            let Some(columns @ [first, ..]) = spanned else {
                debug_assert!(false, "a row has more cells than its table has columns");
                break;
            };
            let width: f32 = columns
                .iter()
                .map(|column| column.share * CONTENT_WIDTH)
                .sum();
            let weight = weight.unwrap_or(first.weight);
            let inner_width = width - 2.0 * CELL_PADDING_X;
            cells.push(WrappedCell {
                left,
                width,
                align: first.align,
                weight,
                lines: self
                    .typeface
                    .wrap(text, weight, table.style.size, inner_width),
            });
            column_index += span;
            left += width;
        }
        WrappedRow {
            cells,
            emphasised: row.emphasised,
        }
    }

    fn header_row(&mut self, table: &Table, header: &WrappedRow) {
        let count = header.line_count();
        self.draw_lines(table, header, 0, count);
        self.rule(CONTENT_LEFT, CONTENT_LEFT + CONTENT_WIDTH, self.y, 0.8);
    }

    /// A row, on this page if it fits, else on the next after the header; a row taller than a
    /// page goes on over as many pages as it needs.
    fn body_row(&mut self, table: &Table, row: &WrappedRow, header: Option<&WrappedRow>) {
        let line_height = table.style.line_height();
        let total = row.line_count();
        let height = row_height(table, row);
        if height > self.remaining() && height <= Writer::page_body_height() {
            self.continue_table(table, header);
        }
        if row.emphasised {
            self.rule(CONTENT_LEFT, CONTENT_LEFT + CONTENT_WIDTH, self.y, 0.8);
        }
        let mut from = 0;
        let mut on_fresh_page = false;
        while from < total {
            let fitting = ((self.remaining() - 2.0 * CELL_PADDING_Y) / line_height).floor();
            if fitting < 1.0 && !on_fresh_page {
                self.continue_table(table, header);
                on_fresh_page = true;
                continue;
            }
            // At least one line, so even an absurdly tall header cannot stop the table.
            let count = (fitting.max(1.0) as usize).min(total - from);
            self.draw_lines(table, row, from, count);
            from += count;
            on_fresh_page = false;
        }
        if table.ruled {
            self.rule(CONTENT_LEFT, CONTENT_LEFT + CONTENT_WIDTH, self.y, 0.3);
        }
    }

    fn continue_table(&mut self, table: &Table, header: Option<&WrappedRow>) {
        self.new_page();
        if let Some(header) = header {
            self.header_row(table, header);
        }
    }

    /// Lines `from..from + count` of every cell of a row, then moves below them.
    fn draw_lines(&mut self, table: &Table, row: &WrappedRow, from: usize, count: usize) {
        let line_height = table.style.line_height();
        let top = self.y + CELL_PADDING_Y;
        for cell in &row.cells {
            let style = Style {
                weight: cell.weight,
                ..table.style
            };
            let inner_left = cell.left + CELL_PADDING_X;
            let inner_width = cell.width - 2.0 * CELL_PADDING_X;
            for (offset, line) in cell.lines.iter().skip(from).take(count).enumerate() {
                let line_top = top + offset as f32 * line_height;
                self.line_at(line_top, line, style, cell.align, inner_left, inner_width);
            }
        }
        self.y += count as f32 * line_height + 2.0 * CELL_PADDING_Y;
    }
}

fn row_height(table: &Table, row: &WrappedRow) -> f32 {
    row.line_count() as f32 * table.style.line_height() + 2.0 * CELL_PADDING_Y
}
