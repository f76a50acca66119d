//! The tasks of a new claim that are not single questions: the losses claimed (GOV.UK's "add
//! another" pattern, one loss at a time), the account to pay into, and the applicant's consent.
//! Each save is an `edit_draft` with the patch `PATCH /api/v1/claims/{id}` would build, so the
//! service checks heads, amounts and IBANs exactly as it does for the API.

use std::collections::BTreeMap;

use askama::Template;
use poem::web::{Data, Path, Query};
use poem::{Response, handler};

use super::draft::{ReturnTo, open_draft};
use super::questions::RadioOption;
use super::{FormError, failure, form_frame, form_status, invalid_field, lawyer};
use crate::domain::application::{BankAccount, ClaimedLoss};
use crate::domain::claim::PersonalText;
use crate::domain::intake::FactsPatch;
use crate::domain::payout::Iban;
use crate::domain::{Actor, Claim};
use crate::locale::{format_money, parse_amount};
use crate::service::Services;
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, head_name, render, see_other};
use crate::web::session::Visit;

/// A claimed loss as the list and check answers show it.
pub struct LossRow {
    pub position: usize,
    pub head: String,
    pub amount: String,
    pub details: String,
}

pub fn loss_rows(services: &Services, claim: &Claim, tr: Tr) -> Vec<LossRow> {
    let language = tr.language.language();
    claim
        .facts
        .claimed_losses
        .iter()
        .enumerate()
        .map(|(position, loss)| LossRow {
            position,
            head: head_name(services.jurisdictions(), claim, tr, &loss.head),
            amount: loss.amount.map_or_else(
                || tr.t("lawyer-loss-amount-unknown").to_owned(),
                |amount| format_money(amount, claim.currency(), language),
            ),
            details: loss
                .details
                .as_ref()
                .map(|details| details.expose().to_owned())
                .unwrap_or_default(),
        })
        .collect()
}

/// Where the pages of a task go back to: check answers when the lawyer came from there.
struct Way {
    id: i64,
    checking: bool,
}

impl Way {
    fn new(id: i64, return_to: Option<&str>) -> Way {
        Way {
            id,
            checking: return_to == Some("check"),
        }
    }

    fn back(&self) -> String {
        match self.checking {
            true => format!("/lawyer/claims/{}/check-answers", self.id),
            false => format!("/lawyer/claims/{}", self.id),
        }
    }

    /// The page itself again, keeping the way back.
    fn again(&self, page: &str) -> String {
        let query = if self.checking { "?return=check" } else { "" };
        format!("/lawyer/claims/{}/{page}{query}", self.id)
    }

    fn return_value(&self) -> String {
        if self.checking { "check" } else { "" }.to_owned()
    }
}

#[derive(Template)]
#[template(path = "lawyer/losses.html")]
struct LossesPage {
    frame: Frame,
    errors: Vec<FormError>,
    id: i64,
    reference: String,
    losses: Vec<LossRow>,
    heads: Vec<RadioOption>,
    head_error: Option<String>,
    amount: String,
    amount_hint: String,
    amount_error: Option<String>,
    details: String,
    details_error: Option<String>,
    return_to: String,
    back: String,
}

/// The heads the jurisdiction's schedules pay, as radios in schedule order.
fn head_options(services: &Services, claim: &Claim, tr: Tr, chosen: &str) -> Vec<RadioOption> {
    let mut heads: Vec<&str> = Vec::new();
    for schedule in services.jurisdictions().schedules(&claim.jurisdiction) {
        for head in &schedule.heads {
            if !heads.contains(&head.id.as_str()) {
                heads.push(&head.id);
            }
        }
    }
    heads
        .into_iter()
        .enumerate()
        .map(|(index, head)| RadioOption {
            id: match index {
                0 => "head".to_owned(),
                _ => format!("head-{head}"),
            },
            value: head.to_owned(),
            label: head_name(services.jurisdictions(), claim, tr, head),
            checked: head == chosen,
        })
        .collect()
}

