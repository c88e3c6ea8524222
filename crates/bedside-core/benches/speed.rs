//! Speed benchmarks, run with `cargo bench -p bedside-core` (no Bevy needed):
//! validation of 1,000 generated 40-node scenario files against bare RON
//! deserialisation of the same files, and simulated playthrough steps per second.
//! The figures are written in docs/performance.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bedside_core::check::reach::explore;
use bedside_core::play::simulate::simulate;
use bedside_core::scenario::load::{load_file, parse};
use bedside_core::scenario::locate::Locator;
use bedside_core::text::{GLOSSARY, readability};

const FILES: usize = 1000;
const NODES: usize = 40;

/// A small deterministic generator, so every run benchmarks the same files.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const LINES: [&str; 6] = [
    "I have been waiting for hours and nobody tells me anything.",
    "Is it bad news? Just tell me straight.",
    "I don't understand what the doctor said this morning.",
    "My daughter says I should ask about the tablets.",
    "I'm frightened about tomorrow, if I'm honest.",
    "Nobody listens to me in here.",
];

const SAYS: [&str; 6] = [
    "It sounds like this has been really hard. Tell me more.",
    "Let me find out now and come back to you in ten minutes.",
    "Nothing to eat or drink after midnight, because of the test.",
    "Try not to worry, it will all be fine.",
    "What have you been told so far?",
    "Can you tell me in your own words what happens next?",
];

/// A realistic 40-node scenario: 3 or 4 choices a node, cues, variants, some
/// conditions with an unconditional fallback, some escalations, two objectives
/// met by choices (format 2), four endings.
fn generate(i: usize) -> String {
    let mut r = Lcg(i as u64 + 1);
    let mut s = format!(
        "Scenario(\n    id: \"bench-{i}\",\n    title: \"Benchmark {i}\",\n    summary: \"A generated scenario for timing.\",\n    setting: \"Ward {i}\",\n    difficulty: Intermediate,\n    objectives: [\"Listen first\", \"Explain plainly\"],\n    topics: [\"bench\"],\n    patient: (name: \"Pat Example\", age: 58, about: \"Generated.\", distress: 60, trust: 50),\n    start: \"n0\",\n    nodes: {{\n"
    );
    let endings = ["calm", "partly", "left", "complaint"];
    for n in 0..NODES {
        let target = |r: &mut Lcg, c: usize| -> String {
            let step = 1 + r.next(3) as usize;
            if n + step >= NODES { endings[(c + n) % 4].to_owned() } else { format!("n{}", n + step) }
        };
        s.push_str(&format!(
            "        \"n{n}\": (\n            says: [\"{}\", \"{}\"],\n",
            LINES[r.next(6) as usize],
            LINES[r.next(6) as usize]
        ));
        if n % 3 == 0 {
            s.push_str("            cue: Some(Explicit(Fear)),\n");
        }
        if n % 7 == 5 {
            s.push_str(&format!(
                "            escalate: Some((at_distress: 90, goto: \"{}\")),\n",
                if n + 1 < NODES { format!("n{}", n + 1) } else { "left".into() }
            ));
        }
        s.push_str("            choices: [\n");
        let k = if n + 1 == NODES { 4 } else { 3 + r.next(2) as usize };
        for c in 0..k {
            let requires = if c == 3 { ", requires: Some(TrustAtLeast(40))" } else { "" };
            let goto = if c == 0 && n + 1 < NODES { format!("n{}", n + 1) } else { target(&mut r, c) };
            // The best choice meets an objective at some nodes, as format 2 asks,
            // and the way into the Resolved ending meets both: the checks then
            // find that every Resolved run meets every objective.
            let meets = match (c, n % 4) {
                _ if goto == "calm" => ", meets: [1, 2]",
                (0, 1) => ", meets: [1]",
                (0, 3) => ", meets: [2]",
                _ => "",
            };
            s.push_str(&format!(
                "                (say: \"{}\", empathy: {}, clarity: {}, tags: [Naming, PlainLanguage], distress: {}, trust: {}, feedback: \"Generated feedback that explains the choice.\", goto: \"{}\"{requires}{meets}),\n",
                SAYS[r.next(6) as usize],
                (4 - c).min(4),
                r.next(5),
                if c == 0 { -10 } else { (r.next(9) as i64 - 4) * 5 },
                if c == 0 { 10 } else { (r.next(9) as i64 - 4) * 5 },
                goto,
            ));
        }
        s.push_str("            ],\n        ),\n");
    }
    s.push_str("    },\n    endings: {\n");
    for (e, o) in endings.iter().zip(["Resolved", "Partial", "Unresolved", "Unresolved"]) {
        s.push_str(&format!("        \"{e}\": (outcome: {o}, says: \"Goodbye.\", debrief: \"Generated.\"),\n"));
    }
    s.push_str("    },\n)\n");
    s
}

