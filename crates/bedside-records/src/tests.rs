//! Tests of the records store on real SQLite files in temporary folders, with
//! attempts played through the runtime on the shipped scenarios.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tempfile::TempDir;

use crate::report::{self, Filter};
use crate::store::{AccessError, SCHEMA_VERSION, Store, StoreError};
use crate::xapi::{self, statement_id};
use crate::{Attempt, Finish, Mode};
use bedside_core::play::encounter::Encounter;
use bedside_core::play::script::Script;
use bedside_core::scenario::load::load_str;

pub(crate) const INTERNET: &str = include_str!("../fixtures/internet-diagnosis.ron");
pub(crate) const PAIN: &str = include_str!("../fixtures/pain-ignored.ron");

pub(crate) fn script(source: &str) -> Arc<Script> {
    Arc::new(load_str("scenario.ron", source).script.expect("the shipped scenario loads"))
}

pub(crate) fn t0() -> Timestamp {
    Timestamp::from_second(1_780_000_000).expect("in range")
}

/// Plays `script` with random choices from `seed`; stops after `max_steps`
/// (abandoned) if it has not ended by then.
pub(crate) fn play(script: &Arc<Script>, trainee: &str, seed: u64, max_steps: usize, start: Timestamp) -> Attempt {
    let mut run = Encounter::new(script.clone(), seed);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut times = Vec::new();
    while !run.is_over() && times.len() < max_steps {
        let offered = run.offered().to_vec();
        if rng.random_ratio(1, 8) {
            run.silence().expect("not over");
        } else {
            run.choose(offered[rng.random_range(0..offered.len())]).expect("offered");
        }
        times.push(start + SignedDuration::from_secs(20 * (times.len() as i64 + 1)));
    }
    let ended = start + SignedDuration::from_secs(20 * (times.len() as i64 + 2));
    Attempt::from_encounter(&run, trainee, Mode::Practice, start, &times, ended)
}

fn open(dir: &TempDir) -> Store {
    Store::open_dir(dir.path()).expect("a new store opens")
}

#[test]
fn an_attempt_reads_back_exactly_as_it_was_recorded() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let s = script(INTERNET);
    let a = play(&s, "Ana Ruiz", 7, 100, t0());
    assert!(!a.steps.is_empty());
    let id = store.record(&a, false).unwrap();
    drop(store);
    let store = open(&dir);
    assert_eq!(store.attempt(id).unwrap(), a);
    assert_eq!(report::attempts(&store, &Filter::default()).unwrap()[0].row, id);
}

#[test]
fn a_stored_attempt_rebuilds_the_same_debrief_as_the_live_run() {
    let s = script(INTERNET);
    let mut run = Encounter::new(s.clone(), 3);
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let mut n = 0;
    while !run.is_over() {
        if n == 1 {
            run.silence().unwrap();
        } else {
            let o = run.offered().to_vec();
            run.choose(o[rng.random_range(0..o.len())]).unwrap();
        }
        n += 1;
    }
    let a = Attempt::from_encounter(&run, "Ana", Mode::Assessment, t0(), &[], t0());
    let (_, review) = a.review().expect("the stored version loads");
    assert_eq!(review, run.scores());
    assert!(a.steps[1].chosen.is_none(), "the silence is kept as a step");
    assert_eq!(a.steps[2].node, a.steps[1].node, "the choices are offered again after a silence");
    assert!(a.steps[2].reaction.is_some(), "with the patient's reaction to the silence");
}

#[test]
fn an_abandoned_encounter_is_kept_as_abandoned_with_its_steps() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let a = play(&script(INTERNET), "Ben", 1, 2, t0());
    assert_eq!(a.finish, Finish::Abandoned);
    let id = store.record(&a, false).unwrap();
    let back = store.attempt(id).unwrap();
    assert_eq!(back.finish, Finish::Abandoned);
    assert_eq!(back.steps.len(), 2);
    let rows = report::attempts(&store, &Filter::default()).unwrap();
    assert_eq!(rows[0].outcome, "abandoned");
    assert_eq!(rows[0].ending, None);
}

#[test]
fn a_record_keeps_its_meaning_after_the_scenario_file_changes() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let before = script(INTERNET);
    let a = play(&before, "Ana", 5, 100, t0());
    store.record(&a, false).unwrap();
    let edited = INTERNET.replacen("title: \"", "title: \"Edited: ", 1);
    let after = script(&edited);
    assert_ne!(before.content_hash, after.content_hash);
    let b = play(&after, "Ana", 5, 100, t0() + SignedDuration::from_hours(1));
    store.record(&b, false).unwrap();
    let rows = report::attempts(&store, &Filter::default()).unwrap();
    assert_eq!(rows[0].scenario_version, before.content_hash);
    assert_eq!(rows[1].scenario_version, after.content_hash);
    assert!(!rows[0].title.starts_with("Edited"));
    assert!(rows[1].title.starts_with("Edited"));
    let versions: i64 = store.conn().query_row("SELECT count(*) FROM versions", [], |r| r.get(0)).unwrap();
    assert_eq!(versions, 2);
}

#[cfg(unix)]
#[test]
fn the_database_and_its_journal_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let data = dir.path().join("new-folder");
    let mut store = Store::open_dir(&data).unwrap();
    store.record(&play(&script(INTERNET), "Ana", 1, 100, t0()), false).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("bedside.sqlite3")), 0o600);
    assert_eq!(mode(&data.join("bedside.sqlite3-wal")), 0o600);
}

#[test]
fn a_file_that_is_not_sqlite_is_reported_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bedside.sqlite3");
    let text = b"these are my notes, not a database\n".repeat(200);
    std::fs::write(&path, &text).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("bedside.sqlite3") && msg.contains("left untouched"), "{msg}");
    assert_eq!(std::fs::read(&path).unwrap(), text);
    assert!(!dir.path().join("bedside.sqlite3-wal").exists());
}

