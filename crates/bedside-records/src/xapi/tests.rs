//! Tests of the pull against a small HTTP server on loopback that answers as
//! an LRS would, or as a broken one would (garbage, refusals, silence, a
//! connection cut mid-pull); the pull against a real Ralph LRS is in the
//! workspace's `tests/records.rs`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::SignedDuration;
use serde_json::{Value, json};
use tempfile::TempDir;

use super::{LrsConfig, PullError, PullOptions, delivered, pull, statements};
use crate::report::{self, Filter};
use crate::store::Store;
use crate::tests::{INTERNET, PAIN, play, script, t0};
use crate::{Attempt, Origin};

/// What the fake LRS answers to a request, by the request's path and query.
type Answer = Box<dyn Fn(&str) -> Option<(u16, String)> + Send + Sync>;

/// An HTTP server on 127.0.0.1 answering each request with `answer` (None:
/// close the connection without a word). Records the request lines and
/// whether each carried the credentials.
struct FakeLrs {
    port: u16,
    seen: Arc<Mutex<Vec<(String, bool)>>>,
}

impl FakeLrs {
    fn start(answer: Answer) -> FakeLrs {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let target = line.split_whitespace().nth(1).unwrap_or_default().to_owned();
                let mut auth = false;
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                        break;
                    }
                    auth |= h.to_ascii_lowercase().starts_with("authorization: basic ");
                }
                log.lock().unwrap().push((target.clone(), auth));
                match answer(&target) {
                    Some((code, body)) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                            body.len()
                        );
                    }
                    None => drop(stream),
                }
            }
        });
        FakeLrs { port, seen }
    }

    fn config(&self) -> LrsConfig {
        LrsConfig {
            endpoint: format!("http://127.0.0.1:{}/xAPI/", self.port),
            username: "educator".into(),
            password: "s3cret-pass".into(),
            activity_base: None,
        }
    }

    fn requests(&self) -> Vec<(String, bool)> {
        self.seen.lock().unwrap().clone()
    }
}

/// A page of a statement result, with a `more` link if given.
fn page(statements: &[Value], more: Option<&str>) -> String {
    let mut v = json!({ "statements": statements });
    if let Some(m) = more {
        v["more"] = json!(m);
    }
    v.to_string()
}

/// Gives each statement the `stored` time an LRS would, `at` seconds after t0.
fn stored(mut statements: Vec<Value>, at: i64) -> Vec<Value> {
    for s in &mut statements {
        s["stored"] = json!((t0() + SignedDuration::from_secs(at)).to_string());
    }
    statements
}

/// Attempts played on a "ward computer", as they would be pushed: each one's
/// statements and its delivery statement.
fn ward(n: u64, trainee: &str) -> (Vec<Attempt>, Vec<Value>) {
    let internet = script(INTERNET);
    let pain = script(PAIN);
    let attempts: Vec<Attempt> = (0..n)
        .map(|i| {
            let s = if i % 2 == 0 { &internet } else { &pain };
            play(s, trainee, i, if i == 3 { 2 } else { 100 }, t0() + SignedDuration::from_mins(10 * i as i64))
        })
        .collect();
    let mut out = Vec::new();
    for a in &attempts {
        out.extend(statements(a, super::DEFAULT_BASE));
        out.push(delivered(a, super::DEFAULT_BASE, "station-1"));
    }
    (attempts, out)
}

/// The desk knows the scenario texts of its library.
fn library() -> PullOptions {
    let mut known = HashMap::new();
    for src in [INTERNET, PAIN] {
        let s = script(src);
        known.insert(s.content_hash.clone(), src.to_owned());
    }
    PullOptions { page_size: 5, known, timeout: Duration::from_secs(5) }
}

fn quiet() -> impl FnMut(super::Progress) {
    |_| {}
}

