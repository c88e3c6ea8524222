//! The scenario library the app shows, loaded from the scenario folder at start;
//! `--play FILE` loads that file and starts it straight away.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use super::encounter::{Begin, fresh_seed};
use super::settings::Mode;
use super::{Notice, Options};
use bedside_core::play::script::Script;
use bedside_core::scenario::load::{Library, load_file};

/// The loaded library and the folder it came from.
#[derive(Resource, Debug, Default)]
pub struct ScenarioLibrary {
    pub folder: PathBuf,
    pub library: Library,
}

impl ScenarioLibrary {
    /// A loaded scenario by id.
    pub fn script(&self, id: &str) -> Option<Arc<Script>> {
        self.library.scripts().find(|s| s.id() == id).cloned().map(Arc::new)
    }
}

/// The folder to load: `--scenarios`/`BEDSIDE_SCENARIOS`, else `scenarios/`.
pub fn scenario_folder(options: &Options) -> PathBuf {
    options.scenarios.clone().unwrap_or_else(|| PathBuf::from("scenarios"))
}

/// The scenario named by `--play` and the seed, to start once the app runs.
#[derive(Resource, Debug)]
struct PlayFirst(PathBuf, Option<u64>);

pub fn plugin(options: Options) -> impl Fn(&mut App) {
    move |app: &mut App| {
        let folder = scenario_folder(&options);
        if !folder.is_dir() {
            app.world_mut().resource_mut::<Notice>().show(format!(
                "The scenario folder {} was not found. Start Bedside with --scenarios DIR to choose one.",
                folder.display()
            ));
        }
        let library = Library::load(std::slice::from_ref(&folder));
        let (rules, problem) = bedside_core::reply::rules::rules_for(Some(&folder));
        if let Some(p) = problem {
            app.world_mut().resource_mut::<Notice>().show(p);
        }
        app.insert_resource(super::encounter::ReplyRules(rules));
        app.insert_resource(ScenarioLibrary { folder, library });
        if let Some(file) = &options.play {
            app.insert_resource(PlayFirst(file.clone(), options.seed)).add_systems(Startup, play_first);
        }
    }
}

fn play_first(play: Res<PlayFirst>, mut notice: ResMut<Notice>, mut begins: MessageWriter<Begin>) {
    let loaded = load_file(&play.0);
    match loaded.script {
        Some(script) => {
            // With no profile chosen this is an author's preview: played, never
            // recorded (so it reaches neither the cohort nor the LRS).
            begins.write(Begin {
                script: Arc::new(script),
                seed: play.1.unwrap_or_else(fresh_seed),
                mode: Mode::Practice,
                own_words: false,
            });
        }
        None => {
            for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
                notice.show(d.headline());
            }
        }
    }
}
