//! Loads and validates the jurisdiction packages kept in forms/, one folder per jurisdiction.
//!
//! A bad file stops the start with an error naming the file, the key and what is wrong.
//! Each folder holds the workflow rules (jurisdiction.toml) and one award schedule per version
//! (schedule-<applies_from>.toml).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::domain::award::Schedule;
use crate::domain::claim::Language;
use crate::domain::rules::{JurisdictionId, JurisdictionRules};
use crate::texts::Messages;

/// The file in each jurisdiction's folder that holds its workflow rules.
const RULES_FILE: &str = "jurisdiction.toml";
/// Award schedules are named `schedule-<applies_from>.toml`, one file per version.
const SCHEDULE_PREFIX: &str = "schedule-";
const SCHEDULE_SUFFIX: &str = ".toml";

#[derive(Debug, thiserror::Error)]
pub enum FormsError {
    #[error("{}: cannot be read: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{}: no jurisdiction packages found", path.display())]
    Empty { path: PathBuf },
}

/// Every jurisdiction the engine serves, by id.
#[derive(Debug, Clone)]
pub struct Jurisdictions {
    rules: BTreeMap<JurisdictionId, JurisdictionRules>,
    /// Each jurisdiction's award schedules, oldest version first.
    schedules: BTreeMap<JurisdictionId, Vec<Schedule>>,
    /// Each jurisdiction's form and document texts, per language.
    texts: BTreeMap<JurisdictionId, BTreeMap<Language, Messages>>,
}

impl Jurisdictions {
    pub fn load(directory: &Path) -> Result<Self, FormsError> {
        let unreadable = |source| FormsError::Unreadable {
            path: directory.to_owned(),
            source,
        };
        let mut folders: Vec<PathBuf> = std::fs::read_dir(directory)
            .map_err(unreadable)?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.join(RULES_FILE).is_file())
            .collect();
        folders.sort();
        let mut rules = BTreeMap::new();
        let mut schedules = BTreeMap::new();
        let mut texts = BTreeMap::new();
        for folder in folders {
            let loaded = load_rules(&folder)?;
            let loaded_schedules = load_schedules(&folder, &loaded)?;
            texts.insert(
                loaded.id.clone(),
                crate::texts::load(&folder, &loaded, &loaded_schedules)?,
            );
            schedules.insert(loaded.id.clone(), loaded_schedules);
            rules.insert(loaded.id.clone(), loaded);
        }
        if rules.is_empty() {
            return Err(FormsError::Empty {
                path: directory.to_owned(),
            });
        }
        Ok(Jurisdictions {
            rules,
            schedules,
            texts,
        })
    }

    /// No jurisdictions, for commands that touch users or the audit trail but no claim's rules.
    pub fn none() -> Self {
        Jurisdictions {
            rules: BTreeMap::new(),
            schedules: BTreeMap::new(),
            texts: BTreeMap::new(),
        }
    }

    pub fn get(&self, id: &JurisdictionId) -> Option<&JurisdictionRules> {
        self.rules.get(id)
    }

    pub fn all(&self) -> impl Iterator<Item = &JurisdictionRules> {
        self.rules.values()
    }

    /// A text of the jurisdiction in a language, such as `head-funeral_costs` in `sq`.
    pub fn text(&self, id: &JurisdictionId, language: Language, key: &str) -> Option<&str> {
        self.texts
            .get(id)?
            .get(&language)?
            .get(key)
            .map(String::as_str)
    }

    /// All the texts of the jurisdiction in a language, if it serves that language.
    pub fn texts(&self, id: &JurisdictionId, language: Language) -> Option<&Messages> {
        self.texts.get(id)?.get(&language)
    }

    /// The jurisdiction's award schedules, oldest first; empty for an unknown jurisdiction.
    pub fn schedules(&self, id: &JurisdictionId) -> &[Schedule] {
        self.schedules.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Every `schedule-<applies_from>.toml` in the folder, validated against the jurisdiction's
/// currency, oldest first. The date in the file name must be the file's `applies_from`, so a
/// listing of the folder shows which version applies when.
pub fn load_schedules(
    folder: &Path,
    rules: &JurisdictionRules,
) -> Result<Vec<Schedule>, FormsError> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|source| FormsError::Unreadable {
            path: folder.to_owned(),
            source,
        })?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| schedule_date(path).is_some())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| load_schedule(path, rules))
        .collect()
}

