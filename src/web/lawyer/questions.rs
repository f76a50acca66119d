//! The questions a draft claim asks, one page each, grouped into the task list's tasks: what
//! each asks, how its answer is shown and read back, and which fact of the draft it changes.
//! Answers travel as text (`2026-10-19`, `direct_victim`, `yes`) between the form, the page and
//! `FactsPatch`, the same patch `PATCH /api/v1/claims/{id}` builds; whether an answer is
//! acceptable beyond its shape is for the service to say.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use strum::IntoEnumIterator;

use super::FormError;
use crate::domain::OffenceType;
use crate::domain::claim::{ApplicantKind, ClaimFacts, Language, PersonalText, VictimGender};
use crate::domain::intake::FactsPatch;
use crate::web::i18n::Tr;

/// A task of the task list made of questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    Victim,
    Applicant,
    Offence,
}

impl Task {
    pub const ALL: [Task; 3] = [Task::Victim, Task::Applicant, Task::Offence];

    pub fn title_key(self) -> &'static str {
        match self {
            Task::Victim => "lawyer-task-victim",
            Task::Applicant => "lawyer-task-applicant",
            Task::Offence => "lawyer-task-offence",
        }
    }

    /// The questions of the task, in the order they are asked.
    pub fn questions(self) -> impl Iterator<Item = &'static Question> {
        QUESTIONS
            .iter()
            .filter(move |question| question.task == self)
    }
}

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Text,
    LongText,
    Date,
    Choice(Choices),
    YesNo,
}

/// The closed lists a choice question offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    Offence,
    ApplicantKind,
    Gender,
    Language,
}

impl Choices {
    /// Each choice's value and its words in the visitor's language.
    pub fn options(self, tr: Tr) -> Vec<(String, String)> {
        let word = |key: String| tr.t(&key).to_owned();
        match self {
            Choices::Offence => OffenceType::iter()
                .map(|item| (item.to_string(), word(format!("offence-{item}"))))
                .collect(),
            Choices::ApplicantKind => ApplicantKind::iter()
                .map(|item| {
                    (
                        item.to_string(),
                        word(format!("lawyer-applicant-kind-{item}")),
                    )
                })
                .collect(),
            Choices::Gender => VictimGender::iter()
                .map(|item| (item.to_string(), word(format!("lawyer-gender-{item}"))))
                .collect(),
            Choices::Language => Language::iter()
                .map(|item| (item.to_string(), word(format!("lawyer-language-{item}"))))
                .collect(),
        }
    }
}

/// One question page of a draft.
#[derive(Debug)]
pub struct Question {
    /// The fact it changes, as the API and the service name it; its page is the same name
    /// with hyphens (`/lawyer/claims/7/victim-birth-date`).
    pub field: &'static str,
    pub task: Task,
    pub shape: Shape,
    pub label_key: &'static str,
    pub hint_key: Option<&'static str>,
    /// What to do when the answer is missing or not accepted.
    pub error_key: &'static str,
    /// A draft always has an answer; optional answers left blank change nothing.
    pub required: bool,
}

const fn question(
    field: &'static str,
    task: Task,
    shape: Shape,
    (label_key, hint_key): (&'static str, Option<&'static str>),
    error_key: &'static str,
    required: bool,
) -> Question {
    Question {
        field,
        task,
        shape,
        label_key,
        hint_key,
        error_key,
        required,
    }
}

