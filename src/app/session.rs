//! Who is practising, their profiles (kept in the config folder and read at
//! start), and the trainee's best result per scenario (read from the progress
//! records when the library opens, and kept up to date as runs finish).

use std::collections::HashMap;

use bevy::prelude::*;

use super::settings::{ConfigDir, Mode, Settings};
use super::{Load, Notice};

/// The trainee profiles and the current one.
#[derive(Resource, Debug, Default)]
pub struct Session {
    pub trainees: Vec<String>,
    pub trainee: Option<String>,
    /// The current trainee's best overall score per scenario id.
    pub best: HashMap<String, f64>,
    /// The scenario chosen in the library, and the mode to play it in.
    pub selected: Option<String>,
    pub mode: Mode,
    /// Reply in your own words (from the settings, and the library's toggle).
    pub own_words: bool,
}

impl Session {
    /// Adds a profile (trimmed, not empty, not a duplicate) and selects it.
    pub fn create(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("Type a name first.".into());
        }
        if name.chars().count() > 60 {
            return Err("Names are limited to 60 characters.".into());
        }
        if !self.trainees.iter().any(|t| t == name) {
            self.trainees.push(name.to_owned());
            self.trainees.sort_by_key(|t| t.to_lowercase());
        }
        self.trainee = Some(name.to_owned());
        Ok(())
    }

    /// Records a finished run's overall score, keeping the best.
    pub fn record(&mut self, scenario: &str, overall: f64) {
        let best = self.best.entry(scenario.to_owned()).or_insert(overall);
        *best = best.max(overall);
    }
}

fn profiles_path(dir: &ConfigDir) -> Option<std::path::PathBuf> {
    dir.0.as_ref().map(|d| d.join("trainees.ron"))
}

/// Reads the saved profile names; a missing file is no profiles.
pub fn load_profiles(dir: &ConfigDir) -> Result<Vec<String>, String> {
    let Some(path) = profiles_path(dir) else { return Ok(Vec::new()) };
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            ron::from_str(&text).map_err(|e| format!("The trainee list in {} could not be read ({e}).", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("The trainee list in {} could not be read ({e}).", path.display())),
    }
}

/// Saves the profile names.
pub fn save_profiles(dir: &ConfigDir, names: &[String]) -> Result<(), String> {
    let Some(path) = profiles_path(dir) else {
        return Err("There is no config folder, so the profile is kept for this session only.".into());
    };
    let text = ron::to_string(names).map_err(|e| e.to_string())?;
    path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&path, text)).map_err(|e| {
        format!("The trainee list could not be saved in {} ({e}); it is kept for this session only.", path.display())
    })
}

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, start_session.in_set(Load::Profiles));
}

/// Reads the saved profiles and starts the session in the mode the settings
/// choose; no profiles, and a message, if they cannot be read.
fn start_session(dir: Res<ConfigDir>, settings: Res<Settings>, mut notice: ResMut<Notice>, mut commands: Commands) {
    let trainees = match load_profiles(&dir) {
        Ok(t) => t,
        Err(message) => {
            notice.show(message);
            Vec::new()
        }
    };
    commands.insert_resource(Session {
        trainees,
        mode: settings.default_mode,
        own_words: settings.own_words,
        ..default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_profile_is_trimmed_selected_and_not_duplicated() {
        let mut s = Session::default();
        s.create("  Sam Okoro ").unwrap();
        s.create("Sam Okoro").unwrap();
        assert_eq!(s.trainees, ["Sam Okoro"]);
        assert_eq!(s.trainee.as_deref(), Some("Sam Okoro"));
        assert!(s.create("   ").is_err());
    }

    #[test]
    fn the_best_score_per_scenario_is_kept() {
        let mut s = Session::default();
        s.record("a", 50.0);
        s.record("a", 80.0);
        s.record("a", 60.0);
        assert_eq!(s.best["a"], 80.0);
    }
}
