//! The scenario library the app shows, loaded from the scenario folder at start;
//! `--play FILE` loads that file and starts it straight away. A saved file
//! reloads the folder (`watch`); the library's screen (`screen`) draws its cards
//! (`view`).

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;

use super::encounter::{Begin, ReplyRules, fresh_seed};
use super::settings::Mode;
use super::{Load, Notice, Options};
use bedside_core::play::script::Script;
use bedside_core::scenario::load::{Library, load_file};

pub mod screen;
pub mod view;
pub mod watch;

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

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, (load_scenarios.in_set(Load::Scenarios), play_first.in_set(Load::Preview)))
        .add_plugins((watch::plugin, screen::plugin));
}

/// Loads the scenario folder, and the rules that read typed replies (with the
/// folder's own additions, if it has any).
fn load_scenarios(options: Res<Options>, mut notice: ResMut<Notice>, mut commands: Commands) {
    let folder = scenario_folder(&options);
    if !folder.is_dir() {
        notice.show(format!(
            "The scenario folder {} was not found. Start Bedside with --scenarios DIR to choose one.",
            folder.display()
        ));
    }
    let library = Library::load(std::slice::from_ref(&folder));
    let (rules, problem) = bedside_core::reply::rules::rules_for(Some(&folder));
    if let Some(p) = problem {
        notice.show(p);
    }
    commands.insert_resource(ReplyRules(rules));
    commands.insert_resource(ScenarioLibrary { folder, library });
}

/// Starts the scenario named by `--play`, if there is one, straight away.
fn play_first(options: Res<Options>, mut notice: ResMut<Notice>, mut begins: MessageWriter<Begin>) {
    let Some(file) = &options.play else { return };
    let loaded = load_file(file);
    match loaded.script {
        Some(script) => {
            // With no profile chosen this is an author's preview: played, never
            // recorded (so it reaches neither the cohort nor the LRS).
            begins.write(Begin {
                script: Arc::new(script),
                seed: options.seed.unwrap_or_else(fresh_seed),
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
