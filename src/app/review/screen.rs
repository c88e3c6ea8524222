//! The educator's review screen: unlocks with the passphrase, syncs the cohort
//! from the learning record store in the background (on unlocking, and when
//! asked), loads the cohort, trainee and scenario pages from the records as they
//! are asked for (not every frame), and saves the CSV export. Escape steps
//! back; leaving locks it again.

use std::sync::{Arc, Mutex};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::view::{Page, ReviewAction, ReviewState, review_view};
use crate::app::Screen;
use crate::app::history::view::StoredDebrief;
use crate::app::layout::{UiSet, central};
use crate::app::library::ScenarioLibrary;
use crate::app::records::Records;
use bedside_records::report::{self, Filter};
use bedside_records::store::Store;
use bedside_records::xapi::{Progress, PullOptions, Pulled, last_pull, pull};

/// The review's state, kept while the app runs (but locked on leaving).
#[derive(Resource, Debug, Default)]
pub struct Review(pub ReviewState);

/// A sync with the LRS running in a thread of its own: how far it has got, and
/// how it ended once it has.
#[derive(Resource, Debug, Default)]
pub struct SyncTask(pub Option<Arc<Mutex<SyncShared>>>);

#[derive(Debug, Default)]
pub struct SyncShared {
    pub progress: Progress,
    pub done: Option<Result<Pulled, String>>,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Review>()
        .init_resource::<SyncTask>()
        .add_systems(OnEnter(Screen::Review), open_review)
        .add_systems(OnExit(Screen::Review), lock_review)
        .add_systems(Update, (leave_review_with_escape, show_sync_progress).run_if(in_state(Screen::Review)))
        .add_systems(EguiPrimaryContextPass, draw_review.run_if(in_state(Screen::Review)).in_set(UiSet::Screen));
}

fn open_review(records: Res<Records>, mut review: ResMut<Review>) {
    let st = &mut review.0;
    st.message = None;
    st.sync.configured = records.lrs.is_some();
    if let Some(Ok(last)) = records.with(|s| last_pull(s)) {
        st.sync.last = last;
    }
    match records.with(|s| s.has_educator()) {
        Some(Ok(has)) => st.has_passphrase = has,
        Some(Err(e)) => st.message = Some(e.to_string()),
        None => st.message = Some("There are no records to review: the records database could not be opened.".into()),
    }
    if st.export_path.is_empty() {
        let dir = directories::UserDirs::new()
            .and_then(|d| {
                d.document_dir().map(std::path::Path::to_path_buf).or_else(|| Some(d.home_dir().to_path_buf()))
            })
            .unwrap_or_default();
        let day = jiff::Zoned::now().strftime("%Y-%m-%d").to_string();
        st.export_path = dir.join(format!("bedside-attempts-{day}.csv")).display().to_string();
    }
}

/// Leaving the review locks it and forgets what it showed.
fn lock_review(mut review: ResMut<Review>) {
    let path = std::mem::take(&mut review.0.export_path);
    let sync = std::mem::take(&mut review.0.sync);
    review.0 = ReviewState { export_path: path, sync, ..ReviewState::default() };
}

fn leave_review_with_escape(
    keys: Res<ButtonInput<KeyCode>>,
    mut review: ResMut<Review>,
    mut next: ResMut<NextState<Screen>>,
) {
    if !keys.just_pressed(KeyCode::Escape) {
        return;
    }
    let st = &mut review.0;
    if st.open.is_some() {
        st.open = None;
    } else if st.unlocked && st.page != Page::Cohort {
        st.page = Page::Cohort;
    } else {
        next.set(Screen::Start);
    }
}

fn draw_review(
    mut contexts: EguiContexts,
    records: Res<Records>,
    library: Option<Res<ScenarioLibrary>>,
    mut task: ResMut<SyncTask>,
    mut review: ResMut<Review>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let action = central(&mut contexts, |ui| review_view(ui, &mut review.0))?;
    let Some(a) = action else { return Ok(()) };
    let st = &mut review.0;
    let was_unlocked = st.unlocked;
    match a {
        ReviewAction::Back => next.set(Screen::Start),
        ReviewAction::Sync => start_sync(&records, library.as_deref(), &mut task, st),
        a => match records.with(|store| act(store, st, a)) {
            Some(Ok(())) => {}
            Some(Err(m)) => st.message = Some(m),
            None => st.message = Some("The records database could not be opened.".into()),
        },
    }
    // Opening the review brings in what other computers sent since the last time.
    if st.unlocked && !was_unlocked {
        start_sync(&records, library.as_deref(), &mut task, st);
    }
    Ok(())
}

/// Starts a sync in a thread of its own, with its own connection to the
/// records, unless one is running or no LRS is set. The window never waits
/// for the network.
pub fn start_sync(records: &Records, library: Option<&ScenarioLibrary>, task: &mut SyncTask, st: &mut ReviewState) {
    let (Some(lrs), Some(dir)) = (records.lrs.clone(), records.dir.clone()) else { return };
    if task.0.is_some() || records.store.is_none() {
        return;
    }
    // The library's texts, so that attempts played on them open as full debriefs.
    let known = library
        .map(|l| l.library.scripts().map(|s| (s.content_hash.clone(), s.source().to_owned())).collect())
        .unwrap_or_default();
    let shared = Arc::new(Mutex::new(SyncShared::default()));
    task.0 = Some(shared.clone());
    st.sync.running = Some(Progress::default());
    std::thread::spawn(move || {
        let opts = PullOptions { known, ..PullOptions::default() };
        let result = Store::open_dir(&dir).map_err(|e| e.to_string()).and_then(|mut store| {
            pull(&mut store, &lrs, &opts, &mut |p| guard(&shared).progress = p).map_err(|e| e.to_string())
        });
        guard(&shared).done = Some(result);
    });
}

