//! `bedside simulate PATH... --runs N --seed S`: random playthroughs per scenario,
//! with a progress bar on long runs.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::{USAGE, color, print_json};
use crate::core::load::Library;
use crate::core::script::Script;
use crate::core::simulate::{Simulation, Spread, simulate};

#[derive(Serialize)]
struct Count {
    id: String,
    count: u64,
}

#[derive(Serialize)]
struct Report {
    scenario: String,
    file: String,
    runs: u64,
    cut_off: u64,
    steps: u64,
    nodes: Vec<Count>,
    choices: Vec<Count>,
    endings: Vec<Count>,
    never_reached: Vec<String>,
    empathy: Spread,
    clarity: Spread,
    overall: Spread,
    best_choice_rate: Spread,
}

fn report(script: &Script, sim: &Simulation) -> Report {
    let nodes =
        (0..script.node_count()).map(|n| Count { id: script.node_id(n).into(), count: sim.node_visits[n] }).collect();
    let choices = (0..script.node_count())
        .flat_map(|n| (0..script.node(n).choices.len()).map(move |c| (n, c)))
        .map(|(n, c)| Count { id: format!("{}#{}", script.node_id(n), c + 1), count: sim.choice_picks[n][c] })
        .collect();
    let endings =
        (0..script.ending_count()).map(|e| Count { id: script.ending_id(e).into(), count: sim.endings[e] }).collect();
    Report {
        scenario: script.id().into(),
        file: script.file.clone(),
        runs: sim.runs,
        cut_off: sim.cut_off,
        steps: sim.steps,
        nodes,
        choices,
        endings,
        never_reached: sim.never_reached(script),
        empathy: sim.empathy,
        clarity: sim.clarity,
        overall: sim.overall,
        best_choice_rate: sim.best_choice_rate,
    }
}

pub fn run(paths: &[PathBuf], runs: u64, seed: u64, json: bool) -> u8 {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        eprintln!("error: no such file or folder: {}", missing.display());
        return USAGE;
    }
    if runs == 0 {
        eprintln!("error: --runs must be at least 1");
        return USAGE;
    }
    let library = Library::load(paths);
    let mut failed = false;
    for f in library.files.iter().filter(|f| f.script.is_none()) {
        eprintln!("{}", f.render(color()));
        eprintln!("skipped {}: it has errors\n", f.file);
        failed = true;
    }
    let mut reports = Vec::new();
    for script in library.scripts() {
        let bar = if runs >= 20_000 { ProgressBar::new(runs) } else { ProgressBar::hidden() };
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} runs ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(script.id().to_owned());
        let sim = simulate(script, runs, seed, |done| bar.set_position(done));
        bar.finish_and_clear();
        let r = report(script, &sim);
        if !json {
            print_human(&r);
        }
        reports.push(r);
    }
    if json {
        print_json(&reports);
    }
    u8::from(failed)
}

fn pct(n: u64, of: u64) -> f64 {
    if of == 0 { 0.0 } else { 100.0 * n as f64 / of as f64 }
}

fn print_human(r: &Report) {
    outln!("{} ({}): {} runs, {} steps", r.scenario, r.file, r.runs, r.steps);
    if r.cut_off > 0 {
        outln!("  {} runs went on past the step limit without an ending", r.cut_off);
    }
    outln!("  {:<18}{:>8}{:>8}{:>8}", "score", "min", "median", "max");
    for (name, s) in
        [("empathy", r.empathy), ("clarity", r.clarity), ("overall", r.overall), ("best choices %", r.best_choice_rate)]
    {
        outln!("  {:<18}{:>8.1}{:>8.1}{:>8.1}", name, s.min, s.median, s.max);
    }
    outln!("  endings:");
    for e in &r.endings {
        outln!("    {:<28}{:>8} ({:.1}%)", e.id, e.count, pct(e.count, r.runs));
    }
    outln!("  nodes (steps taken there):");
    for n in &r.nodes {
        outln!("    {:<28}{:>8}", n.id, n.count);
    }
    outln!("  choices (times chosen):");
    for c in &r.choices {
        outln!("    {:<28}{:>8}", c.id, c.count);
    }
    if r.never_reached.is_empty() {
        outln!("  never reached: nothing\n");
    } else {
        outln!("  never reached: {}\n", r.never_reached.join(", "));
    }
}
