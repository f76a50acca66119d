//! Anonymised statistics over HTTP (`GET /reports/statistics`), and the same report as JSON or
//! CSV for the command line, so both print exactly the same figures.
//!
//! A suppressed cell keeps its values on the grouped dimensions and nothing else: every figure is
//! `null` and `suppressed` is `true` (in CSV, each figure reads `suppressed`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::Tag;
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::statistics::{
    CurrencyAmounts, DaysSummary, Dimension, Figures, Table, parse_group_by,
};
use crate::service::Services;
use crate::service::statistics::StatisticsQuery;

pub struct StatisticsApi {
    pub services: Services,
}

/// How the figures are computed, stated in every report.
const METHOD: &str = "Claims lodged from `from` to `to` (both included), counted by lodging \
    date. A cell of fewer than `threshold` claims is suppressed, and so is the next-smallest \
    cell of any published total that would otherwise give a single suppressed cell away. Days \
    are whole calendar days; medians and 90th percentiles are nearest-rank. Paid amounts are \
    confirmed payment orders and interim awards; days to payment run from the decision to the \
    first confirmed payment order. Amounts are summed per currency.";

/// A statistics report: its cells by the dimensions grouped by, and the totals.
#[derive(Object, Debug, Clone)]
pub struct StatisticsView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The dimensions grouped by, in order; each cell's `values` names one value of each.
    pub group_by: Vec<String>,
    /// The fewest claims a published cell describes.
    pub threshold: u64,
    pub method: String,
    pub cells: Vec<StatisticsCellView>,
    /// All claims of the period; suppressed too when fewer than `threshold`.
    pub total: StatisticsCellView,
}

/// One cell; every figure is `null` when `suppressed`.
#[derive(Object, Debug, Clone)]
pub struct StatisticsCellView {
    /// The cell's value on each dimension grouped by (`not_recorded` for a gender not stated,
    /// `undecided` for an outcome not yet given, `unknown` for an age without a birth date).
    pub values: BTreeMap<String, String>,
    pub suppressed: bool,
    pub lodged: Option<u64>,
    pub decided: Option<u64>,
    pub awarded: Option<u64>,
    pub rejected: Option<u64>,
    pub inadmissible: Option<u64>,
    /// Amounts per currency, never added across currencies.
    pub amounts: Option<Vec<CurrencyAmountsView>>,
    pub lodging_to_decision: Option<DaysView>,
    pub decision_to_payment: Option<DaysView>,
}

/// Amounts of one currency, as exact decimal strings.
#[derive(Object, Debug, Clone)]
pub struct CurrencyAmountsView {
    pub currency: String,
    pub awarded: String,
    pub paid: String,
    pub recovered: String,
}

/// The median and 90th percentile of a duration in whole days (nearest rank); `null` when no
/// claim of the cell has both dates.
#[derive(Object, Debug, Clone)]
pub struct DaysView {
    pub median_days: i64,
    pub percentile_90_days: i64,
}

impl From<DaysSummary> for DaysView {
    fn from(days: DaysSummary) -> Self {
        DaysView {
            median_days: days.median_days,
            percentile_90_days: days.percentile_90_days,
        }
    }
}

impl From<&CurrencyAmounts> for CurrencyAmountsView {
    fn from(amounts: &CurrencyAmounts) -> Self {
        CurrencyAmountsView {
            currency: amounts.currency.code().to_owned(),
            awarded: amounts.awarded.amount().to_string(),
            paid: amounts.paid.amount().to_string(),
            recovered: amounts.recovered.amount().to_string(),
        }
    }
}

fn cell_view(
    group_by: &[Dimension],
    values: &[String],
    figures: Option<&Figures>,
) -> StatisticsCellView {
    let values = group_by
        .iter()
        .zip(values)
        .map(|(dimension, value)| (dimension.as_str().to_owned(), value.clone()))
        .collect();
    StatisticsCellView {
        values,
        suppressed: figures.is_none(),
        lodged: figures.map(|figures| figures.lodged),
        decided: figures.map(|figures| figures.decided),
        awarded: figures.map(|figures| figures.awarded),
        rejected: figures.map(|figures| figures.rejected),
        inadmissible: figures.map(|figures| figures.inadmissible),
        amounts: figures.map(|figures| figures.amounts.iter().map(Into::into).collect()),
        lodging_to_decision: figures
            .and_then(|figures| figures.lodging_to_decision.map(Into::into)),
        decision_to_payment: figures
            .and_then(|figures| figures.decision_to_payment.map(Into::into)),
    }
}

