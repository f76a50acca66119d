//! Filing a claim: the start page that creates the draft (`create_draft`, as
//! `POST /api/v1/claims`), the task list, one page per question saved on every Continue
//! (`edit_draft`, as `PATCH /api/v1/claims/{id}`), check answers, and submitting (`perform`
//! with `submit`, as `POST /api/v1/claims/{id}/actions/submit`) with its confirmation.

use std::collections::BTreeMap;

use askama::Template;
use poem::http::StatusCode;
use poem::web::{Data, Path, Query};
use poem::{Response, handler};
use serde::Deserialize;

use super::application;
use super::questions::{self, Field, START_FIELDS, Task};
use super::{
    FormError, document_kind_label, failure, form_frame, form_status, invalid_field, lawyer,
};
use crate::domain::error::RuleViolation;
use crate::domain::intake::FactsPatch;
use crate::domain::rules::JurisdictionId;
use crate::domain::workflow::{ActionInput, Availability};
use crate::domain::{Actor, Claim, ClaimAction, ClaimFacts, ClaimId, ClaimState, DomainError};
use crate::service::claims::NewDraft;
use crate::service::{ServiceError, Services};
use crate::store::documents::StoredDocument;
use crate::web::csrf::CsrfForm;
use crate::web::i18n::Tr;
use crate::web::pages::{Frame, render, see_other};
use crate::web::session::Visit;

/// Where a question page goes after Continue: `check` returns to check answers.
#[derive(Deserialize, Default)]
pub struct ReturnTo {
    #[serde(rename = "return")]
    pub return_to: Option<String>,
}

#[derive(Template)]
#[template(path = "lawyer/start.html")]
struct StartPage {
    frame: Frame,
    errors: Vec<FormError>,
    jurisdictions: Vec<questions::RadioOption>,
    jurisdiction_error: Option<String>,
    fields: Vec<Field>,
}

/// The jurisdictions this server serves, as radios named in the visitor's language where the
/// scheme writes in it; `chosen` is checked.
fn jurisdiction_options(services: &Services, tr: Tr, chosen: &str) -> Vec<questions::RadioOption> {
    let jurisdictions = services.jurisdictions();
    let mut all: Vec<_> = jurisdictions.all().collect();
    all.sort_by(|first, second| first.id.as_str().cmp(second.id.as_str()));
    all.into_iter()
        .enumerate()
        .map(|(index, rules)| questions::RadioOption {
            id: match index {
                0 => "jurisdiction".to_owned(),
                _ => format!("jurisdiction-{}", rules.id.as_str()),
            },
            value: rules.id.as_str().to_owned(),
            label: jurisdictions
                .text(&rules.id, tr.language.language(), "jurisdiction-name")
                .map_or_else(|| rules.name.clone(), str::to_owned),
            checked: rules.id.as_str() == chosen,
        })
        .collect()
}

fn start_questions() -> impl Iterator<Item = &'static questions::Question> {
    START_FIELDS
        .iter()
        .filter_map(|field| questions::by_field(field))
}

fn start_form(
    visit: &Visit,
    services: &Services,
    form: &BTreeMap<String, String>,
    errors: Vec<FormError>,
) -> Response {
    let frame = form_frame(visit, "/lawyer/claims/new", "lawyer-start-title", &errors);
    let tr = frame.tr;
    let chosen = form.get("jurisdiction").map_or("", String::as_str);
    let page = StartPage {
        jurisdictions: jurisdiction_options(services, tr, chosen),
        jurisdiction_error: errors
            .iter()
            .find(|error| error.anchor == "jurisdiction")
            .map(|error| error.message.clone()),
        fields: start_questions()
            .map(|question| Field::from_form(question, tr, form, &errors))
            .collect(),
        frame,
        errors,
    };
    let status = form_status(&page.errors);
    render(&page, status)
}