/// The `<applies_from>` part of a schedule file's name.
fn schedule_date(path: &Path) -> Option<&str> {
    path.file_name()?
        .to_str()?
        .strip_prefix(SCHEDULE_PREFIX)?
        .strip_suffix(SCHEDULE_SUFFIX)
}

fn load_schedule(path: &Path, rules: &JurisdictionRules) -> Result<Schedule, FormsError> {
    let text = read_file(path)?;
    let invalid = |message: String| FormsError::Invalid {
        path: path.to_owned(),
        message,
    };
    let schedule: Schedule = toml::from_str(&text).map_err(|error| invalid(error.to_string()))?;
    schedule
        .validate(rules.currency)
        .map_err(|error| invalid(error.to_string()))?;
    if schedule.jurisdiction != rules.id {
        return Err(invalid(format!(
            "jurisdiction: \"{}\" must be the folder's jurisdiction \"{}\"",
            schedule.jurisdiction, rules.id
        )));
    }
    let applies_from = schedule.applies_from.to_string();
    if schedule_date(path) != Some(applies_from.as_str()) {
        return Err(invalid(format!(
            "applies_from: {applies_from} must be the date in the file name"
        )));
    }
    Ok(schedule)
}

/// A package file's text, or an error naming the file.
pub fn read_file(path: &Path) -> Result<String, FormsError> {
    std::fs::read_to_string(path).map_err(|source| FormsError::Unreadable {
        path: path.to_owned(),
        source,
    })
}

