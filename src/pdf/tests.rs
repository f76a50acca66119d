//! The documents as a reader gets them: rendered, then read back with lopdf's text extraction
//! (which follows the embedded font's ToUnicode map, as copying from a viewer does).

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::content::*;
use super::*;
use crate::domain::OffenceType;
use crate::domain::award::{Explanation, Phrase};
use crate::domain::claim::DocumentKind;
use crate::domain::money::Currency;
use crate::domain::rules::JurisdictionId;

fn jurisdictions() -> &'static Jurisdictions {
    static SHIPPED: OnceLock<Jurisdictions> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        Jurisdictions::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("forms")).unwrap()
    })
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const APPLICANT: &str = "Drita Çeliku-Krasniqi";
const VICTIM: &str = "Lirë Çeliku";
const REPRESENTATIVE: &str = "Av. Đorđe Čović Šćekić-Žarković";

fn line(head: &str, claimed: &str, allowed: &str, explanation: Explanation) -> CalculationLine {
    CalculationLine {
        head: head.to_owned(),
        claimed: claimed.to_owned(),
        allowed: allowed.to_owned(),
        explanation,
    }
}

fn decimal(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

/// Claimed, then allowed in full or capped at `cap`.
fn claimed(amount: &str, cap: Option<&str>) -> Explanation {
    let outcome = match cap {
        Some(cap) => Phrase::CappedAt {
            amount: decimal(cap),
        },
        None => Phrase::PaidInFull,
    };
    Explanation::of([
        Phrase::Claimed {
            amount: decimal(amount),
        },
        outcome,
    ])
}

/// A Kosovo award of EUR 4,245.00 decided on 28 November 2026, appealable until 28 December.
fn kosovo_decision() -> DecisionContent {
    DecisionContent {
        decision_number: "KS-2026-000004/1".to_owned(),
        decided_on: date("2026-11-28"),
        claim_reference: "KS-2026-000004".to_owned(),
        jurisdiction: JurisdictionId::parse("kosovo").unwrap(),
        currency: Currency::Eur,
        parties: Parties {
            applicant_name: APPLICANT.to_owned(),
            representative_name: Some(REPRESENTATIVE.to_owned()),
            victim_name: VICTIM.to_owned(),
            identity_protected: false,
        },
        offence_type: OffenceType::DomesticViolence,
        facts: FactsFound {
            lodged_on: date("2026-04-14"),
            crime_date: date("2026-03-10"),
            findings: vec!["The injury lasted more than six weeks.".to_owned()],
        },
        outcome: DecisionOutcome::PartialAward {
            amount: "4245.00".to_owned(),
        },
        calculation: Some(CalculationTable {
            schedule_version: "kosovo/2017-01-01".to_owned(),
            lines: vec![
                line(
                    "medical_costs",
                    "3245.00",
                    "3245.00",
                    claimed("3245.00", None),
                ),
                line(
                    "funeral_costs",
                    "1500.00",
                    "1000.00",
                    claimed("1500.00", Some("1000.00")),
                ),
            ],
            gross: "4245.00".to_owned(),
            limited: "4245.00".to_owned(),
            limit_explanation: None,
            deductions_before_limits: true,
            offsets: "0.00".to_owned(),
            reduction: "0.00".to_owned(),
            interim_deducted: "0.00".to_owned(),
            total: "4245.00".to_owned(),
        }),
        vote: Some(VoteRecord {
            members_present: 4,
            recusals: 1,
            approve: 3,
            reject: 1,
            dissent_notes: vec!["The funeral costs should have been allowed in full.".to_owned()],
        }),
        appeal: AppealRoute {
            body: "appeal-body-court".to_owned(),
            last_day: date("2026-12-28"),
        },
        chair_name: "Ђорђе Петровић".to_owned(),
        verification: Verification {
            code: "7KQ4-M2XD".to_owned(),
            url: "https://redress.example/verify/7KQ4-M2XD".to_owned(),
        },
    }
}

fn decision(content: &DecisionContent, language: Language, recipient: Recipient) -> Vec<u8> {
    render_decision(jurisdictions(), content, language, recipient).unwrap()
}

/// The text of every page, each page's lines joined with spaces.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    document
        .get_pages()
        .keys()
        .map(|page| {
            let text = document.extract_text(&[*page]).unwrap();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn text(pdf: &[u8]) -> String {
    pages_text(pdf).join(" ")
}

/// Without any white space: words broken across lines, amounts with a no-break space.
fn squashed(text: &str) -> String {
    text.chars()
        .filter(|character| !character.is_whitespace())
        .collect()
}

/// Every page says which it is of how many, in the language's words ("Faqja 2 nga 5").
fn assert_numbered(pdf: &[u8], language: Language) {
    let kosovo = JurisdictionId::parse("kosovo").unwrap();
    let page_of = &jurisdictions().texts(&kosovo, language).unwrap()["page-of"];
    let pages = pages_text(pdf);
    for (index, page) in pages.iter().enumerate() {
        let (number, count) = ((index + 1).to_string(), pages.len().to_string());
        let numbering = crate::texts::substitute(page_of, &[("page", &number), ("pages", &count)]);
        assert!(page.contains(&numbering), "{numbering} not on {page}");
    }
}

fn assert_shows(text: &str, expected: &[&str]) {
    for wanted in expected {
        assert!(
            squashed(text).contains(&squashed(wanted)),
            "{wanted:?} not in {text}"
        );
    }
}

/// Renders the Kosovo decision in `language`, checks that every page is numbered and that it
/// shows `expected`; returns it and its text.
fn kosovo_decision_shows(language: Language, expected: &[&str]) -> (Vec<u8>, String) {
    let pdf = decision(&kosovo_decision(), language, Recipient::Applicant);
    let text = text(&pdf);
    assert_shows(&text, expected);
    assert_numbered(&pdf, language);
    (pdf, text)
}

#[test]
fn a_decision_in_albanian_shows_its_letters_amounts_dates_and_appeal_deadline() {
    let (pdf, text) = kosovo_decision_shows(
        Language::Sq,
        &[
            "Komisioni për Kompensimin e Viktimave të Krimit",
            "Vendim",
            "Nr. KS-2026-000004/1",
            APPLICANT,
            VICTIM,
            REPRESENTATIVE,
            "Dhuna në familje",
            "Shpenzimet mjekësore dhe spitalore",
            "Kërkesa është paraqitur më 14.04.2026.",
            "Komisioni i njeh parashtruesit kompensim prej 4.245,00 €",
            "3.245,00 €",
            "kërkuar 1.500,00 €; kufizuar në 1.000,00 €",
            "Anëtarë të pranishëm: 4. Të përjashtuar: 1. Për: 3. Kundër: 1.",
            "në gjykatën kompetente jo më vonë se 28.12.2026.",
            "Kodi i verifikimit: 7KQ4-M2XD",
            "https://redress.example/verify/7KQ4-M2XD",
            "Ђорђе Петровић",
        ],
    );
    assert!(text.contains("28.11.2026"), "{text}");
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let raw = document.extract_text(&[1]).unwrap();
    assert!(
        raw.contains("4.245,00\u{a0}€"),
        "a no-break space keeps the amount whole: {raw}"
    );
}

#[test]
fn a_decision_in_serbian_is_in_cyrillic() {
    kosovo_decision_shows(
        Language::Sr,
        &[
            "Комисија за накнаду штете жртвама кривичних дела",
            "Одлука",
            "Бр. KS-2026-000004/1",
            "Трошкови лечења и болничког смештаја",
            "Насиље у породици",
            "Комисија подносиоцу досуђује накнаду од 4.245,00 €",
            "тражено 3.245,00 €; признато у целости",
            "надлежном суду најкасније до 28.12.2026.",
            "Код за проверу: 7KQ4-M2XD",
            REPRESENTATIVE,
        ],
    );
}

#[test]
fn a_decision_in_english_writes_amounts_and_dates_the_english_way() {
    let (_, text) = kosovo_decision_shows(
        Language::En,
        &[
            "Commission for Compensation of Crime Victims",
            "Decision",
            "28 November 2026",
            "The Commission awards the applicant €4,245.00, part of the amount claimed.",
            "€3,245.00",
            "to the competent court no later than 28 December 2026.",
            "The application was lodged on 14 April 2026.",
        ],
    );
    assert!(
        text.contains("Page 1 of 2") && text.contains("Page 2 of 2"),
        "{text}"
    );
}

#[test]
fn uk_and_california_decisions_use_their_own_texts_and_currencies() {
    let mut uk = kosovo_decision();
    uk.jurisdiction = JurisdictionId::parse("uk-cica-2012").unwrap();
    uk.currency = Currency::Gbp;
    uk.calculation = None;
    uk.appeal.body = "appeal-body-review".to_owned();
    let text_uk = text(&decision(&uk, Language::En, Recipient::Applicant));
    assert_shows(
        &text_uk,
        &[
            "Criminal Injuries Compensation Authority",
            "£4,245.00",
            "asking the Authority for a review",
        ],
    );
    let mut california = uk;
    california.jurisdiction = JurisdictionId::parse("california").unwrap();
    california.currency = Currency::Usd;
    california.appeal.body = "appeal-body-board".to_owned();
    let text_california = text(&decision(&california, Language::En, Recipient::Applicant));
    assert_shows(
        &text_california,
        &["California Victim Compensation Board", "$4,245.00"],
    );
}

/// Forty lines, each with a long explanation, and names of 300 characters.
fn long_decision() -> DecisionContent {
    let mut content = kosovo_decision();
    // 300 characters, most of them one word too long for any line.
    let long_name = |first: &str| {
        let name = format!("{first} {}", "Çelikuëšđž".repeat(30));
        name.chars().take(300).collect::<String>()
    };
    content.parties.applicant_name = long_name("Drita");
    content.parties.victim_name = long_name("Lirë");
    let table = content.calculation.as_mut().unwrap();
    table.lines = (1..=40)
        .map(|number| {
            let heads = [
                "physical_injury",
                "mental_harm",
                "medical_costs",
                "funeral_costs",
            ];
            let explanation = Explanation::of([
                Phrase::ClaimedSeveral {
                    count: number,
                    amount: decimal("100.00"),
                },
                Phrase::WithinCap {
                    amount: decimal("7000.00"),
                },
                Phrase::AboveMaximum {
                    worth: decimal("9000.00"),
                    maximum: decimal("7000.00"),
                    heads: heads.map(str::to_owned).to_vec(),
                },
            ]);
            line("medical_costs", "100.00", "100.00", explanation)
        })
        .collect();
    for amount in [&mut table.gross, &mut table.limited, &mut table.total] {
        *amount = "4000.00".to_owned();
    }
    content.outcome = DecisionOutcome::Award {
        amount: "4000.00".to_owned(),
    };
    content
}

#[test]
fn a_long_calculation_breaks_across_pages_with_its_header_and_every_line() {
    let content = long_decision();
    assert_eq!(content.parties.applicant_name.chars().count(), 300);
    let pdf = decision(&content, Language::Sq, Recipient::Applicant);
    let pages = pages_text(&pdf);
    assert!(pages.len() > 2, "{} pages", pages.len());
    let all = pages.join(" ");
    assert_shows(
        &all,
        &[
            &content.parties.applicant_name,
            &content.parties.victim_name,
        ],
    );
    for number in 1..=40 {
        assert_shows(&all, &[&format!("shuma të kërkuara: {number},")]);
    }
    let pages_with_header = pages
        .iter()
        .filter(|page| page.contains("Lloji i dëmit") && page.contains("Kërkuar"))
        .count();
    assert!(pages_with_header >= 2, "the header is repeated: {pages:?}");
    assert_numbered(&pdf, Language::Sq);
}

#[test]
fn a_masked_copy_shows_initials_and_never_the_names() {
    let mut content = kosovo_decision();
    content.parties.identity_protected = true;
    let masked = text(&decision(&content, Language::Sq, Recipient::Circulation));
    assert_shows(
        &masked,
        &["D. Ç.", "L. Ç.", "Identiteti i viktimës është i mbrojtur"],
    );
    for hidden in ["Drita", "Krasniqi", "Lirë", "Çeliku"] {
        assert!(!masked.contains(hidden), "{hidden} in {masked}");
    }
    let served = text(&decision(&content, Language::Sq, Recipient::Applicant));
    assert_shows(&served, &[APPLICANT, VICTIM]);
    content.parties.identity_protected = false;
    let unprotected = text(&decision(&content, Language::Sq, Recipient::Circulation));
    assert_shows(&unprotected, &[APPLICANT, VICTIM]);
}

#[test]
fn the_same_content_gives_the_same_bytes_every_time() {
    let content = kosovo_decision();
    let first = decision(&content, Language::Sr, Recipient::Applicant);
    // Another document in between moves any process-wide counter on.
    decision(&long_decision(), Language::Sq, Recipient::Circulation);
    let second = decision(&content, Language::Sr, Recipient::Applicant);
    let third = decision(&content, Language::Sr, Recipient::Applicant);
    assert!(first == second && second == third, "renders differ");
    let english = decision(&content, Language::En, Recipient::Applicant);
    assert_ne!(first, english);
}

/// Set by `the_same_content_gives_the_same_bytes_in_another_process` for the copy of this test
/// binary it starts.
const CHILD_OUTPUT: &str = "REDRESS_PDF_TEST_CHILD_OUTPUT";

#[test]
fn renders_into_the_file_the_parent_process_names() {
    if let Some(path) = std::env::var_os(CHILD_OUTPUT) {
        let pdf = decision(&kosovo_decision(), Language::Sq, Recipient::Applicant);
        std::fs::write(path, pdf).unwrap();
    }
}

#[test]
fn the_same_content_gives_the_same_bytes_in_another_process() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("child.pdf");
    // Render here first, so this process's counters have moved on and the child's have not.
    decision(&long_decision(), Language::En, Recipient::Applicant);
    let here = decision(&kosovo_decision(), Language::Sq, Recipient::Applicant);
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "pdf::tests::renders_into_the_file_the_parent_process_names",
        ])
        .env(CHILD_OUTPUT, &path)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        std::fs::read(&path).unwrap() == here,
        "the child's bytes differ"
    );
}

