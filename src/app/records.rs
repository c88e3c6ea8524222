//! The progress records in the app: opens the store at start, writes each
//! encounter when its screen is left (before the debrief is drawn) or the window
//! closes, as finished or abandoned, and sends xAPI statements to the LRS in the
//! background when one is configured. It reads the encounter's run and run log;
//! the encounter knows nothing of it.

use std::path::PathBuf;
use std::sync::Mutex;

use bevy::prelude::*;
use jiff::Timestamp;

use super::encounter::{Current, RunLog};
use super::session::Session;
use super::settings::ConfigDir;
use super::{Load, Notice, Options, Screen};
use bedside_records::Attempt;
use bedside_records::report::{self, Filter};
use bedside_records::store::{Store, default_data_dir};
use bedside_records::xapi::{LrsConfig, push_due};

/// The open store, or why there is none (shown once as a notice).
#[derive(Resource)]
pub struct Records {
    pub store: Option<Mutex<Store>>,
    pub dir: Option<PathBuf>,
    pub lrs: Option<LrsConfig>,
}

impl Records {
    /// Opens the store in `dir` (or the platform's data folder). Problems come
    /// back as messages for the trainee; the app goes on without recording.
    pub fn open(dir: Option<PathBuf>, config: &ConfigDir) -> (Records, Vec<String>) {
        let mut messages = Vec::new();
        let dir = dir.or_else(default_data_dir);
        let store = match &dir {
            Some(d) => match Store::open_dir(d) {
                Ok(s) => Some(Mutex::new(s)),
                Err(e) => {
                    messages.push(format!("Progress is not being recorded: {e}"));
                    None
                }
            },
            None => {
                messages.push("Progress is not being recorded: no data folder is known for this user.".to_owned());
                None
            }
        };
        let lrs = match LrsConfig::find(config.0.as_deref()) {
            Ok(l) => l,
            Err(e) => {
                messages.push(format!("Statements are not sent to the learning record store: {e}"));
                None
            }
        };
        (Records { store, dir, lrs }, messages)
    }

    /// Runs `f` with the store, if there is one.
    pub fn with<R>(&self, f: impl FnOnce(&mut Store) -> R) -> Option<R> {
        let store = self.store.as_ref()?;
        let mut guard = store.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Some(f(&mut guard))
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, open_records.in_set(Load::Records))
        .add_systems(OnEnter(Screen::Library), load_best_scores)
        .add_systems(OnExit(Screen::Encounter), record_current_run)
        .add_systems(Last, record_current_run.run_if(on_message::<AppExit>.and_then(in_state(Screen::Encounter))));
}

/// Opens the records (`--data`, or the platform's data folder) and the LRS
/// settings, and sends what waits on the queue from an earlier run.
fn open_records(options: Res<Options>, config: Res<ConfigDir>, mut notice: ResMut<Notice>, mut commands: Commands) {
    let (records, messages) = Records::open(options.data.clone(), &config);
    for m in messages {
        notice.show(m);
    }
    send_in_background(&records);
    commands.insert_resource(records);
}

fn record(records: &Records, current: &Current, log: &mut RunLog, trainee: Option<&str>, notice: &mut Notice) {
    // An author's `--play` preview with no profile chosen is not a trainee's attempt.
    let Some(trainee) = trainee else { return };
    if log.recorded {
        return;
    }
    let mut times = log.times.clone();
    while times.len() < current.run.steps().len() {
        times.push(Timestamp::now());
    }
    let attempt = Attempt::from_encounter(&current.run, trainee, current.mode, log.started, &times, Timestamp::now())
        .with_typed(&current.typed);
    let queued = records.lrs.is_some();
    match records.with(|s| s.record(&attempt, queued)) {
        Some(Ok(_)) => {
            // Only a write that succeeded counts: a failed one is tried again
            // when the window closes.
            log.recorded = true;
            send_in_background(records);
        }
        Some(Err(e)) => notice.show(format!("This attempt could not be recorded: {e}")),
        None => {}
    }
}

/// Writes the run on screen (once): when the encounter screen is left, which
/// comes before the debrief is drawn (finished), or elsewhere part-way
/// (abandoned), and when the app closes during an encounter.
fn record_current_run(
    records: Res<Records>,
    current: Option<Res<Current>>,
    log: Option<ResMut<RunLog>>,
    session: Res<Session>,
    mut notice: ResMut<Notice>,
) {
    if let (Some(current), Some(mut log)) = (current, log) {
        record(&records, &current, &mut log, session.trainee.as_deref(), &mut notice);
    }
}

/// The library shows the trainee's best overall score per scenario, from all
/// their recorded attempts (not only this session's).
fn load_best_scores(records: Res<Records>, mut session: ResMut<Session>, mut notice: ResMut<Notice>) {
    let Some(trainee) = session.trainee.clone() else { return };
    let filter = Filter { trainee: Some(trainee), ..Filter::default() };
    match records.with(|s| report::cohort(s, &filter)) {
        Some(Ok(c)) => {
            session.best =
                c.cells.iter().filter_map(|cell| Some((c.scenarios[cell.scenario].clone(), cell.best?))).collect();
        }
        Some(Err(e)) => notice.show(format!("Your past scores could not be read: {e}")),
        None => {}
    }
}

/// Sends what waits on the queue from a thread of its own, with its own
/// connection, so the window never waits for the network.
fn send_in_background(records: &Records) {
    let (Some(lrs), Some(dir)) = (records.lrs.clone(), records.dir.clone()) else { return };
    if records.store.is_none() {
        return;
    }
    std::thread::spawn(move || {
        let Ok(mut store) = Store::open_dir(&dir) else { return };
        match push_due(&mut store, &lrs, 100, Timestamp::now()) {
            Ok(p) if p.failed > 0 => warn!("xAPI: {} attempts wait for a later try: {:?}", p.failed, p.error),
            Ok(p) if p.sent > 0 => info!("xAPI: sent {} attempts", p.sent),
            Ok(_) => {}
            Err(e) => warn!("xAPI: {e}"),
        }
    });
}
