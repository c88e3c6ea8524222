//! The command line: argument parsing and one module per subcommand, each a thin
//! shell over the core. With no subcommand the app opens.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Like `println!`, but a closed pipe (`bedside ... | head`) ends the program
/// quietly instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// Like `print!`, with the same care for closed pipes.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

mod graph;
mod new;
mod play;
mod readability;
mod simulate;
mod validate;

/// Bedside: practise hard conversations with patients, safely.
#[derive(Debug, Parser)]
#[command(name = "bedside", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Folder of scenarios the app shows (and watches for changes).
    #[arg(long, env = "BEDSIDE_SCENARIOS", value_name = "DIR")]
    pub scenarios: Option<PathBuf>,

    /// Open the app straight into this scenario (for authors).
    #[arg(long, value_name = "FILE")]
    pub play: Option<PathBuf>,

    /// Seed for the `--play` run, to replay it exactly.
    #[arg(long, requires = "play")]
    pub seed: Option<u64>,

    /// Folder for the app's settings and trainee profiles.
    #[arg(long, env = "BEDSIDE_CONFIG_DIR", value_name = "DIR")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files and folders (recursively *.ron) and print diagnostics.
    Validate {
        /// Files or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// `human` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors (exit 1 if there are any).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Play a scenario in the terminal, reading choices from stdin.
    Play {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Scripted choices by 1-based position in the file, e.g. 2,1,3.
        #[arg(long, value_delimiter = ',', value_name = "N,N,...")]
        choose: Option<Vec<usize>>,
        /// Seed for the spoken variants and choice order (random if not given).
        #[arg(long)]
        seed: Option<u64>,
        /// Print the result as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Random playthroughs: coverage and score spread of scenarios.
    Simulate {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Runs per scenario.
        #[arg(long, default_value_t = 1000)]
        runs: u64,
        /// Seed for the random choices.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a scenario as a graph (Graphviz dot or Mermaid).
    Graph {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = GraphKind::Dot)]
        format: GraphKind,
    },
    /// Write a new scenario skeleton to fill in.
    New {
        /// The scenario id: lowercase letters, digits and `-`.
        id: String,
        /// Folder to write it in.
        #[arg(long, default_value = "scenarios", value_name = "DIR")]
        dir: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Reading level and jargon of a line, before it goes into a scenario.
    Readability {
        /// The text to check.
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        text: Option<String>,
        /// Read the text from a file instead.
        #[arg(long, value_name = "F")]
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphKind {
    Dot,
    Mermaid,
}

/// Exit code for bad usage, as clap uses.
pub const USAGE: u8 = 2;

/// Whether to colour output written to stdout.
pub fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let code = match command {
        Command::Validate { paths, format, deny_warnings } => validate::run(&paths, format, deny_warnings),
        Command::Play { file, choose, seed, json } => play::run(&file, choose, seed, json),
        Command::Simulate { paths, runs, seed, json } => simulate::run(&paths, runs, seed, json),
        Command::Graph { file, format } => graph::run(&file, format),
        Command::New { id, dir, force } => new::run(&id, &dir, force),
        Command::Readability { text, file, json } => readability::run(text, file, json),
    };
    ExitCode::from(code)
}

/// Loads one scenario for a command, printing its diagnostics on failure.
pub(crate) fn load_one(file: &std::path::Path) -> Result<crate::core::script::Script, u8> {
    if !file.exists() {
        eprintln!("error: no such file: {}", file.display());
        return Err(USAGE);
    }
    let loaded = crate::core::load::load_file(file);
    match loaded.script {
        Some(script) => Ok(script),
        None => {
            eprintln!("{}", loaded.render(std::io::stderr().is_terminal()));
            eprintln!("error: {} did not load; fix the errors above", file.display());
            Err(1)
        }
    }
}

/// Prints JSON to stdout.
pub(crate) fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => outln!("{s}"),
        Err(e) => eprintln!("error: cannot write JSON: {e}"),
    }
}
