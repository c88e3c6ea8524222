//! The `bedside` program: a subcommand runs the CLI; none opens the app.

use std::process::ExitCode;

use clap::Parser;

use bedside::cli::{Cli, Places, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command, &Places { data: cli.places.data.clone(), config: cli.places.config.clone() }),
        None => open_app(cli),
    }
}

#[cfg(feature = "app")]
fn open_app(cli: Cli) -> ExitCode {
    bedside::app::run(
        bedside::app::Options {
            scenarios: cli.scenarios,
            play: cli.play,
            config: cli.places.config,
            data: cli.places.data,
            seed: cli.seed,
        },
        cli.window_size.unwrap_or_default(),
    )
}

#[cfg(not(feature = "app"))]
fn open_app(_: Cli) -> ExitCode {
    eprintln!("this build has no app (built without the `app` feature); see `bedside --help` for the CLI");
    ExitCode::from(2)
}