/// The first page of a new claim: what a draft cannot be created without.
#[handler]
pub async fn start_page(visit: Visit, services: Data<&Services>) -> Response {
    if let Err(refused) = lawyer(&visit) {
        return *refused;
    }
    start_form(&visit, &services, &BTreeMap::new(), Vec::new())
}

/// Creates the draft and opens its task list.
#[handler]
pub async fn start_claim(
    visit: Visit,
    services: Data<&Services>,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let tr = visit.tr();
    let (patch, mut errors) = questions::read_answers(start_questions(), &form, tr);
    let jurisdiction = form
        .get("jurisdiction")
        .and_then(|text| JurisdictionId::parse(text).ok());
    if jurisdiction.is_none() {
        errors.insert(0, jurisdiction_error(tr));
    }
    let (Some(jurisdiction), Some(facts)) = (jurisdiction, new_facts(patch)) else {
        return start_form(&visit, &services, &form, errors);
    };
    if !errors.is_empty() {
        return start_form(&visit, &services, &form, errors);
    }
    let draft = NewDraft {
        jurisdiction,
        facts,
        representative: None,
    };
    match services.create_draft(actor, draft).await {
        Ok(claim) => see_other(&format!("/lawyer/claims/{}", claim.id.0)),
        Err(error) => match invalid_field(&error) {
            Some("jurisdiction") => {
                start_form(&visit, &services, &form, vec![jurisdiction_error(tr)])
            }
            Some(field) => {
                let errors = questions::by_field(field).map(|question| question.error(tr));
                start_form(&visit, &services, &form, errors.into_iter().collect())
            }
            None => failure(&visit, &error, "creating a draft"),
        },
    }
}

fn jurisdiction_error(tr: Tr) -> FormError {
    FormError {
        anchor: "jurisdiction".to_owned(),
        message: tr.t("lawyer-error-jurisdiction").to_owned(),
    }
}

/// The facts of a new draft from the start page's answers, with the identity protected by
/// default where the domain says so (as the REST handler does); `None` while one is missing.
fn new_facts(patch: FactsPatch) -> Option<ClaimFacts> {
    let facts = ClaimFacts {
        offence_type: patch.offence_type?,
        crime_date: patch.crime_date?,
        applicant_kind: patch.applicant_kind?,
        applicant_name: patch.applicant_name?,
        victim_name: patch.victim_name?,
        victim_birth_date: None,
        victim_address: None,
        victim_gender: None,
        protected_identity: false,
        trafficking_identified_on: None,
        crime_discovered_on: None,
        reported_to_police: patch.reported_to_police?,
        language: patch.language?,
        claimed_losses: Vec::new(),
        bank_account: None,
        consent_given: false,
    };
    Some(ClaimFacts {
        protected_identity: facts.protected_by_default(),
        ..facts
    })
}

/// A draft claim as the lawyer may see it, with what blocks its submission and its documents.
pub struct LoadedDraft {
    pub claim: Claim,
    pub submit: Option<Availability>,
    pub documents: Vec<StoredDocument>,
    /// The filing deadline has passed and no extension was granted: said on the task list at
    /// once, not first when the lawyer submits.
    pub filing_deadline_passed: bool,
}

impl LoadedDraft {
    /// Through the services behind `GET /claims/{id}/actions` and `GET /claims/{id}/documents`;
    /// the read of a protected identity is recorded as the API's `GET /claims/{id}` records it.
    pub async fn load(
        services: &Services,
        actor: &Actor,
        id: ClaimId,
    ) -> Result<Self, ServiceError> {
        let (claim, available) = services.allowed_actions(actor, id).await?;
        services.record_identity_read(actor, &claim).await?;
        let documents = services.documents(actor, id).await?;
        let submit = available
            .into_iter()
            .find(|availability| availability.action == ClaimAction::Submit);
        let filing_deadline_passed = claim.filing_extension_reason.is_none()
            && claim
                .deadlines
                .filing
                .is_some_and(|deadline| services.today() > deadline);
        Ok(LoadedDraft {
            claim,
            submit,
            documents,
            filing_deadline_passed,
        })
    }

