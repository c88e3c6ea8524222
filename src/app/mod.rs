//! The Bevy app: a thin shell over the core, one folder per feature (a feature's
//! `mod.rs` holds its state and composes its plugin; `screen.rs` its systems,
//! keys and drawing; `view.rs` its drawing as plain functions over
//! `&mut egui::Ui` that return what the trainee asked for, testable without a
//! window). `AppPlugin` composes the features; `run` checks for a display first
//! and opens the window.

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::EguiPlugin;

pub mod briefing;
pub mod debrief;
pub mod encounter;
pub mod history;
pub mod idle;
pub mod layout;
pub mod library;
pub mod records;
pub mod review;
pub mod session;
pub mod settings;
pub mod start;
pub mod theme;
pub mod typing;

/// What the command line passes to the app (a resource, read by the start-up
/// systems).
#[derive(Resource, Debug, Clone, Default)]
pub struct Options {
    pub scenarios: Option<PathBuf>,
    pub play: Option<PathBuf>,
    /// Folder for settings and profiles (default: the platform's config folder).
    pub config: Option<PathBuf>,
    /// Folder of the progress records (default: the platform's data folder).
    pub data: Option<PathBuf>,
    /// Seed for the `--play` run (a fresh one if not given).
    pub seed: Option<u64>,
}

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Start,
    Library,
    Briefing,
    Encounter,
    Debrief,
    Settings,
    /// The trainee's own attempts and trend.
    History,
    /// The educator's review, behind the passphrase.
    Review,
}

/// Messages for the trainee, shown above every screen until dismissed.
#[derive(Resource, Debug, Default)]
pub struct Notice {
    pub messages: Vec<String>,
}

impl Notice {
    pub fn show(&mut self, message: impl Into<String>) {
        let message = message.into();
        if !self.messages.contains(&message) {
            self.messages.push(message);
        }
    }
}

/// The start-up work, in this order: each step finds what the earlier ones
/// loaded (the profiles take the default mode from the settings; the watcher
/// and `--play` need the scenario folder), and the messages they raise keep
/// their order. Files and the records are read here, in `Startup`, not while
/// the plugins are built, so the order the plugins are added in does not matter.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Load {
    /// The settings file.
    Settings,
    /// The trainee profiles, in the mode the settings choose.
    Profiles,
    /// The scenario folder and the reading rules kept in it.
    Scenarios,
    /// The progress records and the LRS settings (what waits is sent).
    Records,
    /// What needs the scenarios: the folder watcher and the `--play` scenario.
    Preview,
}

/// Everything of the app that does not need a window or a renderer: state,
/// library, settings, session, the encounter and the screens' keyboard handling.
/// Headless tests add it to `MinimalPlugins`; the egui drawing systems it
/// registers only run where bevy_egui is present.
pub struct AppPlugin {
    pub options: Options,
}

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        app.init_state::<Screen>()
            .init_resource::<Notice>()
            .insert_resource(self.options.clone())
            .insert_resource(settings::ConfigDir::new(self.options.config.clone()))
            .configure_sets(
                Startup,
                (Load::Settings, Load::Profiles, Load::Scenarios, Load::Records, Load::Preview).chain(),
            )
            .add_plugins((
                layout::plugin,
                settings::plugin,
                session::plugin,
                library::plugin,
                encounter::plugin,
                records::plugin,
                start::plugin,
                briefing::plugin,
                debrief::plugin,
                history::plugin,
                review::plugin,
            ));
    }
}

/// Redraw only on input or when woken (file watcher, animation): Bevy's desktop
/// mode also wakes every 5 s while focused, which under software rendering costs
/// a frame each time, so wait a minute instead.
pub fn idle_settings() -> WinitSettings {
    WinitSettings {
        focused_mode: bevy::winit::UpdateMode::reactive(std::time::Duration::from_secs(60)),
        unfocused_mode: bevy::winit::UpdateMode::reactive_low_power(std::time::Duration::from_secs(60)),
    }
}

/// Whether an X display is there to open a window on (the only backend built in).
pub fn display_available() -> bool {
    std::env::var_os("DISPLAY").is_some_and(|v| !v.is_empty())
}

/// The window's size in logical pixels, `WIDTHxHEIGHT` (default 1280x800).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowSize {
    pub width: u32,
    pub height: u32,
}

impl Default for WindowSize {
    fn default() -> Self {
        WindowSize { width: 1280, height: 800 }
    }
}

impl std::str::FromStr for WindowSize {
    type Err = String;

    /// Reads `1920x1080`; each side from 320 to 16384.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a window size: write WIDTHxHEIGHT, such as 1920x1080");
        let (w, h) = s.trim().split_once(['x', 'X']).ok_or_else(bad)?;
        let side = |v: &str| v.trim().parse::<u32>().ok().filter(|n| (320..=16384).contains(n));
        Ok(WindowSize { width: side(w).ok_or_else(bad)?, height: side(h).ok_or_else(bad)? })
    }
}

/// Opens the window and runs until it is closed.
pub fn run(options: Options, size: WindowSize) -> ExitCode {
    let launched = std::time::Instant::now();
    if !display_available() {
        eprintln!("Bedside needs a graphical display to open its window, and none was found (DISPLAY is not set).");
        eprintln!(
            "The command line works without one: try `bedside validate scenarios` or `bedside play FILE`; see `bedside --help`."
        );
        return ExitCode::from(1);
    }
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Bedside".into(),
                resolution: (size.width, size.height).into(),
                ..default()
            }),
            ..default()
        }))
        .insert_resource(idle_settings())
        // The theme's colour behind the patient (it follows the settings once read).
        .insert_resource(ClearColor(theme::clear_colour(&settings::Settings::default())))
        .add_plugins(EguiPlugin::default())
        .add_plugins((idle::plugin, typing::plugin))
        .add_plugins(AppPlugin { options })
        .add_plugins(encounter::patient::plugin)
        .insert_resource(LaunchedAt(launched))
        .add_systems(Last, report_first_frame)
        .add_systems(PreStartup, install_waker)
        .add_systems(Startup, spawn_camera)
        .run();
    ExitCode::SUCCESS
}

/// When the process started, to report the time to the first frame.
#[derive(Resource)]
struct LaunchedAt(std::time::Instant);

/// Logs, once, how long the first frame took from launch (see docs/performance.md).
fn report_first_frame(launched: Res<LaunchedAt>, mut done: Local<bool>) {
    if !*done {
        *done = true;
        info!("first frame drawn {} ms after launch", launched.0.elapsed().as_millis());
    }
}

/// Lets the folder watcher wake the event loop when a scenario file changes.
fn install_waker(mut commands: Commands, proxy: Res<bevy::winit::EventLoopProxyWrapper>) {
    let proxy = (**proxy).clone();
    commands.insert_resource(library::watch::Waker(std::sync::Arc::new(move || {
        let _ = proxy.send_event(bevy::winit::WinitUserEvent::WakeUp);
    })));
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}

#[cfg(test)]
mod tests {
    use super::WindowSize;

    #[test]
    fn a_window_size_is_read_as_width_x_height_and_anything_else_is_refused() {
        assert_eq!("1920x1080".parse::<WindowSize>(), Ok(WindowSize { width: 1920, height: 1080 }));
        assert_eq!(" 1280X800 ".parse::<WindowSize>(), Ok(WindowSize::default()));
        for bad in ["", "1920", "x", "1920x", "0x0", "-5x100", "99999999999x10", "1920×1080", "wide"] {
            let err = bad.parse::<WindowSize>().unwrap_err();
            assert!(err.contains("WIDTHxHEIGHT"), "{bad}: {err}");
        }
    }
}
