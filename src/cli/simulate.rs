//! `bedside simulate PATH... --runs N --seed S`: random playthroughs per scenario,
//! with a progress bar on long runs, what test-wise strategies reach, and the
//! balance of the options; `--strategy longest|question` plays one strategy.

use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::error::{CliError, CliResult};
use super::{color, print_json};
use bedside_core::check::balance::Balance;
use bedside_core::play::script::Script;
use bedside_core::play::simulate::{Simulation, Spread, simulate};
use bedside_core::play::strategy::{self, Strategy, StrategyRun};
use bedside_core::scenario::load::Library;

/// `random`, or the name of one of the core's strategies (`longest`, `question`, ...).
pub fn strategy_names() -> Vec<&'static str> {
    std::iter::once("random").chain(Strategy::ALL.iter().map(|s| s.name())).collect()
}

#[derive(Serialize)]
struct Objective {
    n: usize,
    text: String,
    runs_met: u64,
    percent: f64,
}

#[derive(Serialize)]
struct StrategyReport {
    strategy: &'static str,
    /// The path as `--choose` takes it: 1-based file positions.
    choose: String,
    ending: Option<String>,
    outcome: Option<&'static str>,
    empathy: f64,
    clarity: f64,
    overall: f64,
    best_choice_rate: f64,
    objectives_met: Vec<usize>,
    safety_errors: u32,
    wins: bool,
}

fn strategy_report(script: &Script, run: &StrategyRun) -> StrategyReport {
    StrategyReport {
        strategy: run.strategy.name(),
        choose: run.choose_list(),
        ending: run.ending.map(|e| script.ending_id(e).to_owned()),
        outcome: run.outcome(script).map(|o| o.name()),
        empathy: run.tally.empathy_score(),
        clarity: run.tally.clarity_score(),
        overall: run.tally.overall(),
        best_choice_rate: run.tally.best_choice_rate(),
        objectives_met: (0..64).filter(|o| run.tally.met >> o & 1 == 1).map(|o| o + 1).collect(),
        safety_errors: run.tally.safety_errors,
        wins: run.strategy.is_test_wise() && run.wins(script),
    }
}

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
    objectives: Vec<Objective>,
    runs_with_safety_errors: u64,
    safety_errors_per_run: f64,
    escalations: Vec<Count>,
    strategies: Vec<StrategyReport>,
    balance: Balance,
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
        objectives: script
            .scenario()
            .objectives
            .iter()
            .enumerate()
            .map(|(i, text)| Objective {
                n: i + 1,
                text: text.clone(),
                runs_met: sim.objectives_met[i],
                percent: round1(pct(sim.objectives_met[i], sim.runs)),
            })
            .collect(),
        runs_with_safety_errors: sim.runs_with_safety_errors,
        safety_errors_per_run: sim.safety_errors as f64 / sim.runs.max(1) as f64,
        escalations: (0..script.node_count())
            .filter(|&n| script.node(n).escalate.is_some())
            .map(|n| Count { id: script.node_id(n).into(), count: sim.escalations[n] })
            .collect(),
        strategies: Strategy::ALL.iter().map(|&s| strategy_report(script, &strategy::play(script, s))).collect(),
        balance: Balance::of(script),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Fails (exit 1, after the others' reports) when a file has errors and was skipped.
pub fn run(paths: &[PathBuf], runs: u64, seed: u64, json: bool, strategy: &str) -> CliResult {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        return Err(CliError::usage(format!("no such file or folder: {}", missing.display())));
    }
    if runs == 0 {
        return Err(CliError::usage("--runs must be at least 1"));
    }
    let library = Library::load(paths);
    let mut failed = false;
    for f in library.files.iter().filter(|f| f.script.is_none()) {
        eprintln!("{}", f.render(color()));
        eprintln!("skipped {}: it has errors\n", f.file);
        failed = true;
    }
    // clap has checked the name against `strategy_names`.
    let only = Strategy::ALL.into_iter().find(|s| s.name() == strategy);
    if let Some(s) = only {
        let reports: Vec<StrategyReport> =
            library.scripts().map(|script| strategy_report(script, &strategy::play(script, s))).collect();
        if json {
            print_json(&reports)?;
        } else {
            for (script, r) in library.scripts().zip(&reports) {
                outln!("{} ({}): {}", script.id(), script.file, s.describe());
                print_strategy(r);
                outln!();
            }
        }
        return skipped(failed);
    }
    let mut reports = Vec::new();
    let mut total = Balance::default();
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
        total.add(&r.balance);
        reports.push(r);
    }
    if json {
        print_json(&reports)?;
    } else if reports.len() > 1 {
        outln!("library ({} scenarios):", reports.len());
        print_balance(&total);
    }
    skipped(failed)
}

