//! The scenario catalogue in docs/catalogue.md, generated from the scenario files
//! so it never drifts: one line per scenario with its situation, difficulty,
//! setting and the skills its helpful choices practise; then, per scenario, the
//! guidance it follows and its objectives with how often random play meets each.

use std::collections::BTreeSet;

use crate::play::script::Script;
use crate::play::simulate::simulate;
use crate::scenario::Tag;

/// Random runs per scenario for the objective figures, and their seed.
pub const RUNS: u64 = 20_000;
pub const SEED: u64 = 11;

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
    for s in &list {
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
    out.push_str(&format!(
        "\n## Guidance and objectives\n\n\
         Each objective with the share of {RUNS} random playthroughs (seed {SEED}) that met it: a\n\
         learner choosing at random, so a low share means the objective takes deliberate\n\
         good practice. A `Resolved` ending needs every objective.\n"
    ));
    for s in &list {
        let sc = s.scenario();
        let sim = simulate(s, RUNS, SEED, |_| {});
        let pct = |n: u64| 100.0 * n as f64 / RUNS as f64;
        out.push_str(&format!("\n### `{}`: {}\n\n", s.id(), cell(&sc.title)));
        out.push_str("Follows:\n\n");
        for source in &sc.sources {
            out.push_str(&format!("- {}\n", cell(source)));
        }
        out.push_str("\nObjectives (met by random play):\n\n");
        for (i, o) in sc.objectives.iter().enumerate() {
            out.push_str(&format!("{}. {} ({:.1}%)\n", i + 1, cell(o), pct(sim.objectives_met[i])));
        }
        out.push_str(&format!("\nRandom runs with a safety error: {:.1}%.\n", pct(sim.runs_with_safety_errors)));
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