    fn blocked_by(&self) -> Option<&RuleViolation> {
        self.submit
            .as_ref()
            .and_then(|submit| submit.blocked_by.as_ref())
    }

    /// The facts the service says are still needed to submit.
    fn missing_fields(&self) -> &[&'static str] {
        match self.blocked_by() {
            Some(RuleViolation::RequiredFieldsMissing { fields }) => fields,
            _ => &[],
        }
    }

    fn authority_missing(&self) -> Option<crate::domain::DocumentKind> {
        match self.blocked_by() {
            Some(RuleViolation::AuthorityToActMissing { required }) => Some(*required),
            _ => None,
        }
    }
}

/// One task of the task list.
pub struct TaskRow {
    pub id: &'static str,
    pub title: String,
    pub href: Option<String>,
    /// `completed`, `in_progress`, `not_started`, `optional` or `cannot_start`.
    pub status: &'static str,
    pub status_text: String,
}

fn task_row(
    tr: Tr,
    (id, title_key): (&'static str, &'static str),
    href: Option<String>,
    status: &'static str,
) -> TaskRow {
    let status_key = match status {
        "completed" => "lawyer-status-completed",
        "in_progress" => "lawyer-status-in-progress",
        "not_started" => "lawyer-status-not-started",
        "optional" => "lawyer-status-optional",
        _ => "lawyer-status-cannot-start",
    };
    TaskRow {
        id,
        title: tr.t(title_key).to_owned(),
        href,
        status,
        status_text: tr.t(status_key).to_owned(),
    }
}

/// The losses, bank account and consent tasks: the first and last are needed to submit, the
/// account is optional.
fn application_tasks(tr: Tr, draft: &LoadedDraft) -> [TaskRow; 3] {
    let id = draft.claim.id.0;
    let missing = draft.missing_fields();
    let needed = |field: &str| match missing.contains(&field) {
        true => "not_started",
        false => "completed",
    };
    let account = match draft.claim.facts.bank_account {
        Some(_) => "completed",
        None => "optional",
    };
    let href = |page: &str| Some(format!("/lawyer/claims/{id}/{page}"));
    [
        task_row(
            tr,
            ("lawyer-task-losses", "lawyer-task-losses"),
            href("losses"),
            needed("claimed_losses"),
        ),
        task_row(
            tr,
            ("lawyer-task-bank-account", "lawyer-task-bank-account"),
            href("bank-account"),
            account,
        ),
        task_row(
            tr,
            ("lawyer-task-consent", "lawyer-task-consent"),
            href("consent"),
            needed("consent_given"),
        ),
    ]
}

#[derive(Template)]
#[template(path = "lawyer/task_list.html")]
struct TaskListPage {
    frame: Frame,
    reference: String,
    deadline: Option<String>,
    /// Why the claim cannot be submitted as it stands: its filing deadline passed.
    late: Option<String>,
    tasks: Vec<TaskRow>,
}

