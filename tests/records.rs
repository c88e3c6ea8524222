//! The progress records end to end: the real `bedside` binary recording and
//! reporting on a real SQLite file, writer processes killed mid-stream or
//! writing at once, and statements pushed to a real LRS (Ralph) and read back.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use bedside_core::play::encounter::Encounter;
use bedside_core::play::script::Script;
use bedside_core::scenario::load::load_file;
use bedside_records::store::Store;
use bedside_records::{Attempt, Mode};
use jiff::Timestamp;

pub(crate) const PASS: &str = "ward seven educator";

pub(crate) fn bedside(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bedside"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("DISPLAY")
        .env_remove("BEDSIDE_LRS_ENDPOINT")
        .env_remove("BEDSIDE_EDUCATOR_PASSPHRASE")
        .env("BEDSIDE_CONFIG_DIR", data.join("config"))
        .arg("--data")
        .arg(data);
    c
}

pub(crate) fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Plays a shipped scenario in the terminal as `trainee`, always taking the
/// first choice shown, and records it.
fn play(data: &Path, trainee: &str, file: &str, extra_env: &[(&str, &str)]) -> Output {
    let mut c = bedside(data);
    c.args(["play", file, "--seed", "4", "--trainee", trainee]);
    for (k, v) in extra_env {
        c.env(k, v);
    }
    let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all("1\n".repeat(60).as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn report(data: &Path, args: &[&str]) -> Output {
    bedside(data).arg("report").args(args).env("BEDSIDE_EDUCATOR_PASSPHRASE", PASS).output().unwrap()
}

#[test]
fn play_with_a_trainee_records_the_attempt_and_report_shows_it_to_the_educator() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    for (who, file) in [("Ana", "scenarios/internet-diagnosis.ron"), ("Ben", "scenarios/pain-ignored.ron")] {
        let o = play(data, who, file, &[]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(text(&o.stderr).contains(&format!("Recorded for {who}")), "{}", text(&o.stderr));
    }
    // The first report sets the passphrase (from the environment, for scripts).
    let o = report(data, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let table = text(&o.stdout);
    assert!(table.contains("internet-diagnosis") && table.contains("pain-ignored"), "{table}");
    assert!(table.lines().any(|l| l.starts_with("Ana") && l.contains("×1")), "{table}");
    // CSV: one row per attempt, parsed back.
    let o = report(data, &["--format", "csv"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(&r.headers().unwrap()[0], "attempt");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "Ana");
    // Steps, one trainee's JSON and one scenario's summary.
    let o = report(data, &["--format", "csv", "--steps", "--trainee", "Ben"]);
    let steps = csv::Reader::from_reader(o.stdout.as_slice()).records().count();
    assert!(steps >= 2, "{}", text(&o.stdout));
    let o = report(data, &["--format", "json", "--trainee", "Ana"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["attempts"].as_array().unwrap().len(), 1);
    assert_eq!(v["attempts"][0]["trainee"], "Ana");
    let o = report(data, &["--scenario", "pain-ignored"]);
    assert!(text(&o.stdout).contains("Choices per node"), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("Objectives met (completed attempts):"), "{}", text(&o.stdout));
    // One trainee's page says "1 attempt", not "1 attempts".
    let o = report(data, &["--trainee", "Ana"]);
    assert!(text(&o.stdout).starts_with("Ana: 1 attempt\n"), "{}", text(&o.stdout));
    // --bom for Excel, with --format csv only; -o writes an owner-only file.
    let out = dir.path().join("cohort.csv");
    let o = report(data, &["--format", "csv", "--bom", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBF"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(report(data, &["--bom"]).status.code(), Some(2));
    // A range that ends before it starts is a mistake to point out, not an empty report.
    let o = report(data, &["--from", "2026-12-01", "--to", "2026-11-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--from 2026-12-01 is after --to 2026-11-01"), "{}", text(&o.stderr));
}

#[test]
fn ctrl_c_during_play_keeps_the_attempt_so_far_as_abandoned() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = bedside(dir.path())
        .args(["play", "scenarios/internet-diagnosis.ron", "--seed", "4", "--trainee", "Ana"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
    stdin.write_all(b"1\n").unwrap();
    stdin.flush().unwrap();
    // Wait for the second question: the first answer has been taken.
    let mut prompts = 0;
    while prompts < 2 {
        let line = out.next().expect("the game goes on").unwrap();
        prompts += usize::from(line.starts_with("Your choice"));
    }
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    drop(stdin);
    assert_eq!(o.status.code(), Some(130), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("recorded as abandoned"), "{}", text(&o.stderr));
    let store = Store::open_dir(dir.path()).unwrap();
    let rows = bedside_records::report::attempts(&store, &Default::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].outcome.as_str(), rows[0].steps), ("abandoned", 1));
}

#[test]
fn play_refuses_a_blank_trainee_name_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = play(dir.path(), "   ", "scenarios/internet-diagnosis.ron", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--trainee needs a name"), "{}", text(&o.stderr));
    assert!(!dir.path().join("bedside.sqlite3").exists());
}

#[test]
fn report_refuses_a_wrong_passphrase_and_asks_for_one_when_none_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    assert_eq!(report(data, &[]).status.code(), Some(0), "sets the passphrase");
    let o = bedside(data).args(["report"]).env("BEDSIDE_EDUCATOR_PASSPHRASE", "not the one at all").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("not the educator passphrase"), "{}", text(&o.stderr));
    assert!(o.stdout.is_empty());
    let o = bedside(data).args(["report"]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("BEDSIDE_EDUCATOR_PASSPHRASE"), "{}", text(&o.stderr));
}

#[test]
fn a_non_sqlite_file_at_the_database_path_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let path = data.join("bedside.sqlite3");
    std::fs::write(&path, "name,score\nAna,90\n").unwrap();
    let o = play(data, "Ana", "scenarios/internet-diagnosis.ron", &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("is not a Bedside records database") && err.contains("left untouched"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "name,score\nAna,90\n");
}

fn internet() -> Arc<Script> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/internet-diagnosis.ron");
    Arc::new(load_file(&path).script.unwrap())
}

/// Not a test of its own: the writer process the tests below start (this same
/// binary, with `--ignored --exact`). Records attempts into
/// `BEDSIDE_TEST_WRITER_DIR` and prints `ack <uuid>` once each is durable.
#[test]
#[ignore = "run as a child process by the writer tests"]
fn records_writer_child() {
    let Ok(dir) = std::env::var("BEDSIDE_TEST_WRITER_DIR") else { return };
    let count: usize =
        std::env::var("BEDSIDE_TEST_WRITER_COUNT").ok().and_then(|c| c.parse().ok()).unwrap_or(usize::MAX);
    let name = std::env::var("BEDSIDE_TEST_WRITER_NAME").unwrap_or_else(|_| "writer".into());
    let script = internet();
    let mut store = Store::open_dir(Path::new(&dir)).unwrap();
    let stdout = std::io::stdout();
    for i in 0..count {
        let mut run = Encounter::new(script.clone(), i as u64);
        while !run.is_over() {
            let first = run.offered()[0];
            run.choose(first).unwrap();
        }
        let now = Timestamp::now();
        let a = Attempt::from_encounter(&run, &name, Mode::Practice, now, &[], now);
        store.record(&a, false).unwrap();
        let mut out = stdout.lock();
        writeln!(out, "ack {}", a.id).unwrap();
        out.flush().unwrap();
    }
}

fn writer(dir: &Path, name: &str, count: Option<usize>) -> std::process::Child {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args(["--ignored", "--exact", "records::records_writer_child", "--nocapture", "--test-threads=1"])
        .env("BEDSIDE_TEST_WRITER_DIR", dir)
        .env("BEDSIDE_TEST_WRITER_NAME", name)
        .stdout(Stdio::piped())
        .stderr(if count.is_some() { Stdio::inherit() } else { Stdio::null() });
    if let Some(n) = count {
        c.env("BEDSIDE_TEST_WRITER_COUNT", n.to_string());
    }
    c.spawn().unwrap()
}

/// The attempt id in a writer's `ack` line (the test harness may print its
/// own words before the first one on the same line).
fn ack(line: &str) -> Option<String> {
    line.rsplit_once("ack ").map(|(_, id)| id.trim().to_owned())
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn stored_ids(store: &Store) -> std::collections::HashSet<String> {
    bedside_records::report::attempts(store, &Default::default()).unwrap().into_iter().map(|r| r.attempt).collect()
}

#[test]
fn a_writer_killed_mid_stream_loses_no_acknowledged_attempt_and_the_database_stays_sound() {
    let dir = tempfile::tempdir().unwrap();
    let mut acked = Vec::new();
    for round in 0..3 {
        let mut child = writer(dir.path(), "killed", None);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let target = acked.len() + 110 + 13 * round;
        while acked.len() < target {
            let line = lines.next().expect("the writer keeps writing").unwrap();
            if let Some(id) = ack(&line) {
                acked.push(id);
            }
        }
        child.kill().unwrap(); // SIGKILL, in the middle of the next write
        child.wait().unwrap();
    }
    assert!(acked.len() >= 300, "{} acknowledged", acked.len());
    let path = dir.path().join("bedside.sqlite3");
    assert_eq!(integrity(&path), "ok");
    let store = Store::open_dir(dir.path()).unwrap();
    let ids = stored_ids(&store);
    let lost: Vec<&String> = acked.iter().filter(|a| !ids.contains(*a)).collect();
    assert!(lost.is_empty(), "{} acknowledged attempts lost: {lost:?}", lost.len());
    assert_eq!(integrity(&path), "ok");
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let children: Vec<_> = ["one", "two"].iter().map(|n| writer(dir.path(), n, Some(150))).collect();
    let mut acked = Vec::new();
    for mut c in children {
        let out = BufReader::new(c.stdout.take().unwrap());
        acked.extend(out.lines().map(Result::unwrap).filter_map(|l| ack(&l)));
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(acked.len(), 300);
    let store = Store::open_dir(dir.path()).unwrap();
    assert_eq!(store.count().unwrap(), 300);
    let ids = stored_ids(&store);
    assert!(acked.iter().all(|a| ids.contains(a)));
    let cohort = bedside_records::report::cohort(&store, &Default::default()).unwrap();
    assert_eq!(cohort.cells.iter().map(|c| c.attempts).sum::<u32>(), 300, "the summary counted every write");
}

/// A Ralph LRS on loopback: the one named by BEDSIDE_TEST_LRS, or one this
/// test starts with scripts/lrs.sh (and stops when dropped).
pub(crate) struct Lrs {
    pub endpoint: String,
    pub user: String,
    pub password: String,
    started: Option<u16>,
}

impl Lrs {
    pub fn get() -> Lrs {
        if let Ok(endpoint) = std::env::var("BEDSIDE_TEST_LRS") {
            return Lrs {
                endpoint,
                user: std::env::var("BEDSIDE_TEST_LRS_USER").unwrap_or_else(|_| "educator".into()),
                password: std::env::var("BEDSIDE_TEST_LRS_PASSWORD").unwrap_or_else(|_| "secret".into()),
                started: None,
            };
        }
        Lrs::own(0)
    }

    /// An LRS of this test's own, empty, on a port of its own (`k` tells
    /// the tests of one run apart; each test that starts one uses its own `k`).
    pub fn own(k: u16) -> Lrs {
        let port = 20_000 + (std::process::id() % 1000) as u16 * 8 + k;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/lrs.sh");
        let o = Command::new("bash").arg(&script).args(["start", &port.to_string()]).output().unwrap();
        assert!(o.status.success(), "the LRS did not start: {}{}", text(&o.stdout), text(&o.stderr));
        Lrs {
            endpoint: format!("http://127.0.0.1:{port}/xAPI/"),
            user: "educator".into(),
            password: "secret".into(),
            started: Some(port),
        }
    }

    /// The server's process id, for an LRS this test started.
    pub fn pid(&self) -> Option<u32> {
        let dir = std::env::var("BEDSIDE_LRS_DIR").unwrap_or_else(|_| "/var/cache/bedside/lrs".into());
        let file = Path::new(&dir).join(format!("run-{}/pid", self.started?));
        std::fs::read_to_string(file).ok()?.trim().parse().ok()
    }

    /// Sets the LRS's address and credentials (and the educator passphrase) on a command.
    pub fn on<'c>(&self, c: &'c mut Command) -> &'c mut Command {
        c.env("BEDSIDE_LRS_ENDPOINT", &self.endpoint)
            .env("BEDSIDE_LRS_USERNAME", &self.user)
            .env("BEDSIDE_LRS_PASSWORD", &self.password)
            .env("BEDSIDE_EDUCATOR_PASSPHRASE", PASS)
    }

    /// Stores statements as they are (a test's own, or someone else's).
    pub fn post(&self, statements: &serde_json::Value) {
        use base64::Engine as _;
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", self.user, self.password));
        ureq::post(&format!("{}statements", self.endpoint))
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &format!("Basic {auth}"))
            .send_json(statements)
            .unwrap();
    }

    /// The statements the LRS holds for one registration (attempt).
    fn statements(&self, registration: &str) -> Vec<serde_json::Value> {
        use base64::Engine as _;
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", self.user, self.password));
        let mut resp = ureq::get(&format!("{}statements", self.endpoint))
            .query("registration", registration)
            .query("limit", "500")
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &format!("Basic {auth}"))
            .call()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
        v["statements"].as_array().cloned().unwrap_or_default()
    }
}

impl Drop for Lrs {
    fn drop(&mut self) {
        if let Some(port) = self.started {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/lrs.sh");
            let _ = Command::new("bash").arg(script).args(["stop", &port.to_string()]).output();
        }
    }
}

#[test]
fn statements_reach_a_real_lrs_after_a_failed_push_and_are_never_stored_twice() {
    let lrs = Lrs::get();
    let dir = tempfile::tempdir().unwrap();
    let data: PathBuf = dir.path().to_path_buf();
    // First the LRS is unreachable: the attempt is recorded and queued.
    let down = [
        ("BEDSIDE_LRS_ENDPOINT", "http://127.0.0.1:9/xAPI/"),
        ("BEDSIDE_LRS_USERNAME", lrs.user.as_str()),
        ("BEDSIDE_LRS_PASSWORD", lrs.password.as_str()),
    ];
    let o = play(&data, "Ana", "scenarios/internet-diagnosis.ron", &down);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("queued"), "{err}");
    assert!(!err.contains(&lrs.password), "the password is never printed");
    let (pending, last) = Store::open_dir(&data).unwrap().xapi_pending().unwrap();
    assert_eq!(pending, 1);
    assert!(!last.unwrap_or_default().contains(&lrs.password));
    // Then it is back: `xapi push` sends what waited.
    let up = |c: &mut Command| {
        c.env("BEDSIDE_LRS_ENDPOINT", &lrs.endpoint)
            .env("BEDSIDE_LRS_USERNAME", &lrs.user)
            .env("BEDSIDE_LRS_PASSWORD", &lrs.password)
            .env("BEDSIDE_EDUCATOR_PASSPHRASE", PASS);
    };
    let mut c = bedside(&data);
    c.args(["xapi", "push"]);
    up(&mut c);
    let o = c.output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o.stdout), text(&o.stderr));
    assert!(text(&o.stdout).contains("Sent 1 attempts"), "{}", text(&o.stdout));
    let store = Store::open_dir(&data).unwrap();
    assert_eq!(store.xapi_pending().unwrap().0, 0);
    let a = store.attempt(1).unwrap();
    let held = lrs.statements(&a.id.to_string());
    assert_eq!(held.len(), a.steps.len() + 3, "launched, one responded per step, completed, and the delivery");
    let verbs: Vec<&str> = held.iter().map(|s| s["verb"]["id"].as_str().unwrap()).collect();
    assert!(verbs.contains(&"http://adlnet.gov/expapi/verbs/launched"));
    assert!(verbs.contains(&"http://adlnet.gov/expapi/verbs/completed"));
    assert_eq!(verbs.iter().filter(|v| **v == "http://adlnet.gov/expapi/verbs/responded").count(), a.steps.len());
    let done = held.iter().find(|s| s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed").unwrap();
    assert!((done["result"]["score"]["scaled"].as_f64().unwrap() - a.overall / 100.0).abs() < 1e-9);
    assert_eq!(done["actor"]["account"]["name"], "Ana");
    // Sending everything again stores nothing twice (stable statement ids).
    let mut c = bedside(&data);
    c.args(["xapi", "push", "--all"]);
    up(&mut c);
    let o = c.output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o.stdout), text(&o.stderr));
    assert_eq!(lrs.statements(&a.id.to_string()).len(), held.len());
    // The export writes the same statements to a file.
    let out = data.join("statements.json");
    let mut c = bedside(&data);
    c.args(["xapi", "export", "--output"]).arg(&out);
    up(&mut c);
    assert_eq!(c.output().unwrap().status.code(), Some(0));
    let file: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let mut ids: Vec<&str> = file.iter().map(|s| s["id"].as_str().unwrap()).collect();
    // The LRS also holds the statement saying which computer delivered it; an
    // export is the attempt's own.
    let delivered = bedside_records::xapi::statement_id(&a.id, "delivered").to_string();
    let mut held_ids: Vec<&str> =
        held.iter().map(|s| s["id"].as_str().unwrap()).filter(|id| *id != delivered).collect();
    ids.sort_unstable();
    held_ids.sort_unstable();
    assert_eq!(ids, held_ids);
}