/// Exit 1 when a file was skipped for its errors (already shown).
fn skipped(failed: bool) -> CliResult {
    if failed { Err(CliError::Reported) } else { Ok(()) }
}

fn pct(n: u64, of: u64) -> f64 {
    if of == 0 { 0.0 } else { 100.0 * n as f64 / of as f64 }
}

fn print_strategy(r: &StrategyReport) {
    let ending = match (&r.ending, r.outcome) {
        (Some(e), Some(o)) => format!("ends `{e}` ({o})"),
        _ => "never ends (the path loops)".to_owned(),
    };
    let met: Vec<String> = r.objectives_met.iter().map(ToString::to_string).collect();
    outln!(
        "      {ending}, overall {:.1} (empathy {:.1}, clarity {:.1}), objectives met: {}, safety errors: {}{}",
        r.overall,
        r.empathy,
        r.clarity,
        if met.is_empty() { "none".to_owned() } else { met.join(", ") },
        r.safety_errors,
        if r.wins { "  <- WINS" } else { "" }
    );
    outln!("      path (--choose): {}", r.choose);
}

fn print_balance(b: &Balance) {
    outln!(
        "  most empathic option is the longest in {} of {} multi-choice nodes ({:.0}%)",
        b.longest_is_most_empathic,
        b.multi_choice_nodes,
        100.0 * b.longest_share()
    );
    outln!(
        "  best options average {:.2}x the words of the others; {:.0}% of them end in `?`",
        b.best_length_ratio(),
        100.0 * b.question_share()
    );
    if let Some((pair, share)) = b.top_pair() {
        outln!("  most common rating of a best option: {pair} (empathy/clarity), on {:.0}% of them", 100.0 * share);
    }
    outln!(
        "  nodes with no near miss (no other option rated empathy 2+): {}; options rated empathy 2: {}; jargon or information dumps: {}",
        b.without_near_miss,
        b.rated_two,
        b.jargon_or_dump
    );
    outln!(
        "  actions (Do): {}, hazards: {}, replies: {}, choices with meets: {}, sources: {}",
        b.actions,
        b.hazards,
        b.replies,
        b.meets,
        b.sources
    );
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
    outln!("  objectives (runs that met each):");
    for o in &r.objectives {
        outln!("    {}. {:<60}{:>8} ({:.1}%)", o.n, o.text, o.runs_met, o.percent);
    }
    outln!(
        "  safety errors: {:.2} a run; {} runs ({:.1}%) had at least one",
        r.safety_errors_per_run,
        r.runs_with_safety_errors,
        pct(r.runs_with_safety_errors, r.runs)
    );
    if !r.escalations.is_empty() {
        outln!("  escalations (times fired):");
        for e in &r.escalations {
            outln!("    {:<28}{:>8}", e.id, e.count);
        }
    }
    outln!("  strategies (test-wise, then the best-rated and worst-rated paths):");
    for s in &r.strategies {
        outln!("    {}:", s.strategy);
        print_strategy(s);
    }
    outln!("  balance:");
    print_balance(&r.balance);
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