/// The draft's home: each task and how far it is, by what the service says is missing.
pub fn task_list(visit: &Visit, draft: &LoadedDraft) -> Response {
    let id = draft.claim.id.0;
    let frame = Frame::new(
        visit,
        &format!("/lawyer/claims/{id}"),
        "lawyer-task-list-title",
    )
    .with_exit_this_page();
    let tr = frame.tr;
    let missing = draft.missing_fields();
    let mut tasks: Vec<TaskRow> = Task::ALL
        .iter()
        .map(|task| {
            let first = task.questions().next().map(|question| question.slug());
            let incomplete = task
                .questions()
                .any(|question| missing.contains(&question.field));
            let status = if incomplete {
                "in_progress"
            } else {
                "completed"
            };
            let href = first.map(|slug| format!("/lawyer/claims/{id}/{slug}"));
            task_row(tr, (task.title_key(), task.title_key()), href, status)
        })
        .collect();
    tasks.extend(application_tasks(tr, draft));
    let documents_status = match (draft.documents.is_empty(), draft.authority_missing()) {
        (true, _) => "not_started",
        (false, Some(_)) => "in_progress",
        (false, None) => "completed",
    };
    let documents_href = Some(format!("/lawyer/claims/{id}/documents"));
    let documents = ("lawyer-task-documents", "lawyer-task-documents");
    tasks.push(task_row(tr, documents, documents_href, documents_status));
    let ready = missing.is_empty() && draft.authority_missing().is_none();
    let (check_href, check_status) = match ready {
        true => (
            Some(format!("/lawyer/claims/{id}/check-answers")),
            "not_started",
        ),
        false => (None, "cannot_start"),
    };
    let check = ("lawyer-task-check", "lawyer-task-check");
    tasks.push(task_row(tr, check, check_href, check_status));
    let filing = draft.claim.deadlines.filing;
    let deadline = filing.map(|date| tr.with("deadline-filing", "date", &tr.date(&date)));
    let late = filing
        .filter(|_| draft.filing_deadline_passed)
        .map(|date| tr.with("lawyer-filing-deadline-passed", "date", &tr.date(&date)));
    let page = TaskListPage {
        reference: draft.claim.reference.to_string(),
        deadline,
        late,
        tasks,
        frame,
    };
    render(&page, StatusCode::OK)
}

#[derive(Template)]
#[template(path = "lawyer/question.html")]
struct QuestionPage {
    frame: Frame,
    errors: Vec<FormError>,
    reference: String,
    action: String,
    return_to: String,
    back: String,
    field: Field,
}

/// A question page with the field filled in as `field` says.
fn question_form(
    visit: &Visit,
    claim: &Claim,
    question: &questions::Question,
    (field, errors): (Field, Vec<FormError>),
    return_to: &ReturnTo,
) -> Response {
    let id = claim.id.0;
    let action = format!("/lawyer/claims/{id}/{}", question.slug());
    let frame = form_frame(visit, &action, question.label_key, &errors);
    let checking = return_to.return_to.as_deref() == Some("check");
    let back = match checking {
        true => format!("/lawyer/claims/{id}/check-answers"),
        false => format!("/lawyer/claims/{id}"),
    };
    let status = form_status(&errors);
    let page = QuestionPage {
        frame,
        errors,
        reference: claim.reference.to_string(),
        action,
        return_to: if checking { "check" } else { "" }.to_owned(),
        back,
        field: Field {
            heading: true,
            ..field
        },
    };
    render(&page, status)
}

/// A draft the lawyer may see, or the response that says why not; a claim already submitted
/// sends the lawyer to its page instead.
pub(super) async fn open_draft(
    visit: &Visit,
    services: &Services,
    actor: &Actor,
    id: i64,
) -> Result<Claim, Response> {
    let claim = services
        .claim(actor, ClaimId(id))
        .await
        .map_err(|error| failure(visit, &error, "reading a draft"))?;
    if claim.state != ClaimState::Draft {
        return Err(see_other(&format!("/lawyer/claims/{id}")));
    }
    services
        .record_identity_read(actor, &claim)
        .await
        .map_err(|error| failure(visit, &error, "recording an identity read"))?;
    Ok(claim)
}

/// The lawyer, the question at `slug` and the draft it asks about; or the response that says
/// why not.
async fn open_question<'visit>(
    visit: &'visit Visit,
    services: &Services,
    (id, slug): (i64, &str),
) -> Result<(&'visit Actor, &'static questions::Question, Claim), Response> {
    let actor = lawyer(visit).map_err(|refused| *refused)?;
    let question = questions::by_slug(slug)
        .ok_or_else(|| crate::web::pages::refusal(visit, StatusCode::NOT_FOUND))?;
    let claim = open_draft(visit, services, actor, id).await?;
    Ok((actor, question, claim))
}

