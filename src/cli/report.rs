//! `bedside report`: the cohort table, one trainee's attempts and trend, or one
//! scenario's summary, as text, CSV (per attempt or per step) or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::access::{educator, filter, open_store};
use super::error::{CliError, CliResult};
use super::{FilterArgs, Places, ReportFormat};
use bedside_records::report::{self, AttemptRow, Cohort, Filter, ScenarioSummary};
use bedside_records::store::Store;

pub struct Args {
    pub filter: FilterArgs,
    pub format: ReportFormat,
    pub steps: bool,
    pub bom: bool,
    pub output: Option<PathBuf>,
}

/// The UTF-8 byte-order mark Excel looks for.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn run(places: &Places, args: Args) -> CliResult {
    if (args.steps || args.bom) && args.format != ReportFormat::Csv {
        return Err(CliError::usage("--steps and --bom go with --format csv"));
    }
    let f = filter(&args.filter)?;
    let mut store = open_store(places)?;
    educator(&mut store)?;
    let mut out = output(args.output.as_deref())?;
    match args.format {
        ReportFormat::Csv => csv(&store, &f, &args, &mut out)?,
        ReportFormat::Json => writeln!(out, "{}", json_text(&store, &f, &args.filter)?).map_err(CliError::failed)?,
        ReportFormat::Human => {
            out.write_all(human_text(&store, &f, &args.filter)?.as_bytes()).map_err(CliError::failed)?
        }
    }
    out.flush().map_err(CliError::failed)
}

