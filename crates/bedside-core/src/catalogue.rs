//! The scenario catalogue in docs/catalogue.md, generated from the scenario files
//! so it never drifts: one line per scenario with its situation, difficulty,
//! setting and the skills its helpful choices practise.

use std::collections::BTreeSet;

use crate::play::script::Script;
use crate::scenario::Tag;

/// The catalogue as Markdown, scenarios ordered by difficulty then id.
pub fn catalogue<'a>(scripts: impl IntoIterator<Item = &'a Script>) -> String {
    let mut list: Vec<&Script> = scripts.into_iter().collect();
    list.sort_by(|a, b| (a.scenario().difficulty, a.id()).cmp(&(b.scenario().difficulty, b.id())));
    let mut out = String::from(
        "# Scenario catalogue\n\n\
         Generated from `scenarios/*.ron` by `cargo test` (the test fails when this page\n\
         and the files disagree; run `BEDSIDE_BLESS=1 cargo test catalogue` to rewrite it).\n\n\
         | scenario | difficulty | setting | situation | skills practised |\n\
         |---|---|---|---|---|\n",
    );
    for s in list {
        let sc = s.scenario();
        let skills: BTreeSet<Tag> = sc
            .nodes
            .iter()
            .flat_map(|(_, n)| n.choices.iter())
            .flat_map(|c| c.tags.iter().copied())
            .filter(|t| !t.is_harmful())
            .collect();
        let skills: Vec<&str> = skills.iter().map(|t| t.plain()).collect();
        out.push_str(&format!(
            "| `{}`: {} | {} | {} | {} | {} |\n",
            s.id(),
            cell(&sc.title),
            sc.difficulty.name(),
            cell(&sc.setting),
            cell(&sc.summary),
            skills.join(", ")
        ));
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
