//! `/finance/payments`: final awards awaiting payment (read through `list_claims`, as
//! `GET /api/v1/claims?state=final` reads them) and payment orders by state (`payment_orders`,
//! behind `GET /api/v1/payment-orders`), with the actions on them: starting the payout of an
//! award, approving an order (four eyes) and cancelling one before it goes to the bank.

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{Response, handler};
use serde::Deserialize;
use strum::IntoEnumIterator;

use super::{FormErrors, PAYMENTS_PATH, explain, money, refused_page, require_finance};
use crate::domain::money::Money;
use crate::domain::operations::{ClaimOperation, may_perform};
use crate::domain::payments::{PaymentOrderId, award_of};
use crate::domain::payout::{OrderAction, OrderState, allowed_actions};
use crate::domain::workflow::ActionInput;
use crate::domain::{Actor, Claim, ClaimAction, ClaimId, ClaimState};
use crate::service::Services;
use crate::service::payments::{BATCH_CREATORS, end_to_end_id};
use crate::store::claims::ClaimFilter;
use crate::store::payments::StoredOrder;
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, refusal, render, see_other};
use crate::web::session::Visit;

/// The most awards and orders one list shows (the API's largest pages); the page says when
/// there are more.
const ROWS_MAXIMUM: u64 = 200;

/// What a successful action left to say, by the `done` the redirect carries.
const DONE_KEYS: &[(&str, &str)] = &[
    ("payout_started", "finance-done-payout-started"),
    ("prepared", "finance-done-prepared"),
    ("approved", "finance-done-approved"),
    ("cancelled", "finance-done-cancelled"),
];

/// An award in a final or paying claim.
pub struct AwardRow {
    pub claim_id: i64,
    pub reference: String,
    pub state: String,
    pub award: String,
    /// What orders may still ask for: the award less interim payments and live orders.
    pub to_pay: String,
    /// Final: the payout has to be started; in payment: orders are prepared.
    pub starts_payout: bool,
    /// Orders already cover the whole award: there is nothing left to prepare.
    pub fully_ordered: bool,
}

impl AwardRow {
    fn new(claim: &Claim, to_order: Option<Money>, tr: Tr) -> AwardRow {
        let worded =
            |amount: Option<Money>| amount.map_or_else(String::new, |amount| money(tr, amount));
        AwardRow {
            claim_id: claim.id.0,
            reference: claim.reference.to_string(),
            state: tr.t(&format!("state-{}", claim.state.as_str())).to_owned(),
            award: worded(award_of(claim)),
            to_pay: worded(to_order),
            starts_payout: claim.state == ClaimState::Final,
            fully_ordered: to_order.is_some_and(|amount| amount.is_zero()),
        }
    }
}

/// A payment order as the tables show it.
pub struct OrderRow {
    pub id: i64,
    pub claim_id: i64,
    pub name: String,
    pub reference: String,
    pub payee_kind: String,
    pub payee_name: String,
    /// Grouped in fours: the approver reads the account they approve payment into.
    pub iban: String,
    pub amount: String,
    pub state: String,
    pub due_on: Option<String>,
    pub batch: Option<i64>,
    pub prepared_by_visitor: bool,
    /// The id of the approve button, which a refusal's message links to.
    pub approve_anchor: String,
    /// Prepared and waiting for a second person's approval.
    pub awaits_approval: bool,
    /// Waiting for approval, and the visitor approves orders.
    pub may_approve: bool,
    pub may_cancel: bool,
    /// Returned by the bank: a new order may pay it again (the service checks it).
    pub may_reissue: bool,
}

impl OrderRow {
    pub fn new(order: &StoredOrder, tr: Tr, visitor: &Actor) -> OrderRow {
        let actions = allowed_actions(order.state);
        OrderRow {
            id: order.id.0,
            claim_id: order.claim.0,
            name: end_to_end_id(order.id),
            reference: order.order.reference.to_string(),
            payee_kind: tr
                .t(&format!("finance-payee-kind-{}", order.order.payee.kind))
                .to_owned(),
            payee_name: order.order.payee.name.clone(),
            iban: order.order.payee.iban.grouped(),
            amount: money(tr, order.order.amount),
            state: tr
                .t(&format!("finance-order-state-{}", order.state))
                .to_owned(),
            due_on: order.order.due_on.map(|date| tr.date(&date)),
            batch: order.batch,
            prepared_by_visitor: visitor.user_id == Some(order.prepared_by),
            approve_anchor: format!("approve-{}", order.id.0),
            awaits_approval: actions.contains(&OrderAction::Approve),
            may_approve: actions.contains(&OrderAction::Approve)
                && may_perform(ClaimOperation::ApprovePaymentOrder, visitor),
            may_cancel: actions.contains(&OrderAction::Cancel)
                && may_perform(ClaimOperation::CancelPaymentOrder, visitor),
            may_reissue: order.state == OrderState::Returned,
        }
    }
}

