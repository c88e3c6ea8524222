//! Benchmark of the pull from a real LRS: fills a Ralph LRS (scripts/lrs.sh,
//! file-system backend) with the statements of at least 10,000 attempts and at
//! least 120,000 statements (sent by POST in batches), then times
//!
//! - simply paging every statement with an HTTP client (the floor: the LRS's
//!   own speed), following `more` links;
//! - `xapi::pull` of the same statements into an empty store, rebuilding and
//!   recording every attempt;
//! - a second pull that finds nothing new, straight away (it reads again the
//!   last five minutes' statements) and once the last statement is older than that.
//!
//! `cargo bench -p bedside-records --bench pull`. Needs python3 and network
//! access to PyPI the first time (for Ralph). `BEDSIDE_BENCH_PULL_ATTEMPTS` and
//! `BEDSIDE_BENCH_PULL_STATEMENTS` set the least numbers of attempts and statements, `BEDSIDE_BENCH_PAGE` the page size (default
//! 2,000; Ralph's own limit is raised to match). Figures: docs/records.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use bedside_core::play::encounter::Encounter;
use bedside_core::play::script::Script;
use bedside_core::scenario::load::Library;
use bedside_records::store::Store;
use bedside_records::xapi::{self, LrsConfig, PullOptions};
use bedside_records::{Attempt, Mode};
use indicatif::{ProgressBar, ProgressStyle};
use jiff::{SignedDuration, Timestamp};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

const PORT: u16 = 8399;

fn main() {
    let var = |k: &str, default: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let (least_attempts, least_statements) =
        (var("BEDSIDE_BENCH_PULL_ATTEMPTS", 10_000), var("BEDSIDE_BENCH_PULL_STATEMENTS", 120_000));
    let page = var("BEDSIDE_BENCH_PAGE", 2_000);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let lrs = Ralph::start(&root, page);
    let scripts: Vec<Arc<Script>> = Library::load(&[root.join("scenarios")]).scripts().cloned().map(Arc::new).collect();
    let known = scripts.iter().map(|s| (s.content_hash.clone(), s.source().to_owned())).collect();

    let (attempts, sent) = fill(&lrs.config, &scripts, least_attempts, least_statements);
    let filled = Instant::now();
    println!(
        "pull benchmark: {attempts} attempts, {sent} statements in a Ralph LRS (file-system backend), pages of {page}"
    );

    // The floor: the same pages, read and parsed, nothing else done.
    let started = Instant::now();
    let (read, pages) = page_through(&lrs.config, page);
    let floor = started.elapsed();
    assert_eq!(read, sent, "the LRS holds every statement sent");
    line("paging every statement (HTTP client only)", floor, read, pages);

    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open_dir(dir.path()).expect("a new store");
    let opts = PullOptions { page_size: page, known, timeout: Duration::from_secs(600) };
    let started = Instant::now();
    let first = xapi::pull(&mut store, &lrs.config, &opts, &mut |_| {}).expect("the pull");
    let took = started.elapsed();
    assert_eq!(first.new, attempts, "{first:?}");
    assert_eq!(store.count().expect("count") as usize, attempts);
    line("pull into an empty store (rebuild and record)", took, first.statements, first.pages);
    println!(
        "{:<48} {:.2}x the time of paging alone",
        "pull against the floor",
        took.as_secs_f64() / floor.as_secs_f64()
    );

    // Straight after, a pull reads again what was stored in the last five
    // minutes (xapi::OVERLAP): here, the end of the fill.
    let started = Instant::now();
    let again = xapi::pull(&mut store, &lrs.config, &opts, &mut |_| {}).expect("the second pull");
    line("a second pull at once, nothing new", started.elapsed(), again.statements, again.pages);
    assert_eq!(again.new, 0);
    // Later (as at the next day's sync), nothing is inside the overlap.
    if std::env::var_os("BEDSIDE_BENCH_NO_WAIT").is_none() {
        let quiet = Duration::from_secs(xapi::OVERLAP.as_secs().unsigned_abs() + 5);
        println!("waiting {} s, until the last statement is older than the overlap…", quiet.as_secs());
        std::thread::sleep(quiet.saturating_sub(filled.elapsed()));
        let started = Instant::now();
        let later = xapi::pull(&mut store, &lrs.config, &opts, &mut |_| {}).expect("the third pull");
        line("a pull later on, nothing new", started.elapsed(), later.statements, later.pages);
        assert_eq!(later.new, 0);
    }
}

