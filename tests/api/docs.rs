//! The README's workflow diagram is the table's own rendering, never a hand-drawn copy.

use redress::domain::diagram::{render_markdown, render_mermaid};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn the_readme_embeds_the_workflow_diagram_drawn_from_the_table() {
    let expected = format!("```mermaid\n{}```", render_mermaid());
    assert!(
        readme().contains(&expected),
        "README.md's diagram differs; paste the output of `redress workflow`"
    );
}

#[test]
fn the_readme_embeds_the_transition_table() {
    assert!(
        readme().contains(&render_markdown()),
        "README.md's table differs; paste the output of `redress workflow --format markdown`"
    );
}
