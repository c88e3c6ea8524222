//! `bedside play FILE`: a run in the terminal, interactive or scripted with
//! `--choose`, printed for people or as one JSON object.

use std::io::BufRead;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use jiff::Timestamp;

use super::access::open_store;
use super::error::{CliError, CliResult};
use super::{Places, load_one, print_json};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::{Missed, ObjectiveMet, SafetyError, Scores, StepReview};
use bedside_records::store::Store;
use bedside_records::{Attempt, Mode};

#[derive(Serialize)]
struct PlayResult<'a> {
    scenario: &'a str,
    seed: u64,
    ending: &'a str,
    outcome: &'a str,
    empathy: f64,
    clarity: f64,
    overall: f64,
    best_choice_rate: f64,
    missed_opportunities: usize,
    missed: &'a [Missed],
    objectives: &'a [ObjectiveMet],
    safety_errors: &'a [SafetyError],
    distress: i64,
    trust: i64,
    steps: &'a [StepReview],
}

/// A seed from the clock, for unscripted play.
fn fresh_seed() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
}

/// Who the attempt is recorded for, and how.
pub type Recording<'a> = Option<(String, Mode, &'a Places)>;

/// Plays, then records the attempt (finished or not) when asked to.
pub fn run(
    file: &Path,
    choose: Option<Vec<usize>>,
    seed: Option<u64>,
    json: bool,
    trace: bool,
    typed: bool,
    record: Recording<'_>,
) -> CliResult {
    let script = Arc::new(load_one(file)?);
    let record = match record {
        Some((name, mode, places)) => Some((trainee_name(&name)?, mode, places)),
        None => None,
    };
    // Open the store before playing, so a problem with it shows before any work.
    let mut store = record.as_ref().map(|(_, _, places)| open_store(places)).transpose()?;
    let seed = seed.unwrap_or_else(fresh_seed);
    let started = Timestamp::now();
    let lrs = match &record {
        Some((_, _, places)) => match bedside_records::xapi::LrsConfig::find(places.config.as_deref()) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("warning: {e}; the attempt will be recorded but not queued for the LRS");
                None
            }
        },
        None => None,
    };
    let mut run = Encounter::new(script.clone(), seed);
    let mut times = Vec::new();
    // What Ctrl-C finds: the run so far, kept after every step, and whether it
    // has been recorded already.
    let progress = Arc::new(Mutex::new(Progress { run: run.clone(), times: Vec::new(), recorded: false }));
    if let (Some(store), Some((trainee, mode, _))) = (&store, &record) {
        let (progress, path, trainee, mode, queue) =
            (progress.clone(), store.path().to_owned(), trainee.clone(), *mode, lrs.is_some());
        let handler = ctrlc::set_handler(move || {
            let mut p = progress.lock().unwrap_or_else(PoisonError::into_inner);
            if !p.recorded {
                p.recorded = true;
                let attempt = Attempt::from_encounter(&p.run, &trainee, mode, started, &p.times, Timestamp::now());
                match Store::open(&path).and_then(|mut s| s.record(&attempt, queue)) {
                    Ok(_) => eprintln!("\nStopped: recorded as abandoned for {trainee}."),
                    Err(e) => eprintln!("\nStopped: the attempt was not recorded: {e}"),
                }
            }
            std::process::exit(130);
        });
        if let Err(e) = handler {
            eprintln!("warning: Ctrl-C will not record the attempt ({e})");
        }
    }
    let mut keep = |run: &Encounter, times: &[Timestamp]| {
        let mut p = progress.lock().unwrap_or_else(PoisonError::into_inner);
        p.run = run.clone();
        p.times = times.to_vec();
    };
    let mut typed_log = Vec::new();
    let played = play(&script, &mut run, &mut times, choose, seed, json, trace, typed, &mut typed_log, &mut keep);
    if let (Some(store), Some((trainee, mode, _))) = (&mut store, &record) {
        {
            let mut p = progress.lock().unwrap_or_else(PoisonError::into_inner);
            if p.recorded {
                return played;
            }
            p.recorded = true;
        }
        let attempt =
            Attempt::from_encounter(&run, trainee, *mode, started, &times, Timestamp::now()).with_typed(&typed_log);
        // A play that failed is recorded too (as abandoned); a record that
        // fails is the error to tell.
        store
            .record(&attempt, lrs.is_some())
            .map_err(|e| CliError::failed(format!("the attempt was not recorded: {e}")))?;
        let how = if attempt.finish.is_abandoned() { "as abandoned " } else { "" };
        eprintln!("Recorded {how}for {trainee} in {}", store.path().display());
        if let Some(lrs) = lrs {
            send_now(store, &lrs);
        }
    }
    played
}