/// The sync's shared state, even if a thread panicked holding it.
fn guard(shared: &Mutex<SyncShared>) -> std::sync::MutexGuard<'_, SyncShared> {
    shared.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Shows a running sync's progress; when it ends, its result, and the page
/// loaded again so that it shows what came in.
fn show_sync_progress(records: Res<Records>, mut task: ResMut<SyncTask>, mut review: ResMut<Review>) {
    let Some(shared) = task.0.clone() else { return };
    let st = &mut review.0;
    let mut g = guard(&shared);
    match g.done.take() {
        None => st.sync.running = Some(g.progress),
        Some(result) => {
            drop(g);
            task.0 = None;
            st.sync.running = None;
            match result {
                Ok(p) => {
                    st.sync.last = Some(p);
                    st.sync.error = None;
                }
                Err(e) => st.sync.error = Some(e),
            }
            if st.unlocked
                && let Some(Err(m)) = records.with(|store| act(store, st, ReviewAction::Apply))
            {
                st.message = Some(m);
            }
        }
    }
}

/// Does what the educator asked, loading what the page needs.
pub fn act(store: &mut Store, st: &mut ReviewState, action: ReviewAction) -> Result<(), String> {
    st.message = None;
    match action {
        ReviewAction::Back => {}
        ReviewAction::SetPassphrase => {
            if st.passphrase != st.confirm {
                return Err("The two passphrases differ; type the same one twice.".into());
            }
            store.set_educator(&st.passphrase).map_err(|e| e.to_string())?.map_err(|e| e.to_string())?;
            st.has_passphrase = true;
            unlock(store, st)?;
        }
        ReviewAction::Unlock => {
            let checked = store.check_educator(&st.passphrase).map_err(|e| e.to_string())?;
            st.passphrase.clear();
            checked.map_err(|e| format!("Not unlocked: {e}."))?;
            unlock(store, st)?;
        }
        ReviewAction::Lock => {
            *st = ReviewState {
                export_path: std::mem::take(&mut st.export_path),
                sync: std::mem::take(&mut st.sync),
                ..ReviewState::default()
            }
        }
        ReviewAction::Apply => load(store, st)?,
        ReviewAction::Show(page) => {
            st.page = page;
            st.open = None;
            load(store, st)?;
        }
        ReviewAction::Open(id) => st.open = Some(StoredDebrief::new(store.attempt(id).map_err(|e| e.to_string())?)),
        ReviewAction::Close => st.open = None,
        // Started by the screen, which owns the thread.
        ReviewAction::Sync => {}
        ReviewAction::ExportCsv => {
            let filter = filter(st)?;
            let path = std::path::PathBuf::from(st.export_path.trim());
            let mut file = bedside_records::store::create_export(&path)
                .map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
            // Educators open it in a spreadsheet: the byte-order mark makes Excel
            // read it as UTF-8, so accented names show rightly.
            std::io::Write::write_all(&mut file, b"\xEF\xBB\xBF")
                .map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
            let n =
                report::write_attempts_csv(store, &filter, std::io::BufWriter::new(file)).map_err(|e| e.to_string())?;
            st.message = Some(format!("Saved {n} attempts to {}", path.display()));
        }
    }
    Ok(())
}

fn unlock(store: &Store, st: &mut ReviewState) -> Result<(), String> {
    st.passphrase.clear();
    st.confirm.clear();
    st.unlocked = true;
    st.page = Page::Cohort;
    load(store, st)
}

/// The filter the review's fields describe (the page's trainee or scenario included).
fn filter(st: &ReviewState) -> Result<Filter, String> {
    let day = |label: &str, text: &str, next: bool| -> Result<Option<jiff::Timestamp>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let date: Date =
            text.parse().map_err(|_| format!("\"{text}\" ({label}) is not a date; write it as YYYY-MM-DD."))?;
        let date = if next { date.tomorrow().unwrap_or(date) } else { date };
        date.to_zoned(TimeZone::system()).map(|z| Some(z.timestamp())).map_err(|e| e.to_string())
    };
    let mut f = Filter {
        from: day("from", &st.from, false)?,
        to: day("to", &st.to, true)?,
        scenario: (!st.scenario.is_empty()).then(|| st.scenario.clone()),
        trainee: None,
        origin: st.origin,
        mode: None,
    };
    match &st.page {
        Page::Cohort => {}
        Page::Trainee(t) => f.trainee = Some(t.clone()),
        Page::Scenario(s) => f.scenario = Some(s.clone()),
    }
    Ok(f)
}

/// Loads what the current page shows.
fn load(store: &Store, st: &mut ReviewState) -> Result<(), String> {
    let f = filter(st)?;
    let e = |e: bedside_records::store::StoreError| e.to_string();
    st.scenarios = report::scenarios(store).map_err(e)?;
    match &st.page {
        Page::Cohort => {
            st.cohort = report::cohort(store, &f).map_err(e)?;
            st.rows_for = None;
        }
        Page::Trainee(_) => st.trainee_rows = report::attempts(store, &f).map_err(e)?,
        Page::Scenario(_) => st.summary = Some(report::scenario(store, &f).map_err(e)?),
    }
    Ok(())
}
