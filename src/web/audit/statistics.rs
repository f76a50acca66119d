//! The anonymised statistics for the secretariat, the chair and auditors: the report of
//! `GET /reports/statistics` (`Services::statistics`) as tables and as charts of the same figures.
//!
//! Suppression is the service's: a cell it suppressed arrives without figures and is shown as
//! suppressed, in the tables and the charts alike; nothing here counts or hides anything itself.

use askama::Template;
use chrono::{Months, NaiveDate};
use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Response, handler};
use serde::Deserialize;
use strum::IntoEnumIterator;

use super::FieldError;
use super::chart::{Bar, Chart, ChartData, horizontal_bars};
use crate::domain::Money;
use crate::domain::statistics::{
    Cell, CurrencyAmounts, DaysSummary, Dimension, Figures, Table, parse_group_by,
};
use crate::locale::format_money;
use crate::service::statistics::{STATISTICS_READERS, StatisticsQuery};
use crate::service::{ServiceError, Services};
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, refusal, render, see_other, service_failure};
use crate::web::session::Visit;

/// What the form sends; every field is text, so a malformed one is shown on the form.
#[derive(Deserialize)]
pub struct StatisticsForm {
    from: Option<String>,
    to: Option<String>,
    group_by: Option<String>,
}

/// Before the form is sent, the figures are grouped by offence.
const GROUP_BY_FIRST: &str = "offence_type";

pub struct DimensionOption {
    value: &'static str,
    label: String,
    selected: bool,
}

/// A line of a table: a group, or the total; `cells` is `None` when the service suppressed it,
/// else one cell per column after the first, each of one or more lines.
struct TableRow {
    label: String,
    total: bool,
    cells: Option<Vec<Vec<String>>>,
}

/// A table of the report: its first column names the groups, the others hold figures.
struct StatisticsTable {
    id: &'static str,
    caption: String,
    headers: Vec<String>,
    rows: Vec<TableRow>,
}

#[derive(Template)]
#[template(path = "audit/statistics.html")]
struct StatisticsPage {
    frame: Frame,
    /// How small cells are suppressed, once there is a report.
    threshold_note: Option<String>,
    from: String,
    to: String,
    date_fields: Vec<DateField>,
    dimensions: Vec<DimensionOption>,
    errors: Vec<FieldError>,
    tables: Vec<StatisticsTable>,
    charts: Vec<Chart>,
    all_suppressed: Option<String>,
}

/// A date field of the form as the visitor sent it, with its error if any.
struct DateField {
    name: &'static str,
    label: String,
    value: String,
    error: Option<String>,
}

impl StatisticsPage {
    /// The page with `status`, its date fields showing their errors.
    fn rendered(mut self, status: StatusCode) -> Response {
        let tr = self.frame.tr;
        self.date_fields = [
            ("from", "statistics-from", &self.from),
            ("to", "statistics-to", &self.to),
        ]
        .into_iter()
        .map(|(name, label_key, value)| DateField {
            name,
            label: tr.t(label_key).to_owned(),
            value: value.clone(),
            error: self
                .errors
                .iter()
                .find(|error| error.field == name)
                .map(|error| error.message.clone()),
        })
        .collect();
        render(&self, status)
    }

    fn error_for(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|error| error.field == field)
    }
}

/// A date field: empty means `default`; anything else must be a real date.
fn date_field(text: Option<&str>, default: NaiveDate) -> Result<NaiveDate, ()> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(default),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| ()),
    }
}