/// Where the report goes: the file given, or the terminal.
fn output(path: Option<&Path>) -> CliResult<Box<dyn Write>> {
    Ok(match path {
        Some(path) => {
            let file = bedside_records::store::create_export(path).map_err(CliError::file("cannot write", path))?;
            Box::new(std::io::BufWriter::new(file))
        }
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// One row per attempt, or per step with `--steps`.
fn csv(store: &Store, f: &Filter, args: &Args, out: &mut dyn Write) -> CliResult {
    if args.bom {
        out.write_all(UTF8_BOM).map_err(CliError::failed)?;
    }
    let n =
        if args.steps { report::write_steps_csv(store, f, out)? } else { report::write_attempts_csv(store, f, out)? };
    if let Some(p) = &args.output {
        eprintln!("Wrote {n} rows to {}", p.display());
    }
    Ok(())
}

fn json_text(store: &Store, f: &Filter, by: &FilterArgs) -> CliResult<String> {
    match (&by.trainee, &by.scenario) {
        (Some(t), _) => json(&TraineeReport { trainee: t, attempts: report::attempts(store, f)? }),
        (None, Some(_)) => json(&report::scenario(store, f)?),
        (None, None) => json(&report::cohort(store, f)?),
    }
}

fn human_text(store: &Store, f: &Filter, by: &FilterArgs) -> CliResult<String> {
    Ok(match (&by.trainee, &by.scenario) {
        (Some(t), _) => trainee_text(t, &report::attempts(store, f)?),
        (None, Some(s)) => {
            let summary = report::scenario(store, f)?;
            if summary.attempts == 0 { format!("No attempts at {s} recorded.\n") } else { scenario_text(&summary) }
        }
        (None, None) => cohort_text(&report::cohort(store, f)?),
    })
}

#[derive(Serialize)]
struct TraineeReport<'a> {
    trainee: &'a str,
    attempts: Vec<AttemptRow>,
}

fn json(value: &impl Serialize) -> CliResult<String> {
    serde_json::to_string_pretty(value).map_err(CliError::failed)
}

fn score(s: Option<f64>) -> String {
    s.map_or("-".to_owned(), |s| format!("{s:.0}"))
}

/// Trainees down, scenarios across; each cell `best/latest ×attempts`.
pub fn cohort_text(c: &Cohort) -> String {
    if c.cells.is_empty() {
        return "No attempts recorded.\n".to_owned();
    }
    let mut grid = vec![vec![String::new(); c.scenarios.len()]; c.trainees.len()];
    for cell in &c.cells {
        let safety = if cell.safety_errors > 0 { format!(" !{}", cell.safety_errors) } else { String::new() };
        grid[cell.trainee][cell.scenario] =
            format!("{}/{} ×{}{safety}", score(cell.best), score(cell.latest), cell.attempts);
    }
    let name_w = c.trainees.iter().map(|t| t.chars().count()).max().unwrap_or(0).max(7);
    let widths: Vec<usize> = (0..c.scenarios.len())
        .map(|j| grid.iter().map(|r| r[j].chars().count()).max().unwrap_or(0).max(c.scenarios[j].chars().count()))
        .collect();
    let mut s = String::from(
        "Best/latest overall score of completed attempts, ×attempts (all, with abandoned), !safety errors made\n\n",
    );
    s += &format!("{:name_w$}", "Trainee");
    for (j, sc) in c.scenarios.iter().enumerate() {
        s += &format!("  {:w$}", sc, w = widths[j]);
    }
    s += "\n";
    for (i, t) in c.trainees.iter().enumerate() {
        s += &format!("{t:name_w$}");
        for (j, cell) in grid[i].iter().enumerate() {
            s += &format!("  {:w$}", if cell.is_empty() { "." } else { cell }, w = widths[j]);
        }
        s += "\n";
    }
    s
}

fn trainee_text(trainee: &str, rows: &[AttemptRow]) -> String {
    if rows.is_empty() {
        return format!("No attempts by {trainee} recorded.\n");
    }
    let mut s = format!("{trainee}: {} attempt{}\n\n", rows.len(), if rows.len() == 1 { "" } else { "s" });
    s += "Started                Scenario                      Mode        Outcome     Empathy  Clarity  Overall  Objectives met  Safety errors\n";
    for r in rows {
        s += &format!(
            "{:22} {:29} {:11} {:11} {:>7.1}  {:>7.1}  {:>7.1}  {:14}  {:>13}\n",
            r.started.strftime("%Y-%m-%d %H:%M UTC").to_string(),
            r.scenario,
            r.mode,
            r.outcome,
            r.empathy,
            r.clarity,
            r.overall,
            if r.objectives_met.is_empty() { "-".to_owned() } else { r.objectives_met.replace(';', ", ") },
            r.safety_errors
        );
    }
    let done: Vec<&AttemptRow> = rows.iter().filter(|r| r.outcome != "abandoned").collect();
    if let (Some(first), Some(last)) = (done.first(), done.last()) {
        let mean = done.iter().map(|r| r.overall).sum::<f64>() / done.len() as f64;
        s += &format!(
            "\nOverall: first {:.1}, latest {:.1}, mean {:.1} over {} completed attempts\n",
            first.overall,
            last.overall,
            mean,
            done.len()
        );
    }
    s
}

fn scenario_text(x: &ScenarioSummary) -> String {
    let mut s = format!("{} ({})\n", x.title, x.scenario);
    s += &format!(
        "{} attempts, {} abandoned; mean overall {}\n\nOverall scores of completed attempts:\n",
        x.attempts,
        x.abandoned,
        x.mean_overall.map_or("-".to_owned(), |m| format!("{m:.1}"))
    );
    let top = x.histogram.iter().copied().max().unwrap_or(0).max(1);
    for (i, &n) in x.histogram.iter().enumerate() {
        let bar = "#".repeat((n as usize * 40).div_ceil(top as usize));
        s += &format!("  {:>3}-{:<3} {:>6}  {bar}\n", i * 10, if i == 9 { 100 } else { i * 10 + 9 }, n);
    }
    if !x.objectives.is_empty() {
        s += "\nObjectives met (completed attempts):\n";
        for o in &x.objectives {
            let pct = 100.0 * f64::from(o.met) / f64::from(o.of.max(1));
            s += &format!("  {:>5.1}%  {} of {}  {}. {}\n", pct, o.met, o.of, o.n, o.text);
        }
    }
    let done = x.attempts - x.abandoned;
    s += &format!("\nCompleted attempts with a safety error: {} of {done}\n", x.with_safety_errors);
    s += "\nEndings reached:\n";
    for e in &x.endings {
        s += &format!("  {:>6}  {} ({})\n", e.count, e.ending, e.outcome);
    }
    s += "\nChoices per node (most missed opportunities first):\n";
    for n in &x.nodes {
        let cue = if n.has_cue { format!(", cue missed {} of {}", n.missed, n.visits) } else { String::new() };
        s += &format!("\n  {} ({} visits{cue})\n    Patient: \"{}\"\n", n.node, n.visits, n.patient);
        for c in &n.choices {
            let pct = 100.0 * f64::from(c.count) / f64::from(n.visits.max(1));
            let best = if c.best { "  (best)" } else { "" };
            s += &format!("    {pct:>5.1}%  \"{}\" (empathy {}, clarity {}){best}\n", c.say, c.empathy, c.clarity);
        }
    }
    s
}
