//! Typed replies, measured: how often the matcher ranks the intended choice
//! first (top-1) and in the first two (top-2) on the labelled replies in
//! `data/typed/replies-*.csv`, the precision and recall of the reading on
//! `data/typed/reading.csv`, and how long one reply takes to read and match,
//! the first one included. Run with `cargo bench -p bedside-core --bench typed`;
//! the figures are written in docs/typed-replies.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bedside_core::reply::rules::RULES;
use bedside_core::reply::{Decision, Method, decide, rank, rank_with, read};
use bedside_core::scenario::load::load_file;
use bedside_core::text::GLOSSARY;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn main() {
    // The first reply after start: rules, stemmer and the scenario's weights
    // are all built cold.
    let t = Instant::now();
    let script = load_file(&root().join("scenarios/internet-diagnosis.ron")).script.expect("loads");
    let loaded = t.elapsed();
    let t = Instant::now();
    let offered: Vec<usize> = (0..script.node(0).choices.len()).collect();
    let first = rank(&script, 0, &offered, "you sound really worried, whats going through your mind", &RULES);
    let reading = read("you sound really worried, whats going through your mind", &RULES, &GLOSSARY);
    let cold = t.elapsed();
    println!("first reply after start: {:.1} ms (scenario load {:.1} ms, not counted)", ms(cold), ms(loaded));
    assert!(!first.is_empty() && !reading.nurse.is_empty());

    // Matching accuracy, per scenario and overall.
    let mut scripts = BTreeMap::new();
    let (mut total, mut top1, mut top2) = (0usize, 0usize, 0usize);
    let mut per: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut slowest = 0f64;
    let mut labelled: Vec<(String, usize, usize, String)> = Vec::new();
    let mut times = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("data/typed"))
        .expect("data/typed")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("replies")))
        .collect();
    files.sort();
    for file in files {
        let mut r = csv::Reader::from_path(&file).expect("a CSV");
        for row in r.records() {
            let row = row.expect("a row");
            let (scenario, node, choice, text) =
                (&row[0], &row[1], row[2].parse::<usize>().expect("a number"), &row[3]);
            let script = scripts.entry(scenario.to_owned()).or_insert_with(|| {
                load_file(&root().join(format!("scenarios/{scenario}.ron"))).script.expect("the scenario loads")
            });
            let Some(n) = script.scenario().nodes.position(node) else {
                panic!("{}: no node {node} in {scenario}", file.display())
            };
            let offered: Vec<usize> = (0..script.node(n).choices.len()).collect();
            labelled.push((scenario.to_owned(), n, choice, text.to_owned()));
            let t = Instant::now();
            let ranked = rank(script, n, &offered, text, &RULES);
            let _ = read(text, &RULES, script.glossary());
            let took = ms(t.elapsed());
            slowest = slowest.max(took);
            times.push(took);
            let at = ranked.iter().position(|r| r.choice == choice);
            let e = per.entry(scenario.to_owned()).or_default();
            total += 1;
            e.0 += 1;
            if at == Some(0) {
                top1 += 1;
                e.1 += 1;
            }
            if at.is_some_and(|a| a < 2) {
                top2 += 1;
                e.2 += 1;
            }
        }
    }
    println!("\nmatching: {total} labelled replies");
    for (s, (n, one, two)) in &per {
        println!("  {s:28} {n:4} replies  top-1 {:5.1}%  top-2 {:5.1}%", pct(*one, *n), pct(*two, *n));
    }
    println!("  {:28} {total:4} replies  top-1 {:5.1}%  top-2 {:5.1}%", "all", pct(top1, total), pct(top2, total));
    times.sort_by(f64::total_cmp);
    if !times.is_empty() {
        println!("  time per reply (read + match): median {:.2} ms, slowest {:.2} ms", times[times.len() / 2], slowest);
    }

    // What the app does with each reply: takes it as clear, asks to confirm
    // (with the intended choice among those shown, or not), or shows every choice.
    let (mut clear_right, mut clear_wrong, mut confirm_in, mut confirm_out, mut none) = (0, 0, 0, 0, 0);
    for (scenario, n, choice, text) in &labelled {
        let script = &scripts[scenario];
        let offered: Vec<usize> = (0..script.node(*n).choices.len()).collect();
        let ranked = rank(script, *n, &offered, text, &RULES);
        match decide(&ranked) {
            Decision::Clear(c) if c + 1 == *choice => clear_right += 1,
            Decision::Clear(_) => clear_wrong += 1,
            Decision::Confirm(b, r) if b + 1 == *choice || r.is_some_and(|r| r + 1 == *choice) => confirm_in += 1,
            Decision::Confirm(..) => confirm_out += 1,
            Decision::NoMatch => none += 1,
        }
    }
    println!("\ndecisions over {total} replies:");
    println!("  taken directly, rightly:   {clear_right:4} ({:.1}%)", pct(clear_right, total));
    println!("  taken directly, wrongly:   {clear_wrong:4} ({:.1}%)", pct(clear_wrong, total));
    println!("  confirmed, intended shown: {confirm_in:4} ({:.1}%)", pct(confirm_in, total));
    println!(
        "  confirmed, intended not shown (the trainee asks for every choice): {confirm_out:4} ({:.1}%)",
        pct(confirm_out, total)
    );
    println!("  nothing close, every choice shown: {none:4} ({:.1}%)", pct(none, total));

    // Methods compared, on the same replies: each part alone, pairs, the whole.
    let methods: [(&str, Method); 11] = [
        ("words only (TF-IDF, stems, synonyms)", Method { words: 1.0, letters: 0.0, reading: 0.0, synonyms: true }),
        ("words only, no synonyms", Method { words: 1.0, letters: 0.0, reading: 0.0, synonyms: false }),
        ("letters only (trigrams)", Method { words: 0.0, letters: 1.0, reading: 0.0, synonyms: true }),
        ("reading only (NURSE, blockers)", Method { words: 0.0, letters: 0.0, reading: 1.0, synonyms: true }),
        ("words + letters (0.7 / 0.3)", Method { words: 0.7, letters: 0.3, reading: 0.0, synonyms: true }),
        ("words + letters (0.6 / 0.4)", Method { words: 0.6, letters: 0.4, reading: 0.0, synonyms: true }),
        ("words + letters (0.5 / 0.5)", Method { words: 0.5, letters: 0.5, reading: 0.0, synonyms: true }),
        ("words + letters + a little reading (the default)", Method::default()),
        ("words + reading", Method { words: 0.75, letters: 0.0, reading: 0.25, synonyms: true }),
        ("the default, no synonyms", Method { synonyms: false, ..Method::default() }),
        ("all three (0.55 / 0.25 / 0.20)", Method { words: 0.55, letters: 0.25, reading: 0.20, synonyms: true }),
    ];
    println!("\nmethods compared (top-1 / top-2 over {total} replies):");
    for (name, method) in methods {
        let (mut one, mut two) = (0, 0);
        for (scenario, n, choice, text) in &labelled {
            let script = &scripts[scenario];
            let offered: Vec<usize> = (0..script.node(*n).choices.len()).collect();
            let ranked = rank_with(script, *n, &offered, text, &RULES, method);
            let at = ranked.iter().position(|r| r.choice == *choice);
            one += usize::from(at == Some(0));
            two += usize::from(at.is_some_and(|a| a < 2));
        }
        println!("  {name:40} {:5.1}% / {:5.1}%", pct(one, total), pct(two, total));
    }

    // The reading: precision and recall per element.
    let path = root().join("data/typed/reading.csv");
    let Ok(mut r) = csv::Reader::from_path(&path) else {
        println!("\n(no {} yet)", path.display());
        return;
    };
    // label -> (true positives, false positives, false negatives)
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut rows = 0;
    for row in r.records() {
        let row = row.expect("a row");
        rows += 1;
        let got = read(&row[0], &RULES, &GLOSSARY);
        let split = |s: &str| -> Vec<String> {
            s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(str::to_owned).collect()
        };
        let mut want: Vec<String> = split(&row[1]).into_iter().map(|e| format!("emotion:{e}")).collect();
        want.extend(split(&row[2]).into_iter().map(|n| format!("nurse:{n}")));
        want.extend(split(&row[4]).into_iter().map(|b| format!("blocker:{b}")));
        if row[3].trim() == "true" {
            want.push("open-question".into());
        }
        let mut have: Vec<String> = got.emotions.iter().map(|e| format!("emotion:{e}")).collect();
        have.extend(got.nurse.iter().map(|n| format!("nurse:{n}")));
        have.extend(got.blockers.iter().map(|b| format!("blocker:{b}")));
        if got.open_question {
            have.push("open-question".into());
        }
        let show = std::env::var("TYPED_MISSES").ok();
        for w in &want {
            let c = counts.entry(w.clone()).or_default();
            if have.contains(w) {
                c.0 += 1;
            } else {
                c.2 += 1;
                if show.as_deref().is_some_and(|s| w.contains(s)) {
                    println!("  missed {w}: {}", &row[0]);
                }
            }
        }
        for h in &have {
            if !want.contains(h) {
                counts.entry(h.clone()).or_default().1 += 1;
                if show.as_deref().is_some_and(|s| h.contains(s)) {
                    println!("  wrongly {h}: {}", &row[0]);
                }
            }
        }
    }
    println!("\nreading: {rows} labelled sentences");
    println!("  {:30} {:>9} {:>9} {:>6}", "element", "precision", "recall", "cases");
    for (label, (tp, fp, fn_)) in &counts {
        println!("  {label:30} {:>8.1}% {:>8.1}% {:>6}", pct(*tp, tp + fp), pct(*tp, tp + fn_), tp + fn_);
    }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { 100.0 * n as f64 / of as f64 }
}