/// Every question, task by task.
#[rustfmt::skip]
pub const QUESTIONS: &[Question] = &[
    question("victim_name", Task::Victim, Shape::Text, ("lawyer-question-victim-name", None), "lawyer-error-victim-name", true),
    question("victim_birth_date", Task::Victim, Shape::Date, ("lawyer-question-victim-birth-date", Some("lawyer-hint-date")), "lawyer-error-victim-birth-date", false),
    question("victim_address", Task::Victim, Shape::LongText, ("lawyer-question-victim-address", None), "lawyer-error-victim-address", false),
    question("victim_gender", Task::Victim, Shape::Choice(Choices::Gender), ("lawyer-question-victim-gender", Some("lawyer-hint-victim-gender")), "lawyer-error-victim-gender", false),
    question("protected_identity", Task::Victim, Shape::YesNo, ("lawyer-question-protected-identity", Some("lawyer-hint-protected-identity")), "lawyer-error-protected-identity", false),
    question("applicant_kind", Task::Applicant, Shape::Choice(Choices::ApplicantKind), ("lawyer-question-applicant-kind", None), "lawyer-error-applicant-kind", true),
    question("applicant_name", Task::Applicant, Shape::Text, ("lawyer-question-applicant-name", None), "lawyer-error-applicant-name", true),
    question("language", Task::Applicant, Shape::Choice(Choices::Language), ("lawyer-question-language", Some("lawyer-hint-language")), "lawyer-error-language", true),
    question("offence_type", Task::Offence, Shape::Choice(Choices::Offence), ("lawyer-question-offence-type", None), "lawyer-error-offence-type", true),
    question("crime_date", Task::Offence, Shape::Date, ("lawyer-question-crime-date", Some("lawyer-hint-date")), "lawyer-error-crime-date", true),
    question("crime_discovered_on", Task::Offence, Shape::Date, ("lawyer-question-crime-discovered-on", Some("lawyer-hint-crime-discovered-on")), "lawyer-error-crime-discovered-on", false),
    question("trafficking_identified_on", Task::Offence, Shape::Date, ("lawyer-question-trafficking-identified-on", Some("lawyer-hint-trafficking-identified-on")), "lawyer-error-trafficking-identified-on", false),
    question("reported_to_police", Task::Offence, Shape::YesNo, ("lawyer-question-reported-to-police", None), "lawyer-error-reported-to-police", true),
];

/// The questions the start page asks: what `POST /api/v1/claims` requires.
pub const START_FIELDS: &[&str] = &[
    "offence_type",
    "crime_date",
    "applicant_kind",
    "applicant_name",
    "victim_name",
    "reported_to_police",
    "language",
];

/// The question at `/lawyer/claims/{id}/{slug}`.
pub fn by_slug(slug: &str) -> Option<&'static Question> {
    QUESTIONS
        .iter()
        .find(|question| question.field.replace('_', "-") == slug)
}

pub fn by_field(field: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|question| question.field == field)
}

impl Question {
    /// Whether the claim's answers so far make this question relevant: the date a victim was
    /// identified as trafficked is asked only about trafficking.
    pub fn applies_to(&self, facts: &ClaimFacts) -> bool {
        match self.field {
            "trafficking_identified_on" => {
                facts.offence_type == OffenceType::TraffickingInHumanBeings
            }
            _ => true,
        }
    }

    pub fn slug(&self) -> String {
        self.field.replace('_', "-")
    }

    /// The id of the element an error links to: the first input of the answer.
    pub fn anchor(&self) -> String {
        match self.shape {
            Shape::Date => format!("{}-day", self.field),
            _ => self.field.to_owned(),
        }
    }

    /// The error naming this question, in the visitor's language.
    pub fn error(&self, tr: Tr) -> FormError {
        FormError {
            anchor: self.anchor(),
            message: tr.t(self.error_key).to_owned(),
        }
    }

    /// The draft's answer to this question as text, if it has one.
    pub fn answer(&self, facts: &ClaimFacts) -> Option<String> {
        let date = |date: Option<NaiveDate>| date.map(|date| date.to_string());
        let yes_no = |value: bool| if value { "yes" } else { "no" }.to_owned();
        match self.field {
            "victim_name" => Some(facts.victim_name.expose().to_owned()),
            "victim_birth_date" => date(facts.victim_birth_date),
            "victim_address" => facts.victim_address.as_ref().map(|a| a.expose().to_owned()),
            "victim_gender" => facts.victim_gender.map(|gender| gender.to_string()),
            "protected_identity" => Some(yes_no(facts.protected_identity)),
            "applicant_kind" => Some(facts.applicant_kind.to_string()),
            "applicant_name" => Some(facts.applicant_name.expose().to_owned()),
            "language" => Some(facts.language.to_string()),
            "offence_type" => Some(facts.offence_type.to_string()),
            "crime_date" => date(Some(facts.crime_date)),
            "crime_discovered_on" => date(facts.crime_discovered_on),
            "trafficking_identified_on" => date(facts.trafficking_identified_on),
            "reported_to_police" => Some(yes_no(facts.reported_to_police)),
            _ => None,
        }
    }

