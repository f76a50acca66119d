//! Payout over HTTP: payment orders, bank batches and their files, the bank's confirmations, the
//! payments report and approval limits. Finance roles act; auditors read.

use chrono::{DateTime, NaiveDate, Utc};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Binary, Json, PlainText};
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use serde::Deserialize;

use super::Tag;
use super::body::{JsonBody, OptionalJsonBody};
use super::problem::ApiError;
use super::security::BearerAuth;
use crate::domain::claim::PersonalText;
use crate::domain::money::{Currency, Money};
use crate::domain::payments::PaymentOrderId;
use crate::domain::payout::{Bic, Iban, OrderState, PayeeKind, RemittanceReference};
use crate::domain::{ClaimId, UserId};
use crate::service::Services;
use crate::service::payments::{
    BankConfirmation, ConfirmationResult, ExportFormat, InstalmentPlan, OrderRequest,
    PaymentsReportRow,
};
use crate::store::payments::{Payee, StoredBatch, StoredOrder};

pub struct PaymentsApi {
    pub services: Services,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct InstalmentsBody {
    /// 1 to 60 instalments; the first takes any remainder of the division.
    pub count: u32,
    pub first_due_on: NaiveDate,
    pub interval_days: u32,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct PaymentOrderBody {
    pub payee_kind: PayeeKind,
    #[oai(validator(min_length = 1, max_length = 140))]
    pub payee_name: String,
    /// With or without spaces; validated with the country's rules.
    pub iban: String,
    pub bic: Option<String>,
    /// A decimal string in the claim's currency, such as `"1500.00"`.
    pub amount: String,
    /// What the payee's bank statement shows: up to 140 characters of the SEPA character set.
    pub reference: String,
    pub instalments: Option<InstalmentsBody>,
    /// The id of a returned order this one pays again.
    pub reissue_of: Option<i64>,
}

#[derive(Object)]
pub struct PaymentOrderView {
    pub id: i64,
    pub claim_id: i64,
    pub payee_kind: PayeeKind,
    pub payee_name: String,
    pub iban: String,
    pub bic: Option<String>,
    pub amount: String,
    pub currency: String,
    pub reference: String,
    pub due_on: Option<NaiveDate>,
    pub reissue_of: Option<i64>,
    pub state: OrderState,
    pub prepared_by: i64,
    pub prepared_at: DateTime<Utc>,
    pub approved_by: Option<i64>,
    pub batch_id: Option<i64>,
    /// How the bank files name the order.
    pub end_to_end_id: String,
}

impl From<StoredOrder> for PaymentOrderView {
    fn from(order: StoredOrder) -> Self {
        PaymentOrderView {
            id: order.id.0,
            claim_id: order.claim.0,
            payee_kind: order.order.payee.kind,
            payee_name: order.order.payee.name,
            iban: order.order.payee.iban.to_string(),
            bic: order.order.payee.bic.map(|bic| bic.to_string()),
            amount: order.order.amount.amount().to_string(),
            currency: order.order.amount.currency().code().to_owned(),
            reference: order.order.reference.to_string(),
            due_on: order.order.due_on,
            reissue_of: order.order.reissue_of.map(|order| order.0),
            state: order.state,
            prepared_by: order.prepared_by.0,
            prepared_at: order.prepared_at,
            approved_by: order.approved_by.map(|user| user.0),
            batch_id: order.batch,
            end_to_end_id: crate::service::payments::end_to_end_id(order.id),
        }
    }
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    #[oai(validator(max_length = 2000))]
    pub reason: Option<String>,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct BatchBody {
    /// Every approved order in this currency goes into the batch.
    pub currency: Currency,
    pub requested_execution_date: NaiveDate,
}

#[derive(Object)]
pub struct BatchView {
    pub id: i64,
    pub currency: String,
    pub requested_execution_date: NaiveDate,
    pub order_count: i32,
    pub total: String,
    pub created_by: i64,
    pub created_at: DateTime<Utc>,
    pub orders: Vec<PaymentOrderView>,
}

fn batch_view(batch: StoredBatch, orders: Vec<StoredOrder>) -> BatchView {
    BatchView {
        id: batch.id,
        currency: batch.currency.code().to_owned(),
        requested_execution_date: batch.requested_execution_date,
        order_count: batch.order_count,
        total: batch.total.amount().to_string(),
        created_by: batch.created_by.0,
        created_at: batch.created_at,
        orders: orders.into_iter().map(Into::into).collect(),
    }
}

#[derive(Enum, Clone, Copy, Deserialize)]
#[oai(rename_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum ConfirmationStatus {
    Paid,
    Returned,
}

/// One line of the bank's statement.
#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationBody {
    /// The order's `end_to_end_id`, as the bank echoes it.
    pub end_to_end_id: String,
    pub status: ConfirmationStatus,
    /// Required when paid.
    #[oai(validator(max_length = 35))]
    pub bank_reference: Option<String>,
    /// The day the bank paid or returned it.
    pub date: NaiveDate,
    /// Required when returned.
    #[oai(validator(max_length = 500))]
    pub reason: Option<String>,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationsBody {
    #[oai(validator(min_items = 1, max_items = 10000))]
    pub confirmations: Vec<ConfirmationBody>,
}

#[derive(Object)]
pub struct ConfirmationResultView {
    pub order_id: i64,
    /// `recorded`, or `already_recorded` when an earlier import recorded it.
    pub result: String,
}

#[derive(Object, Deserialize)]
#[oai(deny_unknown_fields)]
#[serde(deny_unknown_fields)]
pub struct ApprovalLimitBody {
    pub currency: Currency,
    /// The largest order the user may approve, such as `"5000.00"`.
    pub amount: String,
}

#[derive(Object)]
pub struct PaymentsReportView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<PaymentsReportRowView>,
}

/// Payments confirmed in one month, currency and kind of payee.
#[derive(Object)]
pub struct PaymentsReportRowView {
    /// Such as `2026-11`.
    pub period: String,
    pub currency: String,
    pub payee_kind: PayeeKind,
    pub payments: u64,
    pub total: String,
}

impl From<PaymentsReportRow> for PaymentsReportRowView {
    fn from(row: PaymentsReportRow) -> Self {
        PaymentsReportRowView {
            period: row.period,
            currency: row.total.currency().code().to_owned(),
            payee_kind: row.payee_kind,
            payments: row.payments,
            total: row.total.amount().to_string(),
        }
    }
}

#[derive(Enum, Clone, Copy)]
#[oai(rename_all = "lowercase")]
pub enum ExportFormatParam {
    /// ISO 20022 pain.001.001.09 credit transfers (SEPA for EUR).
    Pain001,
    /// One line per order, for banks without ISO 20022.
    Csv,
}

#[derive(ApiResponse)]
pub enum Prepared {
    /// The orders prepared: one, or one per instalment.
    #[oai(status = 201)]
    Created(Json<Vec<PaymentOrderView>>),
}

#[derive(ApiResponse)]
pub enum BatchCreated {
    #[oai(status = 201)]
    Created(Json<BatchView>),
}

#[derive(ApiResponse)]
pub enum BankFile {
    #[oai(status = 200, content_type = "application/xml")]
    Xml(Binary<Vec<u8>>),
    #[oai(status = 200, content_type = "text/csv")]
    Csv(Binary<Vec<u8>>),
}

#[derive(ApiResponse)]
pub enum LimitSet {
    #[oai(status = 204)]
    NoContent,
}

#[OpenApi(prefix_path = "/api/v1", tag = "Tag::Payments")]
impl PaymentsApi {
    /// Prepare a payment order on a claim in payment (finance officers); with `instalments`,
    /// one order per instalment. Orders still live never add up to more than the award less
    /// interim payments (422 `exceeds_obligation`).
    #[oai(path = "/claims/:id/payment-orders", method = "post")]
    async fn prepare(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<PaymentOrderBody>,
    ) -> Result<Prepared, ApiError> {
        let request = order_request(body.0)?;
        let orders = self
            .services
            .prepare_payment_orders(&auth.0.actor, ClaimId(id.0), request)
            .await?;
        Ok(Prepared::Created(Json(
            orders.into_iter().map(Into::into).collect(),
        )))
    }