pub struct StateLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "finance/payments.html")]
struct PaymentsPage {
    frame: Frame,
    errors: FormErrors,
    done: Option<String>,
    awards: Vec<AwardRow>,
    awards_truncated: bool,
    state_links: Vec<StateLink>,
    state_label: String,
    orders: Vec<OrderRow>,
    orders_truncated: bool,
    /// The orders shown are approved and the visitor may put them into a batch.
    batchable: bool,
    /// The visitor prepares orders (and so starts payouts): the awards offer them.
    prepares: bool,
}

#[derive(Deserialize)]
pub struct PaymentsQuery {
    state: Option<String>,
    done: Option<String>,
}

/// Awards awaiting payment and the orders in one state (prepared unless chosen).
#[handler]
pub async fn payments_page(
    visit: Visit,
    services: Data<&Services>,
    Query(query): Query<PaymentsQuery>,
) -> Response {
    let state = query
        .state
        .as_deref()
        .and_then(|state| state.parse::<OrderState>().ok())
        .unwrap_or(OrderState::Prepared);
    let done = query.done.as_deref().and_then(|done| {
        DONE_KEYS
            .iter()
            .find(|(name, _)| *name == done)
            .map(|(_, key)| *key)
    });
    let shown = Shown {
        state,
        done,
        errors: FormErrors::default(),
    };
    overview(&visit, &services, shown, StatusCode::OK).await
}

/// What the overview shows besides the lists.
struct Shown {
    state: OrderState,
    done: Option<&'static str>,
    errors: FormErrors,
}