/// The trainee's name, trimmed: 1 to 60 characters.
fn trainee_name(name: &str) -> CliResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(CliError::usage("--trainee needs a name of 1 to 60 characters"));
    }
    Ok(name.to_owned())
}

/// Tries to send the attempt just recorded to the LRS; what is not taken stays queued.
fn send_now(store: &mut Store, lrs: &bedside_records::xapi::LrsConfig) {
    match bedside_records::xapi::push_due(store, lrs, 50, Timestamp::now()) {
        Ok(p) if p.failed > 0 => {
            eprintln!("The LRS did not take the statements; they are queued for `bedside xapi push`.");
        }
        Ok(_) => {}
        Err(e) => eprintln!("warning: {e}"),
    }
}

/// The run as far as it has gone, for the Ctrl-C handler.
struct Progress {
    run: Encounter,
    times: Vec<Timestamp>,
    recorded: bool,
}

fn play(
    script: &Arc<bedside_core::play::script::Script>,
    run: &mut Encounter,
    times: &mut Vec<Timestamp>,
    choose: Option<Vec<usize>>,
    seed: u64,
    json: bool,
    trace: bool,
    typed: bool,
    typed_log: &mut Vec<Option<String>>,
    keep: &mut dyn FnMut(&Encounter, &[Timestamp]),
) -> CliResult {
    let talk = !json;
    if talk {
        let s = script.scenario();
        outln!("{} ({}, {})", s.title, s.difficulty.name(), s.setting);
        outln!("{}, {}: {}", s.patient.name, s.patient.age, s.patient.about);
        if !s.sources.is_empty() {
            outln!("Follows: {}", s.sources.join("; "));
        }
        outln!("seed {seed}\n");
    }
    match choose {
        Some(list) => play_scripted(run, times, &list, talk, trace, keep)?,
        None if typed => play_typed(run, times, trace, keep, typed_log)?,
        None => play_at_terminal(run, times, trace, keep)?,
    }
    let scores = run.scores();
    // Each way of playing above goes on to an ending or fails.
    let Some((ending_id, ending)) = run.ending() else {
        return Err(CliError::Reported);
    };
    if json {
        return print_json(&PlayResult {
            scenario: script.id(),
            seed,
            ending: ending_id,
            outcome: ending.outcome.name(),
            empathy: scores.empathy,
            clarity: scores.clarity,
            overall: scores.overall,
            best_choice_rate: scores.best_choice_rate,
            missed_opportunities: scores.missed_opportunities.len(),
            missed: &scores.missed_opportunities,
            objectives: &scores.objectives,
            safety_errors: &scores.safety_errors,
            distress: run.distress(),
            trust: run.trust(),
            steps: &scores.steps,
        });
    }
    outln!("{}: \"{}\"\n", script.scenario().patient.name, ending.says);
    debrief(ending_id, ending.outcome.name(), &ending.debrief, &scores, run.distress(), run.trust());
    Ok(())
}

/// Plays the choices of `--choose` (1-based file positions), which must lead
/// exactly to an ending.
fn play_scripted(
    run: &mut Encounter,
    times: &mut Vec<Timestamp>,
    list: &[usize],
    talk: bool,
    trace: bool,
    keep: &mut dyn FnMut(&Encounter, &[Timestamp]),
) -> CliResult {
    for (i, &pick) in list.iter().enumerate() {
        let step = i + 1;
        if run.is_over() {
            return Err(CliError::failed(format!(
                "the encounter ended after step {i} but --choose has {} choices",
                list.len()
            )));
        }
        if talk {
            show_node(run, trace);
        }
        let index =
            pick.checked_sub(1).ok_or_else(|| CliError::failed(format!("step {step}: choices are numbered from 1")))?;
        if let Err(e) = run.choose(index) {
            return Err(CliError::failed(format!("step {step} (node `{}`): {e}", node_here(run))));
        }
        times.push(Timestamp::now());
        keep(run, times);
        if talk {
            show_choice(run, trace);
        }
    }
    if !run.is_over() {
        return Err(CliError::failed(format!(
            "--choose ran out at step {} (node `{}`) before an ending",
            list.len() + 1,
            node_here(run)
        )));
    }
    Ok(())
}