fn letter(kind: Letter) -> LetterContent {
    LetterContent {
        claim_reference: "KS-2026-000004".to_owned(),
        jurisdiction: JurisdictionId::parse("kosovo").unwrap(),
        dated_on: date("2026-05-02"),
        applicant_name: APPLICANT.to_owned(),
        representative_name: Some(REPRESENTATIVE.to_owned()),
        identity_protected: false,
        letter: kind,
    }
}

fn every_letter() -> Vec<Letter> {
    vec![
        Letter::Receipt {
            lodged_on: date("2026-04-14"),
        },
        Letter::EvidenceRequest {
            items: vec![DocumentKind::MedicalReport, DocumentKind::PoliceReport],
            due_on: date("2026-06-01"),
        },
        Letter::InterimAward {
            amount: "500.00".to_owned(),
            currency: Currency::Eur,
            granted_on: date("2026-05-02"),
        },
        Letter::PaymentNotice {
            amount: "3745.00".to_owned(),
            paid_so_far: "4245.00".to_owned(),
            award: "4245.00".to_owned(),
            currency: Currency::Eur,
            paid_on: date("2027-01-15"),
        },
    ]
}

#[test]
fn every_letter_renders_in_every_language_of_every_jurisdiction() {
    for rules in jurisdictions().all() {
        for language in &rules.languages {
            for kind in every_letter() {
                let mut content = letter(kind);
                content.jurisdiction = rules.id.clone();
                let pdf = render_letter(jurisdictions(), &content, *language, Recipient::Applicant)
                    .unwrap_or_else(|error| panic!("{} {language}: {error}", rules.id));
                assert!(text(&pdf).contains("KS-2026-000004"));
            }
        }
    }
}

