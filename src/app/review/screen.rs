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

use super::people::{competency_grid, roster_order};
use super::skills::{attempt_points, weakest_first, week_points};
use super::view::{Page, ReviewAction, ReviewState, review_view};
use crate::app::Screen;
use crate::app::history::view::StoredDebrief;
use crate::app::layout::{UiSet, central};
use crate::app::library::ScenarioLibrary;
use crate::app::records::Records;
use bedside_records::report::{self, Filter};
use bedside_records::store::{PassRule, RosterEntry, Store};
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

fn open_review(records: Res<Records>, library: Option<Res<ScenarioLibrary>>, mut review: ResMut<Review>) {
    let st = &mut review.0;
    st.message = None;
    if let Some(l) = library {
        st.titles = l.library.scripts().map(|s| (s.id().to_owned(), s.scenario().title.clone())).collect();
    }
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
    review.0.lock();
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
        ReviewAction::Lock => st.lock(),
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
        ReviewAction::AddToRoster { name, staff_id } => {
            let entry = RosterEntry { name: name.clone(), staff_id };
            store
                .add_to_roster(&entry)
                .map_err(|e| e.to_string())?
                .map_err(|e| format!("{name} was not added: {e}."))?;
            st.roster_form.name.clear();
            st.roster_form.staff_id.clear();
            st.roster_form.problems.clear();
            load(store, st)?;
            st.message = Some(format!("{name} is on the roster."));
        }
        ReviewAction::RemoveFromRoster(name) => {
            let was = store.remove_from_roster(&name).map_err(|e| e.to_string())?;
            load(store, st)?;
            st.message = Some(if was {
                format!("{name} is off the roster; their attempts are kept.")
            } else {
                format!("{name} was not on the roster.")
            });
        }
        ReviewAction::ImportRoster(path) => {
            st.roster_form.problems.clear();
            let text = std::fs::read_to_string(&path).map_err(|e| format!("Cannot read {path}: {e}"))?;
            match store.import_roster(&text).map_err(|e| e.to_string())? {
                Ok(n) => {
                    st.roster_form.file.clear();
                    load(store, st)?;
                    st.message = Some(format!("Imported {n} trainees from {path}."));
                }
                Err(problems) => {
                    st.roster_form.problems = problems.iter().map(ToString::to_string).collect();
                    return Err(format!(
                        "Nothing was imported from {path}: {} listed under the form.",
                        match problems.len() {
                            1 => "1 problem is".to_owned(),
                            n => format!("{n} problems are"),
                        }
                    ));
                }
            }
        }
        ReviewAction::SetRule(draft) => {
            let set_by = draft.set_by.trim();
            if set_by.is_empty() {
                return Err("Type your name in \"Set by\": the rule keeps who set it.".into());
            }
            let rule = PassRule {
                scenario: draft.scenario.clone(),
                assessment_only: draft.assessment_only,
                resolved: draft.resolved,
                min_overall: f64::from(draft.min_overall),
                no_safety_errors: draft.no_safety_errors,
                set_by: set_by.to_owned(),
                set_at: jiff::Timestamp::now(),
            };
            store.set_pass_rule(&rule).map_err(|e| e.to_string())?;
            load(store, st)?;
            st.message = Some(format!("Rule set for {}: {}.", scope_name(rule.scenario.as_deref()), rule.describe()));
        }
        ReviewAction::RemoveRule(scenario) => {
            let was = store.remove_pass_rule(scenario.as_deref()).map_err(|e| e.to_string())?;
            load(store, st)?;
            let scope = scope_name(scenario.as_deref());
            st.message =
                Some(if was { format!("The rule for {scope} is removed.") } else { format!("{scope} had no rule.") });
        }
    }
    Ok(())
}

/// A rule's scope in words.
fn scope_name(scenario: Option<&str>) -> String {
    scenario.map_or_else(|| "the whole library".to_owned(), str::to_owned)
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
        mode: st.mode,
    };
    match &st.page {
        Page::Cohort | Page::Skills | Page::Roster | Page::Competency => {}
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
            st.profile = weakest_first(report::profile(store, &f).map_err(e)?);
            st.skill_trend = week_points(&report::skills_by_week(store, &f).map_err(e)?);
        }
        Page::Trainee(_) => {
            st.trainee_rows = report::attempts(store, &f).map_err(e)?;
            st.profile = weakest_first(report::profile(store, &f).map_err(e)?);
            st.skill_trend = attempt_points(&report::trainee_skill_trend(store, &f).map_err(e)?);
        }
        Page::Scenario(_) => st.summary = Some(report::scenario(store, &f).map_err(e)?),
        Page::Skills => {
            let text = st.min_visits.trim();
            let min: u32 = text.parse().map_err(|_| {
                format!("\"{text}\" (reached at least … times) is not a whole number; write one, such as 5.")
            })?;
            st.profile = weakest_first(report::profile(store, &f).map_err(e)?);
            st.skill_trend = week_points(&report::skills_by_week(store, &f).map_err(e)?);
            st.moments = report::missed_moments(store, &f, min).map_err(e)?;
        }
        Page::Roster => st.roster = roster_order(report::roster_status(store, &f).map_err(e)?),
        Page::Competency => {
            st.competency = report::competency(store, &f).map_err(e)?;
            let roster: Vec<String> = store.roster().map_err(e)?.into_iter().map(|r| r.name).collect();
            st.competency_grid = competency_grid(&st.competency, &roster);
        }
    }
    Ok(())
}