fn time(label: &str, mut f: impl FnMut()) -> Duration {
    // Best of three, after one warm-up.
    f();
    let best = (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default();
    println!("{label}: {:.1} ms", best.as_secs_f64() * 1000.0);
    best
}

fn main() {
    let dir = std::env::temp_dir().join(format!("bedside-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let files: Vec<PathBuf> = (0..FILES)
        .map(|i| {
            let p = dir.join(format!("bench-{i}.ron"));
            std::fs::write(&p, generate(i)).expect("write");
            p
        })
        .collect();
    let bytes: u64 = files.iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).sum();
    println!("{FILES} generated files of {NODES} nodes, {} KiB in all", bytes / 1024);

    // Every generated file must load, or the comparison is meaningless.
    let errors: usize = files.iter().map(|p| load_file(p).diagnostics.iter().filter(|d| d.is_error()).count()).sum();
    assert_eq!(errors, 0, "generated files must be valid");

    let parse_only = time("bare RON deserialisation (read + ron::from_str)", || {
        for p in &files {
            let text = std::fs::read_to_string(p).expect("read");
            black_box(parse(&text).is_ok());
        }
    });
    let validate = time("bedside validation (read + parse + checks + state space + lint)", || {
        for p in &files {
            black_box(load_file(Path::new(p)).script.is_some());
        }
    });
    // Where validation's time goes, on the same files.
    let texts: Vec<String> = files.iter().map(|p| std::fs::read_to_string(p).expect("read")).collect();
    let scripts: Vec<_> = files.iter().filter_map(|p| load_file(p).script).collect();
    time("  of which: the state-space walk (reach::explore)", || {
        for s in &scripts {
            black_box(explore(s).states);
        }
    });
    time("  of which: locating every value (Locator::new; validation locates only what it reports)", || {
        for t in &texts {
            black_box(Locator::new(t));
        }
    });
    time("  of which: readability and jargon of every choice", || {
        for s in &scripts {
            for n in 0..s.node_count() {
                for c in &s.node(n).choices {
                    black_box(readability(&c.say).grade);
                    black_box(GLOSSARY.find(&c.say).len());
                }
            }
        }
    });
    let states: usize = scripts.iter().map(|s| explore(s).states).sum();
    println!("  reachable states per file: {} on average", states / scripts.len().max(1));
    let warned = files.iter().filter(|p| !load_file(p).diagnostics.is_empty()).count();
    println!("  files with warnings: {warned} of {FILES}");
    let per_sec = |d: Duration| FILES as f64 / d.as_secs_f64();
    println!("bare parsing: {:.0} files/s", per_sec(parse_only));
    println!(
        "validation:   {:.0} files/s ({:.2}x the time of bare parsing)",
        per_sec(validate),
        validate.as_secs_f64() / parse_only.as_secs_f64()
    );

    let script = load_file(&files[0]).script.expect("valid");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut scripts = vec![script];
    scripts.extend(bedside_core::scenario::load::Library::load(&[shipped]).scripts().cloned());
    // The exact state-space walk on the largest shipped scenario.
    if let Some(largest) = scripts.iter().skip(1).max_by_key(|s| explore(s).states) {
        let t = Instant::now();
        let rounds = 100;
        let mut states = 0;
        for _ in 0..rounds {
            states = black_box(explore(largest)).states;
        }
        println!(
            "state-space walk of the largest shipped scenario ({}, {} nodes, {states} reachable states): {:.3} ms",
            largest.id(),
            largest.node_count(),
            t.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds)
        );
    }
    let runs = 200_000;
    let mut steps = 0u64;
    let took = time(&format!("simulation: {runs} runs of each of {} scenarios", scripts.len()), || {
        steps = scripts.iter().map(|s| simulate(s, runs, 1, |_| {}).steps).sum();
    });
    println!("simulation: {steps} steps, {:.2} million steps/s", steps as f64 / took.as_secs_f64() / 1e6);
    if std::env::var_os("BEDSIDE_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        println!("kept the generated files in {}", dir.display());
    }
}