#[test]
fn a_pull_rebuilds_every_attempt_with_the_same_debrief_step_for_step() {
    let (attempts, all) = ward(6, "Ana Ruiz");
    let pages: Vec<Vec<Value>> = stored(all, 3600).chunks(5).map(<[Value]>::to_vec).collect();
    let n = pages.len();
    let lrs = FakeLrs::start(Box::new(move |target| {
        let i = target.split("page=").nth(1).and_then(|p| p.parse::<usize>().ok()).unwrap_or(0);
        let more = (i + 1 < n).then(|| format!("/xAPI/statements?page={}", i + 1));
        Some((200, page(&pages[i], more.as_deref())))
    }));
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    let got = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!((got.new, got.updated, got.in_progress, got.skipped), (6, 0, 0, 0), "{got:?}");
    assert_eq!(got.pages, n);
    let rows = report::attempts(&desk, &Filter::default()).unwrap();
    assert_eq!(rows.len(), 6);
    for local in &attempts {
        let row = rows.iter().find(|r| r.attempt == local.id.to_string()).expect("pulled");
        assert_eq!(row.origin, "lrs");
        let pulled = desk.attempt(row.row).unwrap();
        assert_eq!(pulled.origin, Origin::Lrs);
        assert_eq!(
            (&pulled.trainee, &pulled.scenario, &pulled.content_hash, pulled.mode, pulled.seed),
            (&local.trainee, &local.scenario, &local.content_hash, local.mode, local.seed)
        );
        assert_eq!((pulled.started, pulled.ended, &pulled.finish), (local.started, local.ended, &local.finish));
        assert_eq!((pulled.overall, pulled.empathy, pulled.clarity), (local.overall, local.empathy, local.clarity));
        assert_eq!((&pulled.objectives_met, pulled.safety_errors), (&local.objectives_met, local.safety_errors));
        let (_, mine) = local.review().unwrap();
        let (_, theirs) = pulled.review().expect("the library has the version: a full debrief");
        assert_eq!(theirs, mine, "the debrief matches step for step");
        assert_eq!(pulled.skills, local.skills, "the same skills profile");
        let without_words: Vec<_> = pulled.steps.iter().map(|s| crate::Step { said: None, ..s.clone() }).collect();
        assert_eq!(without_words, local.steps);
    }
    // Every request carried the credentials, and followed the pages in order.
    let seen = lrs.requests();
    assert!(seen.iter().all(|(_, auth)| *auth));
    assert!(seen[0].0.contains("ascending=true") && seen[0].0.contains("limit=5"), "{:?}", seen[0]);
    assert!(!seen[0].0.contains("since="), "the first pull reads everything");
}

#[test]
fn pulling_again_adds_nothing_and_starts_from_the_high_water_mark() {
    let (_, all) = ward(3, "Ana Ruiz");
    let body = page(&stored(all, 3600), None);
    let lrs = FakeLrs::start(Box::new(move |_| Some((200, body.clone()))));
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    assert_eq!(pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap().new, 3);
    let again = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!((again.new, again.updated, again.held), (0, 0, again.statements - 3), "{again:?}");
    assert_eq!(desk.count().unwrap(), 3);
    let since = lrs.requests()[1].0.clone();
    // The mark is t0 + 1 h; reading starts five minutes before it.
    let mark = (t0() + SignedDuration::from_secs(3600 - 300)).to_string().replace(':', "%3A");
    assert!(since.contains(&format!("since={mark}")), "{since}");
}

#[test]
fn an_attempt_whose_last_statement_has_not_arrived_waits_and_a_later_pull_completes_it() {
    let (attempts, all) = ward(2, "Ana Ruiz");
    let first_len = statements(&attempts[0], super::DEFAULT_BASE).len();
    // The first pull sees the first attempt and part of the second.
    let cut = first_len + 1 + 3;
    let state = Arc::new(Mutex::new(cut));
    let all = stored(all, 3600);
    let shown = state.clone();
    let lrs = FakeLrs::start(Box::new(move |_| Some((200, page(&all[..*shown.lock().unwrap()], None)))));
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    let got = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!((got.new, got.in_progress), (1, 1), "{got:?}");
    assert_eq!(desk.count().unwrap(), 1);
    *state.lock().unwrap() = first_len + 1 + statements(&attempts[1], super::DEFAULT_BASE).len() + 1;
    let got = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!((got.new, got.updated, got.in_progress), (0, 1, 0), "{got:?}");
    assert_eq!(desk.count().unwrap(), 2);
    let rows = report::attempts(&desk, &Filter::default()).unwrap();
    let second = desk.attempt(rows.iter().find(|r| r.attempt == attempts[1].id.to_string()).unwrap().row).unwrap();
    assert_eq!(second.review().unwrap().1, attempts[1].review().unwrap().1);
}

#[test]
fn statements_that_are_not_bedsides_or_do_not_read_are_skipped_and_counted() {
    let (_, mut all) = ward(2, "Ana Ruiz");
    // Someone else's statement, and a Bedside attempt whose scores are garbage.
    all.push(json!({
        "id": "6f1c1a52-0000-4000-8000-000000000001",
        "actor": { "mbox": "mailto:x@example.org" },
        "verb": { "id": "http://adlnet.gov/expapi/verbs/experienced" },
        "object": { "id": "https://example.org/video" },
    }));
    let (bad, _) = ward(1, "Bo Lee");
    let mut broken = statements(&bad[0], super::DEFAULT_BASE);
    let last = broken.len() - 1;
    broken[last]["result"]["extensions"][format!("{}/xapi/overall", super::DEFAULT_BASE)] = json!("lots");
    let broken_len = broken.len();
    all.extend(broken);
    let mut all = stored(all, 3600);
    all.push(json!("not even an object"));
    let body = page(&all, None);
    let lrs = FakeLrs::start(Box::new(move |_| Some((200, body.clone()))));
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    let got = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!(got.new, 2);
    assert_eq!(got.skipped, 1 + broken_len + 1, "{got:?}");
    assert_eq!(got.skipped_why["not from Bedside"], 1);
    assert_eq!(got.skipped_why["a Bedside attempt that does not read (its overall score)"], broken_len);
    assert_eq!(got.skipped_why["not a statement"], 1);
    assert_eq!(desk.count().unwrap(), 2);
}

