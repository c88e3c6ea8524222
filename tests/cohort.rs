//! One cohort across ward computers, end to end: attempts recorded in separate
//! data folders (one per computer), sent by the real `bedside` binary to a
//! real Ralph LRS, and pulled by a third folder (the education team's desk),
//! whose reports must equal the union. Also: computers that send late,
//! paging, an LRS that stops answering mid-pull, and statements in the LRS
//! that are not Bedside's.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bedside_core::play::encounter::Encounter;
use bedside_core::play::script::Script;
use bedside_core::scenario::load::load_file;
use bedside_records::store::Store;
use bedside_records::{Attempt, Mode};
use jiff::{SignedDuration, Timestamp};

use super::records::{Lrs, bedside, text};

fn scripts() -> Vec<Arc<Script>> {
    ["internet-diagnosis", "pain-ignored", "breaking-bad-news"]
        .iter()
        .map(|id| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{id}.ron"));
            Arc::new(load_file(&path).script.expect("a shipped scenario loads"))
        })
        .collect()
}

/// Records `n` attempts by each trainee in the data folder `data`, as the app
/// does (queued for the LRS): random choices from `seed`, a few left part-way,
/// the first starting at `start`, ten minutes apart.
pub(crate) fn record(data: &Path, trainees: &[&str], n: usize, seed: u64, start: Timestamp) -> Vec<Attempt> {
    let scripts = scripts();
    let mut rng = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut store = Store::open_dir(data).unwrap();
    let mut out = Vec::new();
    for (t, who) in trainees.iter().enumerate() {
        for i in 0..n {
            let at = start + SignedDuration::from_mins(10 * (t * n + i) as i64);
            let mut run = Encounter::new(scripts[rng.below(scripts.len())].clone(), rng.next());
            let stop = if rng.below(6) == 0 { 2 } else { usize::MAX };
            let mut times = Vec::new();
            while !run.is_over() && times.len() < stop {
                let offered = run.offered().to_vec();
                run.choose(offered[rng.below(offered.len())]).unwrap();
                times.push(at + SignedDuration::from_secs(25 * (times.len() as i64 + 1)));
            }
            let ended = at + SignedDuration::from_secs(25 * (times.len() as i64 + 2));
            let mode = if i % 2 == 0 { Mode::Practice } else { Mode::Assessment };
            let a = Attempt::from_encounter(&run, who, mode, at, &times, ended);
            store.record(&a, true).unwrap();
            out.push(a);
        }
    }
    out
}

/// A small seeded generator (xorshift64*), enough to vary the test attempts.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub(crate) fn push(data: &Path, lrs: &Lrs) -> Output {
    let mut c = bedside(data);
    c.args(["xapi", "push"]);
    lrs.on(&mut c).output().unwrap()
}

fn pull(data: &Path, lrs: &Lrs, args: &[&str]) -> Output {
    let mut c = bedside(data);
    c.args(["xapi", "pull"]).args(args);
    lrs.on(&mut c).output().unwrap()
}

pub(crate) fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o.stdout), text(&o.stderr));
    text(&o.stdout)
}

/// A report as CSV rows by attempt id (the first column), leaving out `skip`.
fn csv_by_attempt(data: &Path, args: &[&str], skip: &[&str]) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut c = bedside(data);
    c.args(["report", "--format", "csv"]).args(args).env("BEDSIDE_EDUCATOR_PASSPHRASE", super::records::PASS);
    let o = c.output().unwrap();
    let out = ok(&o);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let mut rows: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let kept: Vec<String> =
            rec.iter().zip(&header).filter(|(_, h)| !skip.contains(&h.as_str())).map(|(v, _)| v.to_owned()).collect();
        rows.entry(rec[0].to_owned()).or_default().push(kept);
    }
    rows
}

/// The cohort's attempts and steps, with where each was recorded left out.
fn cohort(data: &Path) -> (BTreeMap<String, Vec<Vec<String>>>, BTreeMap<String, Vec<Vec<String>>>) {
    (csv_by_attempt(data, &[], &["origin"]), csv_by_attempt(data, &["--steps"], &[]))
}

