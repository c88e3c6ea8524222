//! Trainer preview: watches the scenario folder and reloads it when a file is
//! saved. A file that stops validating keeps its last good version in play, and
//! its diagnostics are shown until it is fixed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};

use bevy::prelude::*;
use notify::{RecursiveMode, Watcher};

use super::ScenarioLibrary;
use crate::app::{Load, Notice};
use bedside_core::play::script::Script;
use bedside_core::scenario::load::{Library, check_unique_ids};

/// The watcher (kept alive while the app runs) and its events.
#[derive(Resource)]
struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: Mutex<Receiver<()>>,
}

/// The last version of each file that loaded, kept while a later save is broken.
#[derive(Resource, Default)]
struct LastGood(HashMap<String, Script>);

pub fn plugin(app: &mut App) {
    app.init_resource::<LastGood>()
        .add_systems(Startup, (remember_first_load, start_watching).in_set(Load::Preview))
        .add_systems(Update, reload_changed_scenarios.run_if(resource_exists::<Watch>));
}

fn start_watching(
    mut commands: Commands,
    library: Res<ScenarioLibrary>,
    mut notice: ResMut<Notice>,
    waker: Option<Res<Waker>>,
) {
    let (tx, rx) = channel();
    let wake = waker.map(|w| w.0.clone());
    let handler = move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| changes_a_scenario(&e)) {
            let _ = tx.send(());
            if let Some(wake) = &wake {
                wake();
            }
        }
    };
    let watcher = notify::recommended_watcher(handler).and_then(|mut w| {
        w.watch(&library.folder, RecursiveMode::Recursive)?;
        Ok(w)
    });
    match watcher {
        Ok(w) => commands.insert_resource(Watch { _watcher: w, events: Mutex::new(rx) }),
        Err(e) => notice
            .show(format!("Changes to {} will not be picked up while the app runs ({e}).", library.folder.display())),
    }
}

/// Whether a file event means a scenario file changed: created, written,
/// renamed or removed. Opening, reading and closing a file are events too, and
/// so is a new access time; reloading reads every file, so reacting to those
/// would reload (and draw) again and again, for ever.
fn changes_a_scenario(e: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    let change = match e.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    };
    change && e.paths.iter().any(|p| p.extension().is_some_and(|x| x == "ron"))
}

/// Remembers the files that loaded at start, so that a broken first save keeps them.
fn remember_first_load(library: Res<ScenarioLibrary>, mut last_good: ResMut<LastGood>) {
    for f in &library.library.files {
        if let Some(s) = &f.script {
            last_good.0.insert(f.file.clone(), s.clone());
        }
    }
}

/// Something that wakes the app's event loop from another thread (set by the
/// windowed app; without it the change is seen on the next frame).
#[derive(Resource, Clone)]
pub struct Waker(pub std::sync::Arc<dyn Fn() + Send + Sync>);

/// Reloads the folder when a scenario file changed, keeping the last good version
/// of any file that now fails.
fn reload_changed_scenarios(watch: Res<Watch>, mut library: ResMut<ScenarioLibrary>, mut last_good: ResMut<LastGood>) {
    let changed = watch.events.lock().map(|rx| rx.try_iter().count() > 0).unwrap_or(false);
    if !changed {
        return;
    }
    let folder = library.folder.clone();
    let mut fresh = Library::load(std::slice::from_ref(&folder));
    merge_last_good(&mut fresh, &mut last_good.0);
    library.library = fresh;
}

/// Remembers every file that loaded; gives a file that failed its last good script.
fn merge_last_good(fresh: &mut Library, last_good: &mut HashMap<String, Script>) {
    for f in &mut fresh.files {
        match &f.script {
            Some(s) => {
                last_good.insert(f.file.clone(), s.clone());
            }
            None => f.script = last_good.get(&f.file).cloned(),
        }
    }
    let kept: Vec<PathBuf> = fresh.files.iter().map(|f| PathBuf::from(&f.file)).collect();
    last_good.retain(|file, _| kept.contains(&PathBuf::from(file)));
    check_unique_ids(&mut fresh.files);
}

#[cfg(test)]
mod tests {
    use super::*;
    use bedside_core::scenario::load::load_str;

    #[test]
    fn writing_renaming_or_removing_a_scenario_is_a_change_but_reading_it_is_not() {
        use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind, ModifyKind, RemoveKind, RenameMode};
        use notify::{Event, EventKind};
        let on = |kind: EventKind, path: &str| Event::new(kind).add_path(PathBuf::from(path));
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert!(changes_a_scenario(&on(kind, "scenarios/a.ron")), "{kind:?}");
            assert!(!changes_a_scenario(&on(kind, "scenarios/notes.txt")), "{kind:?} on another file");
        }
        for kind in [
            EventKind::Access(AccessKind::Open(notify::event::AccessMode::Read)),
            EventKind::Access(AccessKind::Close(notify::event::AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
        ] {
            assert!(!changes_a_scenario(&on(kind, "scenarios/a.ron")), "{kind:?} is only a read");
        }
    }

    #[test]
    fn a_file_that_breaks_keeps_its_last_good_version_and_shows_its_errors() {
        let good = include_str!("../../../tests/fixtures/warnings-only.ron");
        let mut last = HashMap::new();
        let mut lib = Library { files: vec![load_str("a.ron", good)] };
        merge_last_good(&mut lib, &mut last);
        assert!(lib.files[0].script.is_some());
        let mut broken = Library { files: vec![load_str("a.ron", &good.replace("goto: \"end\"", "goto: \"ned\""))] };
        merge_last_good(&mut broken, &mut last);
        assert!(broken.files[0].script.is_some(), "the last good version stays in play");
        assert!(broken.files[0].has_errors(), "and its errors are shown");
    }
}