fn load_rules(folder: &Path) -> Result<JurisdictionRules, FormsError> {
    let path = folder.join(RULES_FILE);
    let text = read_file(&path)?;
    let invalid = |message: String| FormsError::Invalid {
        path: path.clone(),
        message,
    };
    let rules: JurisdictionRules =
        toml::from_str(&text).map_err(|error| invalid(error.to_string()))?;
    rules
        .validate()
        .map_err(|error| invalid(error.to_string()))?;
    let folder_name = folder
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    if rules.id.as_str() != folder_name {
        return Err(invalid(format!(
            "id: \"{}\" must match the folder name \"{folder_name}\"",
            rules.id
        )));
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Jurisdictions {
        Jurisdictions::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("forms")).unwrap()
    }

    #[test]
    fn the_shipped_texts_cover_every_language_and_head() {
        let jurisdictions = shipped();
        let kosovo = JurisdictionId::parse("kosovo").unwrap();
        let label = |language| jurisdictions.text(&kosovo, language, "head-funeral_costs");
        assert_eq!(label(Language::Sq), Some("Shpenzimet e varrimit"));
        assert_eq!(label(Language::Sr), Some("Трошкови сахране"));
        assert_eq!(label(Language::En), Some("Funeral costs"));
    }

    #[test]
    fn a_missing_translation_stops_the_load_naming_the_file_and_key() {
        let directory = tempfile::tempdir().unwrap();
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("forms/kosovo");
        let folder = directory.path().join("kosovo");
        std::fs::create_dir_all(folder.join("texts")).unwrap();
        for file in [
            "jurisdiction.toml",
            "schedule-2017-01-01.toml",
            "texts/sq.ftl",
            "texts/en.ftl",
            "texts/sr.ftl",
        ] {
            std::fs::copy(source.join(file), folder.join(file)).unwrap();
        }
        let serbian = std::fs::read_to_string(folder.join("texts/sr.ftl")).unwrap();
        let without = serbian
            .lines()
            .filter(|line| !line.starts_with("head-medical_aids"))
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(folder.join("texts/sr.ftl"), without).unwrap();
        let error = Jurisdictions::load(directory.path())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("texts/sr.ftl") && error.contains("head-medical_aids: missing"),
            "{error}"
        );
    }

    #[test]
    fn the_shipped_packages_load() {
        let jurisdictions = shipped();
        let ids: Vec<&str> = jurisdictions.all().map(|rules| rules.id.as_str()).collect();
        assert_eq!(ids, ["california", "kosovo", "uk-cica-2012"]);
    }

    #[test]
    fn a_bad_file_is_named_with_the_key_and_the_reason() {
        let directory = std::env::temp_dir().join(format!("redress-forms-{}", std::process::id()));
        let folder = directory.join("kosovo");
        std::fs::create_dir_all(&folder).unwrap();
        let good = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("forms/kosovo/jurisdiction.toml"),
        )
        .unwrap();
        std::fs::write(
            folder.join(RULES_FILE),
            good.replace("quorum = 3", "quorum = 9"),
        )
        .unwrap();
        let error = Jurisdictions::load(&directory).unwrap_err().to_string();
        std::fs::remove_dir_all(&directory).unwrap();
        assert!(error.contains("kosovo/jurisdiction.toml"), "{error}");
        assert!(error.contains("commission.quorum"), "{error}");
    }

    #[test]
    fn the_shipped_schedules_load_and_validate() {
        let jurisdictions = shipped();
        let versions: Vec<String> = jurisdictions
            .all()
            .flat_map(|rules| jurisdictions.schedules(&rules.id))
            .map(|schedule| schedule.version.clone())
            .collect();
        assert_eq!(
            versions,
            [
                "california/2024-01-01",
                "kosovo/2017-01-01",
                "uk-cica-2012/2012-11-27"
            ]
        );
        let unknown = JurisdictionId::parse("atlantis").unwrap();
        assert!(jurisdictions.schedules(&unknown).is_empty());
    }

    /// A copy of the shipped Kosovo package with one schedule file, edited by `edit`.
    fn schedule_load_error(name: &str, file_name: &str, edit: impl Fn(String) -> String) -> String {
        let directory =
            std::env::temp_dir().join(format!("redress-schedules-{name}-{}", std::process::id()));
        let folder = directory.join("kosovo");
        std::fs::create_dir_all(&folder).unwrap();
        let shipped_folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("forms/kosovo");
        std::fs::copy(shipped_folder.join(RULES_FILE), folder.join(RULES_FILE)).unwrap();
        let schedule =
            std::fs::read_to_string(shipped_folder.join("schedule-2017-01-01.toml")).unwrap();
        std::fs::write(folder.join(file_name), edit(schedule)).unwrap();
        let error = Jurisdictions::load(&directory).unwrap_err().to_string();
        std::fs::remove_dir_all(&directory).unwrap();
        error
    }

    #[test]
    fn a_bad_schedule_is_named_with_the_key_and_the_reason() {
        let error = schedule_load_error("cap", "schedule-2017-01-01.toml", |text| {
            text.replacen("cap = \"7000.00\"", "cap = \"7000.001\"", 1)
        });
        assert!(error.contains("kosovo/schedule-2017-01-01.toml"), "{error}");
        assert!(error.contains("heads[0].rule.cap"), "{error}");
        assert!(error.contains("decimal places"), "{error}");
        let error = schedule_load_error("kind", "schedule-2017-01-01.toml", |text| {
            text.replacen("claimed_amount", "claimed_amonut", 1)
        });
        assert!(error.contains("kosovo/schedule-2017-01-01.toml"), "{error}");
        assert!(error.contains("claimed_amonut"), "{error}");
    }

    #[test]
    fn a_schedule_file_must_be_named_after_its_date() {
        let error = schedule_load_error("date", "schedule-2018-01-01.toml", |text| text);
        assert!(error.contains("kosovo/schedule-2018-01-01.toml"), "{error}");
        assert!(error.contains("applies_from"), "{error}");
    }
}
