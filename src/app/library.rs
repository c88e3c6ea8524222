//! The scenario library the app shows: loaded from the scenario folder at start.

use std::path::PathBuf;

use bevy::prelude::*;

use super::Options;
use crate::core::load::Library;

/// The loaded library and the folder it came from.
#[derive(Resource, Debug, Default)]
pub struct ScenarioLibrary {
    pub folder: PathBuf,
    pub library: Library,
}

/// The folder to load: `--scenarios`/`BEDSIDE_SCENARIOS`, else `scenarios/`.
pub fn scenario_folder(options: &Options) -> PathBuf {
    options.scenarios.clone().unwrap_or_else(|| PathBuf::from("scenarios"))
}

pub fn plugin(options: Options) -> impl Fn(&mut App) {
    move |app: &mut App| {
        let folder = scenario_folder(&options);
        let library = Library::load(std::slice::from_ref(&folder));
        app.insert_resource(ScenarioLibrary { folder, library });
    }
}