#[test]
fn letters_say_what_they_are_about() {
    let render = |kind, language| {
        let content = letter(kind);
        text(&render_letter(jurisdictions(), &content, language, Recipient::Applicant).unwrap())
    };
    let [receipt, evidence, interim, payment] = every_letter().try_into().unwrap();
    assert_shows(
        &render(evidence, Language::Sq),
        &[
            "Kërkesë për dokumente",
            "Raporti mjekësor",
            "Raporti i policisë",
            "deri më 01.06.2026",
        ],
    );
    assert_shows(
        &render(receipt, Language::Sr),
        &["Потврда о пријему захтева", "14.04.2026"],
    );
    assert_shows(
        &render(interim, Language::En),
        &["Interim award", "€500.00", "2 May 2026"],
    );
    assert_shows(
        &render(payment, Language::Sq),
        &[
            "3.745,00 €",
            "15.01.2027",
            "janë paguar 4.245,00 € nga kompensimi prej 4.245,00 €",
        ],
    );
}

#[test]
fn a_masked_letter_shows_initials() {
    let mut content = letter(every_letter().remove(0));
    content.identity_protected = true;
    let pdf = render_letter(
        jurisdictions(),
        &content,
        Language::Sq,
        Recipient::Circulation,
    )
    .unwrap();
    let text = text(&pdf);
    assert_shows(&text, &["D. Ç."]);
    assert!(
        !text.contains("Drita") && !text.contains("Krasniqi"),
        "{text}"
    );
}

