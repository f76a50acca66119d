//! Preparing a payment order on a claim in payment (finance officers): the form reads the payee,
//! the amount and an optional plan of instalments, and calls `prepare_payment_orders`, as
//! `POST /api/v1/claims/{id}/payment-orders` does. Nothing is stored unless every field is right.

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{Response, handler};
use serde::Deserialize;
use strum::IntoEnumIterator;

use super::forms::{DateField, DateParts};
use super::{FormErrors, PAYMENTS_PATH, explain, money, refused_page, require_finance};
use crate::domain::access::may_see_identity;
use crate::domain::claim::PersonalText;
use crate::domain::payments::{PaymentOrderId, obligation_of};
use crate::domain::payout::{Bic, Iban, PayeeKind, RemittanceReference};
use crate::domain::{Actor, Claim, ClaimId};
use crate::locale::parse_amount;
use crate::service::Services;
use crate::service::payments::{InstalmentPlan, OrderRequest};
use crate::store::payments::Payee;
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, render, see_other};
use crate::web::session::Visit;

/// The form as sent; every field is text, so a wrong one is shown back as typed.
#[derive(Deserialize, Default)]
pub struct PrepareForm {
    #[serde(default)]
    payee_kind: String,
    #[serde(default)]
    payee_name: String,
    #[serde(default)]
    iban: String,
    #[serde(default)]
    bic: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reference: String,
    /// The returned order this one pays again, from the returned order's "Pay again" link.
    #[serde(default)]
    reissue_of: String,
    #[serde(default)]
    instalment_count: String,
    #[serde(default)]
    interval_days: String,
    first_due_on_day: Option<String>,
    first_due_on_month: Option<String>,
    first_due_on_year: Option<String>,
}

pub struct PayeeKindOption {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "finance/prepare.html")]
struct PreparePage {
    frame: Frame,
    errors: FormErrors,
    claim_id: i64,
    reference: String,
    to_pay: String,
    /// The end-to-end id of the returned order this one pays again.
    reissues: Option<String>,
    kinds: Vec<PayeeKindOption>,
    form: PrepareForm,
    first_due_on: DateField,
    /// The payee and IBAN were filled in from the account the application names.
    from_application: bool,
}

#[derive(Deserialize)]
pub struct PrepareQuery {
    reissue_of: Option<i64>,
}

/// The form, empty but for the claim's reference, which most payments quote, and the returned
/// order it pays again, if any.
#[handler]
pub async fn prepare_order_page(
    visit: Visit,
    services: Data<&Services>,
    Path(claim): Path<i64>,
    Query(query): Query<PrepareQuery>,
) -> Response {
    let form = PrepareForm {
        payee_kind: PayeeKind::Claimant.as_str().to_owned(),
        reissue_of: query
            .reissue_of
            .map(|order| order.to_string())
            .unwrap_or_default(),
        ..PrepareForm::default()
    };
    prepare_form(&visit, &services, claim, form, FormErrors::default()).await
}