fn losses_form(
    visit: &Visit,
    services: &Services,
    (claim, way): (&Claim, &Way),
    form: &BTreeMap<String, String>,
    errors: Vec<FormError>,
) -> Response {
    let frame = form_frame(visit, &way.again("losses"), "lawyer-losses-title", &errors);
    let tr = frame.tr;
    let sent = |name: &str| form.get(name).cloned().unwrap_or_default();
    let page = LossesPage {
        id: claim.id.0,
        reference: claim.reference.to_string(),
        losses: loss_rows(services, claim, tr),
        heads: head_options(services, claim, tr, &sent("head")),
        head_error: error_at(&errors, "head"),
        amount: sent("amount"),
        amount_hint: tr.with(
            "lawyer-hint-loss-amount",
            "currency",
            &claim.currency().code(),
        ),
        amount_error: error_at(&errors, "amount"),
        details: sent("details"),
        details_error: error_at(&errors, "details"),
        return_to: way.return_value(),
        back: way.back(),
        errors,
        frame,
    };
    let status = form_status(&page.errors);
    render(&page, status)
}

/// The lawyer, the draft and the way back from its task (`return_to` is the form's or the
/// query's `return`); or the response that says why not.
async fn open_task<'visit>(
    visit: &'visit Visit,
    services: &Services,
    id: i64,
    return_to: Option<&String>,
) -> Result<(&'visit Actor, Claim, Way), Response> {
    let actor = lawyer(visit).map_err(|refused| *refused)?;
    let claim = open_draft(visit, services, actor, id).await?;
    Ok((actor, claim, Way::new(id, return_to.map(String::as_str))))
}

/// The message of the error at `anchor`, shown beside its field.
fn error_at(errors: &[FormError], anchor: &str) -> Option<String> {
    errors
        .iter()
        .find(|error| error.anchor == anchor)
        .map(|error| error.message.clone())
}