/// One question of a draft, with the answer on file.
#[handler]
pub async fn question_page(
    visit: Visit,
    services: Data<&Services>,
    Path((id, slug)): Path<(i64, String)>,
    Query(return_to): Query<ReturnTo>,
) -> Response {
    let (_, question, claim) = match open_question(&visit, &services, (id, &slug)).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let field = Field::new(question, visit.tr(), question.answer(&claim.facts), &[]);
    question_form(&visit, &claim, question, (field, Vec::new()), &return_to)
}

/// Saves one answer through `edit_draft` and goes on: to the task's next question, back to
/// check answers, or (Save and come back later) to the task list.
#[handler]
pub async fn save_answer(
    visit: Visit,
    services: Data<&Services>,
    Path((id, slug)): Path<(i64, String)>,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Response {
    let (actor, question, claim) = match open_question(&visit, &services, (id, &slug)).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let tr = visit.tr();
    let return_to = ReturnTo {
        return_to: form.get("return").cloned(),
    };
    let (patch, errors) = questions::read_answers(std::iter::once(question), &form, tr);
    let refused = |errors: Vec<FormError>| {
        let field = Field::from_form(question, tr, &form, &errors);
        question_form(&visit, &claim, question, (field, errors), &return_to)
    };
    if !errors.is_empty() {
        return refused(errors);
    }
    let saved = match services.edit_draft(actor, claim.id, patch, None).await {
        Ok(saved) => saved,
        Err(error) => {
            return match invalid_field(&error).and_then(questions::by_field) {
                Some(named) => refused(vec![FormError {
                    anchor: question.anchor(),
                    message: tr.t(named.error_key).to_owned(),
                }]),
                None => failure(&visit, &error, "saving an answer"),
            };
        }
    };
    see_other(&next_page(&saved, question, &form))
}

/// Where Continue leads from `question`: the task's next question that applies to the claim
/// as now saved.
fn next_page(
    claim: &Claim,
    question: &questions::Question,
    form: &BTreeMap<String, String>,
) -> String {
    let id = claim.id.0;
    if form.get("later").is_some() {
        return format!("/lawyer/claims/{id}");
    }
    if form.get("return").map(String::as_str) == Some("check") {
        return format!("/lawyer/claims/{id}/check-answers");
    }
    let mut rest = question
        .task
        .questions()
        .skip_while(|asked| asked.field != question.field)
        .skip(1)
        .filter(|next| next.applies_to(&claim.facts));
    match rest.next() {
        Some(next) => format!("/lawyer/claims/{id}/{}", next.slug()),
        None => format!("/lawyer/claims/{id}"),
    }
}

/// A row of the check answers page.
pub struct SummaryRow {
    pub anchor: String,
    pub key: String,
    pub value: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "lawyer/check_answers.html")]
struct CheckAnswersPage {
    frame: Frame,
    errors: Vec<FormError>,
    reference: String,
    id: i64,
    sections: Vec<(String, Vec<SummaryRow>)>,
}