impl StatisticsView {
    pub fn new(query: &StatisticsQuery, table: &Table) -> Self {
        StatisticsView {
            from: query.from,
            to: query.to,
            group_by: table
                .group_by
                .iter()
                .map(|d| d.as_str().to_owned())
                .collect(),
            threshold: table.threshold.claims(),
            method: METHOD.to_owned(),
            cells: table
                .cells
                .iter()
                .map(|cell| cell_view(&table.group_by, &cell.values, cell.figures.as_ref()))
                .collect(),
            total: cell_view(&[], &[], table.total.figures.as_ref()),
        }
    }

    /// The report as CSV: a line per cell and a last line of totals (whose dimensions read
    /// `total`); amount columns per currency present; a suppressed cell's figures read
    /// `suppressed`, and a duration no claim of the cell has is left empty.
    pub fn to_csv(&self) -> String {
        let currencies: std::collections::BTreeSet<String> = self
            .cells
            .iter()
            .chain([&self.total])
            .flat_map(|cell| cell.amounts.iter().flatten())
            .map(|amounts| amounts.currency.clone())
            .collect();
        let mut header: Vec<String> = self.group_by.clone();
        header.extend(COUNT_COLUMNS.iter().map(|column| column.to_string()));
        for currency in &currencies {
            for kind in ["awarded", "paid", "recovered"] {
                header.push(format!("{kind}_{currency}"));
            }
        }
        header.extend(DAYS_COLUMNS.iter().map(|column| column.to_string()));
        let mut lines = vec![header.join(",")];
        for cell in &self.cells {
            let values = self
                .group_by
                .iter()
                .map(|dimension| cell.values[dimension].clone());
            lines.push(csv_line(values.collect(), cell, &currencies));
        }
        let totals = self.group_by.iter().map(|_| "total".to_owned()).collect();
        lines.push(csv_line(totals, &self.total, &currencies));
        lines.join("\n") + "\n"
    }
}

const COUNT_COLUMNS: [&str; 5] = ["lodged", "decided", "awarded", "rejected", "inadmissible"];
const DAYS_COLUMNS: [&str; 4] = [
    "lodging_to_decision_median_days",
    "lodging_to_decision_percentile_90_days",
    "decision_to_payment_median_days",
    "decision_to_payment_percentile_90_days",
];

/// One CSV line. Values are snake_case names, digits and decimal points: nothing to quote.
fn csv_line(
    mut fields: Vec<String>,
    cell: &StatisticsCellView,
    currencies: &std::collections::BTreeSet<String>,
) -> String {
    let figure_columns = COUNT_COLUMNS.len() + 3 * currencies.len() + DAYS_COLUMNS.len();
    if cell.suppressed {
        fields.extend(std::iter::repeat_n("suppressed".to_owned(), figure_columns));
        return fields.join(",");
    }
    let counts = [
        cell.lodged,
        cell.decided,
        cell.awarded,
        cell.rejected,
        cell.inadmissible,
    ];
    fields.extend(counts.iter().map(|count| count.unwrap_or(0).to_string()));
    for currency in currencies {
        let amounts = cell
            .amounts
            .iter()
            .flatten()
            .find(|amounts| &amounts.currency == currency);
        match amounts {
            Some(amounts) => fields
                .extend([&amounts.awarded, &amounts.paid, &amounts.recovered].map(Clone::clone)),
            None => fields.extend(["0", "0", "0"].map(str::to_owned)),
        }
    }
    for days in [&cell.lodging_to_decision, &cell.decision_to_payment] {
        let (median, percentile) = days
            .as_ref()
            .map_or((String::new(), String::new()), |days| {
                (
                    days.median_days.to_string(),
                    days.percentile_90_days.to_string(),
                )
            });
        fields.extend([median, percentile]);
    }
    fields.join(",")
}

/// The dimensions named in `group_by`, refusing any other by name.
pub fn group_by_of(text: Option<&str>) -> Result<Vec<Dimension>, ApiError> {
    parse_group_by(text.unwrap_or_default()).map_err(ApiError::from)
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Reports")]
impl StatisticsApi {
    /// Anonymised statistics of the claims lodged from `from` to `to` (both included), grouped
    /// by `group_by` (a comma-separated list of `offence_type`, `age_band`, `gender`,
    /// `outcome`, `jurisdiction`; none for the totals alone), with small cells suppressed. For
    /// the secretariat, the chair and auditors.
    #[oai(path = "/reports/statistics", method = "get")]
    async fn statistics(
        &self,
        auth: BearerAuth,
        from: Query<NaiveDate>,
        to: Query<NaiveDate>,
        group_by: Query<Option<String>>,
    ) -> Result<Json<StatisticsView>, ApiError> {
        let query = StatisticsQuery {
            from: from.0,
            to: to.0,
            group_by: group_by_of(group_by.0.as_deref())?,
        };
        let table = self.services.statistics(&auth.0.actor, &query).await?;
        Ok(Json(StatisticsView::new(&query, &table)))
    }
}
