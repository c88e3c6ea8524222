//! Benchmark of the records store at hospital scale: fills a database with
//! 1,000,000 attempts (10,000 trainees, 40 scenarios, steps played through the
//! real runtime), then times one durable write, the cohort table, a trainee's
//! trend, a scenario's summary, the skills profile (cohort, trainee, by week),
//! the most-missed moments, the roster and the CSV export of every attempt.
//!
//! `cargo bench --no-default-features --bench records`. The filled database is
//! kept in `target/bench-records/` and reused by later runs; set
//! `BEDSIDE_BENCH_ATTEMPTS` for a smaller run. Figures: docs/records.md.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bedside_core::play::encounter::Encounter;
use bedside_core::play::script::Script;
use bedside_core::scenario::load::Library;
use bedside_records::report::{self, Filter};
use bedside_records::store::Store;
use bedside_records::{Attempt, Mode};
use indicatif::{ProgressBar, ProgressStyle};
use jiff::{SignedDuration, Timestamp};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const TRAINEES: u64 = 10_000;
const SCENARIOS: usize = 40;

fn main() {
    let attempts: u64 = std::env::var("BEDSIDE_BENCH_ATTEMPTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join("target/bench-records").join(attempts.to_string());
    let scripts: Vec<Arc<Script>> = Library::load(&[root.join("scenarios")]).scripts().cloned().map(Arc::new).collect();
    let mut store = Store::open_dir(&dir).expect("the benchmark store opens");
    let have = store.count().expect("count") as u64;
    let t0 = Timestamp::from_second(1_767_225_600).expect("2026-01-01");
    if have < attempts {
        fill(&mut store, &scripts, have, attempts, t0);
    }
    let size = std::fs::metadata(store.path()).map_or(0, |m| m.len());
    println!("records benchmark: {attempts} attempts, {TRAINEES} trainees, {SCENARIOS} scenarios");
    println!("database: {} ({:.0} MiB)", store.path().display(), size as f64 / 1048576.0);

    // One attempt's durable write (synchronous = FULL, one transaction).
    let mut rng = ChaCha8Rng::seed_from_u64(99);
    let mut writes = Vec::new();
    for i in 0..200 {
        let a = attempt(&scripts, &mut rng, attempts + i, Timestamp::now());
        let t = Instant::now();
        store.record(&a, false).expect("write");
        writes.push(t.elapsed());
    }
    report_times("one attempt's durable write", &mut writes);

    let time = |name: &str, runs: usize, f: &mut dyn FnMut() -> usize| {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..runs {
            let t = Instant::now();
            n = f();
            times.push(t.elapsed());
        }
        report_times(&format!("{name} ({n} rows)"), &mut times);
    };
    time("cohort table, all", 5, &mut || report::cohort(&store, &Filter::default()).expect("cohort").cells.len());
    // Scenario id number 7: one of the 40, with about 25,000 attempts.
    let one = Filter { scenario: Some(format!("{}-7", scripts[7 % scripts.len()].id())), ..Filter::default() };
    time("cohort table, one scenario", 5, &mut || report::cohort(&store, &one).expect("cohort").cells.len());
    let month = Filter {
        from: Some(t0 + SignedDuration::from_hours(24 * 150)),
        to: Some(t0 + SignedDuration::from_hours(24 * 180)),
        ..Filter::default()
    };
    time("cohort table, 30 days", 5, &mut || report::cohort(&store, &month).expect("cohort").cells.len());
    let trainee = Filter { trainee: Some(name(4242)), ..Filter::default() };
    time("a trainee's trend", 20, &mut || report::attempts(&store, &trainee).expect("trend").len());
    time("a scenario's summary", 3, &mut || report::scenario(&store, &one).expect("summary").nodes.len());
    time("skills profile, whole cohort", 5, &mut || {
        report::profile(&store, &Filter::default()).expect("profile").skills.len()
    });
    time("skills profile, one trainee", 20, &mut || report::profile(&store, &trainee).expect("profile").skills.len());
    time("skills profile, 30 days", 3, &mut || report::profile(&store, &month).expect("profile").skills.len());
    time("skills by week, whole cohort", 5, &mut || {
        report::skills_by_week(&store, &Filter::default()).expect("weeks").len()
    });
    time("most-missed moments, all scenarios", 3, &mut || {
        report::missed_moments(&store, &Filter::default(), 5).expect("moments").len()
    });
    time("roster against the records", 3, &mut || {
        report::roster_status(&store, &Filter::default()).expect("roster").len()
    });
    let csv = dir.join("all.csv");
    time("CSV export of every attempt", 1, &mut || {
        let f = std::io::BufWriter::new(std::fs::File::create(&csv).expect("csv file"));
        report::write_attempts_csv(&store, &Filter::default(), f).expect("export") as usize
    });
}

fn name(i: u64) -> String {
    format!("Trainee {i:05}")
}

/// One attempt by a random trainee at a random scenario, played with random
/// choices (one in ten left part-way).
fn attempt(scripts: &[Arc<Script>], rng: &mut ChaCha8Rng, seed: u64, started: Timestamp) -> Attempt {
    let k = rng.random_range(0..SCENARIOS);
    let script = &scripts[k % scripts.len()];
    let mut run = Encounter::new(script.clone(), seed);
    let stop = if rng.random_ratio(1, 10) { rng.random_range(1..4) } else { usize::MAX };
    while !run.is_over() && run.steps().len() < stop {
        let o = run.offered();
        let c = o[rng.random_range(0..o.len())];
        run.choose(c).expect("offered");
    }
    let times: Vec<Timestamp> =
        (1..=run.steps().len()).map(|i| started + SignedDuration::from_secs(25 * i as i64)).collect();
    let ended = started + SignedDuration::from_secs(25 * (times.len() as i64 + 1));
    let mut a =
        Attempt::from_encounter(&run, &name(rng.random_range(0..TRAINEES)), Mode::Practice, started, &times, ended);
    // 40 scenarios from the 12 shipped: the same text under more ids.
    a.scenario = format!("{}-{k}", a.scenario);
    a
}

fn fill(store: &mut Store, scripts: &[Arc<Script>], from: u64, to: u64, t0: Timestamp) {
    let bar = ProgressBar::new(to - from).with_style(
        ProgressStyle::with_template("filling {bar:40} {pos}/{len} attempts, {per_sec}, {eta} left").expect("template"),
    );
    let mut rng = ChaCha8Rng::seed_from_u64(from);
    let span = 365 * 24 * 3600 * 1000 / to.max(1) as i64;
    let mut i = from;
    let started = Instant::now();
    while i < to {
        let n = (to - i).min(20_000);
        let batch: Vec<Attempt> = (i..i + n)
            .map(|j| attempt(scripts, &mut rng, j, t0 + SignedDuration::from_millis(span * j as i64)))
            .collect();
        store.record_all(&batch, false).expect("fill");
        i += n;
        bar.inc(n);
    }
    bar.finish_and_clear();
    println!("filled {} attempts in {:.0} s", to - from, started.elapsed().as_secs_f64());
}

fn report_times(what: &str, times: &mut [Duration]) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    if times.len() >= 20 {
        let p95 = times[times.len() * 95 / 100];
        println!("{what:<48} median {:>9.2} ms  p95 {:>9.2} ms  max {:>9.2} ms", ms(median), ms(p95), ms(worst));
    } else {
        println!("{what:<48} median {:>9.2} ms  max {:>9.2} ms", ms(median), ms(worst));
    }
}