fn line(what: &str, took: Duration, statements: usize, pages: usize) {
    println!(
        "{what:<48} {:>8.2} s  {:>8.0} statements/s  ({statements} statements, {pages} pages)",
        took.as_secs_f64(),
        statements as f64 / took.as_secs_f64().max(1e-9)
    );
}

/// A Ralph LRS of the benchmark's own, stopped when dropped.
struct Ralph {
    script: PathBuf,
    config: LrsConfig,
}

impl Ralph {
    fn start(root: &Path, page: usize) -> Ralph {
        let script = root.join("scripts/lrs.sh");
        let o = Command::new("bash")
            .arg(&script)
            .args(["start", &PORT.to_string()])
            .env("RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT", page.to_string())
            .output()
            .expect("bash runs scripts/lrs.sh");
        assert!(o.status.success(), "the LRS did not start: {}", String::from_utf8_lossy(&o.stderr));
        let config = LrsConfig {
            endpoint: format!("http://127.0.0.1:{PORT}/xAPI/"),
            username: "educator".into(),
            password: "secret".into(),
            activity_base: None,
        };
        Ralph { script, config }
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let _ = Command::new("bash").arg(&self.script).args(["stop", &PORT.to_string()]).output();
    }
}

fn auth(c: &LrsConfig) -> String {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.username, c.password));
    format!("Basic {token}")
}

/// Sends the statements of attempts (and each one's delivery statement),
/// 2,000 to a POST, until at least `attempts` attempts and `statements`
/// statements are sent. Returns how many of each.
fn fill(c: &LrsConfig, scripts: &[Arc<Script>], attempts: usize, statements: usize) -> (usize, usize) {
    let bar = ProgressBar::new(statements as u64).with_style(
        ProgressStyle::with_template("filling the LRS {bar:40} {pos}/{len} statements, {eta} left").expect("template"),
    );
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    // Played over the past weeks, two minutes apart: every time in the past.
    let t0 = Timestamp::now() - SignedDuration::from_mins(2 * (attempts.max(statements / 6) as i64 + 1_000));
    let mut batch: Vec<Value> = Vec::new();
    let mut sent = 0;
    let mut i = 0;
    while i < attempts || sent + batch.len() < statements {
        let a = attempt(scripts, &mut rng, i as u64, t0 + SignedDuration::from_mins(2 * i as i64));
        batch.extend(xapi::statements(&a, xapi::DEFAULT_BASE));
        batch.push(xapi::delivered(&a, xapi::DEFAULT_BASE, "bench-station"));
        i += 1;
        let last = i >= attempts && sent + batch.len() >= statements;
        if batch.len() >= 2_000 || last {
            sent += batch.len();
            let body = Value::Array(std::mem::take(&mut batch));
            let resp = ureq::post(&format!("{}statements", c.endpoint))
                .header("X-Experience-API-Version", "1.0.3")
                .header("Authorization", &auth(c))
                .config()
                .timeout_global(Some(Duration::from_secs(600)))
                .build()
                .send_json(&body)
                .expect("the LRS takes the batch");
            assert_eq!(resp.status().as_u16(), 200);
            bar.set_position(sent as u64);
        }
    }
    bar.finish_and_clear();
    (i, sent)
}

/// One attempt by one of 500 trainees, random choices, one in ten left part-way.
fn attempt(scripts: &[Arc<Script>], rng: &mut ChaCha8Rng, seed: u64, started: Timestamp) -> Attempt {
    let script = &scripts[rng.random_range(0..scripts.len())];
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
    let who = format!("Trainee {:03}", rng.random_range(0..500));
    Attempt::from_encounter(&run, &who, Mode::Practice, started, &times, ended)
}

/// Reads every page, following `more`, as a plain HTTP client would.
fn page_through(c: &LrsConfig, page: usize) -> (usize, usize) {
    let agent: ureq::Agent =
        ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(600))).build().into();
    let origin = format!("http://127.0.0.1:{PORT}");
    let mut url = format!("{}statements?ascending=true&limit={page}", c.endpoint);
    let (mut statements, mut pages) = (0, 0);
    loop {
        let text = agent
            .get(&url)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &auth(c))
            .call()
            .expect("a page")
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .expect("the page's text");
        let v: Value = serde_json::from_str(&text).expect("JSON");
        let n = v["statements"].as_array().map_or(0, Vec::len);
        statements += n;
        pages += 1;
        match v["more"].as_str() {
            Some(m) if !m.is_empty() && n > 0 => url = format!("{origin}{m}"),
            _ => break,
        }
    }
    (statements, pages)
}