/// The losses, the bank account and the consent as check answers shows them; each row's
/// anchor is the field a submission error names.
fn application_sections(
    visit: &Visit,
    services: &Services,
    draft: &LoadedDraft,
) -> Vec<(String, Vec<SummaryRow>)> {
    let tr = visit.tr();
    let id = draft.claim.id.0;
    let facts = &draft.claim.facts;
    let row = |anchor: &str, key: String, value: String, page: &str| SummaryRow {
        anchor: anchor.to_owned(),
        key,
        value,
        href: format!("/lawyer/claims/{id}/{page}?return=check"),
    };
    let mut losses: Vec<SummaryRow> = application::loss_rows(services, &draft.claim, tr)
        .into_iter()
        .map(|loss| {
            let value = match loss.details.is_empty() {
                true => loss.amount,
                false => format!("{} ({})", loss.amount, loss.details),
            };
            let anchor = format!("claimed_losses-{}", loss.position);
            row(&anchor, loss.head, value, "losses")
        })
        .collect();
    if losses.is_empty() {
        let none = tr.t("lawyer-losses-none").to_owned();
        losses.push(row(
            "claimed_losses",
            tr.t("lawyer-task-losses").to_owned(),
            none,
            "losses",
        ));
    }
    let account = facts.bank_account.as_ref().map_or_else(
        || tr.t("lawyer-not-provided").to_owned(),
        |account| format!("{}, {}", account.holder.expose(), account.iban.grouped()),
    );
    let account_key = tr.t("lawyer-task-bank-account").to_owned();
    let consent = tr.t(if facts.consent_given {
        "lawyer-yes"
    } else {
        "lawyer-no"
    });
    let consent_key = tr.t("lawyer-consent-confirm").to_owned();
    vec![
        (tr.t("lawyer-task-losses").to_owned(), losses),
        (
            account_key.clone(),
            vec![row("bank_account", account_key, account, "bank-account")],
        ),
        (
            tr.t("lawyer-task-consent").to_owned(),
            vec![row(
                "consent_given",
                consent_key,
                consent.to_owned(),
                "consent",
            )],
        ),
    ]
}

fn check_answers(
    visit: &Visit,
    services: &Services,
    draft: &LoadedDraft,
    errors: Vec<FormError>,
) -> Response {
    let id = draft.claim.id.0;
    let path = format!("/lawyer/claims/{id}/check-answers");
    let frame = form_frame(visit, &path, "lawyer-check-title", &errors);
    let tr = frame.tr;
    let mut sections: Vec<(String, Vec<SummaryRow>)> = Task::ALL
        .iter()
        .map(|task| {
            let rows = task
                .questions()
                .filter(|question| question.applies_to(&draft.claim.facts))
                .map(|question| {
                    let key = tr.t(question.label_key).to_owned();
                    let value = question.answer(&draft.claim.facts).map_or_else(
                        || tr.t("lawyer-not-provided").to_owned(),
                        |answer| question.shown(&answer, tr),
                    );
                    SummaryRow {
                        anchor: question.anchor(),
                        href: format!("/lawyer/claims/{id}/{}?return=check", question.slug()),
                        key,
                        value,
                    }
                })
                .collect();
            (tr.t(task.title_key()).to_owned(), rows)
        })
        .collect();
    sections.extend(application_sections(visit, services, draft));
    let documents: Vec<String> = draft
        .documents
        .iter()
        .map(|document| document_kind_label(tr, document.metadata.kind))
        .collect();
    let documents_key = tr.t("lawyer-task-documents").to_owned();
    let document_row = SummaryRow {
        anchor: "documents".to_owned(),
        value: match documents.is_empty() {
            true => tr.t("lawyer-documents-none").to_owned(),
            false => documents.join(", "),
        },
        href: format!("/lawyer/claims/{id}/documents?return=check"),
        key: documents_key.clone(),
    };
    sections.push((documents_key, vec![document_row]));
    let status = form_status(&errors);
    let page = CheckAnswersPage {
        frame,
        errors,
        reference: draft.claim.reference.to_string(),
        id,
        sections,
    };
    render(&page, status)
}

/// Every answer of the draft, each with a Change link that returns here, and Submit.
#[handler]
pub async fn check_answers_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    match LoadedDraft::load(&services, actor, ClaimId(id)).await {
        Ok(draft) if draft.claim.state == ClaimState::Draft => {
            check_answers(&visit, &services, &draft, Vec::new())
        }
        Ok(_) => see_other(&format!("/lawyer/claims/{id}")),
        Err(error) => failure(&visit, &error, "reading a draft to check"),
    }
}

/// The form of the submit button: nothing but its CSRF token.
#[derive(Deserialize)]
pub struct EmptyForm {}