    /// An answer as the check answers page shows it.
    pub fn shown(&self, answer: &str, tr: Tr) -> String {
        match self.shape {
            Shape::Date => answer
                .parse::<NaiveDate>()
                .map_or_else(|_| answer.to_owned(), |date| tr.date(&date)),
            Shape::Choice(choices) => choices
                .options(tr)
                .into_iter()
                .find(|(value, _)| value == answer)
                .map_or_else(|| answer.to_owned(), |(_, label)| label),
            Shape::YesNo if answer == "yes" => tr.t("lawyer-yes").to_owned(),
            Shape::YesNo => tr.t("lawyer-no").to_owned(),
            Shape::Text | Shape::LongText => answer.to_owned(),
        }
    }

    /// The answer as the form sent it: `None` when left blank, an error when it is not an
    /// answer of the question's shape (a date that does not exist, a choice not offered).
    pub fn posted(&self, form: &BTreeMap<String, String>) -> Result<Option<String>, ()> {
        let text = |name: &str| form.get(name).map(|text| text.trim()).unwrap_or("");
        match self.shape {
            Shape::Date => {
                let parts =
                    ["day", "month", "year"].map(|part| text(&format!("{}-{part}", self.field)));
                if parts.iter().all(|part| part.is_empty()) {
                    return Ok(None);
                }
                let [day, month, year] = parts.map(|part| part.parse::<u32>().map_err(|_| ()));
                let year = i32::try_from(year?).map_err(|_| ())?;
                NaiveDate::from_ymd_opt(year, month?, day?)
                    .filter(|date| date.year_ce().1 >= 1900)
                    .map(|date| Some(date.to_string()))
                    .ok_or(())
            }
            _ => {
                let answer = text(self.field);
                Ok((!answer.is_empty()).then(|| answer.to_owned()))
            }
        }
    }

    /// Sets this question's fact in `patch` from its answer; an error when the answer is not
    /// one the fact can hold.
    pub fn set(&self, patch: &mut FactsPatch, answer: &str) -> Result<(), ()> {
        let personal = || PersonalText::parse(answer).map_err(|_| ());
        let date = || answer.parse::<NaiveDate>().map_err(|_| ());
        let yes_no = || match answer {
            "yes" => Ok(true),
            "no" => Ok(false),
            _ => Err(()),
        };
        match self.field {
            "victim_name" => patch.victim_name = Some(personal()?),
            "victim_birth_date" => patch.victim_birth_date = Some(date()?),
            "victim_address" => patch.victim_address = Some(personal()?),
            "victim_gender" => patch.victim_gender = Some(answer.parse().map_err(|_| ())?),
            "protected_identity" => patch.protected_identity = Some(yes_no()?),
            "applicant_kind" => patch.applicant_kind = Some(answer.parse().map_err(|_| ())?),
            "applicant_name" => patch.applicant_name = Some(personal()?),
            "language" => patch.language = Some(answer.parse().map_err(|_| ())?),
            "offence_type" => patch.offence_type = Some(answer.parse().map_err(|_| ())?),
            "crime_date" => patch.crime_date = Some(date()?),
            "crime_discovered_on" => patch.crime_discovered_on = Some(date()?),
            "trafficking_identified_on" => patch.trafficking_identified_on = Some(date()?),
            "reported_to_police" => patch.reported_to_police = Some(yes_no()?),
            _ => return Err(()),
        }
        Ok(())
    }
}

/// Reads the answers to `questions` from a form into one patch: every answer that is missing
/// where required, or malformed, is an error of its own, so the page can name them all.
pub fn read_answers<'q>(
    questions: impl Iterator<Item = &'q Question>,
    form: &BTreeMap<String, String>,
    tr: Tr,
) -> (FactsPatch, Vec<FormError>) {
    let mut patch = FactsPatch::default();
    let mut errors = Vec::new();
    for question in questions {
        match question.posted(form) {
            Ok(Some(answer)) => {
                if question.set(&mut patch, &answer).is_err() {
                    errors.push(question.error(tr));
                }
            }
            Ok(None) if !question.required => {}
            _ => errors.push(question.error(tr)),
        }
    }
    (patch, errors)
}

/// One question as the form partial draws it.
pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    /// `text`, `long_text`, `date` or `radios`.
    pub kind: &'static str,
    pub value: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub options: Vec<RadioOption>,
    pub error: Option<String>,
    /// The label or legend is the page's heading (one question per page).
    pub heading: bool,
}