/// The id of the node the run is at ("" at an ending).
fn node_here(run: &Encounter) -> &str {
    run.node().map_or("", |n| run.script().node_id(n))
}

/// Plays at the terminal: each choice typed as the number shown.
fn play_at_terminal(
    run: &mut Encounter,
    times: &mut Vec<Timestamp>,
    trace: bool,
    keep: &mut dyn FnMut(&Encounter, &[Timestamp]),
) -> CliResult {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while !run.is_over() {
        show_node(run, trace);
        let offered = run.offered().to_vec();
        loop {
            outln!("Your choice (1-{}):", offered.len());
            let line = next_line(&mut lines)?;
            match line.trim().parse::<usize>() {
                Ok(n) if (1..=offered.len()).contains(&n) => {
                    run.choose(offered[n - 1]).map_err(CliError::failed)?;
                    times.push(Timestamp::now());
                    keep(run, times);
                    show_choice(run, trace);
                    break;
                }
                _ => outln!("Type a number from 1 to {}.", offered.len()),
            }
        }
    }
    Ok(())
}

/// The next line typed; when the input ends, says the run stopped and fails.
fn next_line(lines: &mut impl Iterator<Item = std::io::Result<String>>) -> CliResult<String> {
    match lines.next() {
        Some(Ok(line)) => Ok(line),
        _ => {
            eprintln!("stopped before the end of the encounter");
            Err(CliError::Reported)
        }
    }
}

/// A whole run with the choices hidden: the trainee types each reply, it is
/// read and matched, and the conversation follows the choice it is confirmed as.
fn play_typed(
    run: &mut Encounter,
    times: &mut Vec<Timestamp>,
    trace: bool,
    keep: &mut dyn FnMut(&Encounter, &[Timestamp]),
    typed_log: &mut Vec<Option<String>>,
) -> CliResult {
    use bedside_core::reply::{Decision, decide, rank, read};
    let script = run.script().clone();
    let (rules, problem) = bedside_core::reply::rules::rules_for(Path::new(&script.file).parent());
    if let Some(p) = problem {
        eprintln!("warning: {p}");
    }
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut next = || next_line(&mut lines);
    while let Some(node) = run.node() {
        let name = &script.scenario().patient.name;
        if trace {
            outln!("[node `{}` | distress {} | trust {}]", script.node_id(node), run.distress(), run.trust());
        } else {
            outln!("[distress {} | trust {}]", run.distress(), run.trust());
        }
        outln!("{name}: \"{}\"", run.says());
        let offered = run.offered().to_vec();
        let (text, choice) = loop {
            outln!("Type your reply (in your own words):");
            let text = next()?;
            if text.trim().is_empty() {
                continue;
            }
            let ranked = rank(&script, node, &offered, &text, &rules);
            let show = |i: usize, c: usize| outln!("  {}. {}", i, describe(script.choice(node, c)));
            match decide(&ranked) {
                Decision::Clear(c) => {
                    outln!("Taken as: {}", describe(script.choice(node, c)));
                    break (text, c);
                }
                Decision::Confirm(best, runner) => {
                    outln!("Closest to what you said:");
                    show(1, best);
                    if let Some(r) = runner {
                        show(2, r);
                    }
                    outln!("Enter (or 1) to go on with the first, 2 for the second, 0 to see every choice:");
                    let answer = next()?;
                    match (answer.trim(), runner) {
                        ("" | "1", _) => break (text, best),
                        ("2", Some(r)) => break (text, r),
                        _ => {}
                    }
                }
                Decision::NoMatch => outln!("Nothing offered here is close enough to what you said."),
            }
            outln!("The choices here:");
            for (i, &c) in offered.iter().enumerate() {
                show(i + 1, c);
            }
            outln!("Type the number of the one you meant:");
            let answer = next()?;
            if let Some(&c) = answer.trim().parse::<usize>().ok().and_then(|n| offered.get(n.wrapping_sub(1))) {
                break (text, c);
            }
        };
        let reading = read(&text, &rules, script.glossary());
        run.choose(choice).map_err(CliError::failed)?;
        typed_log.push(Some(text));
        times.push(Timestamp::now());
        keep(run, times);
        super::matching::print_reading(&reading);
        show_choice(run, trace);
    }
    Ok(())
}