    /// Approve an order (finance approvers): never one's own, and within one's approval limit.
    #[oai(path = "/payment-orders/:id/approve", method = "post")]
    async fn approve(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<PaymentOrderView>, ApiError> {
        let order = self
            .services
            .approve_payment_order(&auth.0.actor, PaymentOrderId(id.0))
            .await?;
        Ok(Json(order.into()))
    }

    /// Cancel an order before it is exported to the bank; the body, with its reason, is
    /// optional.
    #[oai(path = "/payment-orders/:id/cancel", method = "post")]
    async fn cancel(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: OptionalJsonBody<CancelBody>,
    ) -> Result<Json<PaymentOrderView>, ApiError> {
        let reason = body.0.and_then(|body| body.reason);
        let order = self
            .services
            .cancel_payment_order(&auth.0.actor, PaymentOrderId(id.0), reason)
            .await?;
        Ok(Json(order.into()))
    }

    /// Payment orders, oldest first, optionally in one state; `after` an id for the next page.
    #[oai(path = "/payment-orders", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        state: Query<Option<OrderState>>,
        after: Query<Option<i64>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "500")))] limit: Query<Option<u64>>,
    ) -> Result<Json<Vec<PaymentOrderView>>, ApiError> {
        let page = (after.0.map(PaymentOrderId), limit.0.unwrap_or(100));
        let orders = self
            .services
            .payment_orders(&auth.0.actor, state.0, page)
            .await?;
        Ok(Json(orders.into_iter().map(Into::into).collect()))
    }

    #[oai(path = "/payment-orders/:id", method = "get")]
    async fn order(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
    ) -> Result<Json<PaymentOrderView>, ApiError> {
        let order = self
            .services
            .payment_order(&auth.0.actor, PaymentOrderId(id.0))
            .await?;
        Ok(Json(order.into()))
    }

    /// Put every approved order of a currency into a batch for the bank (finance officers).
    #[oai(path = "/payment-batches", method = "post")]
    async fn create_batch(
        &self,
        auth: BearerAuth,
        body: JsonBody<BatchBody>,
    ) -> Result<BatchCreated, ApiError> {
        let actor = auth.0.actor;
        let batch = self
            .services
            .create_payment_batch(&actor, body.0.currency, body.0.requested_execution_date)
            .await?;
        let (batch, orders) = self.services.payment_batch(&actor, batch.id).await?;
        Ok(BatchCreated::Created(Json(batch_view(batch, orders))))
    }

    #[oai(path = "/payment-batches/:id", method = "get")]
    async fn batch(&self, auth: BearerAuth, id: Path<i64>) -> Result<Json<BatchView>, ApiError> {
        let (batch, orders) = self.services.payment_batch(&auth.0.actor, id.0).await?;
        Ok(Json(batch_view(batch, orders)))
    }

    /// The batch as the bank takes it; the same batch always gives the same bytes.
    #[oai(path = "/payment-batches/:id/export", method = "get")]
    async fn export(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        format: Query<ExportFormatParam>,
    ) -> Result<BankFile, ApiError> {
        let format = match format.0 {
            ExportFormatParam::Pain001 => ExportFormat::Pain001,
            ExportFormatParam::Csv => ExportFormat::Csv,
        };
        let bytes = self
            .services
            .export_payment_batch(&auth.0.actor, id.0, format)
            .await?;
        Ok(match format {
            ExportFormat::Pain001 => BankFile::Xml(Binary(bytes)),
            ExportFormat::Csv => BankFile::Csv(Binary(bytes)),
        })
    }

    /// Record the bank's confirmations of the batch's orders (finance approvers). Importing the
    /// same statement again records nothing twice.
    #[oai(path = "/payment-batches/:id/confirmations", method = "post")]
    async fn confirm(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<ConfirmationsBody>,
    ) -> Result<Json<Vec<ConfirmationResultView>>, ApiError> {
        let confirmations = body
            .0
            .confirmations
            .into_iter()
            .enumerate()
            .map(|(index, confirmation)| confirmation_from_body(index, confirmation))
            .collect::<Result<Vec<_>, ApiError>>()?;
        self.confirmed(auth, id.0, confirmations).await
    }

    /// The same, from the bank's statement as CSV: a header line
    /// `end_to_end_id,status,bank_reference,date,reason`, then one line per order.
    #[oai(path = "/payment-batches/:id/statement", method = "post")]
    async fn statement(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: PlainText<String>,
    ) -> Result<Json<Vec<ConfirmationResultView>>, ApiError> {
        let lines = crate::bank::statement::parse(&body.0)
            .map_err(|error| ApiError::invalid("statement", &error.to_string()))?;
        let confirmations = lines
            .into_iter()
            .enumerate()
            .map(|(index, line)| {
                let order = order_of(index, &line.end_to_end_id)?;
                Ok(BankConfirmation {
                    order,
                    outcome: line.outcome,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        self.confirmed(auth, id.0, confirmations).await
    }

    /// Payments confirmed from `from` to `to` (both included), totalled per month, currency and
    /// kind of payee.
    #[oai(path = "/reports/payments", method = "get")]
    async fn report(
        &self,
        auth: BearerAuth,
        from: Query<NaiveDate>,
        to: Query<NaiveDate>,
    ) -> Result<Json<PaymentsReportView>, ApiError> {
        let rows = self
            .services
            .payments_report(&auth.0.actor, (from.0, to.0))
            .await?;
        Ok(Json(PaymentsReportView {
            from: from.0,
            to: to.0,
            rows: rows.into_iter().map(Into::into).collect(),
        }))
    }

    /// Set the largest order a finance approver may approve in a currency (administrators).
    #[oai(path = "/users/:id/approval-limit", method = "put")]
    async fn set_limit(
        &self,
        auth: BearerAuth,
        id: Path<i64>,
        body: JsonBody<ApprovalLimitBody>,
    ) -> Result<LimitSet, ApiError> {
        let limit = Money::parse(&body.0.amount, body.0.currency)
            .map_err(|error| ApiError::invalid("amount", &error.to_string()))?;
        self.services
            .set_approval_limit(&auth.0.actor, UserId(id.0), limit)
            .await?;
        Ok(LimitSet::NoContent)
    }
}

impl PaymentsApi {
    async fn confirmed(
        &self,
        auth: BearerAuth,
        batch: i64,
        confirmations: Vec<BankConfirmation>,
    ) -> Result<Json<Vec<ConfirmationResultView>>, ApiError> {
        let results = self
            .services
            .confirm_payments(&auth.0.actor, batch, confirmations)
            .await?;
        Ok(Json(
            results
                .into_iter()
                .map(|(order, result)| ConfirmationResultView {
                    order_id: order.0,
                    result: match result {
                        ConfirmationResult::Recorded => "recorded",
                        ConfirmationResult::AlreadyRecorded => "already_recorded",
                    }
                    .to_owned(),
                })
                .collect(),
        ))
    }
}

fn order_request(body: PaymentOrderBody) -> Result<OrderRequest, ApiError> {
    let invalid = |field: &str, reason: String| ApiError::invalid(field, &reason);
    let iban = Iban::parse(&body.iban).map_err(|error| invalid("iban", error.to_string()))?;
    let bic = body
        .bic
        .map(|bic| Bic::parse(&bic).map_err(|error| invalid("bic", error.to_string())))
        .transpose()?;
    let reference = RemittanceReference::parse(&body.reference)
        .map_err(|error| invalid("reference", error.to_string()))?;
    let amount = super::claims::amount("amount", Some(body.amount))?.unwrap_or_default();
    let name = PersonalText::parse(&body.payee_name)
        .map_err(|error| invalid("payee_name", error.to_string()))?;
    Ok(OrderRequest {
        payee: Payee {
            kind: body.payee_kind,
            name: name.expose().to_owned(),
            iban,
            bic,
        },
        amount,
        reference,
        plan: body.instalments.map(|plan| InstalmentPlan {
            count: plan.count,
            first_due_on: plan.first_due_on,
            interval_days: plan.interval_days,
        }),
        reissue_of: body.reissue_of.map(PaymentOrderId),
    })
}

fn order_of(index: usize, end_to_end_id: &str) -> Result<PaymentOrderId, ApiError> {
    crate::service::payments::order_of_end_to_end_id(end_to_end_id).ok_or_else(|| {
        ApiError::invalid(
            &format!("confirmations[{index}].end_to_end_id"),
            "is not an order of Redress",
        )
    })
}

fn confirmation_from_body(
    index: usize,
    body: ConfirmationBody,
) -> Result<BankConfirmation, ApiError> {
    use crate::bank::ConfirmationOutcome;
    let order = order_of(index, &body.end_to_end_id)?;
    let required = |field: &str| {
        ApiError::invalid(
            &format!("confirmations[{index}].{field}"),
            "is required for this status",
        )
    };
    let outcome = match body.status {
        ConfirmationStatus::Paid => ConfirmationOutcome::Paid {
            bank_reference: body
                .bank_reference
                .ok_or_else(|| required("bank_reference"))?,
            paid_on: body.date,
        },
        ConfirmationStatus::Returned => ConfirmationOutcome::Returned {
            reason: body.reason.ok_or_else(|| required("reason"))?,
            returned_on: body.date,
        },
    };
    Ok(BankConfirmation { order, outcome })
}
