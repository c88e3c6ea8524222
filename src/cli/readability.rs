//! `bedside readability TEXT` (or `--file F`): reading level and jargon of a line;
//! given a scenario file, of each of its spoken choices, worst first.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::error::{CliError, CliResult};
use super::{color, print_json};
use bedside_core::check::lint::MAX_CLEAR_GRADE;
use bedside_core::play::score::round1;
use bedside_core::scenario::load::{glossary_for, parse};
use bedside_core::scenario::syntax::syntax_diagnostics;
use bedside_core::text::{Found, Glossary, readability};

#[derive(Serialize)]
struct Report {
    grade: f64,
    reading_ease: f64,
    sentences: usize,
    words: usize,
    syllables: usize,
    jargon: Vec<Found>,
}

/// One spoken choice of a scenario, read.
#[derive(Serialize)]
struct Line {
    node: String,
    /// 1-based file position in the node.
    choice: usize,
    clarity: i64,
    say: String,
    grade: f64,
    reading_ease: f64,
    words: usize,
    jargon: Vec<Found>,
}

fn report(text: &str, glossary: &Glossary) -> Report {
    let r = readability(text);
    Report {
        grade: round1(r.grade),
        reading_ease: round1(r.reading_ease),
        sentences: r.sentences,
        words: r.words,
        syllables: r.syllables,
        jargon: glossary.find(text),
    }
}

pub fn run(text: Option<String>, file: Option<PathBuf>, json: bool) -> CliResult {
    let (text, glossary) = match (text, file) {
        (Some(t), _) => (t, bedside_core::text::GLOSSARY.clone()),
        (None, Some(f)) => {
            let t = std::fs::read_to_string(&f).map_err(CliError::file("cannot read", &f))?;
            if f.extension().is_some_and(|x| x == "ron") {
                return scenario(&f, &t, json);
            }
            (t, glossary_for(f.parent()).0)
        }
        (None, None) => return Err(CliError::usage("give the text, or --file F")),
    };
    let report = report(&text, &glossary);
    if json {
        return print_json(&report);
    }
    let verdict = if report.grade <= MAX_CLEAR_GRADE {
        "plain enough for a clear choice"
    } else {
        "harder than grade 8: shorten sentences and words"
    };
    outln!("Flesch-Kincaid grade: {:.1} ({verdict})", report.grade);
    outln!("Flesch reading ease:  {:.1}", report.reading_ease);
    outln!(
        "{}, {}, {}",
        plural(report.sentences, "sentence"),
        plural(report.words, "word"),
        plural(report.syllables, "syllable")
    );
    if report.jargon.is_empty() {
        outln!("Jargon: none found");
    } else {
        outln!("Jargon:");
        for f in &report.jargon {
            outln!("  {} -> say \"{}\"", f.term, f.plain);
        }
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Every spoken choice of a scenario file, hardest first (actions are not speech).
fn scenario(path: &Path, text: &str, json: bool) -> CliResult {
    let shown = path.display().to_string();
    let scenario = match parse(text) {
        Ok(s) => s,
        Err(e) => {
            for d in syntax_diagnostics(&shown, text, &e) {
                eprintln!("{}\n", d.render(Some(text), color()));
            }
            return Err(CliError::failed(format!("{shown} did not parse; fix the errors above")));
        }
    };
    let glossary = glossary_for(path.parent()).0;
    let mut lines: Vec<Line> = Vec::new();
    for (node, n) in scenario.nodes.iter() {
        for (i, c) in n.choices.iter().enumerate().filter(|(_, c)| !c.is_action()) {
            let r = readability(&c.say);
            lines.push(Line {
                node: node.to_owned(),
                choice: i + 1,
                clarity: c.clarity,
                say: c.say.clone(),
                grade: round1(r.grade),
                reading_ease: round1(r.reading_ease),
                words: r.words,
                jargon: glossary.find(&c.say),
            });
        }
    }
    lines.sort_by(|a, b| b.grade.total_cmp(&a.grade).then(b.jargon.len().cmp(&a.jargon.len())));
    if json {
        return print_json(&lines);
    }
    outln!("{shown}: {} spoken choices, hardest to read first (grade above {MAX_CLEAR_GRADE} is flagged)", lines.len());
    for l in &lines {
        let flag = if l.grade > MAX_CLEAR_GRADE { "  <- hard" } else { "" };
        outln!("  grade {:>5.1}  {}#{} (clarity {}){flag}", l.grade, l.node, l.choice, l.clarity);
        outln!("      \"{}\"", l.say);
        for f in &l.jargon {
            outln!("      jargon: {} -> say \"{}\"", f.term, f.plain);
        }
    }
    Ok(())
}
