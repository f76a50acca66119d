//! Bank batches: putting approved orders into a batch (`create_payment_batch`, as
//! `POST /api/v1/payment-batches`), the batch with its orders, its files for the bank
//! (`export_payment_batch`, as `GET /api/v1/payment-batches/{id}/export`) and the bank's
//! statement uploaded as a file (`confirm_payments`, as `POST .../statement`), whose every line
//! is checked before any is recorded.

use askama::Template;
use poem::http::{StatusCode, header};
use poem::web::{Data, Multipart, Path, Query};
use poem::{IntoResponse, Response, handler};
use serde::Deserialize;
use strum::IntoEnumIterator;

use super::forms::{DateField, DateParts};
use super::payments::OrderRow;
use super::{FieldError, FormErrors, explain, money, refused_page, require_finance};
use crate::bank::BankError;
use crate::domain::money::Currency;
use crate::domain::operations::{ClaimOperation, may_perform};
use crate::service::ServiceError;
use crate::service::Services;
use crate::service::payments::{
    BankConfirmation, ConfirmationResult, ExportFormat, order_of_end_to_end_id,
};
use crate::web::csrf::{CsrfForm, CsrfMultipart, read_limited};
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, render, see_other};
use crate::web::session::Visit;

/// A bank's statement for a batch is small; a larger upload is refused unread.
const STATEMENT_BYTES_MAXIMUM: u64 = 2 * 1024 * 1024;

pub struct CurrencyOption {
    pub code: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "finance/batch_new.html")]
struct NewBatchPage {
    frame: Frame,
    errors: FormErrors,
    currencies: Vec<CurrencyOption>,
    execution_date: DateField,
}

#[derive(Deserialize, Default)]
pub struct BatchForm {
    #[serde(default)]
    currency: String,
    requested_execution_date_day: Option<String>,
    requested_execution_date_month: Option<String>,
    requested_execution_date_year: Option<String>,
}

/// Asks for the currency and the day the bank is to pay.
#[handler]
pub async fn new_batch_page(visit: Visit) -> Response {
    let form = BatchForm {
        currency: Currency::Eur.code().to_owned(),
        ..BatchForm::default()
    };
    new_batch_form(&visit, form, FormErrors::default(), StatusCode::OK)
}

fn execution_date_field(tr: Tr, form: &BatchForm) -> DateField {
    let parts = DateParts {
        day: form.requested_execution_date_day.clone(),
        month: form.requested_execution_date_month.clone(),
        year: form.requested_execution_date_year.clone(),
    };
    let keys = ("finance-execution-date", "finance-date-hint");
    DateField::new("requested_execution_date", tr, keys, parts)
}

fn new_batch_form(
    visit: &Visit,
    form: BatchForm,
    errors: FormErrors,
    status: StatusCode,
) -> Response {
    if let Err(refused) = require_finance(visit) {
        return *refused;
    }
    let frame = Frame::new(visit, "/finance/batches/new", "finance-batch-new-title");
    let mut execution_date = execution_date_field(frame.tr, &form);
    execution_date.refuse(&errors);
    let currencies = Currency::iter()
        .map(|currency| CurrencyOption {
            code: currency.code(),
            checked: form.currency == currency.code(),
        })
        .collect();
    let page = NewBatchPage {
        frame,
        errors,
        currencies,
        execution_date,
    };
    render(&page, status)
}