#[test]
fn a_damaged_database_is_reported_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bedside.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store.record(&play(&script(INTERNET), "Ana", 1, 100, t0()), false).unwrap();
    }
    // Keep the header, scribble over the rest of the first page (the schema).
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[100..4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. } | StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("left untouched"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bedside.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE rota (nurse TEXT, shift TEXT); INSERT INTO rota VALUES ('Ana', 'night');")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_database_from_a_newer_bedside_is_refused_not_downgraded() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bedside.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    match &err {
        StoreError::Newer { found, known, .. } => assert_eq!((*found, *known), (SCHEMA_VERSION + 1, SCHEMA_VERSION)),
        other => panic!("expected Newer, got {other:?}"),
    }
    assert!(err.to_string().contains("newer Bedside"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn opening_an_existing_store_again_keeps_its_records_and_schema() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    store.record(&play(&script(INTERNET), "Ana", 1, 100, t0()), false).unwrap();
    drop(store);
    let store = open(&dir);
    assert_eq!(store.count().unwrap(), 1);
    let v: i64 = store.conn().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let fk: i64 = store.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    let journal: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
}

/// Many attempts by several trainees at two scenarios over several days.
fn cohort_store(dir: &TempDir) -> (Store, Vec<Attempt>) {
    let mut store = open(dir);
    let scripts = [script(INTERNET), script(PAIN)];
    let names = ["Ana", "Ben", "Chidi, RN", "Dana \"DJ\" Jones"];
    let mut all = Vec::new();
    for i in 0..60u64 {
        let s = &scripts[(i % 2) as usize];
        let start = t0() + SignedDuration::from_hours(7 * i as i64);
        let max = if i % 9 == 4 { 1 } else { 100 };
        let a = play(s, names[(i as usize * 7 + 1) % 4], i, max, start);
        store.record(&a, false).unwrap();
        all.push(a);
    }
    (store, all)
}

/// The cohort cells worked out by hand from the attempts.
fn expected_cells(
    all: &[Attempt],
    from: Timestamp,
    to: Timestamp,
) -> Vec<(String, String, u32, u32, Option<f64>, Option<f64>)> {
    let mut keys: Vec<(String, String)> = all
        .iter()
        .filter(|a| a.started >= from && a.started < to)
        .map(|a| (a.trainee.clone(), a.scenario.clone()))
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(t, s)| {
            let mine: Vec<&Attempt> = all
                .iter()
                .filter(|a| a.trainee == t && a.scenario == s && a.started >= from && a.started < to)
                .collect();
            let done: Vec<&&Attempt> = mine.iter().filter(|a| !a.finish.is_abandoned()).collect();
            let best = done.iter().map(|a| a.overall).reduce(f64::max);
            let latest = done.iter().max_by_key(|a| a.started).map(|a| a.overall);
            (t, s, mine.len() as u32, done.len() as u32, best, latest)
        })
        .collect()
}

fn cells(c: &report::Cohort) -> Vec<(String, String, u32, u32, Option<f64>, Option<f64>)> {
    let mut v: Vec<_> = c
        .cells
        .iter()
        .map(|x| {
            (c.trainees[x.trainee].clone(), c.scenarios[x.scenario].clone(), x.attempts, x.completed, x.best, x.latest)
        })
        .collect();
    v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    v
}

#[test]
fn the_cohort_table_has_each_trainees_best_latest_and_count_per_scenario() {
    let dir = TempDir::new().unwrap();
    let (store, all) = cohort_store(&dir);
    let whole = report::cohort(&store, &Filter::default()).unwrap();
    let far = Timestamp::from_second(4_000_000_000).unwrap();
    assert_eq!(cells(&whole), expected_cells(&all, Timestamp::UNIX_EPOCH, far));
    assert!(whole.cells.iter().any(|c| c.completed < c.attempts), "some attempts were abandoned");
    // A date range works it out from the attempts themselves.
    let from = t0() + SignedDuration::from_hours(100);
    let to = t0() + SignedDuration::from_hours(300);
    let ranged = report::cohort(&store, &Filter { from: Some(from), to: Some(to), ..Filter::default() }).unwrap();
    assert_eq!(cells(&ranged), expected_cells(&all, from, to));
    assert_ne!(cells(&ranged), cells(&whole));
    let one = report::cohort(&store, &Filter { scenario: Some("pain-ignored".into()), ..Filter::default() }).unwrap();
    assert_eq!(one.scenarios, vec!["pain-ignored".to_owned()]);
}

#[test]
fn a_trainees_history_holds_only_their_attempts_oldest_first() {
    let dir = TempDir::new().unwrap();
    let (store, all) = cohort_store(&dir);
    let rows = report::attempts(&store, &Filter { trainee: Some("Ben".into()), ..Filter::default() }).unwrap();
    let expected: Vec<String> = all.iter().filter(|a| a.trainee == "Ben").map(|a| a.id.to_string()).collect();
    assert_eq!(rows.iter().map(|r| r.attempt.clone()).collect::<Vec<_>>(), expected);
    assert!(rows.windows(2).all(|w| w[0].started <= w[1].started));
    assert_eq!(report::cohort(&store, &Filter::default()).unwrap().trainees.len(), 4);
}

#[test]
fn a_scenario_summary_counts_scores_endings_and_choices_per_node() {
    let dir = TempDir::new().unwrap();
    let (store, all) = cohort_store(&dir);
    let f = Filter { scenario: Some("internet-diagnosis".into()), ..Filter::default() };
    let s = report::scenario(&store, &f).unwrap();
    let mine: Vec<&Attempt> = all.iter().filter(|a| a.scenario == "internet-diagnosis").collect();
    assert_eq!(s.attempts as usize, mine.len());
    assert_eq!(s.abandoned as usize, mine.iter().filter(|a| a.finish.is_abandoned()).count());
    assert_eq!(s.histogram.iter().sum::<u32>() + s.abandoned, s.attempts);
    assert_eq!(s.endings.iter().map(|e| e.count).sum::<u32>() + s.abandoned, s.attempts);
    let steps: usize = mine.iter().map(|a| a.steps.len()).sum();
    assert_eq!(s.nodes.iter().map(|n| n.visits as usize).sum::<usize>(), steps);
    for n in &s.nodes {
        assert_eq!(n.choices.iter().map(|c| c.count).sum::<u32>(), n.visits, "{}", n.node);
        assert!(!n.patient.is_empty());
    }
    let missed: usize = mine.iter().flat_map(|a| &a.steps).filter(|s| s.missed).count();
    assert_eq!(s.nodes.iter().map(|n| n.missed as usize).sum::<usize>(), missed);
    let rate = |n: &report::NodeChoices| f64::from(n.missed) / f64::from(n.visits);
    assert!(s.nodes.windows(2).all(|w| rate(&w[0]) >= rate(&w[1])), "most missed first");
    // The counts kept on every write agree with counting the steps themselves.
    let all_time = Filter {
        from: Some(Timestamp::UNIX_EPOCH),
        to: Some(Timestamp::from_second(4_000_000_000).unwrap()),
        ..f.clone()
    };
    assert_eq!(report::scenario(&store, &all_time).unwrap(), s);
}

#[test]
fn the_csv_export_has_a_header_and_one_quoted_row_per_attempt() {
    let dir = TempDir::new().unwrap();
    let (store, all) = cohort_store(&dir);
    let mut out = Vec::new();
    let n = report::write_attempts_csv(&store, &Filter::default(), &mut out).unwrap();
    assert_eq!(n as usize, all.len());
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().count() > 1 && text.split("\r\n").count() == all.len() + 2, "RFC 4180 CRLF line ends");
    assert!(text.contains("\"Dana \"\"DJ\"\" Jones\""), "RFC 4180 quoting of quotes");
    assert!(text.contains("\"Chidi, RN\""), "RFC 4180 quoting of commas");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, report::attempt_header());
    assert_eq!(&header[..report::ATTEMPT_HEADER.len()], report::ATTEMPT_HEADER.map(str::to_owned));
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), all.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, a) in rows.iter().zip(&all) {
        assert_eq!(&row[col("attempt")], a.id.to_string());
        assert_eq!(&row[col("trainee")], a.trainee);
        assert_eq!(&row[col("outcome")], a.finish.key());
        if a.finish.is_abandoned() {
            assert_eq!(&row[col("overall")], "", "an abandoned attempt has no score to average");
            assert_eq!(&row[col("empathy")], "");
        } else {
            assert_eq!(row[col("overall")].parse::<f64>().unwrap(), a.overall);
        }
        assert_eq!(row[col("started_local_date")].len(), 10);
        // The skills columns are the attempt's own counts.
        let skills = a.skills.unwrap();
        let missed: u32 = skills.cues.iter().map(|c| c.missed).sum();
        assert_eq!(row[col("missed_opportunities")].parse::<u32>().unwrap(), missed);
        assert_eq!(missed as usize, a.steps.iter().filter(|s| s.missed).count());
        let dismissing = skills.tag(bedside_core::scenario::Tag::Dismissing).chosen;
        assert_eq!(row[col("chose_dismissing")].parse::<u32>().unwrap(), dismissing);
        assert_eq!(&row[col("passed")], "", "no pass rule is set");
    }
}

