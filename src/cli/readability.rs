//! `bedside readability TEXT` (or `--file F`): reading level and jargon of a line.

use std::path::PathBuf;

use serde::Serialize;

use super::{USAGE, print_json};
use crate::core::lint::MAX_CLEAR_GRADE;
use crate::core::score::round1;
use crate::core::text::{Found, GLOSSARY, readability};

#[derive(Serialize)]
struct Report {
    grade: f64,
    reading_ease: f64,
    sentences: usize,
    words: usize,
    syllables: usize,
    jargon: Vec<Found>,
}

pub fn run(text: Option<String>, file: Option<PathBuf>, json: bool) -> u8 {
    let text = match (text, file) {
        (Some(t), _) => t,
        (None, Some(f)) => match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", f.display());
                return 1;
            }
        },
        (None, None) => {
            eprintln!("error: give the text, or --file F");
            return USAGE;
        }
    };
    let r = readability(&text);
    let report = Report {
        grade: round1(r.grade),
        reading_ease: round1(r.reading_ease),
        sentences: r.sentences,
        words: r.words,
        syllables: r.syllables,
        jargon: GLOSSARY.find(&text),
    };
    if json {
        print_json(&report);
        return 0;
    }
    let verdict = if report.grade <= MAX_CLEAR_GRADE {
        "plain enough for a clear choice"
    } else {
        "harder than grade 8: shorten sentences and words"
    };
    outln!("Flesch-Kincaid grade: {:.1} ({verdict})", report.grade);
    outln!("Flesch reading ease:  {:.1}", report.reading_ease);
    outln!("{} sentences, {} words, {} syllables", report.sentences, report.words, report.syllables);
    if report.jargon.is_empty() {
        outln!("Jargon: none found");
    } else {
        outln!("Jargon:");
        for f in &report.jargon {
            outln!("  {} -> say \"{}\"", f.term, f.plain);
        }
    }
    0
}