/// A choice in words, actions marked.
fn describe(c: &bedside_core::scenario::Choice) -> String {
    if c.is_action() { format!("[action] {}", c.say) } else { format!("\"{}\"", c.say) }
}

fn show_node(run: &Encounter, trace: bool) {
    let script = run.script();
    let name = &script.scenario().patient.name;
    let Some(node) = run.node() else { return };
    if trace {
        outln!("[node `{}` | distress {} | trust {}]", script.node_id(node), run.distress(), run.trust());
    } else {
        outln!("[distress {} | trust {}]", run.distress(), run.trust());
    }
    outln!("{name}: \"{}\"", run.says());
    for (i, &c) in run.offered().iter().enumerate() {
        let choice = script.choice(node, c);
        let words = if choice.is_action() { format!("[action] {}", choice.say) } else { choice.say.clone() };
        if trace {
            let cond = choice.requires.map(|r| format!("  (requires {})", r.describe())).unwrap_or_default();
            outln!("  {}. [file #{}] {words}{cond}", i + 1, c + 1);
        } else {
            outln!("  {}. {words}", i + 1);
        }
    }
    if trace {
        for (c, choice) in script.node(node).choices.iter().enumerate() {
            if let Some(r) = choice.requires.filter(|_| !run.offered().contains(&c)) {
                outln!("  -. [file #{}] not offered: requires {}", c + 1, r.describe());
            }
        }
    }
}

/// The choice just made, the patient's reply to it and, with `--trace`, an escalation that fired.
fn show_choice(run: &Encounter, trace: bool) {
    let script = run.script();
    let Some(step) = run.steps().last() else { return };
    let Some(c) = step.chosen else { return };
    let choice = script.choice(step.node, c);
    if choice.is_action() {
        outln!("> [action] {}", choice.say);
    } else {
        outln!("> {}", choice.say);
    }
    if trace && step.escalated {
        let from = script.target(step.node, c);
        if let bedside_core::play::script::Target::Node(from) = from
            && let Some((at, to)) = script.escalation(from)
        {
            outln!(
                "  (escalation: arriving at `{}` with distress {} (at or above {at}), the run goes to `{}`)",
                script.node_id(from),
                step.distress_after,
                script.target_id(to)
            );
        }
    }
    if let Some(reply) = run.reply() {
        outln!("{}: \"{reply}\"", script.scenario().patient.name);
    }
    outln!();
}

fn debrief(ending: &str, outcome: &str, text: &str, s: &Scores, distress: i64, trust: i64) {
    outln!("Ending: {ending} ({outcome})");
    if !s.safety_errors.is_empty() {
        outln!("\nSafety errors ({}):", s.safety_errors.len());
        for e in &s.safety_errors {
            outln!("  step {}: \"{}\"", e.step, e.say);
            outln!("    why it is unsafe: {}", e.hazard);
        }
        outln!();
    }
    outln!("{text}\n");
    outln!(
        "Empathy {:.1}  Clarity {:.1}  Overall {:.1}  Best choices {:.1}%",
        s.empathy,
        s.clarity,
        s.overall,
        s.best_choice_rate
    );
    outln!("Final distress {distress}, trust {trust}\n");
    outln!("Objectives:");
    for o in &s.objectives {
        outln!("  [{}] {}. {} ({})", if o.met { "x" } else { " " }, o.n, o.text, if o.met { "met" } else { "not met" });
    }
    outln!();
    if !s.missed_opportunities.is_empty() {
        outln!("Missed opportunities:");
        for m in &s.missed_opportunities {
            outln!("  step {}: \"{}\"", m.step, m.patient);
            outln!("    you said: \"{}\"", m.chosen);
            if let Some(b) = &m.better {
                outln!("    better:   \"{b}\"");
            }
        }
        outln!();
    }
    outln!("Step by step:");
    for (i, st) in s.steps.iter().enumerate() {
        let what = if st.kind.is_say() { format!("\"{}\"", st.say) } else { format!("[action] {}", st.say) };
        outln!("  {}. {what} (empathy {}, clarity {})", i + 1, st.empathy, st.clarity);
        if let Some(h) = &st.hazard {
            outln!("     SAFETY ERROR: {h}");
        }
        outln!("     {}", st.feedback);
        for j in &st.jargon {
            outln!("     jargon: \"{}\"; say \"{}\"", j.term, j.plain);
        }
        if let Some(b) = &st.better {
            outln!("     best here: \"{}\"", b.say);
        }
    }
}