pub struct RadioOption {
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

impl Field {
    /// The question drawn with `value` filled in: the answer on file, or what was sent.
    pub fn new(question: &Question, tr: Tr, value: Option<String>, errors: &[FormError]) -> Field {
        let value = value.unwrap_or_default();
        let (mut day, mut month, mut year) = (String::new(), String::new(), String::new());
        if let Ok(date) = value.parse::<NaiveDate>() {
            (day, month, year) = (
                date.day().to_string(),
                date.month().to_string(),
                date.year().to_string(),
            );
        }
        let options = match question.shape {
            Shape::Choice(choices) => choices.options(tr),
            Shape::YesNo => vec![
                ("yes".to_owned(), tr.t("lawyer-yes").to_owned()),
                ("no".to_owned(), tr.t("lawyer-no").to_owned()),
            ],
            _ => Vec::new(),
        };
        let options = options
            .into_iter()
            .enumerate()
            .map(|(index, (option, label))| RadioOption {
                id: if index == 0 {
                    question.field.to_owned()
                } else {
                    format!("{}-{option}", question.field)
                },
                checked: option == value,
                value: option,
                label,
            })
            .collect();
        let kind = match question.shape {
            Shape::Text => "text",
            Shape::LongText => "long_text",
            Shape::Date => "date",
            Shape::Choice(_) | Shape::YesNo => "radios",
        };
        let anchor = question.anchor();
        Field {
            name: question.field,
            error: errors
                .iter()
                .find(|error| error.anchor == anchor)
                .map(|error| error.message.clone()),
            label: tr.t(question.label_key).to_owned(),
            hint: question.hint_key.map(|key| tr.t(key).to_owned()),
            kind,
            value,
            day,
            month,
            year,
            options,
            heading: false,
        }
    }

    /// The same field with the answer the form sent, read back as the page shows it.
    pub fn from_form(
        question: &Question,
        tr: Tr,
        form: &BTreeMap<String, String>,
        errors: &[FormError],
    ) -> Field {
        let mut field = Field::new(question, tr, form.get(question.field).cloned(), errors);
        if question.shape == Shape::Date {
            let part = |name: &str| {
                form.get(&format!("{}-{name}", question.field))
                    .cloned()
                    .unwrap_or_default()
            };
            (field.day, field.month, field.year) = (part("day"), part("month"), part("year"));
        }
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn every_question_has_a_page_and_an_answer_it_can_set() {
        for question in QUESTIONS {
            assert_eq!(
                by_slug(&question.slug()).map(|found| found.field),
                Some(question.field)
            );
        }
        for field in START_FIELDS {
            assert!(
                by_field(field).is_some_and(|question| question.required),
                "{field}"
            );
        }
    }

    #[test]
    fn a_date_is_read_from_its_three_parts_and_must_exist() {
        let question = by_field("crime_date").unwrap();
        let posted = |day: &str, month: &str, year: &str| {
            let part = |name: &str| format!("crime_date-{name}");
            let sent: BTreeMap<String, String> = [("day", day), ("month", month), ("year", year)]
                .into_iter()
                .map(|(name, value)| (part(name), value.to_owned()))
                .collect();
            question.posted(&sent)
        };
        assert_eq!(
            posted("19", "10", "2026"),
            Ok(Some("2026-10-19".to_owned()))
        );
        assert_eq!(posted("", "", ""), Ok(None));
        assert_eq!(posted("31", "2", "2026"), Err(()));
        assert_eq!(posted("1", "1", "26"), Err(()));
    }

    #[test]
    fn missing_required_answers_and_malformed_ones_are_each_named() {
        let tr = Tr::new(crate::web::i18n::UiLanguage::En);
        let sent = form(&[("applicant_name", "  "), ("applicant_kind", "cousin")]);
        let (_, errors) = read_answers(Task::Applicant.questions(), &sent, tr);
        let anchors: Vec<&str> = errors.iter().map(|error| error.anchor.as_str()).collect();
        assert_eq!(anchors, ["applicant_kind", "applicant_name", "language"]);
        let sent = form(&[
            ("victim_name", "Synthetic Victim"),
            ("protected_identity", "yes"),
        ]);
        let (patch, errors) = read_answers(Task::Victim.questions(), &sent, tr);
        assert!(errors.is_empty());
        assert_eq!(patch.protected_identity, Some(true));
        assert_eq!(
            patch.victim_birth_date, None,
            "blank optional answers change nothing"
        );
    }
}