fn union(
    a: (BTreeMap<String, Vec<Vec<String>>>, BTreeMap<String, Vec<Vec<String>>>),
    b: (BTreeMap<String, Vec<Vec<String>>>, BTreeMap<String, Vec<Vec<String>>>),
) -> (BTreeMap<String, Vec<Vec<String>>>, BTreeMap<String, Vec<Vec<String>>>) {
    let (mut attempts, mut steps) = a;
    attempts.extend(b.0);
    steps.extend(b.1);
    (attempts, steps)
}

#[test]
fn two_ward_computers_push_and_the_desk_pulls_the_same_cohort_attempt_for_attempt() {
    let lrs = Lrs::own(1);
    let dirs: Vec<tempfile::TempDir> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let (ward_a, ward_b, desk, desk2) = (dirs[0].path(), dirs[1].path(), dirs[2].path(), dirs[3].path());
    let earlier = Timestamp::now() - SignedDuration::from_hours(3);
    let a = record(ward_a, &["Ana Ruiz", "Ben Okafor"], 3, 1, earlier);
    record(ward_b, &["Cai Wong", "Dee Patel"], 3, 2, earlier + SignedDuration::from_mins(5));
    assert!(ok(&push(ward_a, &lrs)).contains("Sent 6 attempts"));
    assert!(ok(&push(ward_b, &lrs)).contains("Sent 6 attempts"));
    let statements: usize = 12 * 3 + a.iter().map(|a| a.steps.len()).sum::<usize>();
    assert!(statements > 40, "enough for many pages of 5");

    // The desk pulls with pages of 5: its cohort is the union of the two wards'.
    let said = ok(&pull(desk, &lrs, &["--page-size", "5"]));
    assert!(said.contains(": 12 new attempts, 0 updated, 0 waiting"), "{said}");
    let expected = union(cohort(ward_a), cohort(ward_b));
    let got = cohort(desk);
    assert_eq!(got.0, expected.0, "every attempt, with the same scores");
    assert_eq!(got.1, expected.1, "every step, with the same words and ratings");
    assert!(csv_by_attempt(desk, &["--origin", "lrs"], &[]).len() == 12);
    assert!(csv_by_attempt(desk, &["--origin", "local"], &[]).is_empty());
    // The debrief rebuilt from the pulled statements is the ward's, step for step.
    let store = Store::open_dir(desk).unwrap();
    let rows = bedside_records::report::attempts(&store, &Default::default()).unwrap();
    for local in &a {
        let row = rows.iter().find(|r| r.attempt == local.id.to_string()).unwrap();
        let pulled = store.attempt(row.row).unwrap();
        assert_eq!(pulled.review().expect("the desk's library has the version").1, local.review().unwrap().1);
    }
    drop(store);

    // Pulling again adds nothing.
    let again = ok(&pull(desk, &lrs, &["--page-size", "5"]));
    assert!(again.contains(": 0 new attempts, 0 updated"), "{again}");
    assert_eq!(cohort(desk), got);

    // Another desk, with pages of 500 (Ralph sends at most 100), gets the same.
    ok(&pull(desk2, &lrs, &["--page-size", "500"]));
    assert_eq!(cohort(desk2), got);

    // A later attempt on one ward, sent, then pulled, appears.
    let later = record(ward_a, &["Ana Ruiz"], 1, 9, Timestamp::now());
    ok(&push(ward_a, &lrs));
    let said = ok(&pull(desk, &lrs, &[]));
    assert!(said.contains(": 1 new attempt, 0 updated"), "{said}");
    let now = cohort(desk);
    assert!(now.0.contains_key(&later[0].id.to_string()));
    assert_eq!(now.0.len(), 13);
}

#[test]
fn a_ward_computer_that_was_offline_sends_older_attempts_after_the_desks_pull_and_they_still_arrive() {
    let lrs = Lrs::own(2);
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let (ward, offline, desk) = (dirs[0].path(), dirs[1].path(), dirs[2].path());
    record(ward, &["Ana Ruiz"], 2, 3, Timestamp::now() - SignedDuration::from_hours(1));
    ok(&push(ward, &lrs));
    // The offline computer's attempts are played before the desk pulls...
    let late = record(offline, &["Eve Adams"], 3, 4, Timestamp::now() - SignedDuration::from_mins(50));
    assert!(ok(&pull(desk, &lrs, &[])).contains(": 2 new attempts"));
    // ...and sent after it: their statements carry times before the desk's
    // high-water mark, which Ralph compares `since` with.
    ok(&push(offline, &lrs));
    let said = ok(&pull(desk, &lrs, &[]));
    assert!(said.contains(": 3 new attempts"), "{said}");
    assert!(said.contains("3 attempts sent late by another computer were read back"), "{said}");
    let got = cohort(desk);
    assert_eq!(got, union(cohort(ward), cohort(offline)));
    assert!(late.iter().all(|a| got.0.contains_key(&a.id.to_string())));
}