/// Submits the draft through `perform`; a rule that blocks it is named on check answers.
#[handler]
pub async fn submit_claim(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let submitted = services
        .perform(
            actor,
            ClaimId(id),
            ClaimAction::Submit,
            ActionInput::default(),
            None,
        )
        .await;
    let violation = match submitted {
        Ok(_) => return see_other(&format!("/lawyer/claims/{id}/submitted")),
        Err(ServiceError::Domain(DomainError::RuleViolated(violation))) => violation,
        Err(error) => return failure(&visit, &error, "submitting a claim"),
    };
    match LoadedDraft::load(&services, actor, ClaimId(id)).await {
        Ok(draft) => {
            let errors = submit_errors(visit.tr(), &violation);
            check_answers(&visit, &services, &draft, errors)
        }
        Err(error) => failure(&visit, &error, "reading a draft to check"),
    }
}

/// A rule that blocked the submission, as errors linked to the rows that can put it right.
fn submit_errors(tr: Tr, violation: &RuleViolation) -> Vec<FormError> {
    match violation {
        RuleViolation::RequiredFieldsMissing { fields } => fields
            .iter()
            .filter_map(|field| match *field {
                "claimed_losses" => Some(FormError {
                    anchor: "claimed_losses".to_owned(),
                    message: tr.t("lawyer-error-losses-none").to_owned(),
                }),
                "consent_given" => Some(FormError {
                    anchor: "consent_given".to_owned(),
                    message: tr.t("lawyer-error-consent").to_owned(),
                }),
                _ => questions::by_field(field).map(|question| question.error(tr)),
            })
            .collect(),
        RuleViolation::AuthorityToActMissing { required } => vec![FormError {
            anchor: "documents".to_owned(),
            message: tr.with(
                "lawyer-error-authority-missing",
                "document",
                &document_kind_label(tr, *required),
            ),
        }],
        RuleViolation::FilingDeadlinePassed { deadline } => vec![FormError {
            anchor: "submit_claim".to_owned(),
            message: tr.with("lawyer-error-filing-deadline", "date", &tr.date(deadline)),
        }],
        _ => vec![FormError {
            anchor: "submit_claim".to_owned(),
            message: tr.t("lawyer-error-cannot-submit").to_owned(),
        }],
    }
}

#[derive(Template)]
#[template(path = "lawyer/submitted.html")]
struct SubmittedPage {
    frame: Frame,
    id: i64,
    reference: String,
    receipt: Option<String>,
}

/// The confirmation panel: the claim's reference and its receipt letter.
#[handler]
pub async fn submitted_page(
    visit: Visit,
    services: Data<&Services>,
    Path(id): Path<i64>,
) -> Response {
    let actor = match lawyer(&visit) {
        Ok(actor) => actor,
        Err(refused) => return *refused,
    };
    let claim = match services.claim(actor, ClaimId(id)).await {
        Ok(claim) if claim.state == ClaimState::Draft => {
            return see_other(&format!("/lawyer/claims/{id}"));
        }
        Ok(claim) => claim,
        Err(error) => return failure(&visit, &error, "reading a submitted claim"),
    };
    let letters = match services.letters(actor, ClaimId(id)).await {
        Ok(letters) => letters,
        Err(error) => return failure(&visit, &error, "listing a claim's letters"),
    };
    let receipt = letters
        .iter()
        .find(|letter| letter.kind == "receipt")
        .map(|letter| {
            let language = claim.facts.language;
            format!("/lawyer/claims/{id}/letters/{}/{language}", letter.sequence)
        });
    let frame = Frame::new(
        &visit,
        &format!("/lawyer/claims/{id}/submitted"),
        "lawyer-submitted-title",
    )
    .with_exit_this_page();
    let page = SubmittedPage {
        frame,
        id,
        reference: claim.reference.to_string(),
        receipt,
    };
    render(&page, StatusCode::OK)
}