#[test]
fn the_steps_csv_has_one_row_per_step_with_the_words_said() {
    let dir = TempDir::new().unwrap();
    let (store, all) = cohort_store(&dir);
    let f = Filter { trainee: Some("Ana".into()), ..Filter::default() };
    let mut out = Vec::new();
    let n = report::write_steps_csv(&store, &f, &mut out).unwrap();
    let ana: Vec<&Attempt> = all.iter().filter(|a| a.trainee == "Ana").collect();
    assert_eq!(n as usize, ana.iter().map(|a| a.steps.len()).sum::<usize>());
    let mut r = csv::Reader::from_reader(out.as_slice());
    let first: csv::StringRecord = r.records().next().unwrap().unwrap();
    let (_, review) = ana[0].review().unwrap();
    assert_eq!(&first[5], review.steps[0].patient);
    assert_eq!(&first[8], review.steps[0].say);
}

#[test]
fn the_educator_passphrase_is_set_once_and_kept_as_an_argon2id_hash() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    assert!(!store.has_educator().unwrap());
    assert_eq!(store.check_educator("anything at all").unwrap(), Err(AccessError::NotSet));
    assert_eq!(store.set_educator("short").unwrap(), Err(AccessError::TooShort(8)));
    store.set_educator("ward seven educator").unwrap().unwrap();
    assert_eq!(store.set_educator("another passphrase").unwrap(), Err(AccessError::AlreadySet));
    drop(store);
    let store = open(&dir);
    assert_eq!(store.check_educator("ward seven educator").unwrap(), Ok(()));
    assert_eq!(store.check_educator("ward seven educatoR").unwrap(), Err(AccessError::Wrong));
    let stored: String = store.conn().query_row("SELECT value FROM meta", [], |r| r.get(0)).unwrap();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("ward seven"));
}

#[test]
fn xapi_statements_follow_the_attempt_with_stable_ids() {
    let a = play(&script(INTERNET), "Ana", 11, 100, t0());
    let st = xapi::statements(&a, "https://ward.example/");
    assert_eq!(st.len(), a.steps.len() + 2);
    assert_eq!(st[0]["verb"]["id"], xapi::LAUNCHED);
    assert!(st[1..st.len() - 1].iter().all(|s| s["verb"]["id"] == xapi::RESPONDED));
    let last = &st[st.len() - 1];
    assert_eq!(last["verb"]["id"], xapi::COMPLETED);
    assert!((last["result"]["score"]["scaled"].as_f64().unwrap() - a.overall / 100.0).abs() < 1e-9);
    assert_eq!(last["result"]["success"], a.finish.success());
    assert_eq!(last["object"]["id"], "https://ward.example/scenarios/internet-diagnosis");
    assert_eq!(st[0]["id"], statement_id(&a.id, "launched").to_string());
    // The same attempt gives the same statements; ids are distinct and v5 UUIDs.
    assert_eq!(xapi::statements(&a, "https://ward.example/"), st);
    let mut ids: Vec<&str> = st.iter().map(|s| s["id"].as_str().unwrap()).collect();
    for id in &ids {
        assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 5);
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), st.len());
    for s in &st {
        assert_eq!(s["context"]["registration"], a.id.to_string());
        assert!(s["timestamp"].as_str().unwrap().ends_with('Z'));
    }
}

#[test]
fn an_abandoned_attempt_ends_with_the_abandoned_verb_and_no_completion() {
    let a = play(&script(INTERNET), "Ana", 11, 1, t0());
    let st = xapi::statements(&a, xapi::DEFAULT_BASE);
    let last = &st[st.len() - 1];
    assert_eq!(last["verb"]["id"], xapi::ABANDONED);
    assert_eq!(last["result"]["completion"], false);
    assert_eq!(last["result"]["success"], false);
    assert!(last["result"].get("score").is_none(), "a part-way attempt is not scored");
}

#[test]
fn an_encounter_left_before_any_answer_is_recorded_with_zero_scores_not_a_perfect_one() {
    let run = Encounter::new(script(INTERNET), 1);
    let a = Attempt::from_encounter(&run, "Ana", Mode::Practice, t0(), &[], t0());
    assert_eq!(a.finish, Finish::Abandoned);
    assert_eq!((a.empathy, a.clarity, a.overall, a.best_choice_rate), (0.0, 0.0, 0.0, 0.0));
}

#[test]
fn a_stored_step_that_does_not_fit_its_scenario_gives_no_debrief_rather_than_a_crash() {
    let mut a = play(&script(INTERNET), "Ana", 2, 100, t0());
    assert!(a.review().is_some());
    a.steps[0].offered.push(99);
    assert!(a.review().is_none());
    let mut b = play(&script(INTERNET), "Ana", 2, 100, t0());
    b.steps[0].chosen = Some(42);
    assert!(b.review().is_none());
}

