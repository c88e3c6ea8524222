//! `bedside report`: the cohort table, one trainee's attempts, trend and
//! skills, or one scenario's summary, as text, CSV (per attempt or per step) or
//! JSON; or the skills profile, the most-missed moments, the roster or
//! competency, as text or JSON.

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
    pub view: View,
}

/// What the report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The cohort table, a trainee's attempts, or a scenario's summary.
    Scores,
    Skills,
    /// The most-missed moments, among those reached at least this often.
    Missed(u32),
    Roster,
    Competency,
}

/// The UTF-8 byte-order mark Excel looks for.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn run(places: &Places, args: Args) -> CliResult {
    if (args.steps || args.bom) && args.format != ReportFormat::Csv {
        return Err(CliError::usage("--steps and --bom go with --format csv"));
    }
    if args.view != View::Scores && args.format == ReportFormat::Csv {
        return Err(CliError::usage(
            "--skills, --missed, --roster and --competency are text or JSON; the CSV has the skill counts per attempt",
        ));
    }
    let f = filter(&args.filter)?;
    let mut store = open_store(places)?;
    educator(&mut store)?;
    let mut out = output(args.output.as_deref())?;
    if args.view != View::Scores {
        let text = view_text(&store, &f, args.view, args.format == ReportFormat::Json)?;
        out.write_all(text.as_bytes()).map_err(CliError::failed)?;
        return out.flush().map_err(CliError::failed);
    }
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

/// The skills, missed-moments, roster and competency views.
fn view_text(store: &Store, f: &Filter, view: View, as_json: bool) -> CliResult<String> {
    Ok(match view {
        View::Scores => String::new(),
        View::Skills => {
            let profile = report::profile(store, f)?;
            if as_json {
                let weeks: Vec<WeekRow> = report::skills_by_week(store, f)?
                    .into_iter()
                    .map(|(week, s)| WeekRow { week, profile: report::Profile::of(&s, 0) })
                    .collect();
                json(&SkillsReport { profile, weeks })? + "\n"
            } else {
                format!("Skills profile of {} attempts\n\n{}", profile.attempts, skills_text(&profile))
            }
        }
        View::Missed(min) => {
            let moments = report::missed_moments(store, f, min)?;
            if as_json { json(&moments)? + "\n" } else { missed_text(&moments, min) }
        }
        View::Roster => {
            let rows = report::roster_status(store, f)?;
            if as_json { json(&rows)? + "\n" } else { roster_text(&rows) }
        }
        View::Competency => {
            let c = report::competency(store, f)?;
            if as_json { json(&c)? + "\n" } else { competency_text(&c) }
        }
    })
}

#[derive(Serialize)]
struct SkillsReport {
    profile: report::Profile,
    weeks: Vec<WeekRow>,
}

#[derive(Serialize)]
struct WeekRow {
    week: jiff::Timestamp,
    profile: report::Profile,
}

/// Percent, or `-` when there was nothing to count.
fn pct(p: Option<f64>) -> String {
    p.map_or("-".to_owned(), |p| format!("{p:.0}%"))
}

/// Skills used when on offer, faults chosen, and cues missed, as three tables.
pub fn skills_text(p: &report::Profile) -> String {
    let mut s = String::new();
    if p.skills.is_empty() && p.faults.is_empty() {
        return "No skills counted yet.\n".to_owned();
    }
    s += "Skills: used when on offer\n";
    for r in &p.skills {
        s += &format!("  {:>5}  {:>4} of {:<4}  {}\n", pct(r.rate), r.chosen, r.offered, r.name);
    }
    s += "\nFaults: chosen when on offer\n";
    for r in &p.faults {
        s += &format!("  {:>5}  {:>4} of {:<4}  {}\n", pct(r.rate), r.chosen, r.offered, r.name);
    }
    if !p.cues.is_empty() {
        s += "\nCues missed, by emotion\n";
        for c in &p.cues {
            s += &format!("  {:>5}  {:>4} of {:<4}  {}\n", pct(c.rate), c.missed, c.cued, c.emotion);
        }
    }
    s
}

fn missed_text(moments: &[report::Moment], min: u32) -> String {
    if moments.is_empty() {
        return format!("No cue was missed at a moment reached {min} times or more.\n");
    }
    let mut s =
        format!("Moments where cues are most often missed (reached {min} times or more), most misses first\n\n");
    for (i, m) in moments.iter().enumerate() {
        s += &format!(
            "{:>3}. {} missed of {} ({:.0}%)  {} / {}{}\n     Patient: \"{}\"\n",
            i + 1,
            m.missed,
            m.visits,
            m.rate,
            m.title,
            m.node,
            m.emotion.map_or(String::new(), |e| format!(" ({e})")),
            m.patient
        );
    }
    s
}