#[test]
fn rejections_and_inadmissibility_render_without_a_calculation_or_vote() {
    let mut content = kosovo_decision();
    content.outcome = DecisionOutcome::Inadmissible {
        reason: "The application was lodged after the six-month period.".to_owned(),
    };
    content.calculation = None;
    content.vote = None;
    let text = text(&decision(&content, Language::En, Recipient::Applicant));
    assert_shows(
        &text,
        &[
            "declares the application inadmissible",
            "Reasons: The application was lodged after",
        ],
    );
    assert!(!text.contains("Calculation of the award") && !text.contains("The vote"));
    content.outcome = DecisionOutcome::Rejected { reason: None };
    let text = text_of(&content, Language::Sr);
    assert_shows(&text, &["Комисија одбија захтев."]);
}

/// However far down a page the body ends, the signature and the verification code are
/// never left alone on the last page: the route of appeal goes with them.
#[test]
fn the_route_of_appeal_goes_to_the_last_page_with_the_signature_and_the_code() {
    use super::layout::{Style, Writer};
    let mut moved_to_a_new_page = 0;
    // Each finding is a line more, pushing the end down by a line: a page's worth of them
    // brings the closing to the page bottom at every height.
    let lines_per_page = (Writer::page_body_height() / Style::BODY.line_height()).ceil() as usize;
    for findings in 0..=lines_per_page {
        let mut content = kosovo_decision();
        content.facts.findings = (1..=findings)
            .map(|number| format!("Finding number {number}."))
            .collect();
        let pages = pages_text(&decision(&content, Language::Sq, Recipient::Applicant));
        let last = pages.last().unwrap();
        assert_shows(
            last,
            &[
                "E drejta e ankesës",
                "jo më vonë se 28.12.2026.",
                "Kryesuesi i Komisionit",
                "Ђорђе Петровић",
                "Kodi i verifikimit: 7KQ4-M2XD",
            ],
        );
        if pages.len() > 1 && last.starts_with("E drejta e ankesës") {
            moved_to_a_new_page += 1;
        }
    }
    assert!(
        moved_to_a_new_page > 0,
        "the range must include bodies that end near a page's bottom"
    );
}

