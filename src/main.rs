//! The `bedside` program: a subcommand runs the CLI; none opens the app.

use std::process::ExitCode;

use clap::Parser;

use bedside::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => open_app(cli.scenarios, cli.play, cli.config),
    }
}

#[cfg(feature = "app")]
fn open_app(
    scenarios: Option<std::path::PathBuf>,
    play: Option<std::path::PathBuf>,
    config: Option<std::path::PathBuf>,
) -> ExitCode {
    bedside::app::run(bedside::app::Options { scenarios, play, config })
}

#[cfg(not(feature = "app"))]
fn open_app(_: Option<std::path::PathBuf>, _: Option<std::path::PathBuf>, _: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!("this build has no app (built without the `app` feature); see `bedside --help` for the CLI");
    ExitCode::from(2)
}