fn roster_text(rows: &[report::RosterRow]) -> String {
    if rows.is_empty() {
        return "No trainees: the roster is empty and no attempts are recorded.\n".to_owned();
    }
    let never = rows.iter().filter(|r| r.on_roster && r.attempts == 0).count();
    let on = rows.iter().filter(|r| r.on_roster).count();
    let mut s = format!("{on} on the roster, {never} never started\n\n");
    let w = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(0).max(7);
    s += &format!(
        "{:w$}  {:10}  {:>8}  {:>9}  {:>9}  {:>9}  Last active\n",
        "Trainee", "Staff ID", "Attempts", "Finished", "Abandoned", "Scenarios"
    );
    for r in rows {
        let last = match r.last_active {
            Some(t) => t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d").to_string(),
            None => "never started".to_owned(),
        };
        let note = if r.on_roster { "" } else { "  (not on the roster)" };
        s += &format!(
            "{:w$}  {:10}  {:>8}  {:>9}  {:>9}  {:>9}  {last}{note}\n",
            r.name,
            r.staff_id.as_deref().unwrap_or("-"),
            r.attempts,
            r.finished,
            r.abandoned,
            r.scenarios
        );
    }
    s
}

fn competency_text(c: &report::Competency) -> String {
    if c.rules.is_empty() {
        return "No pass rules are set. Set one with `bedside pass-rule set --min-overall N [--assessment] [--resolved] [--no-safety-errors]`.\n".to_owned();
    }
    let mut s = String::from("Pass rules\n");
    for r in &c.rules {
        s += &format!(
            "  {}: {} (set by {}, {})\n",
            r.scenario.as_deref().unwrap_or("every other scenario"),
            r.describe(),
            r.set_by,
            r.set_at.strftime("%Y-%m-%d")
        );
    }
    let met = c.rows.iter().filter(|r| r.passed > 0).count();
    s += &format!("\n{met} of {} trainee-scenario pairs meet their rule\n\n", c.rows.len());
    let w = c.rows.iter().map(|r| r.trainee.chars().count()).max().unwrap_or(0).max(7);
    for r in &c.rows {
        let standing = match r.first_passed {
            Some(t) => format!("passed, first on {}", t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d")),
            None if r.judged == 0 => "not attempted".to_owned(),
            None => "not yet".to_owned(),
        };
        s += &format!(
            "{:w$}  {:28}  {standing}  ({} of {} judged attempts passed; best {})\n",
            r.trainee,
            r.scenario,
            r.passed,
            r.judged,
            score(r.best)
        );
    }
    s
}

fn json_text(store: &Store, f: &Filter, by: &FilterArgs) -> CliResult<String> {
    match (&by.trainee, &by.scenario) {
        (Some(t), _) => json(&TraineeReport {
            trainee: t,
            attempts: report::attempts(store, f)?,
            skills: report::profile(store, f)?,
        }),
        (None, Some(_)) => json(&report::scenario(store, f)?),
        (None, None) => json(&report::cohort(store, f)?),
    }
}

fn human_text(store: &Store, f: &Filter, by: &FilterArgs) -> CliResult<String> {
    Ok(match (&by.trainee, &by.scenario) {
        (Some(t), _) => {
            let mut text = trainee_text(t, &report::attempts(store, f)?);
            let profile = report::profile(store, f)?;
            if profile.attempts > 0 {
                text += &format!("\n{}", skills_text(&profile));
            }
            text
        }
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
    skills: report::Profile,
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
        let outcome = match cell.latest_outcome {
            Some("resolved") => " R",
            Some("partial") => " P",
            Some("unresolved") => " U",
            _ => "",
        };
        let left = if cell.abandoned() > 0 { format!(" a{}", cell.abandoned()) } else { String::new() };
        grid[cell.trainee][cell.scenario] = format!(
            "{}>{}/{}{outcome} ×{}{left}{safety}",
            score(cell.first),
            score(cell.best),
            score(cell.latest),
            cell.attempts
        );
    }
    let name_w = c.trainees.iter().map(|t| t.chars().count()).max().unwrap_or(0).max(7);
    let widths: Vec<usize> = (0..c.scenarios.len())
        .map(|j| grid.iter().map(|r| r[j].chars().count()).max().unwrap_or(0).max(c.scenarios[j].chars().count()))
        .collect();
    let mut s = String::from(
        "First>best/latest overall score of completed attempts, the latest one's outcome (R resolved, P partial,\nU unresolved), ×attempts (all), aN abandoned, !N safety errors made\n\n",
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