fn text_of(content: &DecisionContent, language: Language) -> String {
    text(&decision(content, language, Recipient::Applicant))
}

#[test]
fn the_deductions_appear_in_the_order_the_schedule_applied_them() {
    let mut content = kosovo_decision();
    let table = content.calculation.as_mut().unwrap();
    table.gross = "9000.00".to_owned();
    table.offsets = "500.00".to_owned();
    table.limited = "7000.00".to_owned();
    table.limit_explanation = Some(Explanation::of([Phrase::AboveMaximum {
        worth: decimal("9000.00"),
        maximum: decimal("7000.00"),
        heads: vec!["medical_costs".to_owned()],
    }]));
    table.interim_deducted = "300.00".to_owned();
    table.total = "6700.00".to_owned();
    let text = text_of(&content, Language::En);
    let offsets = text.find("-€500.00").unwrap();
    let limited = text.find("€7,000.00").unwrap();
    assert!(offsets < limited, "{text}");
    assert_shows(
        &text,
        &[
            "-€300.00",
            "the claim is worth €9,000.00",
            "Total awarded €6,700.00",
        ],
    );
    content
        .calculation
        .as_mut()
        .unwrap()
        .deductions_before_limits = false;
    let text = text_of(&content, Language::En);
    assert!(
        text.find("€7,000.00").unwrap() < text.find("-€500.00").unwrap(),
        "{text}"
    );
}