#[test]
fn lrs_settings_with_credentials_in_the_endpoint_or_a_broken_file_are_refused_without_echoing_the_password() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join(xapi::CONFIG_FILE);
    std::fs::write(&file, r#"(endpoint: "https://ward:hunter2@lrs.example/xAPI/", username: "u", password: "p")"#)
        .unwrap();
    let err = xapi::LrsConfig::find(Some(dir.path())).unwrap_err();
    assert!(err.contains("user name or password"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    std::fs::write(&file, r#"(endpoint: "https://lrs.example/xAPI/", username: "u", password: 9876543210)"#).unwrap();
    let err = xapi::LrsConfig::find(Some(dir.path())).unwrap_err();
    assert!(err.contains("lrs.ron:1:"), "{err}");
    assert!(!err.contains("9876543210"), "{err}");
    std::fs::write(&file, r#"(endpoint: "https://lrs.example/xAPI/", username: "u", password: "p")"#).unwrap();
    assert_eq!(xapi::LrsConfig::find(Some(dir.path())).unwrap().unwrap().endpoint, "https://lrs.example/xAPI/");
}

/// Claims the first due attempt at `at` for `who`, as a sender does.
fn claim(store: &mut Store, at: Timestamp, who: &str) -> Option<i64> {
    store.xapi_claim(0, at, at, std::time::Duration::from_secs(600), who).unwrap()
}

#[test]
fn a_failed_send_stays_queued_and_waits_longer_each_time() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let id = store.record(&play(&script(INTERNET), "Ana", 1, 100, t0()), true).unwrap();
    let now = t0();
    assert_eq!(claim(&mut store, now, "a"), Some(id));
    store.xapi_failed(id, "the LRS at x answered 503", now).unwrap();
    assert_eq!(claim(&mut store, now + SignedDuration::from_secs(29), "a"), None);
    assert_eq!(claim(&mut store, now + SignedDuration::from_secs(30), "a"), Some(id));
    store.xapi_failed(id, "again", now).unwrap();
    assert_eq!(claim(&mut store, now + SignedDuration::from_secs(59), "a"), None);
    assert_eq!(store.xapi_pending().unwrap(), (1, Some("again".to_owned())));
    store.xapi_sent(id).unwrap();
    assert_eq!(store.xapi_pending().unwrap().0, 0);
    assert_eq!(store.queue_xapi_all().unwrap(), 1);
    assert_eq!(store.queue_xapi_all().unwrap(), 0);
}

#[test]
fn two_senders_never_take_the_same_attempt_and_a_crashed_senders_claim_runs_out() {
    let dir = TempDir::new().unwrap();
    let mut one = open(&dir);
    let mut two = open(&dir);
    let ids: Vec<i64> =
        (0..3).map(|i| one.record(&play(&script(INTERNET), "Ana", i, 100, t0()), true).unwrap()).collect();
    let now = t0();
    let lease = std::time::Duration::from_secs(600);
    let a = one.xapi_claim(0, now, now, lease, "one").unwrap().unwrap();
    let b = two.xapi_claim(0, now, now, lease, "two").unwrap().unwrap();
    assert_ne!(a, b, "the second sender takes another attempt");
    let c = one.xapi_claim(a, now, now, lease, "one").unwrap().unwrap();
    assert_eq!(two.xapi_claim(b, now, now, lease, "two").unwrap(), None, "every attempt is held by someone");
    let mut taken = vec![a, b, c];
    taken.sort_unstable();
    assert_eq!(taken, ids);
    // `two` sends its attempt; `one` crashes holding two claims. Until the
    // lease runs out nobody takes them; then another sender does.
    two.xapi_sent(b).unwrap();
    let later = now + SignedDuration::from_secs(599);
    assert_eq!(two.xapi_claim(0, later, later, lease, "two").unwrap(), None);
    let after = now + SignedDuration::from_secs(600);
    assert_eq!(two.xapi_claim(0, after, after, lease, "two").unwrap(), Some(a));
}

#[test]
fn senders_claiming_at_once_from_two_threads_share_the_queue_without_overlap() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let attempts: Vec<Attempt> = (0..40).map(|i| play(&script(INTERNET), "Ana", i, 100, t0())).collect();
    store.record_all(&attempts, true).unwrap();
    let path = dir.path().to_owned();
    let senders: Vec<_> = ["one", "two"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open_dir(&path).unwrap();
                let mut mine = Vec::new();
                let mut after = 0;
                let now = Timestamp::now();
                while let Some(id) =
                    store.xapi_claim(after, now, now, std::time::Duration::from_secs(600), who).unwrap()
                {
                    after = id;
                    mine.push(id);
                    store.xapi_sent(id).unwrap();
                }
                mine
            })
        })
        .collect();
    let mut all: Vec<i64> = senders.into_iter().flat_map(|t| t.join().unwrap()).collect();
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n, "no attempt was taken twice");
    assert_eq!(n, 40, "every attempt was taken");
    assert_eq!(store.xapi_pending().unwrap().0, 0);
}

#[test]
fn lrs_settings_never_show_the_password() {
    let c = xapi::LrsConfig {
        endpoint: "https://lrs.example/xAPI/".into(),
        username: "bedside".into(),
        password: "hunter2-secret".into(),
        activity_base: None,
    };
    assert!(!format!("{c:?}").contains("hunter2"));
}

// ---- Format 2: objectives met and safety errors, kept with each attempt. ----

const CLEAN_V2: &str = include_str!("../fixtures/clean-v2.ron");

/// An attempt at the format-2 fixture by file positions (1-based), finished.
fn played(choices: &[usize], trainee: &str, start: Timestamp) -> Attempt {
    let mut run = Encounter::new(script(CLEAN_V2), 4);
    let mut times = Vec::new();
    for &c in choices {
        run.choose(c - 1).expect("offered");
        times.push(start + SignedDuration::from_secs(30 * times.len() as i64 + 30));
    }
    assert!(run.is_over());
    Attempt::from_encounter(&run, trainee, Mode::Assessment, start, &times, start + SignedDuration::from_mins(5))
}

#[test]
fn an_attempt_keeps_its_objectives_met_and_its_safety_errors() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    // Blame the staffing, apologise, then treat without assessing: objective 1, one safety error.
    let risky = played(&[2, 1, 2], "Ana Ruiz", t0());
    assert_eq!((risky.objectives_met.clone(), risky.safety_errors), (vec![1], 1));
    assert_eq!(risky.steps.iter().map(|s| s.safety_error).collect::<Vec<_>>(), [false, false, true]);
    let safe = played(&[1, 1], "Ana Ruiz", t0() + SignedDuration::from_hours(1));
    assert_eq!((safe.objectives_met.clone(), safe.safety_errors), (vec![1, 2], 0));
    let ids = [store.record(&risky, false).unwrap(), store.record(&safe, false).unwrap()];
    assert_eq!(store.attempt(ids[0]).unwrap(), risky);
    assert_eq!(store.attempt(ids[1]).unwrap(), safe);

    // CSV: `objectives_met` as `1;2`, `safety_errors` as a count; per step, whether it was one.
    let mut out = Vec::new();
    report::write_attempts_csv(&store, &Filter::default(), &mut out).unwrap();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!((&rows[0][col("objectives_met")], &rows[0][col("safety_errors")]), ("1", "1"));
    assert_eq!((&rows[1][col("objectives_met")], &rows[1][col("safety_errors")]), ("1;2", "0"));
    let mut out = Vec::new();
    report::write_steps_csv(&store, &Filter::default(), &mut out).unwrap();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let last = r.headers().unwrap().iter().position(|h| h == "safety_error").unwrap();
    let flags: Vec<String> = r.records().map(|x| x.unwrap()[last].to_owned()).collect();
    assert_eq!(flags, ["false", "false", "true", "false", "false"]);

    // The cohort cell counts safety errors over all attempts and the objectives of the latest.
    let cohort = report::cohort(&store, &Filter::default()).unwrap();
    assert_eq!((cohort.cells[0].safety_errors, cohort.cells[0].latest_objectives_met), (1, 2));
    let dated = Filter { from: Some(t0() - SignedDuration::from_hours(1)), ..Filter::default() };
    let cohort = report::cohort(&store, &dated).unwrap();
    assert_eq!((cohort.cells[0].safety_errors, cohort.cells[0].latest_objectives_met), (1, 2));

    // The scenario page: how often each objective was met.
    let summary = report::scenario(&store, &Filter { scenario: Some("clean-v2".into()), ..Filter::default() }).unwrap();
    let met: Vec<(usize, u32, u32)> = summary.objectives.iter().map(|o| (o.n, o.met, o.of)).collect();
    assert_eq!(met, [(1, 2, 2), (2, 1, 2)]);
    assert_eq!(summary.objectives[1].text, "Assess the pain before treating it");
    assert_eq!(summary.with_safety_errors, 1);

    // xAPI: both in the result extensions of the last statement; per step, the flag.
    let statements = xapi::statements(&risky, "https://ward.example");
    let last = statements.last().unwrap();
    let ext = &last["result"]["extensions"];
    assert_eq!(ext["https://ward.example/xapi/objectives-met"], serde_json::json!([1]));
    assert_eq!(ext["https://ward.example/xapi/safety-errors"], 1);
    assert_eq!(statements[3]["result"]["extensions"]["https://ward.example/xapi/safety-error"], true);
}

