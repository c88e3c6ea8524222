//! `bedside match FILE --node ID TEXT`: how a typed reply reads, and the node's
//! choices ranked by how like it they are, as the typed-reply mode sees them.

use std::path::Path;

use serde::Serialize;

use super::error::{CliError, CliResult};
use super::{color, load_one, print_json};
use bedside_core::reply::rules::rules_for;
use bedside_core::reply::{Decision, Ranked, Reading, decide, rank, read};

#[derive(Serialize)]
struct Report<'a> {
    scenario: &'a str,
    node: &'a str,
    text: &'a str,
    /// Every choice of the node, most like the text first.
    ranked: Vec<Ranked>,
    reading: Reading,
    /// `clear` (taken directly), `confirm` (the trainee confirms), `no-match`.
    decision: &'static str,
}

pub fn run(file: &Path, node: &str, text: &str, json: bool) -> CliResult {
    let script = load_one(file)?;
    let Some(n) = script.scenario().nodes.position(node) else {
        let ids: Vec<&str> = (0..script.node_count()).map(|i| script.node_id(i)).collect();
        let near = bedside_core::diagnostic::did_you_mean(node, ids.iter().copied());
        return Err(CliError::usage(format!(
            "{} has no node `{node}`{}",
            file.display(),
            near.map(|n| format!("; did you mean `{n}`?")).unwrap_or_default()
        )));
    };
    let (rules, problem) = rules_for(file.parent());
    if let Some(p) = problem {
        eprintln!("warning: {p}");
    }
    let all: Vec<usize> = (0..script.node(n).choices.len()).collect();
    let ranked = rank(&script, n, &all, text, &rules);
    let reading = read(text, &rules, script.glossary());
    let decision = match decide(&ranked) {
        Decision::Clear(_) => "clear",
        Decision::Confirm(..) => "confirm",
        Decision::NoMatch => "no-match",
    };
    let report = Report { scenario: script.id(), node, text, ranked, reading, decision };
    if json {
        return print_json(&report);
    }
    let _ = color();
    outln!("\"{text}\"");
    outln!("Closest choices at `{node}` (file position, similarity):");
    for r in &report.ranked {
        outln!("  {:>2}. {:.3}  {}", r.choice, r.similarity, r.say);
    }
    outln!("Decision: {}", report.decision);
    print_reading(&report.reading);
    Ok(())
}

/// The reading of a reply, as lines for the terminal.
pub fn print_reading(r: &Reading) {
    let list = |v: &[String]| if v.is_empty() { "none".to_owned() } else { v.join(", ") };
    outln!("Reading:");
    outln!("  NURSE: {}", list(&r.nurse));
    outln!("  emotions named: {}", list(&r.emotions));
    outln!("  open question: {}", if r.open_question { "yes" } else { "no" });
    outln!("  blockers: {}", list(&r.blockers));
    if r.jargon.is_empty() {
        outln!("  jargon: none");
    } else {
        for j in &r.jargon {
            outln!("  jargon: \"{}\"; say \"{}\"", j.term, j.plain);
        }
    }
    outln!("  reading grade: {:.1}", r.grade);
}