#[test]
fn an_lrs_that_stops_mid_pull_leaves_what_was_stored_and_the_next_pull_finishes_skipping_what_is_not_bedsides() {
    let lrs = Lrs::own(3);
    let dirs: Vec<tempfile::TempDir> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let (ward, desk) = (dirs[0].path(), dirs[1].path());
    let attempts =
        record(ward, &["Ana Ruiz", "Ben Okafor", "Cai Wong"], 8, 5, Timestamp::now() - SignedDuration::from_hours(5));
    ok(&push(ward, &lrs));
    // Someone else's statement, and one that says it is Bedside's but is not readable.
    lrs.post(&serde_json::json!([
        {
            "id": "6f1c1a52-0000-4000-8000-000000000001",
            "actor": { "objectType": "Agent", "mbox": "mailto:someone@example.org" },
            "verb": { "id": "http://adlnet.gov/expapi/verbs/experienced", "display": { "en-US": "experienced" } },
            "object": { "objectType": "Activity", "id": "https://example.org/fire-safety-video" },
        },
        {
            "id": "6f1c1a52-0000-4000-8000-000000000002",
            "actor": { "objectType": "Agent", "account": { "homePage": "https://bedside.invalid", "name": "Mallory" } },
            "verb": { "id": "http://adlnet.gov/expapi/verbs/launched", "display": { "en-US": "launched" } },
            "object": { "objectType": "Activity", "id": "https://bedside.invalid/scenarios/internet-diagnosis" },
            "context": { "registration": "6f1c1a52-0000-4000-8000-0000000000ff", "platform": "Bedside" },
        },
    ]));

    // An LRS that is down is a clear message, and nothing changes.
    let mut c = bedside(desk);
    c.args(["xapi", "pull"]);
    lrs.on(&mut c).env("BEDSIDE_LRS_ENDPOINT", "http://127.0.0.1:9/xAPI/");
    let o = c.output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("cannot reach the LRS at http://127.0.0.1:9/xAPI/statements"),
        "{}",
        text(&o.stderr)
    );
    assert!(!text(&o.stderr).contains(&lrs.password));

    // A pull one statement at a time; the LRS stops answering part-way.
    let mut c = bedside(desk);
    c.args(["xapi", "pull", "--page-size", "1", "--timeout", "2"]);
    let child = lrs.on(&mut c).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let pid = lrs.pid().expect("the test's own LRS");
    let deadline = Instant::now() + Duration::from_secs(120);
    let stored = || Store::open_dir(desk).ok().and_then(|s| s.count().ok()).unwrap_or(0);
    while stored() == 0 {
        assert!(Instant::now() < deadline, "the pull stored nothing");
        std::thread::sleep(Duration::from_millis(20));
    }
    let stop = |signal: &str| Command::new("kill").args([signal, &pid.to_string()]).status().unwrap();
    assert!(stop("-STOP").success());
    let o = child.wait_with_output().unwrap();
    assert!(stop("-CONT").success());
    assert_eq!(o.status.code(), Some(1), "{}{}", text(&o.stdout), text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("did not answer within 2 s"), "{err}");
    assert!(err.contains("The attempts pulled before this are kept"), "{err}");
    let kept = stored();
    assert!(kept > 0 && kept < attempts.len() as i64, "{kept} of {}", attempts.len());

    // The next pull goes on and finishes; the two strangers are skipped and counted.
    let said = ok(&pull(desk, &lrs, &["--page-size", "50"]));
    assert_eq!(stored(), attempts.len() as i64, "{said}");
    assert!(said.contains("Skipped 2 statements"), "{said}");
    assert!(said.contains("1 not from Bedside"), "{said}");
    assert!(said.contains("1 from Bedside but with a statement id Bedside does not give"), "{said}");
    assert_eq!(cohort(desk).0, cohort(ward).0);
}