/// The form with what was sent and what was wrong with it.
async fn prepare_form(
    visit: &Visit,
    services: &Services,
    id: i64,
    mut form: PrepareForm,
    errors: FormErrors,
) -> Response {
    let actor = match require_finance(visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let claim = match services.claim(actor, ClaimId(id)).await {
        Ok(claim) => claim,
        Err(error) => return refused_page(error, visit),
    };
    let path = format!("/finance/claims/{id}/orders/new");
    let frame = Frame::new(visit, &path, "finance-prepare-title").with_exit_this_page();
    let tr = frame.tr;
    if form.reference.is_empty() && errors.is_empty() {
        form.reference = tr.with("finance-reference-default", "reference", &claim.reference);
    }
    let from_application = errors.is_empty() && fill_in_account(&mut form, actor, &claim);
    if from_application && let Err(error) = services.record_identity_read(actor, &claim).await {
        return refused_page(error, visit);
    }
    let kinds = PayeeKind::iter()
        .map(|kind| PayeeKindOption {
            value: kind.as_str(),
            label: tr.t(&format!("finance-payee-kind-{kind}")).to_owned(),
            checked: form.payee_kind == kind.as_str(),
        })
        .collect();
    let mut first_due_on = first_due_field(tr, &form);
    first_due_on.refuse(&errors);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PreparePage {
        errors,
        claim_id: id,
        reference: claim.reference.to_string(),
        to_pay: obligation_of(&claim).map_or_else(String::new, |amount| money(tr, amount)),
        kinds,
        reissues: form
            .reissue_of
            .parse()
            .ok()
            .map(|order| crate::service::payments::end_to_end_id(PaymentOrderId(order))),
        form,
        first_due_on,
        from_application,
        frame,
    };
    render(&page, status)
}

/// Fills an empty payee and IBAN with the account the application names, where the visitor may
/// see it (as the API would show it to them), unless the order pays a returned one again (the
/// account may be why it came back); whether it did.
fn fill_in_account(form: &mut PrepareForm, actor: &Actor, claim: &Claim) -> bool {
    let empty = form.payee_name.is_empty() && form.iban.is_empty() && form.reissue_of.is_empty();
    match &claim.facts.bank_account {
        Some(account) if empty && may_see_identity(actor, claim) => {
            form.payee_name = account.holder.expose().to_owned();
            form.iban = account.iban.grouped();
            true
        }
        _ => false,
    }
}

fn first_due_field(tr: Tr, form: &PrepareForm) -> DateField {
    let parts = DateParts {
        day: form.first_due_on_day.clone(),
        month: form.first_due_on_month.clone(),
        year: form.first_due_on_year.clone(),
    };
    let keys = ("finance-first-due-on", "finance-date-hint");
    DateField::new("first_due_on", tr, keys, parts)
}

/// Prepares the order (or one per instalment) and returns to the prepared orders.
#[handler]
pub async fn prepare_order(
    visit: Visit,
    services: Data<&Services>,
    Path(claim): Path<i64>,
    CsrfForm(form): CsrfForm<PrepareForm>,
) -> Response {
    let actor = match require_finance(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let request = match order_request(&form, visit.tr()) {
        Ok(request) => request,
        Err(errors) => return prepare_form(&visit, &services, claim, form, errors).await,
    };
    match services
        .prepare_payment_orders(actor, ClaimId(claim), request)
        .await
    {
        Ok(_) => see_other(&format!(
            "{PAYMENTS_PATH}?state=prepared&done=prepared#orders"
        )),
        Err(error) => match explain(error, &visit, "payee_name") {
            Ok((_, field_error)) => {
                let errors = FormErrors(vec![field_error]);
                prepare_form(&visit, &services, claim, form, errors).await
            }
            Err(response) => *response,
        },
    }
}

/// The service's request from the form, or every field that is wrong.
fn order_request(form: &PrepareForm, tr: Tr) -> Result<OrderRequest, FormErrors> {
    let mut errors = FormErrors::default();
    let mut check = |field: &str, ok: bool, key: &str| {
        if !ok {
            errors.add(field, tr.t(key).to_owned());
        }
    };
    let kind = form.payee_kind.parse::<PayeeKind>().ok();
    check("payee_kind", kind.is_some(), "finance-error-payee-kind");
    let name = PersonalText::parse(&form.payee_name).ok();
    check("payee_name", name.is_some(), "finance-error-payee-name");
    let iban = Iban::parse(&form.iban).ok();
    check("iban", iban.is_some(), "finance-error-iban");
    let bic = match form.bic.trim() {
        "" => Some(None),
        text => Bic::parse(text).ok().map(Some),
    };
    check("bic", bic.is_some(), "finance-error-bic");
    let amount = parse_amount(&form.amount).filter(|amount| amount.is_sign_positive());
    check("amount", amount.is_some(), "finance-error-amount");
    let reference = RemittanceReference::parse(&form.reference).ok();
    check("reference", reference.is_some(), "finance-error-reference");
    let reissue_of = match form.reissue_of.trim() {
        "" => Some(None),
        text => text.parse().ok().map(|order| Some(PaymentOrderId(order))),
    };
    check("payee_name", reissue_of.is_some(), "finance-error-reissue");
    let plan = instalment_plan(form, tr, &mut errors);
    match (kind, name, iban, bic, amount, reference, plan) {
        (
            Some(kind),
            Some(name),
            Some(iban),
            Some(bic),
            Some(amount),
            Some(reference),
            Some(plan),
        ) if errors.is_empty() => Ok(OrderRequest {
            payee: Payee {
                kind,
                name: name.expose().to_owned(),
                iban,
                bic,
            },
            amount,
            reference,
            plan,
            reissue_of: reissue_of.flatten(),
        }),
        _ => Err(errors),
    }
}

/// No plan when the count is left empty; otherwise the count, the first due date and the
/// interval must all be given (their ranges are the service's to check).
fn instalment_plan(
    form: &PrepareForm,
    tr: Tr,
    errors: &mut FormErrors,
) -> Option<Option<InstalmentPlan>> {
    if form.instalment_count.trim().is_empty() {
        return Some(None);
    }
    let count = form.instalment_count.trim().parse::<u32>().ok();
    if count.is_none() {
        errors.add(
            "instalment_count",
            tr.t("finance-error-instalment-count").to_owned(),
        );
    }
    let interval_days = form.interval_days.trim().parse::<u32>().ok();
    if interval_days.is_none() {
        errors.add(
            "interval_days",
            tr.t("finance-error-interval-days").to_owned(),
        );
    }
    let first_due_on = first_due_field(tr, form).read(tr, errors);
    Some(Some(InstalmentPlan {
        count: count?,
        first_due_on: first_due_on?,
        interval_days: interval_days?,
    }))
}