/// The statistics of the claims lodged in a period (by default the twelve months to today),
/// grouped by one dimension.
#[handler]
pub async fn statistics_page(
    visit: Visit,
    services: Data<&Services>,
    Query(form): Query<StatisticsForm>,
) -> Response {
    let Some(actor) = visit.actor() else {
        return see_other("/sign-in");
    };
    if !STATISTICS_READERS.iter().any(|role| visit.has_role(*role)) {
        return refusal(&visit, StatusCode::FORBIDDEN);
    }
    let frame = Frame::new(&visit, "/statistics", "statistics-title");
    let tr = frame.tr;
    let today = services.today();
    let year_ago = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let group_by_text = form.group_by.as_deref().unwrap_or(GROUP_BY_FIRST);
    let mut page = StatisticsPage {
        threshold_note: None,
        from: form.from.clone().unwrap_or_else(|| year_ago.to_string()),
        to: form.to.clone().unwrap_or_else(|| today.to_string()),
        date_fields: Vec::new(),
        dimensions: dimension_options(tr, group_by_text),
        errors: Vec::new(),
        tables: Vec::new(),
        charts: Vec::new(),
        all_suppressed: None,
        frame,
    };
    let from = date_field(form.from.as_deref(), year_ago);
    let to = date_field(form.to.as_deref(), today);
    let group_by = parse_group_by(group_by_text);
    for (field, failed, key) in [
        ("from", from.is_err(), "statistics-date-invalid"),
        ("to", to.is_err(), "statistics-date-invalid"),
        ("group_by", group_by.is_err(), "statistics-group-by-invalid"),
    ] {
        if failed {
            page.errors.push(FieldError {
                field,
                message: tr.t(key).to_owned(),
            });
        }
    }
    let (Ok(from), Ok(to), Ok(group_by)) = (from, to, group_by) else {
        return page.rendered(StatusCode::UNPROCESSABLE_ENTITY);
    };
    let query = StatisticsQuery { from, to, group_by };
    let table = match services.statistics(actor, &query).await {
        Ok(table) => table,
        Err(ServiceError::Invalid { field: "to", .. }) => {
            page.errors.push(FieldError {
                field: "to",
                message: tr.t("statistics-to-before-from").to_owned(),
            });
            return page.rendered(StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(error) => return service_failure(&visit, &error, "reading statistics"),
    };
    fill(&mut page, tr, &table);
    page.rendered(StatusCode::OK)
}

/// The tables' rows and the charts of a report.
fn fill(page: &mut StatisticsPage, tr: Tr, table: &Table) {
    let threshold = table.threshold.claims();
    page.threshold_note = Some(tr.with("statistics-threshold", "threshold", &threshold));
    let group_label = match table.group_by.is_empty() {
        true => tr.t("statistics-group").to_owned(),
        false => table
            .group_by
            .iter()
            .map(|dimension| {
                tr.t(&format!("statistics-dimension-{dimension}"))
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join(", "),
    };
    let statistics_table =
        |id, caption_key, column_keys: &[&str], cells: &dyn Fn(&Figures) -> Vec<Vec<String>>| {
            let headers = std::iter::once(group_label.clone())
                .chain(column_keys.iter().map(|key| tr.t(key).to_owned()))
                .collect();
            let row = |label: String, total: bool, cell: &Cell| TableRow {
                label,
                total,
                cells: cell.figures.as_ref().map(cells),
            };
            let mut rows: Vec<TableRow> = table
                .cells
                .iter()
                .map(|cell| row(cell_label(tr, &table.group_by, cell), false, cell))
                .collect();
            rows.push(row(tr.t("statistics-total").to_owned(), true, &table.total));
            StatisticsTable {
                id,
                caption: tr.t(caption_key).to_owned(),
                headers,
                rows,
            }
        };
    page.tables = vec![
        statistics_table(
            "counts_table",
            "statistics-counts-caption",
            &COUNT_COLUMNS,
            &count_cells,
        ),
        statistics_table(
            "amounts_table",
            "statistics-amounts-caption",
            &AMOUNT_COLUMNS,
            &|figures| amount_cells(tr, figures),
        ),
    ];
    if table.total.figures.is_none() {
        page.all_suppressed = Some(tr.with("statistics-all-suppressed", "threshold", &threshold));
    }
    if !table.group_by.is_empty() && !table.cells.is_empty() {
        page.charts = charts(tr, table);
    }
}

/// The bar of lodged claims and the stacked bar of decisions, for each cell.
fn charts(tr: Tr, table: &Table) -> Vec<Chart> {
    let bars = |segments: fn(&Figures) -> Vec<u64>| -> Vec<Bar> {
        table
            .cells
            .iter()
            .map(|cell| Bar {
                label: cell_label(tr, &table.group_by, cell),
                segments: cell.figures.as_ref().map(segments),
            })
            .collect()
    };
    let lodged = bars(|figures| vec![figures.lodged]);
    let outcomes = bars(|figures| vec![figures.awarded, figures.rejected, figures.inadmissible]);
    let lodged_series = [tr.t("statistics-column-lodged").to_owned()];
    let outcome_series = [
        "statistics-column-awarded",
        "statistics-column-rejected",
        "statistics-column-inadmissible",
    ]
    .map(|key| tr.t(key).to_owned());
    let suppressed = tr.t("statistics-suppressed");
    let specifications = [
        (
            "chart_lodged",
            [
                "statistics-chart-lodged-title",
                "statistics-chart-lodged-description",
            ],
            &lodged,
            &lodged_series[..],
        ),
        (
            "chart_outcomes",
            [
                "statistics-chart-outcomes-title",
                "statistics-chart-outcomes-description",
            ],
            &outcomes,
            &outcome_series[..],
        ),
    ];
    specifications
        .into_iter()
        .filter_map(|(id, [title_key, description_key], bars, series)| {
            let data = ChartData {
                bars,
                series,
                suppressed,
            };
            match horizontal_bars(&data) {
                Ok((width, height, body)) => Some(Chart {
                    id,
                    title: tr.t(title_key).to_owned(),
                    description: tr.t(description_key).to_owned(),
                    width,
                    height,
                    body,
                }),
                // The table below still gives every figure.
                Err(error) => {
                    tracing::error!(%error, chart = id, "drawing a statistics chart failed");
                    None
                }
            }
        })
        .collect()
}

fn dimension_options(tr: Tr, chosen: &str) -> Vec<DimensionOption> {
    Dimension::iter()
        .map(|dimension| DimensionOption {
            value: dimension.as_str(),
            label: tr
                .t(&format!("statistics-dimension-{dimension}"))
                .to_owned(),
            selected: dimension.as_str() == chosen,
        })
        .collect()
}

/// A cell's values in words, one per dimension grouped by.
fn cell_label(tr: Tr, group_by: &[Dimension], cell: &Cell) -> String {
    group_by
        .iter()
        .zip(&cell.values)
        .map(|(dimension, value)| value_label(tr, *dimension, value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value of a dimension in words: offences by their common names, ages as bands of years,
/// jurisdictions by their identifier, the rest (genders, outcomes, "unknown") by this area's.
fn value_label(tr: Tr, dimension: Dimension, value: &str) -> String {
    match dimension {
        Dimension::OffenceType => tr.t(&format!("offence-{value}")).to_owned(),
        Dimension::AgeBand if value != "unknown" => tr.with("statistics-age-band", "band", &value),
        Dimension::Jurisdiction => value.to_owned(),
        _ => tr.t(&format!("statistics-value-{value}")).to_owned(),
    }
}

const COUNT_COLUMNS: [&str; 5] = [
    "statistics-column-lodged",
    "statistics-column-decided",
    "statistics-column-awarded",
    "statistics-column-rejected",
    "statistics-column-inadmissible",
];

const AMOUNT_COLUMNS: [&str; 5] = [
    "statistics-column-amount-awarded",
    "statistics-column-amount-paid",
    "statistics-column-amount-recovered",
    "statistics-column-days-to-decision",
    "statistics-column-days-to-payment",
];

/// The cells under `COUNT_COLUMNS`.
fn count_cells(figures: &Figures) -> Vec<Vec<String>> {
    [
        figures.lodged,
        figures.decided,
        figures.awarded,
        figures.rejected,
        figures.inadmissible,
    ]
    .iter()
    .map(|count| vec![count.to_string()])
    .collect()
}

/// The cells under `AMOUNT_COLUMNS`: each amount a line per currency, as the language writes it.
fn amount_cells(tr: Tr, figures: &Figures) -> Vec<Vec<String>> {
    let language = tr.language.language();
    let amounts = |pick: fn(&CurrencyAmounts) -> Money| -> Vec<String> {
        let lines: Vec<String> = figures
            .amounts
            .iter()
            .map(|amounts| format_money(pick(amounts).amount(), amounts.currency, language))
            .collect();
        match lines.is_empty() {
            true => vec![tr.t("statistics-no-figure").to_owned()],
            false => lines,
        }
    };
    vec![
        amounts(|amounts| amounts.awarded),
        amounts(|amounts| amounts.paid),
        amounts(|amounts| amounts.recovered),
        vec![days(tr, figures.lodging_to_decision)],
        vec![days(tr, figures.decision_to_payment)],
    ]
}

/// `median / 90th percentile`, or none when no claim of the cell has both dates.
fn days(tr: Tr, summary: Option<DaysSummary>) -> String {
    match summary {
        Some(summary) => format!("{} / {}", summary.median_days, summary.percentile_90_days),
        None => tr.t("statistics-no-figure").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::claim::{OutcomeKind, VictimGender};
    use crate::web::i18n::UiLanguage;

    #[test]
    fn every_value_a_report_can_hold_is_worded_in_every_language() {
        for language in UiLanguage::ALL {
            let tr = Tr::new(language);
            for gender in VictimGender::iter() {
                value_label(tr, Dimension::Gender, gender.as_str());
            }
            value_label(tr, Dimension::Gender, "not_recorded");
            for outcome in OutcomeKind::iter() {
                value_label(tr, Dimension::Outcome, outcome.as_str());
            }
            value_label(tr, Dimension::Outcome, "undecided");
            value_label(tr, Dimension::AgeBand, "unknown");
            for dimension in Dimension::iter() {
                tr.t(&format!("statistics-dimension-{dimension}"));
            }
        }
        let english = Tr::new(UiLanguage::En);
        assert_eq!(value_label(english, Dimension::AgeBand, "65+"), "65+ years");
        assert_eq!(
            value_label(english, Dimension::Gender, "not_recorded"),
            "Not recorded"
        );
    }

    #[test]
    fn an_empty_date_is_the_default_and_a_malformed_one_is_refused() {
        let default: NaiveDate = "2026-01-01".parse().unwrap();
        assert_eq!(date_field(None, default), Ok(default));
        assert_eq!(date_field(Some(" "), default), Ok(default));
        assert_eq!(
            date_field(Some("2026-02-28"), default),
            Ok("2026-02-28".parse().unwrap())
        );
        assert_eq!(date_field(Some("2026-02-30"), default), Err(()));
        assert_eq!(date_field(Some("28.02.2026"), default), Err(()));
    }
}
