//! The Bevy app: a thin shell of plugins over the core. `AppPlugin` composes
//! them; `run` checks for a display first and opens the window.

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::EguiPlugin;

pub mod idle;
pub mod library;
pub mod screens;
pub mod views;

/// What the command line passes to the app.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub scenarios: Option<PathBuf>,
    pub play: Option<PathBuf>,
}

/// Which screen is showing.
#[derive(States, Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Library,
}

/// Everything of the app except the window and renderer, so that headless
/// tests can add it to `MinimalPlugins`.
pub struct AppPlugin {
    pub options: Options,
}

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        app.init_state::<Screen>().add_plugins(library::plugin(self.options.clone())).add_plugins(screens::plugin);
    }
}

/// Whether an X display is there to open a window on (the only backend built in).
pub fn display_available() -> bool {
    std::env::var_os("DISPLAY").is_some_and(|v| !v.is_empty())
}

/// Opens the window and runs until it is closed.
pub fn run(options: Options) -> ExitCode {
    if !display_available() {
        eprintln!("Bedside needs a graphical display to open its window, and none was found (DISPLAY is not set).");
        eprintln!(
            "The command line works without one: try `bedside validate scenarios` or `bedside play FILE`; see `bedside --help`."
        );
        return ExitCode::from(1);
    }
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window { title: "Bedside".into(), resolution: (1200u32, 800u32).into(), ..default() }),
            ..default()
        }))
        .insert_resource(WinitSettings::desktop_app())
        .add_plugins(EguiPlugin::default())
        .add_plugins(idle::plugin)
        .add_plugins(AppPlugin { options })
        .add_systems(Startup, spawn_camera)
        .run();
    ExitCode::SUCCESS
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2d);
}