#[test]
fn an_lrs_that_answers_garbage_refuses_or_stays_silent_gets_a_clear_error_and_nothing_changes() {
    let cases: Vec<(Answer, &str)> = vec![
        (Box::new(|_| Some((200, "<html>proxy login</html>".into()))), "not a list of xAPI statements"),
        (Box::new(|_| Some((200, "{\"more\": \"\"}".into()))), "no \"statements\" list"),
        (Box::new(|_| Some((401, "{}".into()))), "refused to let this account read statements (401)"),
        (Box::new(|_| Some((503, "down for maintenance".into()))), "answered 503: down for maintenance"),
        (Box::new(|_| Some((200, page(&[], Some("http://elsewhere.example/xAPI/statements?p=2"))))), "another server"),
        (Box::new(|_| None), "cannot reach the LRS"),
    ];
    for (answer, says) in cases {
        let lrs = FakeLrs::start(answer);
        let dir = TempDir::new().unwrap();
        let mut desk = Store::open_dir(dir.path()).unwrap();
        let err = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, PullError::Lrs(_)), "{text}");
        assert!(text.contains(says), "{text}");
        assert!(!text.contains("s3cret-pass"), "the password is never shown: {text}");
        assert_eq!(desk.pull_cursor().unwrap(), None, "a failed pull moves no mark");
        assert_eq!(desk.count().unwrap(), 0);
    }
    // Silence: a server that accepts and never answers is given up on in time.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let held: Vec<_> = listener.incoming().take(3).collect();
        std::thread::sleep(Duration::from_secs(30));
        drop(held);
    });
    let cfg =
        LrsConfig { endpoint: format!("http://127.0.0.1:{port}/xAPI/"), ..FakeLrs::start(Box::new(|_| None)).config() };
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    let opts = PullOptions { timeout: Duration::from_secs(1), ..library() };
    let started = std::time::Instant::now();
    let err = pull(&mut desk, &cfg, &opts, &mut quiet()).unwrap_err().to_string();
    assert!(err.contains("did not answer within 1 s"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_pull_cut_off_part_way_keeps_what_it_stored_and_the_next_pull_finishes() {
    let (_, all) = ward(6, "Ana Ruiz");
    let pages: Vec<Vec<Value>> = stored(all, 3600).chunks(10).map(<[Value]>::to_vec).collect();
    let n = pages.len();
    let broken = Arc::new(Mutex::new(true));
    let down = broken.clone();
    let lrs = FakeLrs::start(Box::new(move |target| {
        let i = target.split("page=").nth(1).and_then(|p| p.parse::<usize>().ok()).unwrap_or(0);
        if i == 3 && *down.lock().unwrap() {
            return None;
        }
        let more = (i + 1 < n).then(|| format!("/xAPI/statements?page={}", i + 1));
        Some((200, page(&pages[i], more.as_deref())))
    }));
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    let err = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap_err().to_string();
    assert!(err.contains("cannot reach the LRS"), "{err}");
    let kept = desk.count().unwrap();
    assert!(kept > 0 && kept < 6, "the attempts of the first pages are kept: {kept}");
    assert_eq!(desk.pull_cursor().unwrap(), None);
    *broken.lock().unwrap() = false;
    let got = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!(desk.count().unwrap(), 6);
    // The attempt the cut fell in was waiting, and is now complete.
    assert_eq!((got.new + got.updated) as i64 + kept, 6, "{got:?}");
    assert_eq!(got.in_progress, 0);
}

#[test]
fn an_attempt_played_on_a_version_this_computer_lacks_keeps_its_words_and_scores() {
    let (attempts, all) = ward(1, "Ana Ruiz");
    let body = page(&stored(all, 3600), None);
    let lrs = FakeLrs::start(Box::new(move |_| Some((200, body.clone()))));
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    let opts = PullOptions { known: HashMap::new(), ..library() };
    assert_eq!(pull(&mut desk, &lrs.config(), &opts, &mut quiet()).unwrap().new, 1);
    let pulled = desk.attempt(1).unwrap();
    assert!(!pulled.has_text());
    assert!(pulled.review().is_none());
    assert_eq!(pulled.overall, attempts[0].overall);
    assert_eq!(pulled.skills, attempts[0].skills, "the skills profile, from the tags the statements carry");
    let (script, scores) = attempts[0].review().unwrap();
    for (s, r) in pulled.steps.iter().zip(&scores.steps) {
        assert_eq!(s.said.as_deref(), Some(r.say.as_str()).filter(|t| !t.is_empty()));
        assert_eq!(s.reaction.as_deref(), Some(r.patient.as_str()));
    }
    // The steps CSV still says what was said.
    let mut csv = Vec::new();
    report::write_steps_csv(&desk, &Filter::default(), &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let first = &scores.steps[0];
    assert!(csv.contains(first.patient.split(',').next().unwrap()), "{csv}");
    // When this computer later plays that version, the pulled attempt opens in full.
    let mut local = play(&Arc::new(script), "Bo Lee", 9, 100, t0());
    local.id = uuid::Uuid::new_v4();
    desk.record(&local, false).unwrap();
    assert!(desk.attempt(1).unwrap().review().is_some());
}

/// An LRS like Ralph: it gives a statement without a timestamp the time it
/// stored it, and filters `since` by `timestamp`, not by `stored`.
fn by_timestamp(held: Arc<Mutex<Vec<Value>>>) -> Answer {
    Box::new(move |target| {
        let since = target
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("since="))
            .map(|s| s.replace("%3A", ":").parse::<jiff::Timestamp>().unwrap());
        let shown: Vec<Value> = held
            .lock()
            .unwrap()
            .iter()
            .filter(|s| {
                since.is_none_or(|since| s["timestamp"].as_str().unwrap().parse::<jiff::Timestamp>().unwrap() > since)
            })
            .cloned()
            .collect();
        Some((200, page(&shown, None)))
    })
}

/// Stores statements as an LRS does at `at` seconds after t0.
fn store_at(held: &Mutex<Vec<Value>>, statements: Vec<Value>, at: i64) {
    let when = (t0() + SignedDuration::from_secs(at)).to_string();
    for mut s in statements {
        s["stored"] = json!(when);
        if s.get("timestamp").is_none() {
            s["timestamp"] = json!(when);
        }
        held.lock().unwrap().push(s);
    }
}

#[test]
fn attempts_sent_late_by_a_computer_that_was_offline_still_arrive_when_since_filters_by_timestamp() {
    let held = Arc::new(Mutex::new(Vec::new()));
    let lrs = FakeLrs::start(by_timestamp(held.clone()));
    // A ward computer sends its attempts at once; the desk pulls an hour on.
    let (_, on_time) = ward(2, "Ana Ruiz");
    store_at(&held, on_time, 3 * 3600);
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    assert_eq!(pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap().new, 2);
    // Another computer, offline for days, sends attempts played before that pull.
    let (late, statements) = ward(3, "Bo Lee");
    assert!(late.iter().all(|a| a.ended < t0() + SignedDuration::from_secs(3 * 3600)));
    store_at(&held, statements, 50 * 3600);
    let got = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!((got.new, got.late), (3, 3), "{got:?}");
    assert_eq!(desk.count().unwrap(), 5);
    // A pull after that finds nothing new, and does not read back again: it
    // sees only the three deliveries inside its five-minute overlap.
    let again = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!((again.new, again.late, again.statements, again.pages), (0, 0, 3, 1), "{again:?}");
}

#[test]
fn an_assessment_attempt_goes_with_its_pass_rules_verdict_which_a_pull_reads_past() {
    use crate::store::PassRule;
    let (mut attempts, _) = ward(1, "Ana Ruiz");
    let a = &mut attempts[0];
    a.mode = crate::Mode::Assessment;
    let rule = |min: f64| PassRule {
        scenario: None,
        assessment_only: true,
        resolved: false,
        min_overall: min,
        no_safety_errors: false,
        set_by: "Sam".into(),
        set_at: t0(),
    };
    let pass = super::verdict(a, super::DEFAULT_BASE, &rule(0.0));
    assert_eq!(pass["verb"]["id"], super::PASSED);
    assert_eq!(pass["result"]["success"], true);
    let fail = super::verdict(a, super::DEFAULT_BASE, &rule(100.0));
    assert_eq!(fail["verb"]["id"], if a.overall >= 100.0 { super::PASSED } else { super::FAILED });
    assert_eq!(pass["id"], fail["id"], "one verdict per attempt");
    let mut all = statements(a, super::DEFAULT_BASE);
    all.push(pass);
    all.push(delivered(a, super::DEFAULT_BASE, "station-1"));
    let body = page(&stored(all, 3600), None);
    let lrs = FakeLrs::start(Box::new(move |_| Some((200, body.clone()))));
    let dir = TempDir::new().unwrap();
    let mut desk = Store::open_dir(dir.path()).unwrap();
    let got = pull(&mut desk, &lrs.config(), &library(), &mut quiet()).unwrap();
    assert_eq!((got.new, got.skipped), (1, 0), "{got:?}");
}