/// Puts every approved order of the currency into a batch, then shows it.
#[handler]
pub async fn create_batch(
    visit: Visit,
    services: Data<&Services>,
    CsrfForm(form): CsrfForm<BatchForm>,
) -> Response {
    let actor = match require_finance(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let tr = visit.tr();
    let mut errors = FormErrors::default();
    let currency = Currency::iter().find(|currency| currency.code() == form.currency);
    if currency.is_none() {
        errors.add("currency", tr.t("finance-error-currency").to_owned());
    }
    let date = execution_date_field(tr, &form).read(tr, &mut errors);
    let (Some(currency), Some(date)) = (currency, date) else {
        return new_batch_form(&visit, form, errors, StatusCode::UNPROCESSABLE_ENTITY);
    };
    match services.create_payment_batch(actor, currency, date).await {
        Ok(batch) => see_other(&format!("/finance/batches/{}?done=created", batch.id)),
        Err(error) => match explain(error, &visit, "currency") {
            Ok((status, field_error)) => {
                new_batch_form(&visit, form, FormErrors(vec![field_error]), status)
            }
            Err(response) => *response,
        },
    }
}

pub struct BatchSummary {
    pub id: i64,
    pub name: String,
    pub currency: &'static str,
    pub execution_date: String,
    pub order_count: i32,
    pub total: String,
    pub created_on: String,
}

#[derive(Template)]
#[template(path = "finance/batch.html")]
struct BatchPage {
    frame: Frame,
    errors: FormErrors,
    done: Option<String>,
    batch: BatchSummary,
    orders: Vec<OrderRow>,
    /// The visitor records the bank's confirmations: the statement upload is theirs.
    confirms: bool,
}

#[derive(Deserialize)]
pub struct BatchQuery {
    done: Option<String>,
    recorded: Option<u32>,
    already: Option<u32>,
}

/// The batch, its orders as they stand, its files and the statement upload.
#[handler]
pub async fn batch_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    Query(query): Query<BatchQuery>,
) -> Response {
    let tr = visit.tr();
    let done = match query.done.as_deref() {
        Some("created") => Some(tr.t("finance-done-batch-created").to_owned()),
        Some("confirmed") => Some(
            tr.with(
                "finance-done-confirmed",
                "recorded",
                &query.recorded.unwrap_or(0),
            ) + " "
                + &tr.with(
                    "finance-done-already-recorded",
                    "already",
                    &query.already.unwrap_or(0),
                ),
        ),
        _ => None,
    };
    show_batch(
        &visit,
        &services,
        id,
        (FormErrors::default(), done),
        StatusCode::OK,
    )
    .await
}

