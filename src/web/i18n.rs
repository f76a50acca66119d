//! The web UI's texts in Albanian, Serbian (Cyrillic) and English, from forms/ui/<language>/*.ftl
//! (read by the same Fluent reader as the documents' texts), and which language a visitor gets:
//! `?lang=`, then their language cookie, then `Accept-Language`, then Albanian.
//!
//! The files are built into the binary, so a page can never lack its texts at run time; a test
//! checks that every language has every key and that every key a template uses exists.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::domain::claim::Language;
use crate::texts::{Messages, parse, substitute};

/// A language of the web UI, named as the `lang` attribute and `?lang=` name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum UiLanguage {
    Sq,
    SrCyrl,
    En,
}

impl UiLanguage {
    /// In the order the language navigation lists them.
    pub const ALL: [UiLanguage; 3] = [UiLanguage::Sq, UiLanguage::SrCyrl, UiLanguage::En];

    /// The BCP 47 tag, for `lang`, `hreflang` and `?lang=`.
    pub fn tag(self) -> &'static str {
        match self {
            UiLanguage::Sq => "sq",
            UiLanguage::SrCyrl => "sr-Cyrl",
            UiLanguage::En => "en",
        }
    }

    /// The language's own name for itself, as language navigation shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            UiLanguage::Sq => "Shqip",
            UiLanguage::SrCyrl => "Српски",
            UiLanguage::En => "English",
        }
    }

    /// A tag as `?lang=` or the cookie gives it; `sr` alone means Cyrillic Serbian.
    pub fn parse(tag: &str) -> Option<UiLanguage> {
        let tag = tag.trim().to_ascii_lowercase();
        match tag.as_str() {
            "sq" => Some(UiLanguage::Sq),
            "sr" | "sr-cyrl" => Some(UiLanguage::SrCyrl),
            "en" => Some(UiLanguage::En),
            _ => None,
        }
    }

    /// The first language of `Accept-Language` the UI speaks, by the order of preference
    /// (`q`) the browser gives; any `sr*` is Cyrillic Serbian, the script official documents use.
    pub fn from_accept_language(header: &str) -> Option<UiLanguage> {
        let mut ranges: Vec<(u32, usize, UiLanguage)> = Vec::new();
        for (position, range) in header
            .split(',')
            .take(ACCEPT_LANGUAGE_RANGES_MAXIMUM)
            .enumerate()
        {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = parts
                .find_map(|part| part.trim().strip_prefix("q="))
                .map_or(1000, quality_thousandths);
            let primary = tag.split('-').next().unwrap_or("");
            let language = match primary {
                "sq" => UiLanguage::Sq,
                "sr" => UiLanguage::SrCyrl,
                "en" => UiLanguage::En,
                _ => continue,
            };
            if quality > 0 {
                ranges.push((quality, position, language));
            }
        }
        ranges.sort_by(|first, second| second.0.cmp(&first.0).then(first.1.cmp(&second.1)));
        ranges.first().map(|(_, _, language)| *language)
    }

    /// The language documents and formats know it as.
    pub fn language(self) -> Language {
        match self {
            UiLanguage::Sq => Language::Sq,
            UiLanguage::SrCyrl => Language::Sr,
            UiLanguage::En => Language::En,
        }
    }
}

/// More ranges than this in one header are ignored: no browser sends so many.
const ACCEPT_LANGUAGE_RANGES_MAXIMUM: usize = 16;

/// `0.8` as 800; anything unreadable as 0, so it is skipped.
fn quality_thousandths(text: &str) -> u32 {
    let value: f32 = text.trim().parse().unwrap_or(0.0);
    if (0.0..=1.0).contains(&value) {
        (value * 1000.0).round() as u32
    } else {
        0
    }
}

/// The areas of the UI whose texts have a file of their own in each language's folder
/// (forms/ui/<language>/<area>.ftl), so pages for different roles are worded independently.
macro_rules! area_files {
    ($language:literal) => {
        concat!(
            include_str!(concat!("../../forms/ui/", $language, "/common.ftl")),
            "\n",
            include_str!(concat!("../../forms/ui/", $language, "/lawyer.ftl")),
            "\n",
            include_str!(concat!("../../forms/ui/", $language, "/casework.ftl")),
            "\n",
            include_str!(concat!("../../forms/ui/", $language, "/commission.ftl")),
            "\n",
            include_str!(concat!("../../forms/ui/", $language, "/finance.ftl")),
            "\n",
            include_str!(concat!("../../forms/ui/", $language, "/audit.ftl")),
            "\n",
            include_str!(concat!("../../forms/ui/", $language, "/admin.ftl")),
        )
    };
}