#[test]
fn a_store_made_by_schema_version_one_migrates_and_its_attempts_keep_loading() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("records.sqlite3");
    // A version 1 store, as the previous release made it, with one attempt.
    let old = play(&script(INTERNET), "Bo Lee", 3, 100, t0());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("store/schema_v1.sql")).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute("INSERT INTO trainees (id, name, created_ms) VALUES (1, ?1, 0)", [&old.trainee]).unwrap();
        conn.execute(
            "INSERT INTO versions (id, scenario, content_hash, title, source) VALUES (1, ?1, ?2, ?3, ?4)",
            [&old.scenario, &old.content_hash, &old.title, &old.source],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO attempts (id, uuid, trainee, version, scenario, mode, seed, started_ms, ended_ms, finish,
                                   ending, empathy, clarity, overall, best_rate, steps)
             VALUES (1, ?1, 1, 1, ?2, 'practice', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            rusqlite::params![
                old.id.to_string(),
                old.scenario,
                old.seed.cast_signed(),
                old.started.as_millisecond(),
                old.ended.as_millisecond(),
                old.finish.key(),
                old.finish.ending(),
                old.empathy,
                old.clarity,
                old.overall,
                old.best_choice_rate,
                old.steps.len() as i64
            ],
        )
        .unwrap();
        for (n, s) in old.steps.iter().enumerate() {
            conn.execute(
                "INSERT INTO steps (attempt, n, node, variant, reaction, offered, chosen, empathy, clarity, best,
                                    missed, distress, trust, escalated, at_ms)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                rusqlite::params![
                    n as i64,
                    s.node,
                    s.variant as i64,
                    s.reaction,
                    s.offered.iter().map(ToString::to_string).collect::<Vec<_>>().join(","),
                    s.chosen.map(|c| c as i64),
                    s.empathy,
                    s.clarity,
                    s.best,
                    s.missed,
                    s.distress,
                    s.trust,
                    s.escalated,
                    s.at.as_millisecond()
                ],
            )
            .unwrap();
        }
        conn.execute("INSERT INTO scenario_keys (id, scenario) VALUES (1, ?1)", [&old.scenario]).unwrap();
        let mut cell = Vec::new();
        crate::summary::add(
            &mut cell,
            1,
            crate::summary::Added {
                overall: (!old.finish.is_abandoned()).then_some(old.overall),
                started: old.started.as_millisecond(),
                safety_errors: 0,
                objectives_met: 0,
                outcome: 0,
                best_rate: 0.0,
            },
        );
        let v1: Vec<u8> = crate::summary::encode(&cell)[..crate::summary::CELL_V1].to_vec();
        conn.execute("INSERT INTO cohort (trainee, cells) VALUES (1, ?1)", [v1]).unwrap();
    }
    let mut store = Store::open(&path).expect("the version 1 store opens and migrates");
    let version: i64 =
        rusqlite::Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 5);
    // The old attempt reads back as recorded, with no objectives met and no
    // safety errors, as recorded on this computer.
    let back = store.attempt(1).unwrap();
    assert_eq!(back, Attempt { objectives_met: Vec::new(), safety_errors: 0, ..old.clone() });
    assert!(back.review().is_some(), "its debrief still rebuilds");
    let cohort = report::cohort(&store, &Filter::default()).unwrap();
    assert_eq!(cohort.cells.len(), 1);
    assert_eq!(cohort.cells[0].attempts, 1);
    assert_eq!(cohort.cells[0].best, (!old.finish.is_abandoned()).then_some(old.overall));
    // New attempts record beside it, with their results.
    let new = played(&[2, 1, 2], "Bo Lee", t0() + SignedDuration::from_hours(2));
    let id = store.record(&new, false).unwrap();
    assert_eq!(store.attempt(id).unwrap(), new);
    let cohort = report::cohort(&store, &Filter::default()).unwrap();
    assert_eq!(cohort.cells.len(), 2);
    assert!(cohort.cells.iter().any(|c| c.safety_errors == 1 && c.latest_objectives_met == 1));
}

#[test]
fn an_old_attempt_still_opens_when_its_scenario_version_breaks_a_check_added_since() {
    // A version that today's checks warn about heavily (and would refuse if a
    // rule were tightened to an error) still rebuilds: records use parse and
    // resolve only.
    let loose = CLEAN_V2.replacen("objectives: [\"Acknowledge the wait\", \"Assess the pain before treating it\"],", "objectives: [\"Acknowledge the wait\", \"Assess the pain before treating it\", \"An objective no choice meets\"],", 1);
    assert_ne!(loose, CLEAN_V2);
    let loaded = load_str("loose.ron", &loose);
    assert!(loaded.diagnostics.iter().any(|d| d.code == bedside_core::diagnostic::code::OBJECTIVE_NEVER_MET));
    let mut a = played(&[1, 1], "Ana Ruiz", t0());
    a.source = loose.clone();
    let (script, scores) = a.review().expect("the debrief rebuilds");
    assert_eq!(script.scenario().objectives.len(), 3);
    assert_eq!(scores.objectives_met(), [1, 2]);
    // A text that no longer parses gives no debrief, and no panic.
    a.source = "Scenario(".into();
    assert!(a.review().is_none());
}

#[test]
fn a_failed_export_and_a_bad_request_are_told_apart_from_a_damaged_record() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    store.record(&played(&[1, 1], "Ana Ruiz", t0()), false).unwrap();
    /// A writer that always fails, like a full disk.
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("no space left on device"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let e = report::write_attempts_csv(&store, &Filter::default(), Full).unwrap_err();
    assert!(matches!(e, StoreError::Export(_)), "{e:?}");
    assert!(e.to_string().contains("no space left"), "{e}");
    let e = report::scenario(&store, &Filter::default()).unwrap_err();
    assert!(matches!(e, StoreError::Usage(_)), "{e:?}");
}

