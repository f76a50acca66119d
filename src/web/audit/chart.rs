//! Horizontal bar charts drawn on the server as SVG (plotters' SVG backend), put into the page
//! inline so they need no script and no request of their own.
//!
//! plotters writes colours and fonts as presentation attributes (`fill=`, `font-size=`), never as
//! `style=` attributes or a `<style>` element, so the page's `style-src 'self'` policy lets them
//! through (the browser suite checks that no CSP violation is logged). Its own `<svg>` element
//! is dropped: the template writes one with `role="img"`, a title and a description, and without
//! a fixed width, so the chart scales with the page.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// GOV.UK's blue, orange and dark grey: told apart without colour vision too, by their lightness.
const SERIES_COLOURS: [RGBColor; 3] = [
    RGBColor(0x1d, 0x70, 0xb8),
    RGBColor(0xf4, 0x77, 0x38),
    RGBColor(0x50, 0x5a, 0x5f),
];
const WIDTH: u32 = 760;
/// Room for the legend above the plot.
const LEGEND_HEIGHT: u32 = 36;
/// Room for the count axis below it.
const AXIS_HEIGHT: u32 = 36;
const BAR_HEIGHT: u32 = 44;
/// Room for the names of the groups, left of the bars.
const LABEL_WIDTH: u32 = 260;
const FONT_SIZE: u32 = 16;

/// One group's bar: its segments (one per series, stacked in order), or `None` when the group
/// is suppressed and has no figures to draw.
pub struct Bar {
    pub label: String,
    pub segments: Option<Vec<u64>>,
}

/// A drawn chart, ready for the template.
pub struct Chart {
    /// The prefix of its title's and description's ids.
    pub id: &'static str,
    pub title: String,
    pub description: String,
    pub width: u32,
    pub height: u32,
    /// The SVG's content, without its own `<svg>` element; plotters escaped every text in it.
    pub body: String,
}

/// What a chart shows: its bars, the names of its series (the legend, when there are several)
/// and the word written where a suppressed group's bar would be.
pub struct ChartData<'a> {
    pub bars: &'a [Bar],
    pub series: &'a [String],
    pub suppressed: &'a str,
}

/// Draws `data` as horizontal bars, the first group at the top.
pub fn horizontal_bars(data: &ChartData) -> Result<(u32, u32, String), String> {
    let count = data.bars.len();
    let height = LEGEND_HEIGHT + AXIS_HEIGHT + BAR_HEIGHT * count.max(1) as u32;
    let mut svg = String::new();
    draw(&mut svg, data, height).map_err(|error| error.to_string())?;
    let body = svg
        .split_once('>')
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.rsplit_once("</svg>"))
        .map(|(body, _)| body.trim().to_owned())
        .ok_or("plotters wrote no <svg> element")?;
    Ok((WIDTH, height, body))
}