#[test]
fn an_educator_imports_a_roster_sets_a_pass_rule_and_reads_skills_missed_moments_roster_and_competency() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    for who in ["Ana Ruiz", "ana  ruiz", "Ben Okafor"] {
        assert_eq!(play(data, who, "scenarios/internet-diagnosis.ron", &[]).status.code(), Some(0));
    }
    let run = |args: &[&str]| bedside(data).args(args).env("BEDSIDE_EDUCATOR_PASSPHRASE", PASS).output().unwrap();
    // A roster file with a bad row changes nothing and names the line.
    let bad = data.join("bad.csv");
    std::fs::write(&bad, "name,staff_id\nAna Ruiz,N1\n,N2\nBen Okafor,N1\n").unwrap();
    let o = run(&["roster", "import", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("the roster was not changed") && err.contains("line 3: no name"), "{err}");
    assert!(err.contains("line 4: staff ID \"N1\" is also on line 2"), "{err}");
    let good = data.join("roster.csv");
    std::fs::write(&good, "name,staff_id\nAna Ruiz,N1\nBen Okafor,N2\nCai Wong,\n").unwrap();
    let o = run(&["roster", "import", good.to_str().unwrap()]);
    assert!(text(&o.stdout).contains("Took 3 trainees"), "{}", text(&o.stderr));
    // "ana  ruiz" is Ana: two attempts; Cai never started.
    let o = run(&["report", "--roster"]);
    let roster = text(&o.stdout);
    assert!(roster.contains("3 on the roster, 1 never started"), "{roster}");
    assert!(roster.lines().any(|l| l.starts_with("Ana Ruiz") && l.contains(" 2 ")), "{roster}");
    assert!(roster.lines().any(|l| l.starts_with("Cai Wong") && l.ends_with("never started")), "{roster}");
    // A pass rule, and competency against it; the CSV says it per attempt.
    let o = run(&["pass-rule", "set", "--min-overall", "0", "--by", "Sam Educator"]);
    assert!(text(&o.stdout).contains("overall at least 0"), "{}", text(&o.stderr));
    let o = run(&["report", "--competency", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rules"][0]["set_by"], "Sam Educator");
    assert!(v["rows"].as_array().unwrap().iter().all(|r| r["passed"].as_u64().unwrap() >= 1), "{v}");
    let o = run(&["report", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let h: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    assert!(rows.iter().all(|r| &r[col("passed")] == "yes"));
    assert_eq!(rows.iter().filter(|r| &r[col("staff_id")] == "N1").count(), 2);
    // The skills profile and the most-missed moments, as text and JSON.
    let o = run(&["report", "--skills"]);
    assert!(text(&o.stdout).contains("Skills: used when on offer"), "{}", text(&o.stdout));
    let o = run(&["report", "--skills", "--format", "json", "--trainee", "ANA RUIZ"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["profile"]["attempts"], 2);
    let o = run(&["report", "--missed", "--min-visits", "1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().is_some());
    assert_eq!(run(&["report", "--skills", "--format", "csv"]).status.code(), Some(2));
    // --trainee and --scenario together: one trainee's attempts at one scenario.
    let o = run(&["report", "--trainee", "Ana Ruiz", "--scenario", "internet-diagnosis", "--mode", "practice"]);
    assert!(text(&o.stdout).starts_with("Ana Ruiz: 2 attempts"), "{}", text(&o.stdout));
}
