//! The payments report: payments the bank confirmed between two dates, per month, currency and
//! kind of payee, from `payments_report`, as `GET /api/v1/reports/payments` gives it.

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Response, handler};
use serde::Deserialize;

use super::forms::{DateField, DateParts};
use super::{FormErrors, explain, money, require_finance};
use crate::service::Services;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, render};
use crate::web::session::Visit;

#[derive(Deserialize, Default)]
pub struct ReportQuery {
    from_day: Option<String>,
    from_month: Option<String>,
    from_year: Option<String>,
    to_day: Option<String>,
    to_month: Option<String>,
    to_year: Option<String>,
}

impl ReportQuery {
    fn is_empty(&self) -> bool {
        [
            &self.from_day,
            &self.from_month,
            &self.from_year,
            &self.to_day,
            &self.to_month,
            &self.to_year,
        ]
        .iter()
        .all(|part| part.as_deref().is_none_or(|text| text.trim().is_empty()))
    }
}

pub struct ReportRow {
    pub period: String,
    pub currency: &'static str,
    pub payee_kind: String,
    pub payments: u64,
    pub total: String,
}

#[derive(Template)]
#[template(path = "finance/report.html")]
struct ReportPage {
    frame: Frame,
    errors: FormErrors,
    from: DateField,
    to: DateField,
    /// `None` until the dates are given.
    rows: Option<Vec<ReportRow>>,
}

/// The form, and the report once both dates are given.
#[handler]
pub async fn payments_report_page(
    visit: Visit,
    services: Data<&Services>,
    Query(query): Query<ReportQuery>,
) -> Response {
    let actor = match require_finance(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let frame = Frame::new(&visit, "/finance/reports/payments", "finance-report-title");
    let tr = frame.tr;
    let (mut from, mut to) = date_fields(tr, &query);
    let mut errors = FormErrors::default();
    let mut status = StatusCode::OK;
    let mut rows = None;
    if !query.is_empty() {
        match (from.read(tr, &mut errors), to.read(tr, &mut errors)) {
            (Some(first), Some(last)) => match services.payments_report(actor, (first, last)).await
            {
                Ok(found) => {
                    rows = Some(found.into_iter().map(|row| report_row(row, tr)).collect())
                }
                Err(error) => match explain(error, &visit, "from") {
                    Ok((refused, field_error)) => {
                        status = refused;
                        errors.0.push(field_error);
                    }
                    Err(response) => return *response,
                },
            },
            _ => status = StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
    from.refuse(&errors);
    to.refuse(&errors);
    let page = ReportPage {
        frame,
        errors,
        from,
        to,
        rows,
    };
    render(&page, status)
}

fn date_fields(tr: Tr, query: &ReportQuery) -> (DateField, DateField) {
    let from = DateParts {
        day: query.from_day.clone(),
        month: query.from_month.clone(),
        year: query.from_year.clone(),
    };
    let to = DateParts {
        day: query.to_day.clone(),
        month: query.to_month.clone(),
        year: query.to_year.clone(),
    };
    (
        DateField::new(
            "from",
            tr,
            ("finance-report-from", "finance-date-hint"),
            from,
        ),
        DateField::new("to", tr, ("finance-report-to", "finance-date-hint"), to),
    )
}

fn report_row(row: crate::service::payments::PaymentsReportRow, tr: Tr) -> ReportRow {
    ReportRow {
        period: row.period,
        currency: row.total.currency().code(),
        payee_kind: tr
            .t(&format!("finance-payee-kind-{}", row.payee_kind))
            .to_owned(),
        payments: row.payments,
        total: money(tr, row.total),
    }
}