#[test]
fn a_name_a_spreadsheet_would_run_as_a_formula_is_exported_as_text() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    for (i, name) in
        ["=HYPERLINK(\"http://x\",\"Click\")", "+44 7700", "-2+3", "@SUM(A1)", "\tTab", "Ana Ruiz"].iter().enumerate()
    {
        store.record(&played(&[1, 1], name, t0() + SignedDuration::from_mins(i as i64)), false).unwrap();
    }
    let mut out = Vec::new();
    report::write_attempts_csv(&store, &Filter::default(), &mut out).unwrap();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let names: Vec<String> = r.records().map(|x| x.unwrap()[1].to_owned()).collect();
    assert_eq!(names, ["'=HYPERLINK(\"http://x\",\"Click\")", "'+44 7700", "'-2+3", "'@SUM(A1)", "'\tTab", "Ana Ruiz"]);
    let mut out = Vec::new();
    report::write_steps_csv(&store, &Filter::default(), &mut out).unwrap();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let first = r.records().next().unwrap().unwrap();
    assert_eq!(&first[1], "'=HYPERLINK(\"http://x\",\"Click\")");
    // The chosen line's place among those shown joins `offered` and `chosen`.
    let offered: Vec<&str> = first[6].split(" | ").collect();
    let shown: usize = first[18].parse().unwrap();
    assert_eq!(offered[shown - 1], &first[8]);
}

#[test]
fn exports_are_written_owner_only_like_the_store() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("cohort.csv");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let file = crate::store::create_export(&path).unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "", "an existing file is emptied");
}

#[test]
fn the_xapi_scaled_score_is_the_overall_score_over_one_hundred_without_float_noise() {
    let mut a = played(&[1, 1], "Ana Ruiz", t0());
    a.overall = 56.7;
    let statements = xapi::statements(&a, "https://ward.example");
    let scaled = &statements.last().unwrap()["result"]["score"]["scaled"];
    assert_eq!(scaled.to_string(), "0.567");
}

#[test]
fn typed_replies_are_kept_and_reach_the_lrs_only_when_an_educator_allows_it() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let a = played(&[1, 1], "Ana Ruiz", t0()).with_typed(&[Some("so sorry you waited, im here now".into()), None]);
    let id = store.record(&a, false).unwrap();
    let back = store.attempt(id).unwrap();
    assert_eq!(back.steps[0].typed.as_deref(), Some("so sorry you waited, im here now"));
    assert_eq!(back.steps[1].typed, None);
    let mut out = Vec::new();
    report::write_steps_csv(&store, &Filter::default(), &mut out).unwrap();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let col = r.headers().unwrap().iter().position(|h| h == "typed").unwrap();
    let typed: Vec<String> = r.records().map(|x| x.unwrap()[col].to_owned()).collect();
    assert_eq!(typed, ["so sorry you waited, im here now", ""]);
    // Off by default; an educator turns it on.
    assert!(!store.share_typed().unwrap());
    let key = "https://ward.example/xapi/typed";
    let plain = xapi::statements_with(&back, "https://ward.example", store.share_typed().unwrap());
    assert!(plain[1]["result"]["extensions"].get(key).is_none());
    store.set_share_typed(true).unwrap();
    let shared = xapi::statements_with(&back, "https://ward.example", store.share_typed().unwrap());
    assert_eq!(shared[1]["result"]["extensions"][key], "so sorry you waited, im here now");
    assert!(shared[2]["result"]["extensions"].get(key).is_none(), "a picked step has nothing typed");
}

/// Writes an attempt as schema version 1 held it, by trainee row `trainee`.
fn write_v1(conn: &rusqlite::Connection, trainee: i64, row: i64, a: &Attempt) {
    conn.execute(
        "INSERT INTO versions (scenario, content_hash, title, source) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        [&a.scenario, &a.content_hash, &a.title, &a.source],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO attempts (id, uuid, trainee, version, scenario, mode, seed, started_ms, ended_ms, finish,
                               ending, empathy, clarity, overall, best_rate, steps)
         VALUES (?1, ?2, ?3, (SELECT id FROM versions WHERE content_hash = ?4), ?5, 'practice', ?6, ?7, ?8, ?9, ?10,
                 ?11, ?12, ?13, ?14, ?15)",
        rusqlite::params![
            row,
            a.id.to_string(),
            trainee,
            a.content_hash,
            a.scenario,
            a.seed.cast_signed(),
            a.started.as_millisecond(),
            a.ended.as_millisecond(),
            a.finish.key(),
            a.finish.ending(),
            a.empathy,
            a.clarity,
            a.overall,
            a.best_choice_rate,
            a.steps.len() as i64
        ],
    )
    .unwrap();
    for (n, s) in a.steps.iter().enumerate() {
        conn.execute(
            "INSERT INTO steps (attempt, n, node, variant, reaction, offered, chosen, empathy, clarity, best,
                                missed, distress, trust, escalated, at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            rusqlite::params![
                row,
                n as i64,
                s.node,
                s.variant as i64,
                s.reaction,
                s.offered.iter().map(ToString::to_string).collect::<Vec<_>>().join(","),
                s.chosen.map(|c| c as i64),
                s.empathy,
                s.clarity,
                s.best,
                s.missed,
                s.distress,
                s.trust,
                s.escalated,
                s.at.as_millisecond()
            ],
        )
        .unwrap();
    }
}

#[test]
fn names_that_differ_only_in_case_or_spacing_become_one_trainee_with_their_skills_worked_out() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(crate::store::FILE_NAME);
    let s = script(INTERNET);
    let a = play(&s, "Priya Patel", 3, 100, t0());
    let b = play(&s, "priya  patel", 4, 100, t0() + SignedDuration::from_hours(1));
    let c = play(&s, "Bo Lee", 5, 100, t0() + SignedDuration::from_hours(2));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("store/schema_v1.sql")).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        for (id, name) in [(1, "Priya Patel"), (2, "priya  patel"), (3, "Bo Lee")] {
            conn.execute("INSERT INTO trainees (id, name, created_ms) VALUES (?1, ?2, 0)", rusqlite::params![id, name])
                .unwrap();
        }
        write_v1(&conn, 1, 1, &a);
        write_v1(&conn, 2, 2, &b);
        write_v1(&conn, 3, 3, &c);
    }
    let mut store = Store::open(&path).unwrap();
    let cohort = report::cohort(&store, &Filter::default()).unwrap();
    assert_eq!(cohort.trainees, vec!["Bo Lee".to_owned(), "Priya Patel".to_owned()], "one Priya, by the first name");
    let priya = cohort.cells.iter().find(|c| cohort.trainees[c.trainee] == "Priya Patel").unwrap();
    assert_eq!(priya.attempts, 2);
    // Each attempt's profile was worked out from its stored version, as a live run's is.
    for (row, live) in [(1, &a), (2, &b), (3, &c)] {
        assert_eq!(store.attempt(row).unwrap().skills, live.skills, "attempt {row}");
    }
    // A later attempt by "PRIYA PATEL" is hers too, and a filter by any spelling finds all three.
    store.record(&play(&s, "PRIYA PATEL", 6, 100, t0() + SignedDuration::from_hours(3)), false).unwrap();
    let hers =
        report::attempts(&store, &Filter { trainee: Some(" priya patel ".into()), ..Filter::default() }).unwrap();
    assert_eq!(hers.len(), 3);
    assert!(hers.iter().all(|r| r.trainee == "Priya Patel"));
}

