//! The progress records in the app: opens the store, writes each encounter when
//! its screen is left (before the debrief is drawn) or the window closes, as
//! finished or abandoned, and sends xAPI statements to the LRS in the
//! background when one is configured.

use std::path::PathBuf;
use std::sync::Mutex;

use bevy::prelude::*;
use jiff::Timestamp;

use super::encounter::Current;
use super::session::Session;
use super::settings::ConfigDir;
use super::{Notice, Screen};
use crate::core::records::Attempt;
use crate::core::records::store::{Store, default_data_dir};
use crate::core::records::xapi::{LrsConfig, push_due};

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

/// When the run on screen started, when each step was taken, and whether it
/// has been written.
#[derive(Resource, Debug, Clone)]
pub struct RunLog {
    pub started: Timestamp,
    pub times: Vec<Timestamp>,
    pub recorded: bool,
}

pub fn plugin(data: Option<PathBuf>) -> impl Fn(&mut App) {
    move |app: &mut App| {
        let config = app.world_mut().get_resource_or_init::<ConfigDir>().clone();
        let (records, messages) = Records::open(data.clone(), &config);
        let mut notice = app.world_mut().get_resource_or_init::<Notice>();
        for m in messages {
            notice.show(m);
        }
        send_in_background(&records);
        app.insert_resource(records)
            .add_systems(OnEnter(Screen::Debrief), record_finished_encounter)
            .add_systems(OnExit(Screen::Encounter), record_left_encounter)
            .add_systems(Last, record_on_exit);
    }
}

/// A fresh log, for a run that begins now.
pub fn new_run_log() -> RunLog {
    RunLog { started: Timestamp::now(), times: Vec::new(), recorded: false }
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
    let attempt = Attempt::from_encounter(&current.run, trainee, current.mode, log.started, &times, Timestamp::now());
    let queued = records.lrs.is_some();
    match records.with(|s| s.record(&attempt, queued)) {
        Some(Ok(_)) => {
            // Only a write that succeeded counts: a failed one is tried again at
            // the next chance (leaving the screen, closing the window).
            log.recorded = true;
            send_in_background(records);
        }
        Some(Err(e)) => notice.show(format!("This attempt could not be recorded: {e}")),
        None => {}
    }
}

/// The run reached an ending: write it before the debrief is drawn.
fn record_finished_encounter(
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

/// The encounter screen was left: on to the debrief (written here already), or
/// elsewhere before an ending (kept as abandoned), or from the feedback card
/// after the last choice (kept as finished).
fn record_left_encounter(
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

/// The app is closing mid-encounter: keep what was done as abandoned.
fn record_on_exit(
    mut exits: MessageReader<AppExit>,
    screen: Option<Res<State<Screen>>>,
    records: Res<Records>,
    current: Option<Res<Current>>,
    log: Option<ResMut<RunLog>>,
    session: Res<Session>,
    mut notice: ResMut<Notice>,
) {
    if exits.read().next().is_none() || screen.is_none_or(|s| *s.get() != Screen::Encounter) {
        return;
    }
    if let (Some(current), Some(mut log)) = (current, log) {
        record(&records, &current, &mut log, session.trainee.as_deref(), &mut notice);
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