fn draw(svg: &mut String, data: &ChartData, height: u32) -> Result<(), Box<dyn std::error::Error>> {
    let count = data.bars.len();
    let root = SVGBackend::with_string(svg, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let (legend, plot) = root.split_vertically(LEGEND_HEIGHT);
    if data.series.len() > 1 {
        draw_legend(&legend, data.series)?;
    }
    let longest = data
        .bars
        .iter()
        .filter_map(|bar| bar.segments.as_ref().map(|segments| segments.iter().sum()))
        .max()
        .unwrap_or(0_u64);
    // A tenth more than the longest bar leaves room for its figure after it.
    let axis_end = longest + longest / 10 + 2;
    // Continuous rows rather than plotters' segmented axis, whose discrete range holds its end
    // and so always adds an empty row: group `i` (from the top) fills the row from
    // `count - 1 - i` to `count - i`, and its name and figure are written at the row's middle.
    let rows = count.max(1) as f64;
    let mut chart = ChartBuilder::on(&plot)
        .margin_right(16)
        .x_label_area_size(AXIS_HEIGHT)
        .y_label_area_size(LABEL_WIDTH)
        .build_cartesian_2d(0_u64..axis_end, 0_f64..rows)?;
    let middle = |position: usize| rows - position as f64 - 0.5;
    let text = (FontFamily::SansSerif, FONT_SIZE).into_font().color(&BLACK);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_label_formatter(&|value| value.to_string())
        .label_style(text.clone())
        .axis_style(BLACK)
        .draw()?;
    let colours = SERIES_COLOURS.iter().cycle().take(data.series.len());
    for (index, colour) in colours.enumerate() {
        chart.draw_series(data.bars.iter().enumerate().filter_map(|(position, bar)| {
            let segments = bar.segments.as_ref()?;
            let start: u64 = segments.iter().take(index).sum();
            let end = start + segments.get(index).copied().unwrap_or(0);
            let (bottom, top) = (middle(position) - 0.3, middle(position) + 0.3);
            Some(Rectangle::new(
                [(start, bottom), (end, top)],
                colour.filled(),
            ))
        }))?;
    }
    let name = text.pos(Pos::new(HPos::Right, VPos::Center));
    let figure = text.pos(Pos::new(HPos::Left, VPos::Center));
    chart.draw_series(data.bars.iter().enumerate().flat_map(|(position, bar)| {
        let (end, written) = match &bar.segments {
            Some(segments) => {
                let total: u64 = segments.iter().sum();
                (total, total.to_string())
            }
            None => (0, data.suppressed.to_owned()),
        };
        let at = middle(position);
        [
            EmptyElement::at((0, at)) + Text::new(bar.label.clone(), (-10, 0), name.clone()),
            EmptyElement::at((end, at)) + Text::new(written, (6, 0), figure.clone()),
        ]
    }))?;
    root.present()?;
    Ok(())
}

/// A swatch and a name for each series, in a row above the plot.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[String],
) -> Result<(), Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let text = (FontFamily::SansSerif, FONT_SIZE)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let mut left = LABEL_WIDTH as i32;
    for (name, colour) in series.iter().zip(SERIES_COLOURS.iter().cycle()) {
        area.draw(&Rectangle::new(
            [(left, 10), (left + 16, 26)],
            colour.filled(),
        ))?;
        area.draw(&Text::new(name.clone(), (left + 22, 18), text.clone()))?;
        // About half the font size a character, and a gap before the next swatch.
        left += 22 + (name.chars().count() as i32) * (FONT_SIZE as i32) / 2 + 28;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_svg_without_style_attributes_and_a_suppressed_group_has_no_bar() {
        let bars = [
            Bar {
                label: "Domestic violence".to_owned(),
                segments: Some(vec![6, 2]),
            },
            Bar {
                label: "Sexual <violence>".to_owned(),
                segments: None,
            },
        ];
        let series = ["Awarded".to_owned(), "Rejected".to_owned()];
        let data = ChartData {
            bars: &bars,
            series: &series,
            suppressed: "Suppressed",
        };
        let (width, height, body) = horizontal_bars(&data).unwrap();
        assert_eq!(width, WIDTH);
        assert!(height > LEGEND_HEIGHT + AXIS_HEIGHT);
        assert!(
            !body.contains("<svg"),
            "the template writes the svg element"
        );
        assert!(!body.contains("style="), "style attributes break the CSP");
        assert!(!body.contains("<style"), "style elements break the CSP");
        assert!(body.contains("Domestic violence"));
        assert!(body.contains("Sexual &lt;violence&gt;"), "text is escaped");
        assert!(body.contains("Suppressed"));
        assert!(body.contains(">\n8\n<") || body.contains(">8<"), "{body}");
    }

    #[test]
    fn a_single_group_gets_its_bar_its_name_and_its_figure() {
        let bars = [Bar {
            label: "Only group".to_owned(),
            segments: Some(vec![3]),
        }];
        let series = ["Lodged".to_owned()];
        let data = ChartData {
            bars: &bars,
            series: &series,
            suppressed: "Suppressed",
        };
        let (_, height, body) = horizontal_bars(&data).unwrap();
        assert_eq!(height, LEGEND_HEIGHT + AXIS_HEIGHT + BAR_HEIGHT);
        assert!(body.contains("Only group"));
        assert!(body.contains("fill=\"#1D70B8\""), "the bar: {body}");
        assert!(!body.contains("Lodged"), "no legend for a single series");
    }
}