async fn show_batch(
    visit: &Visit,
    services: &Services,
    id: i64,
    (errors, done): (FormErrors, Option<String>),
    status: StatusCode,
) -> Response {
    let actor = match require_finance(visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let (batch, orders) = match services.payment_batch(actor, id).await {
        Ok(found) => found,
        Err(error) => return refused_page(error, visit),
    };
    let path = format!("/finance/batches/{id}");
    let frame = Frame::new(visit, &path, "finance-batch-title").with_exit_this_page();
    let tr = frame.tr;
    let summary = BatchSummary {
        id: batch.id,
        name: tr.with("finance-batch-name", "batch", &batch.id),
        currency: batch.currency.code(),
        execution_date: tr.date(&batch.requested_execution_date),
        order_count: batch.order_count,
        total: money(tr, batch.total),
        created_on: tr.date(&batch.created_at.date_naive()),
    };
    let page = BatchPage {
        errors,
        done,
        batch: summary,
        orders: orders
            .iter()
            .map(|order| OrderRow::new(order, tr, actor))
            .collect(),
        confirms: may_perform(ClaimOperation::ConfirmPayment, actor),
        frame,
    };
    render(&page, status)
}

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

/// The batch's file for the bank, as a download: pain.001 XML, or CSV with `?format=csv`.
#[handler]
pub async fn export_batch(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    Query(query): Query<ExportQuery>,
) -> Response {
    let actor = match require_finance(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let (format, content_type, extension) = match query.format.as_deref() {
        Some("csv") => (ExportFormat::Csv, "text/csv; charset=utf-8", "csv"),
        _ => (ExportFormat::Pain001, "application/xml", "xml"),
    };
    match services.export_payment_batch(actor, id, format).await {
        Ok(bytes) => bytes
            .with_content_type(content_type)
            .with_header(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"redress-batch-{id}.{extension}\""),
            )
            .into_response(),
        Err(error) => match explain(error, &visit, "downloads") {
            Ok((status, field_error)) => {
                let errors = FormErrors(vec![field_error]);
                show_batch(&visit, &services, id, (errors, None), status).await
            }
            Err(response) => *response,
        },
    }
}

/// Records the bank's statement, uploaded as the CSV file the bank sends; a bad line is named
/// and nothing is recorded.
#[handler]
pub async fn upload_statement(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfMultipart(multipart): CsrfMultipart,
) -> Response {
    let actor = match require_finance(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let tr = visit.tr();
    let text = match read_statement(multipart).await {
        Some(text) => text,
        None => {
            let mut errors = FormErrors::default();
            errors.add("statement", tr.t("finance-error-statement-file").to_owned());
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return show_batch(&visit, &services, id, (errors, None), status).await;
        }
    };
    let confirmations = match confirmations_of(&text, tr) {
        Ok(confirmations) => confirmations,
        Err(field_error) => {
            let errors = FormErrors(vec![field_error]);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return show_batch(&visit, &services, id, (errors, None), status).await;
        }
    };
    let names: Vec<String> = confirmations
        .iter()
        .map(|confirmation| crate::service::payments::end_to_end_id(confirmation.order))
        .collect();
    match services.confirm_payments(actor, id, confirmations).await {
        Ok(results) => {
            let count = |wanted| {
                results
                    .iter()
                    .filter(|(_, result)| *result == wanted)
                    .count()
            };
            see_other(&format!(
                "/finance/batches/{id}?done=confirmed&recorded={}&already={}",
                count(ConfirmationResult::Recorded),
                count(ConfirmationResult::AlreadyRecorded)
            ))
        }
        Err(error) => {
            let explained = match line_error(&error, &names, tr) {
                Some(field_error) => Ok((StatusCode::UNPROCESSABLE_ENTITY, field_error)),
                None => explain(error, &visit, "statement"),
            };
            match explained {
                Ok((status, field_error)) => {
                    let errors = FormErrors(vec![field_error]);
                    show_batch(&visit, &services, id, (errors, None), status).await
                }
                Err(response) => *response,
            }
        }
    }
}

/// The statement's text (the form's CSRF token was checked first); `None` when no readable
/// file was sent.
async fn read_statement(mut multipart: Multipart) -> Option<String> {
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() != Some("statement") {
            continue;
        }
        let bytes = read_limited(field, STATEMENT_BYTES_MAXIMUM + 1)
            .await
            .ok()?;
        if bytes.len() as u64 > STATEMENT_BYTES_MAXIMUM {
            return None;
        }
        return String::from_utf8(bytes)
            .ok()
            .filter(|text| !text.trim().is_empty());
    }
    None
}

/// The statement's lines as the service takes them, or the first bad line in words.
fn confirmations_of(text: &str, tr: Tr) -> Result<Vec<BankConfirmation>, FieldError> {
    let lines = crate::bank::statement::parse(text).map_err(|error| {
        let (message, detail) = match error {
            BankError::StatementLine { line, reason } => {
                (tr.with("finance-statement-line", "line", &line), reason)
            }
            BankError::StatementField {
                line,
                column,
                reason,
            } => (
                crate::texts::substitute(
                    tr.t("finance-statement-field"),
                    &[("line", &line.to_string()), ("column", column)],
                ),
                reason,
            ),
            other => (
                tr.t("finance-error-statement-file").to_owned(),
                other.to_string(),
            ),
        };
        statement_error(message, Some(detail))
    })?;
    lines
        .into_iter()
        .map(|line| match order_of_end_to_end_id(&line.end_to_end_id) {
            Some(order) => Ok(BankConfirmation {
                order,
                outcome: line.outcome,
            }),
            None => Err(statement_error(
                tr.with(
                    "finance-statement-unknown-order",
                    "order",
                    &line.end_to_end_id,
                ),
                None,
            )),
        })
        .collect()
}

fn statement_error(message: String, detail: Option<String>) -> FieldError {
    FieldError {
        field: "statement".to_owned(),
        message,
        detail,
    }
}

/// A refusal of one confirmation (`confirmations[2].date`) in words, named by its order.
fn line_error(error: &ServiceError, names: &[String], tr: Tr) -> Option<FieldError> {
    let ServiceError::InvalidItem { field, .. } = error else {
        return None;
    };
    let index: usize = field
        .strip_prefix("confirmations[")?
        .split(']')
        .next()?
        .parse()
        .ok()?;
    let order = names.get(index)?;
    let key = if field.ends_with(".date") {
        "finance-statement-date-in-future"
    } else {
        "finance-statement-not-in-batch"
    };
    Some(statement_error(tr.with(key, "order", order), None))
}