/// Counts a tag's offers and choices, and an emotion's cues and misses,
/// straight from recorded attempts' steps and their stored scenario texts.
fn count_by_hand(attempts: &[Attempt]) -> bedside_core::play::skills::Skills {
    use bedside_core::scenario::{Emotion, Tag};
    let mut s = bedside_core::play::skills::Skills::default();
    for a in attempts {
        let (script, scores) = a.review().unwrap();
        for (step, r) in a.steps.iter().zip(&scores.steps) {
            let node = script.node(script.scenario().nodes.position(&step.node).unwrap());
            for t in Tag::ALL {
                s.tags[t.index()].offered += u32::from(step.offered.iter().any(|&o| node.choices[o].tags.contains(&t)));
                s.tags[t.index()].chosen += u32::from(step.chosen.is_some_and(|c| node.choices[c].tags.contains(&t)));
            }
            if let Some(cue) = node.cue {
                let e = Emotion::ALL.iter().position(|&x| x == cue.emotion()).unwrap();
                s.cues[e].cued += 1;
                s.cues[e].missed += u32::from(r.missed_opportunity);
            }
        }
    }
    s
}

#[test]
fn the_skills_profile_of_a_trainee_and_of_the_cohort_equals_counting_the_steps_tags_directly() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let scripts = [script(INTERNET), script(PAIN)];
    let mut all = Vec::new();
    for (i, who) in ["Ana Ruiz", "Ben Okafor", "Cai Wong"].iter().enumerate() {
        for k in 0..8u64 {
            let a = play(
                &scripts[(k % 2) as usize],
                who,
                100 * i as u64 + k,
                if k == 5 { 2 } else { 100 },
                t0() + SignedDuration::from_hours(24 * k as i64 + i as i64),
            );
            store.record(&a, false).unwrap();
            all.push(a);
        }
    }
    let as_profile = |s: &bedside_core::play::skills::Skills, n: u64| report::Profile::of(s, n);
    // The cohort: the sums kept per trainee.
    let cohort = report::profile(&store, &Filter::default()).unwrap();
    assert_eq!(cohort, as_profile(&count_by_hand(&all), 24));
    assert!(!cohort.skills.is_empty() && !cohort.faults.is_empty() && !cohort.cues.is_empty());
    // One trainee, by any spelling of the name.
    let ben: Vec<Attempt> = all.iter().filter(|a| a.trainee == "Ben Okafor").cloned().collect();
    let f = Filter { trainee: Some("ben okafor".into()), ..Filter::default() };
    assert_eq!(report::profile(&store, &f).unwrap(), as_profile(&count_by_hand(&ben), 8));
    // A narrowed filter adds up the attempts it takes.
    let pain: Vec<Attempt> = all.iter().filter(|a| a.scenario == all[1].scenario).cloned().collect();
    let f = Filter { scenario: Some(all[1].scenario.clone()), ..Filter::default() };
    assert_eq!(report::profile(&store, &f).unwrap(), as_profile(&count_by_hand(&pain), 12));
    // The trend has one profile per attempt, oldest first, adding up to the whole.
    let f = Filter { trainee: Some("Ben Okafor".into()), ..Filter::default() };
    let trend = report::trainee_skill_trend(&store, &f).unwrap();
    assert_eq!(trend.len(), 8);
    assert!(trend.windows(2).all(|w| w[0].0 <= w[1].0));
    let mut sum = bedside_core::play::skills::Skills::default();
    for (_, _, s) in &trend {
        sum.add(s);
    }
    assert_eq!(sum, count_by_hand(&ben));
    // By week: the weekly sums kept on every write add up to the cohort's.
    let weeks = report::skills_by_week(&store, &Filter::default()).unwrap();
    let mut sum = bedside_core::play::skills::Skills::default();
    for (_, s) in &weeks {
        sum.add(s);
    }
    assert_eq!(sum, count_by_hand(&all));
    assert!(weeks.len() >= 2);
    // A helpful tag's rate is used over offered; a fault's is chosen over offered.
    for row in cohort.skills.iter().chain(&cohort.faults) {
        assert!(row.chosen <= row.offered);
        assert_eq!(row.rate, Some((f64::from(row.chosen) * 1000.0 / f64::from(row.offered)).round() / 10.0));
    }
}

#[test]
fn the_most_missed_moments_are_ranked_by_count_across_scenarios_leaving_out_rarely_reached_ones() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let scripts = [script(INTERNET), script(PAIN)];
    let mut all = Vec::new();
    for k in 0..30u64 {
        let a = play(&scripts[(k % 2) as usize], "Ana Ruiz", k, 100, t0() + SignedDuration::from_hours(k as i64));
        store.record(&a, false).unwrap();
        all.push(a);
    }
    let moments = report::missed_moments(&store, &Filter::default(), 5).unwrap();
    assert!(!moments.is_empty());
    assert!(moments.windows(2).all(|w| w[0].missed >= w[1].missed), "most misses first");
    assert!(moments.iter().all(|m| m.visits >= 5 && m.missed > 0 && m.emotion.is_some()));
    assert!(
        moments.iter().any(|m| m.scenario == all[0].scenario) && moments.iter().any(|m| m.scenario == all[1].scenario)
    );
    // Each count is the steps' own: how often the node was reached, how often its cue missed.
    for m in &moments {
        let steps = all.iter().filter(|a| a.scenario == m.scenario).flat_map(|a| &a.steps).filter(|s| s.node == m.node);
        let (visits, missed) = steps.fold((0, 0), |(v, x), s| (v + 1, x + u32::from(s.missed)));
        assert_eq!((m.visits, m.missed), (visits, missed), "{}/{}", m.scenario, m.node);
    }
    // The same through the steps, for a narrowed filter.
    let f = Filter { trainee: Some("Ana Ruiz".into()), ..Filter::default() };
    assert_eq!(report::missed_moments(&store, &f, 5).unwrap(), moments);
    // A high floor leaves out what was reached less often.
    let most = moments.iter().map(|m| m.visits).max().unwrap();
    assert!(report::missed_moments(&store, &Filter::default(), most + 1).unwrap().is_empty());
}