/// The losses claimed so far, and a form to add one.
#[handler]
pub async fn losses_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    Query(return_to): Query<ReturnTo>,
) -> Response {
    let (_, claim, way) = match open_task(&visit, &services, id, return_to.return_to.as_ref()).await
    {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    losses_form(
        &visit,
        &services,
        (&claim, &way),
        &BTreeMap::new(),
        Vec::new(),
    )
}

/// The loss the add form describes, or what is wrong with it, field by field.
fn posted_loss(form: &BTreeMap<String, String>, tr: Tr) -> Result<ClaimedLoss, Vec<FormError>> {
    let text = |name: &str| form.get(name).map(|text| text.trim()).unwrap_or("");
    let error = |anchor: &str, key: &str| FormError {
        anchor: anchor.to_owned(),
        message: tr.t(key).to_owned(),
    };
    let mut errors = Vec::new();
    if text("head").is_empty() {
        errors.push(error("head", "lawyer-error-loss-head"));
    }
    let amount = match text("amount") {
        "" => None,
        typed => parse_amount(typed).or_else(|| {
            errors.push(error("amount", "lawyer-error-loss-amount"));
            None
        }),
    };
    let details = match text("details") {
        "" => None,
        typed => PersonalText::parse(typed).ok().or_else(|| {
            errors.push(error("details", "lawyer-error-loss-details"));
            None
        }),
    };
    match errors.is_empty() {
        true => Ok(ClaimedLoss {
            head: text("head").to_owned(),
            amount,
            details,
        }),
        false => Err(errors),
    }
}

/// The form error for a field the service refused in a list of losses, by its last part.
fn loss_error(field: &str, tr: Tr) -> FormError {
    let (anchor, key) = match field.rsplit('.').next() {
        Some("amount") => ("amount", "lawyer-error-loss-amount"),
        Some("details") => ("details", "lawyer-error-loss-details"),
        Some("claimed_losses") => ("head", "lawyer-error-losses-too-many"),
        _ => ("head", "lawyer-error-loss-head"),
    };
    FormError {
        anchor: anchor.to_owned(),
        message: tr.t(key).to_owned(),
    }
}

/// Adds one loss to the draft's list and shows the list again.
#[handler]
pub async fn add_loss(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Response {
    let (actor, claim, way) = match open_task(&visit, &services, id, form.get("return")).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let tr = visit.tr();
    let loss = match posted_loss(&form, tr) {
        Ok(loss) => loss,
        Err(errors) => return losses_form(&visit, &services, (&claim, &way), &form, errors),
    };
    let mut losses = claim.facts.claimed_losses.clone();
    losses.push(loss);
    let patch = FactsPatch {
        claimed_losses: Some(losses),
        ..FactsPatch::default()
    };
    match services.edit_draft(actor, claim.id, patch, None).await {
        Ok(_) => see_other(&way.again("losses")),
        Err(error) => match invalid_field(&error) {
            Some(field) => {
                let errors = vec![loss_error(field, tr)];
                losses_form(&visit, &services, (&claim, &way), &form, errors)
            }
            None => failure(&visit, &error, "adding a claimed loss"),
        },
    }
}

/// Removes the loss at `position` (the form's hidden field) and shows the list again.
#[handler]
pub async fn remove_loss(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Response {
    let (actor, claim, way) = match open_task(&visit, &services, id, form.get("return")).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let mut losses = claim.facts.claimed_losses.clone();
    let position = form
        .get("position")
        .and_then(|text| text.parse::<usize>().ok());
    match position.filter(|position| *position < losses.len()) {
        Some(position) => losses.remove(position),
        // A stale page (the loss already gone): show the list as it now is.
        None => return see_other(&way.again("losses")),
    };
    let patch = FactsPatch {
        claimed_losses: Some(losses),
        ..FactsPatch::default()
    };
    match services.edit_draft(actor, claim.id, patch, None).await {
        Ok(_) => see_other(&way.again("losses")),
        Err(error) => failure(&visit, &error, "removing a claimed loss"),
    }
}

#[derive(Template)]
#[template(path = "lawyer/bank_account.html")]
struct BankAccountPage {
    frame: Frame,
    errors: Vec<FormError>,
    id: i64,
    reference: String,
    holder: String,
    holder_error: Option<String>,
    iban: String,
    iban_error: Option<String>,
    saved: bool,
    return_to: String,
    back: String,
}

fn bank_account_form(
    visit: &Visit,
    (claim, way): (&Claim, &Way),
    (holder, iban): (String, String),
    errors: Vec<FormError>,
) -> Response {
    let path = way.again("bank-account");
    let frame = form_frame(visit, &path, "lawyer-bank-account-title", &errors);
    let page = BankAccountPage {
        id: claim.id.0,
        reference: claim.reference.to_string(),
        holder,
        holder_error: error_at(&errors, "holder"),
        iban,
        iban_error: error_at(&errors, "iban"),
        saved: claim.facts.bank_account.is_some(),
        return_to: way.return_value(),
        back: way.back(),
        errors,
        frame,
    };
    let status = form_status(&page.errors);
    render(&page, status)
}

/// The account the applicant asks to be paid into, filled in when one is on file.
#[handler]
pub async fn bank_account_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    Query(return_to): Query<ReturnTo>,
) -> Response {
    let (_, claim, way) = match open_task(&visit, &services, id, return_to.return_to.as_ref()).await
    {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let on_file = claim
        .facts
        .bank_account
        .as_ref()
        .map_or_else(Default::default, |account| {
            (account.holder.expose().to_owned(), account.iban.grouped())
        });
    bank_account_form(&visit, (&claim, &way), on_file, Vec::new())
}

/// The account the form describes; `None` when both fields were left blank (the task is
/// optional), or what is wrong with it.
fn posted_account(
    form: &BTreeMap<String, String>,
    tr: Tr,
) -> Result<Option<BankAccount>, Vec<FormError>> {
    let text = |name: &str| form.get(name).map(|text| text.trim()).unwrap_or("");
    if text("holder").is_empty() && text("iban").is_empty() {
        return Ok(None);
    }
    let holder = PersonalText::parse(text("holder"));
    let iban = Iban::parse(text("iban"));
    match (holder, iban) {
        (Ok(holder), Ok(iban)) => Ok(Some(BankAccount { holder, iban })),
        (holder, iban) => {
            let error = |anchor: &str, key: &str| FormError {
                anchor: anchor.to_owned(),
                message: tr.t(key).to_owned(),
            };
            let holder = holder
                .err()
                .map(|_| error("holder", "lawyer-error-bank-holder"));
            let iban = iban.err().map(|_| error("iban", "lawyer-error-bank-iban"));
            Err(holder.into_iter().chain(iban).collect())
        }
    }
}

/// Saves the account (or removes it, with the remove button or by emptying both fields) and
/// goes back to the task list.
#[handler]
pub async fn save_bank_account(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Response {
    let (actor, claim, way) = match open_task(&visit, &services, id, form.get("return")).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let account = match form.get("remove") {
        Some(_) => Some(None),
        None => match posted_account(&form, visit.tr()) {
            Ok(Some(account)) => Some(Some(account)),
            // Both fields emptied: the applicant has no account to give (any on file goes).
            Ok(None) => Some(None),
            Err(errors) => {
                let sent = |name: &str| form.get(name).cloned().unwrap_or_default();
                let typed = (sent("holder"), sent("iban"));
                return bank_account_form(&visit, (&claim, &way), typed, errors);
            }
        },
    };
    let patch = FactsPatch {
        bank_account: account,
        ..FactsPatch::default()
    };
    match services.edit_draft(actor, claim.id, patch, None).await {
        Ok(_) if form.contains_key("remove") => see_other(&way.again("bank-account")),
        Ok(_) => see_other(&way.back()),
        Err(error) => failure(&visit, &error, "saving a bank account"),
    }
}

#[derive(Template)]
#[template(path = "lawyer/consent.html")]
struct ConsentPage {
    frame: Frame,
    errors: Vec<FormError>,
    reference: String,
    action: String,
    given: bool,
    consent_error: Option<String>,
    return_to: String,
    back: String,
}

fn consent_form(visit: &Visit, (claim, way): (&Claim, &Way), errors: Vec<FormError>) -> Response {
    let action = way.again("consent");
    let frame = form_frame(visit, &action, "lawyer-consent-title", &errors);
    let page = ConsentPage {
        reference: claim.reference.to_string(),
        action,
        given: claim.facts.consent_given,
        consent_error: errors.first().map(|error| error.message.clone()),
        return_to: way.return_value(),
        back: way.back(),
        errors,
        frame,
    };
    let status = form_status(&page.errors);
    render(&page, status)
}

/// What the applicant consents to and declares, with the box the lawyer ticks for them.
#[handler]
pub async fn consent_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    Query(return_to): Query<ReturnTo>,
) -> Response {
    let (_, claim, way) = match open_task(&visit, &services, id, return_to.return_to.as_ref()).await
    {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    consent_form(&visit, (&claim, &way), Vec::new())
}

/// Records the consent. Continue needs the box ticked; "Save and come back later" keeps
/// whatever the box says.
#[handler]
pub async fn save_consent(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Response {
    let (actor, claim, way) = match open_task(&visit, &services, id, form.get("return")).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let given = form.get("consent").map(String::as_str) == Some("yes");
    let later = form.contains_key("later");
    if !given && !later {
        let message = visit.tr().t("lawyer-error-consent").to_owned();
        let anchor = "consent".to_owned();
        return consent_form(&visit, (&claim, &way), vec![FormError { anchor, message }]);
    }
    let patch = FactsPatch {
        consent_given: Some(given),
        ..FactsPatch::default()
    };
    match services.edit_draft(actor, claim.id, patch, None).await {
        Ok(_) if later => see_other(&format!("/lawyer/claims/{id}")),
        Ok(_) => see_other(&way.back()),
        Err(error) => failure(&visit, &error, "recording the applicant's consent"),
    }
}
