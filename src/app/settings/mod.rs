//! The trainee's settings (light or dark theme, text size, contrast, default
//! mode, timer, replying in your own words, the patient's voice), read from the
//! user's config folder at start and kept there between runs. A folder that
//! cannot be read or written gives a message on screen; the app carries on with
//! what it has. Its screen (`screen`) draws the form (`view`).

use std::path::PathBuf;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Load, Notice};

pub mod screen;
pub mod view;

pub use bedside_records::Mode;

/// Text size steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TextSize {
    Small,
    #[default]
    Medium,
    Large,
    ExtraLarge,
}

impl TextSize {
    pub const ALL: [TextSize; 4] = [TextSize::Small, TextSize::Medium, TextSize::Large, TextSize::ExtraLarge];

    pub fn name(self) -> &'static str {
        match self {
            TextSize::Small => "Small",
            TextSize::Medium => "Medium",
            TextSize::Large => "Large",
            TextSize::ExtraLarge => "Extra large",
        }
    }

    /// How much to scale the interface.
    pub fn zoom(self) -> f32 {
        match self {
            TextSize::Small => 0.9,
            TextSize::Medium => 1.1,
            TextSize::Large => 1.3,
            TextSize::ExtraLarge => 1.6,
        }
    }
}

/// The colour theme: light (the default) or dark. High contrast works with either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }
}

/// What the trainee can set. Every field has a default, so a settings file
/// written by an older version (without `theme`, say) still loads.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub text_size: TextSize,
    pub high_contrast: bool,
    pub default_mode: Mode,
    pub timer: bool,
    pub timer_seconds: u32,
    /// Reply in your own words: the choices are hidden and the trainee types.
    pub own_words: bool,
    /// When the patient's lines are spoken aloud.
    pub speech: Speech,
    /// The patient's body language in words under the face (screen readers
    /// are always told it).
    pub body_language: bool,
}

/// When the patient's lines are spoken aloud (by an offline system voice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Speech {
    /// When replying in your own words: you listen, then answer.
    #[default]
    WithOwnWords,
    Always,
    Never,
}

impl Speech {
    pub const ALL: [Speech; 3] = [Speech::WithOwnWords, Speech::Always, Speech::Never];

    pub fn name(self) -> &'static str {
        match self {
            Speech::WithOwnWords => "When replying in your own words",
            Speech::Always => "Always",
            Speech::Never => "Never",
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::Light,
            text_size: TextSize::Medium,
            high_contrast: false,
            default_mode: Mode::Practice,
            timer: false,
            timer_seconds: 30,
            own_words: false,
            speech: Speech::WithOwnWords,
            body_language: false,
        }
    }
}

/// Where settings and profiles live: `--config DIR` (or `BEDSIDE_CONFIG_DIR`),
/// else the platform's config folder; None where the platform has none.
#[derive(Resource, Debug, Clone, Default)]
pub struct ConfigDir(pub Option<PathBuf>);

impl ConfigDir {
    pub fn new(chosen: Option<PathBuf>) -> Self {
        ConfigDir(chosen.or_else(|| {
            directories::ProjectDirs::from("org", "Bedside", "bedside").map(|d| d.config_dir().to_path_buf())
        }))
    }
}

impl Settings {
    /// Reads settings from `dir/settings.ron`; a missing file gives the defaults.
    pub fn load(dir: Option<&std::path::Path>) -> Result<Settings, String> {
        let Some(dir) = dir else { return Ok(Settings::default()) };
        let path = dir.join("settings.ron");
        match std::fs::read_to_string(&path) {
            Ok(text) => ron::from_str(&text).map_err(|e| {
                format!("Your settings in {} could not be read ({e}); using the defaults.", path.display())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(format!("Your settings in {} could not be read ({e}); using the defaults.", path.display())),
        }
    }

    /// Writes settings to `dir/settings.ron`, creating the folder.
    pub fn save(&self, dir: Option<&std::path::Path>) -> Result<(), String> {
        let Some(dir) = dir else {
            return Err("There is no config folder on this system, so settings are kept for this session only.".into());
        };
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(dir).and_then(|()| std::fs::write(dir.join("settings.ron"), text)).map_err(|e| {
            format!("Settings could not be saved in {} ({e}); they are kept for this session only.", dir.display())
        })
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(Startup, load_settings.in_set(Load::Settings)).add_plugins(screen::plugin);
}

/// Reads the saved settings; the defaults, and a message, if they cannot be read.
fn load_settings(dir: Res<ConfigDir>, mut notice: ResMut<Notice>, mut commands: Commands) {
    let settings = match Settings::load(dir.0.as_deref()) {
        Ok(s) => s,
        Err(message) => {
            notice.show(message);
            Settings::default()
        }
    };
    commands.insert_resource(settings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_saved_to_a_folder_load_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings {
            theme: Theme::Dark,
            text_size: TextSize::Large,
            high_contrast: true,
            default_mode: Mode::Assessment,
            timer: true,
            timer_seconds: 20,
            own_words: true,
            speech: Speech::Always,
            body_language: true,
        };
        s.save(Some(dir.path())).unwrap();
        assert_eq!(Settings::load(Some(dir.path())).unwrap(), s);
    }

    #[test]
    fn a_settings_file_from_before_the_theme_loads_with_the_light_theme() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.ron"), "(text_size: Large, high_contrast: true, timer: true)")
            .unwrap();
        let s = Settings::load(Some(dir.path())).unwrap();
        assert_eq!((s.theme, s.text_size, s.high_contrast, s.timer), (Theme::Light, TextSize::Large, true, true));
        std::fs::write(dir.path().join("settings.ron"), "(theme: Dark)").unwrap();
        assert_eq!(Settings::load(Some(dir.path())).unwrap().theme, Theme::Dark);
    }

    #[test]
    fn a_missing_settings_file_gives_the_defaults_and_a_broken_one_a_message() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(Some(dir.path())).unwrap(), Settings::default());
        std::fs::write(dir.path().join("settings.ron"), "(text_size: Huge)").unwrap();
        assert!(Settings::load(Some(dir.path())).unwrap_err().contains("could not be read"));
    }

    #[test]
    fn an_unwritable_config_folder_is_a_message_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, "x").unwrap();
        let err = Settings::default().save(Some(&file)).unwrap_err();
        assert!(err.contains("could not be saved"), "{err}");
    }
}