#[test]
fn a_roster_import_takes_all_its_rows_or_none_and_names_every_bad_one() {
    use crate::store::{RosterEntry, RosterError};
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    assert_eq!(store.import_roster("").unwrap(), Err(vec![RosterError::Empty]));
    assert_eq!(store.import_roster("name,staff_id\n").unwrap(), Err(vec![RosterError::Empty]));
    assert!(
        matches!(&store.import_roster("who,ward\nAna,7\n").unwrap().unwrap_err()[0], RosterError::NoNameColumn(h) if h == "who, ward")
    );
    // A missing name and a staff ID given twice: both named by line, nothing stored.
    let bad = "Name,Staff ID\nAna Ruiz,N100\n,N101\nBen Okafor,N100\n";
    let problems = store.import_roster(bad).unwrap().unwrap_err();
    assert_eq!(
        problems,
        vec![
            RosterError::Row { line: 3, why: "no name".into() },
            RosterError::Row { line: 4, why: "staff ID \"N100\" is also on line 2".into() },
        ]
    );
    assert!(store.roster().unwrap().is_empty(), "nothing of a bad file is kept");
    // A good file, with a byte-order mark, blank lines, spacing and case to tidy.
    let good = "\u{feff}name,staff_id\n Ana  Ruiz ,N100\n\nBen Okafor,\ncai wong,N102\nCAI WONG,N102\n";
    assert_eq!(store.import_roster(good).unwrap(), Ok(3));
    assert_eq!(
        store.roster().unwrap(),
        vec![
            RosterEntry { name: "Ana Ruiz".into(), staff_id: Some("N100".into()) },
            RosterEntry { name: "Ben Okafor".into(), staff_id: None },
            RosterEntry { name: "cai wong".into(), staff_id: Some("N102".into()) },
        ]
    );
    // A staff ID already someone else's, or a changed one, is refused.
    assert!(
        store.add_to_roster(&RosterEntry { name: "Dee Patel".into(), staff_id: Some("N100".into()) }).unwrap().is_err()
    );
    assert!(
        store.add_to_roster(&RosterEntry { name: "ana ruiz".into(), staff_id: Some("N999".into()) }).unwrap().is_err()
    );
    // Ben gets his staff ID; Dee is added; removing takes her off again.
    store.add_to_roster(&RosterEntry { name: "Ben Okafor".into(), staff_id: Some("N101".into()) }).unwrap().unwrap();
    store.add_to_roster(&RosterEntry { name: "Dee Patel".into(), staff_id: None }).unwrap().unwrap();
    assert_eq!(store.roster().unwrap()[1].staff_id.as_deref(), Some("N101"));
    assert!(store.remove_from_roster("DEE PATEL").unwrap());
    assert_eq!(store.roster().unwrap().len(), 3);
}

#[test]
fn the_roster_view_shows_who_never_started_when_each_was_last_active_and_who_is_not_on_it() {
    use crate::store::RosterEntry;
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    store.import_roster("name\nAna Ruiz\nBen Okafor\n").unwrap().unwrap();
    let s = script(INTERNET);
    let done = play(&s, "ana ruiz", 1, 100, t0());
    let left = play(&s, "Ana Ruiz", 2, 2, t0() + SignedDuration::from_hours(5));
    let stranger = play(&s, "Zed Zee", 3, 100, t0());
    for a in [&done, &left, &stranger] {
        store.record(a, false).unwrap();
    }
    let rows = report::roster_status(&store, &Filter::default()).unwrap();
    assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Ana Ruiz", "Ben Okafor", "Zed Zee"]);
    let ana = &rows[0];
    assert_eq!((ana.attempts, ana.finished, ana.abandoned, ana.scenarios), (2, 1, 1, 1));
    assert_eq!(ana.last_active, Some(left.started));
    assert!(ana.on_roster);
    assert_eq!((rows[1].attempts, rows[1].last_active), (0, None), "Ben never started");
    assert!(!rows[2].on_roster, "Zed has attempts but is not on the roster");
    // The same through a narrowed filter (the attempts, not the summary).
    let f = Filter { mode: Some(Mode::Practice), ..Filter::default() };
    assert_eq!(report::roster_status(&store, &f).unwrap(), rows);
    let _ = RosterEntry { name: String::new(), staff_id: None };
}

#[test]
fn a_pass_rule_is_met_only_by_the_attempts_worked_out_by_hand_and_competency_says_who_and_when() {
    use crate::store::PassRule;
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let rule = PassRule {
        scenario: None,
        assessment_only: true,
        resolved: true,
        min_overall: 70.0,
        no_safety_errors: true,
        set_by: "Sam Educator".into(),
        set_at: t0(),
    };
    // By hand: what each would make of the rule.
    assert!(rule.passes("assessment", "resolved", 70.0, 0));
    assert!(!rule.passes("practice", "resolved", 95.0, 0), "practice does not count");
    assert!(!rule.passes("assessment", "partial", 95.0, 0), "not resolved");
    assert!(!rule.passes("assessment", "resolved", 69.9, 0), "below the mark");
    assert!(!rule.passes("assessment", "resolved", 95.0, 1), "a safety error");
    assert!(!rule.passes("assessment", "abandoned", 100.0, 0), "never an abandoned attempt");
    assert_eq!(rule.describe(), "in assessment mode, resolved, overall at least 70, no safety error");
    store.set_pass_rule(&rule).unwrap();
    assert!(store.set_pass_rule(&PassRule { min_overall: 120.0, ..rule.clone() }).is_err());
    let mine = PassRule {
        scenario: Some("internet-diagnosis".into()),
        assessment_only: false,
        min_overall: 50.0,
        ..rule.clone()
    };
    store.set_pass_rule(&mine).unwrap();
    assert_eq!(store.pass_rules().unwrap(), vec![rule.clone(), mine.clone()]);
    assert_eq!(store.pass_rule_for("internet-diagnosis").unwrap(), Some(mine.clone()), "a scenario's own rule first");
    assert_eq!(store.pass_rule_for("pain-ignored").unwrap(), Some(rule.clone()), "else the library's");
    // Real attempts, judged by the rule of their scenario.
    let s = script(INTERNET);
    let mut attempts = Vec::new();
    for k in 0..12u64 {
        let mut a = play(&s, "Ana Ruiz", k, 100, t0() + SignedDuration::from_hours(k as i64));
        a.mode = if k % 2 == 0 { Mode::Assessment } else { Mode::Practice };
        store.record(&a, false).unwrap();
        attempts.push(a);
    }
    let by_hand: Vec<&Attempt> =
        attempts.iter().filter(|a| mine.passes(a.mode.key(), a.finish.key(), a.overall, a.safety_errors)).collect();
    let c = report::competency(&store, &Filter::default()).unwrap();
    assert_eq!(c.rows.len(), 1);
    let row = &c.rows[0];
    assert_eq!((row.judged, row.passed as usize), (12, by_hand.len()));
    assert_eq!(row.first_passed, by_hand.first().map(|a| a.started));
    // The CSV says, per attempt, whether it passed.
    let mut out = Vec::new();
    report::write_attempts_csv(&store, &Filter::default(), &mut out).unwrap();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let at = r.headers().unwrap().iter().position(|h| h == "passed").unwrap();
    let passed: Vec<String> = r.records().map(|x| x.unwrap()[at].to_owned()).collect();
    for (p, a) in passed.iter().zip(&attempts) {
        assert_eq!(p == "yes", mine.passes(a.mode.key(), a.finish.key(), a.overall, a.safety_errors));
    }
    assert!(store.remove_pass_rule(Some("internet-diagnosis")).unwrap());
    let c = report::competency(&store, &Filter::default()).unwrap();
    assert_eq!(c.rows[0].judged, 6, "the library's rule judges assessment attempts only");
}