/// The Fluent source of each language, its area files joined, built into the binary.
pub(crate) const SOURCES: [(UiLanguage, &str); 3] = [
    (UiLanguage::Sq, area_files!("sq")),
    (UiLanguage::SrCyrl, area_files!("sr-Cyrl")),
    (UiLanguage::En, area_files!("en")),
];

/// Every language's messages; a file that does not parse leaves its language empty, which the
/// coverage test reports.
static MESSAGES: LazyLock<BTreeMap<UiLanguage, Messages>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(language, source)| {
            let messages = parse(source).unwrap_or_else(|error| {
                tracing::error!(language = language.tag(), %error, "web UI texts do not parse");
                Messages::new()
            });
            (*language, messages)
        })
        .collect()
});

/// The texts of one language, as templates call them: `tr.t("key")`,
/// `tr.with("key", "name", value)`.
#[derive(Clone, Copy, Debug)]
pub struct Tr {
    pub language: UiLanguage,
}

impl Tr {
    pub fn new(language: UiLanguage) -> Self {
        Tr { language }
    }

    /// The text of `key`; the key itself if it were missing, which the tests rule out.
    pub fn t<'key>(&self, key: &'key str) -> &'key str {
        match MESSAGES
            .get(&self.language)
            .and_then(|messages| messages.get(key))
        {
            Some(text) => text.as_str(),
            None => {
                debug_assert!(false, "no web UI text {key} in {}", self.language.tag());
                key
            }
        }
    }

    /// The text of `key` with its one variable `name` replaced by `value`.
    pub fn with(&self, key: &str, name: &str, value: &dyn std::fmt::Display) -> String {
        let text = self.t_owned(key);
        substitute(&text, &[(name, &value.to_string())])
    }

    fn t_owned(&self, key: &str) -> String {
        MESSAGES
            .get(&self.language)
            .and_then(|messages| messages.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// A date as this language writes it (`28.11.2026`, `28 November 2026`).
    pub fn date(&self, date: &NaiveDate) -> String {
        crate::locale::format_date(*date, self.language.language())
    }

    pub fn tag(&self) -> &'static str {
        self.language.tag()
    }
}

#[cfg(test)]
pub(crate) fn messages(language: UiLanguage) -> &'static Messages {
    &MESSAGES[&language]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_and_has_the_same_keys() {
        for (language, source) in SOURCES {
            assert!(parse(source).is_ok(), "{} does not parse", language.tag());
        }
        let english: Vec<&String> = messages(UiLanguage::En).keys().collect();
        assert!(!english.is_empty());
        for language in UiLanguage::ALL {
            let keys: Vec<&String> = messages(language).keys().collect();
            assert_eq!(keys, english, "{} differs from en", language.tag());
        }
    }

    #[test]
    fn accept_language_picks_the_most_preferred_language_spoken() {
        let pick = UiLanguage::from_accept_language;
        assert_eq!(
            pick("sr-Latn-RS,sr;q=0.9,en;q=0.8"),
            Some(UiLanguage::SrCyrl)
        );
        assert_eq!(pick("de-DE,en;q=0.5,sq;q=0.7"), Some(UiLanguage::Sq));
        assert_eq!(pick("en-GB"), Some(UiLanguage::En));
        assert_eq!(pick("de,fr;q=0.9"), None);
        assert_eq!(pick("sq;q=0,en;q=0.1"), Some(UiLanguage::En));
        assert_eq!(pick(""), None);
    }

    #[test]
    fn tags_are_read_leniently_and_written_canonically() {
        assert_eq!(UiLanguage::parse("sr-cyrl"), Some(UiLanguage::SrCyrl));
        assert_eq!(UiLanguage::parse("SR"), Some(UiLanguage::SrCyrl));
        assert_eq!(UiLanguage::parse("de"), None);
        assert_eq!(UiLanguage::SrCyrl.tag(), "sr-Cyrl");
    }
}