#[test]
fn bad_content_is_refused_naming_what_is_wrong() {
    let mut content = kosovo_decision();
    let error = render_decision(
        jurisdictions(),
        &content,
        Language::Sq,
        Recipient::Applicant,
    );
    assert!(error.is_ok());
    content.calculation.as_mut().unwrap().lines[1].allowed = "1,000".to_owned();
    let error = render_decision(
        jurisdictions(),
        &content,
        Language::Sq,
        Recipient::Applicant,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        error,
        "calculation.lines[1].allowed: is not a decimal amount"
    );
    let mut content = kosovo_decision();
    content.appeal.body = "appeal-body-tribunal".to_owned();
    let error = render_decision(
        jurisdictions(),
        &content,
        Language::Sq,
        Recipient::Applicant,
    );
    assert!(matches!(error, Err(PdfError::MissingText { key }) if key == "appeal-body-tribunal"));
    content.jurisdiction = JurisdictionId::parse("uk-cica-2012").unwrap();
    let error = render_decision(
        jurisdictions(),
        &content,
        Language::Sq,
        Recipient::Applicant,
    );
    assert!(matches!(error, Err(PdfError::LanguageNotServed { .. })));
}

#[test]
fn the_calculation_table_keeps_every_figure_of_a_calculation() {
    let calculation = crate::domain::award::Calculation {
        jurisdiction: JurisdictionId::parse("kosovo").unwrap(),
        schedule_version: "kosovo/2017-01-01".to_owned(),
        currency: Currency::Eur,
        lines: vec![],
        gross: crate::domain::Money::from_minor_units(424_500, Currency::Eur),
        limited: crate::domain::Money::from_minor_units(424_500, Currency::Eur),
        limit_explanation: None,
        offsets: crate::domain::Money::zero(Currency::Eur),
        reduction: crate::domain::Money::zero(Currency::Eur),
        interim_deducted: crate::domain::Money::from_minor_units(50_000, Currency::Eur),
        interim_excess: crate::domain::Money::zero(Currency::Eur),
        total: crate::domain::Money::from_minor_units(374_500, Currency::Eur),
        provisional: vec![],
    };
    let table = CalculationTable::from_calculation(
        &calculation,
        crate::domain::award::Deductions::BeforeLimits,
    );
    assert_eq!(table.gross, "4245.00");
    assert_eq!(table.interim_deducted, "500.00");
    assert_eq!(table.total, "3745.00");
    assert!(table.deductions_before_limits);
}

#[test]
fn the_content_round_trips_through_canonical_json() {
    let content = kosovo_decision();
    let json = serde_jcs::to_string(&content).unwrap();
    assert!(
        json.contains(r#""outcome":{"amount":"4245.00","kind":"partial_award"}"#),
        "{json}"
    );
    let back: DecisionContent = serde_json::from_str(&json).unwrap();
    assert_eq!(back, content);
}

/// Writes sample documents for people to look at when `REDRESS_PDF_SAMPLES_DIR` names a folder
/// (CI keeps them): a decision in each of Kosovo's languages, a long one, a masked copy and a
/// letter.
/// The benchmark's decision is content as it is stored: canonical JSON.
#[test]
fn the_benchmark_sample_reads_and_renders_on_two_pages() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/decision-sq.json");
    let content: DecisionContent =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pdf = decision(&content, Language::Sq, Recipient::Applicant);
    assert_eq!(pages_text(&pdf).len(), 2);
}

#[test]
fn sample_documents_are_written_where_asked() {
    let Some(folder) = std::env::var_os("REDRESS_PDF_SAMPLES_DIR") else {
        return;
    };
    let folder = Path::new(&folder);
    std::fs::create_dir_all(folder).unwrap();
    let decision_content = kosovo_decision();
    let mut masked = kosovo_decision();
    masked.parties.identity_protected = true;
    let samples = [
        (
            "decision-sq.pdf",
            decision(&decision_content, Language::Sq, Recipient::Applicant),
        ),
        (
            "decision-sr.pdf",
            decision(&decision_content, Language::Sr, Recipient::Applicant),
        ),
        (
            "decision-en.pdf",
            decision(&decision_content, Language::En, Recipient::Applicant),
        ),
        (
            "decision-long-sq.pdf",
            decision(&long_decision(), Language::Sq, Recipient::Applicant),
        ),
        (
            "decision-masked-sq.pdf",
            decision(&masked, Language::Sq, Recipient::Circulation),
        ),
    ];
    for (name, pdf) in samples {
        std::fs::write(folder.join(name), pdf).unwrap();
    }
    let content = letter(every_letter().remove(1));
    let pdf = render_letter(
        jurisdictions(),
        &content,
        Language::Sr,
        Recipient::Applicant,
    )
    .unwrap();
    std::fs::write(folder.join("letter-evidence-sr.pdf"), pdf).unwrap();
}
