//! Drawings of the workflow table: a Mermaid state diagram and a Markdown table, for the README
//! and `redress workflow`. A test keeps the README's copies identical to these.

use strum::IntoEnumIterator;

use super::workflow::{ClaimState, TRANSITIONS, Target, accepted_fields};

/// The table as a Mermaid state diagram, for the README and `redress workflow`.
pub fn render_mermaid() -> String {
    let mut lines = vec![
        "stateDiagram-v2".to_owned(),
        "    [*] --> draft: create".to_owned(),
    ];
    for row in TRANSITIONS {
        for to in row.target.possible_states() {
            let label = match row.target {
                Target::State(_) => row.action.as_str().to_owned(),
                Target::ByAppealOutcome => format!("{} ({})", row.action, appeal_label(to)),
            };
            lines.push(format!("    {} --> {}: {}", row.from, to, label));
        }
    }
    for state in ClaimState::iter().filter(|state| state.is_terminal()) {
        lines.push(format!("    {state} --> [*]"));
    }
    lines.join("\n") + "\n"
}

fn appeal_label(to: ClaimState) -> &'static str {
    if to == ClaimState::Final {
        "upheld or varied"
    } else {
        "remitted"
    }
}

/// The table as Markdown, with roles and guards, for the README.
pub fn render_markdown() -> String {
    let mut lines = vec![
        "| from | action | roles | requires | also accepts | guard | to |".to_owned(),
        "|---|---|---|---|---|---|---|".to_owned(),
    ];
    for row in TRANSITIONS {
        let roles: Vec<&str> = row.roles.iter().map(|role| role.as_str()).collect();
        let requires: Vec<&str> = row.requires.iter().map(|field| field.as_str()).collect();
        let optional: Vec<&str> = accepted_fields(row.action)
            .iter()
            .filter(|field| !row.requires.contains(field))
            .map(|field| field.as_str())
            .collect();
        let to: Vec<&str> = row
            .target
            .possible_states()
            .into_iter()
            .map(ClaimState::as_str)
            .collect();
        lines.push(format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.from,
            row.action,
            roles.join(", "),
            requires.join(", "),
            optional.join(", "),
            row.guard.name,
            to.join(" or ")
        ));
    }
    lines.join("\n") + "\n"
}
