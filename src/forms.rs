//! Loads and validates the jurisdiction packages kept in forms/, one folder per jurisdiction.
//!
//! A bad file stops the start with an error naming the file, the key and what is wrong.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::domain::rules::{JurisdictionId, JurisdictionRules};

/// The file in each jurisdiction's folder that holds its workflow rules.
const RULES_FILE: &str = "jurisdiction.toml";

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
        for folder in folders {
            let loaded = load_rules(&folder)?;
            rules.insert(loaded.id.clone(), loaded);
        }
        if rules.is_empty() {
            return Err(FormsError::Empty {
                path: directory.to_owned(),
            });
        }
        Ok(Jurisdictions { rules })
    }

    /// No jurisdictions, for commands that touch users or the audit trail but no claim's rules.
    pub fn none() -> Self {
        Jurisdictions {
            rules: BTreeMap::new(),
        }
    }

    pub fn get(&self, id: &JurisdictionId) -> Option<&JurisdictionRules> {
        self.rules.get(id)
    }

    pub fn all(&self) -> impl Iterator<Item = &JurisdictionRules> {
        self.rules.values()
    }
}

fn load_rules(folder: &Path) -> Result<JurisdictionRules, FormsError> {
    let path = folder.join(RULES_FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| FormsError::Unreadable {
        path: path.clone(),
        source,
    })?;
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
}