/// The overview with `shown`, answered with `status` (a refused action re-renders it).
async fn overview(
    visit: &Visit,
    services: &Services,
    shown: Shown,
    status: StatusCode,
) -> Response {
    let actor = match require_finance(visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let lists = async {
        let awards = awaiting_payment(services, actor).await?;
        let mut to_order = Vec::with_capacity(awards.0.len());
        for claim in &awards.0 {
            to_order.push(services.still_to_order(actor, claim).await?);
        }
        let orders = services
            .payment_orders(actor, Some(shown.state), (None, ROWS_MAXIMUM + 1))
            .await?;
        Ok::<_, crate::service::ServiceError>((awards, to_order, orders))
    };
    let ((awards, awards_truncated), to_order, mut orders) = match lists.await {
        Ok(lists) => lists,
        Err(error) => {
            tracing::error!(error = %error, "listing awards and payment orders failed");
            return refusal(visit, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let orders_truncated = orders.len() as u64 > ROWS_MAXIMUM;
    orders.truncate(ROWS_MAXIMUM as usize);
    let frame = Frame::new(visit, PAYMENTS_PATH, "finance-payments-title").with_exit_this_page();
    let tr = frame.tr;
    let state_links = OrderState::iter()
        .map(|state| StateLink {
            label: tr.t(&format!("finance-order-state-{state}")).to_owned(),
            href: format!("{PAYMENTS_PATH}?state={state}#orders"),
            current: state == shown.state,
        })
        .collect();
    let page = PaymentsPage {
        errors: shown.errors,
        done: shown.done.map(|key| tr.t(key).to_owned()),
        awards: awards
            .iter()
            .zip(to_order)
            .map(|(claim, to_order)| AwardRow::new(claim, to_order, tr))
            .collect(),
        awards_truncated,
        state_links,
        state_label: tr
            .t(&format!("finance-order-state-{}", shown.state))
            .to_owned(),
        orders: orders
            .iter()
            .map(|order| OrderRow::new(order, tr, actor))
            .collect(),
        orders_truncated,
        batchable: shown.state == OrderState::Approved
            && actor.acting_role(BATCH_CREATORS).is_some(),
        prepares: may_perform(ClaimOperation::PreparePaymentOrder, actor),
        frame,
    };
    render(&page, status)
}

/// Claims whose award is final and waits for its payout to start, then those being paid.
async fn awaiting_payment(
    services: &Services,
    actor: &Actor,
) -> Result<(Vec<Claim>, bool), crate::service::ServiceError> {
    let mut claims = Vec::new();
    let mut truncated = false;
    for state in [ClaimState::Final, ClaimState::InPayment] {
        let filter = ClaimFilter {
            state: Some(state),
            ..ClaimFilter::default()
        };
        let (found, next) = services
            .list_claims(actor, filter, false, (0, ROWS_MAXIMUM))
            .await?;
        truncated |= next.is_some();
        claims.extend(found);
    }
    Ok((claims, truncated))
}

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub struct EmptyForm {}

/// Starts the payout of a final award (finance officers), as
/// `POST /api/v1/claims/{id}/actions/start_payout` does.
#[handler]
pub async fn start_payout(
    visit: Visit,
    services: Data<&Services>,
    Path(claim): Path<i64>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Response {
    let actor = match require_finance(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let started = services
        .perform(
            actor,
            ClaimId(claim),
            ClaimAction::StartPayout,
            ActionInput::default(),
            None,
        )
        .await;
    let anchor = format!("start-payout-{claim}");
    let next = format!("{PAYMENTS_PATH}?done=payout_started");
    after_action(&visit, &services, started.map(|_| ()), (&anchor, &next)).await
}

/// Approves an order (finance approvers, never their own), as
/// `POST /api/v1/payment-orders/{id}/approve` does.
#[handler]
pub async fn approve_order(
    visit: Visit,
    services: Data<&Services>,
    Path(order): Path<i64>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Response {
    let actor = match require_finance(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let approved = services
        .approve_payment_order(actor, PaymentOrderId(order))
        .await;
    let anchor = format!("approve-{order}");
    let next = format!("{PAYMENTS_PATH}?state=approved&done=approved#orders");
    after_action(&visit, &services, approved.map(|_| ()), (&anchor, &next)).await
}

/// After an action on the overview: to `next` when it was done, else the overview again with
/// the refusal in words, linked to the action's button `anchor`.
async fn after_action(
    visit: &Visit,
    services: &Services,
    result: Result<(), crate::service::ServiceError>,
    (anchor, next): (&str, &str),
) -> Response {
    let error = match result {
        Ok(()) => return see_other(next),
        Err(error) => error,
    };
    let (status, field_error) = match explain(error, visit, anchor) {
        Ok(explained) => explained,
        Err(response) => return *response,
    };
    let shown = Shown {
        state: OrderState::Prepared,
        done: None,
        errors: FormErrors(vec![field_error]),
    };
    overview(visit, services, shown, status).await
}

#[derive(Template)]
#[template(path = "finance/cancel.html")]
struct CancelPage {
    frame: Frame,
    errors: FormErrors,
    order: OrderRow,
    reason: String,
}

/// Asks for a reason before an order is cancelled.
#[handler]
pub async fn cancel_order_page(
    visit: Visit,
    services: Data<&Services>,
    Path(order): Path<i64>,
) -> Response {
    let blank = (FormErrors::default(), String::new());
    cancel_form(&visit, &services, order, blank, StatusCode::OK).await
}

async fn cancel_form(
    visit: &Visit,
    services: &Services,
    id: i64,
    (errors, reason): (FormErrors, String),
    status: StatusCode,
) -> Response {
    let actor = match require_finance(visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let order = match services.payment_order(actor, PaymentOrderId(id)).await {
        Ok(order) => order,
        Err(error) => return refused_page(error, visit),
    };
    let path = format!("/finance/orders/{id}/cancel");
    let frame = Frame::new(visit, &path, "finance-cancel-title").with_exit_this_page();
    let order = OrderRow::new(&order, frame.tr, actor);
    let page = CancelPage {
        frame,
        errors,
        order,
        reason,
    };
    render(&page, status)
}

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    reason: String,
}

/// Reasons longer than this are refused, as the API refuses them.
const REASON_CHARACTERS_MAXIMUM: usize = 2000;

/// Cancels an order before it goes to the bank, as `POST /api/v1/payment-orders/{id}/cancel`.
#[handler]
pub async fn cancel_order(
    visit: Visit,
    services: Data<&Services>,
    Path(order): Path<i64>,
    CsrfForm(form): CsrfForm<CancelForm>,
) -> Response {
    let actor = match require_finance(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let tr = visit.tr();
    if form.reason.chars().count() > REASON_CHARACTERS_MAXIMUM {
        let mut errors = FormErrors::default();
        errors.add("reason", tr.t("finance-error-reason-too-long").to_owned());
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return cancel_form(&visit, &services, order, (errors, form.reason), status).await;
    }
    let reason = Some(form.reason.trim().to_owned()).filter(|reason| !reason.is_empty());
    match services
        .cancel_payment_order(actor, PaymentOrderId(order), reason)
        .await
    {
        Ok(_) => see_other(&format!(
            "{PAYMENTS_PATH}?state=cancelled&done=cancelled#orders"
        )),
        Err(error) => match explain(error, &visit, "reason") {
            Ok((status, field_error)) => {
                let errors = FormErrors(vec![field_error]);
                cancel_form(&visit, &services, order, (errors, form.reason), status).await
            }
            Err(response) => *response,
        },
    }
}
