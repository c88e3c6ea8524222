//! The command line: argument parsing and one module per subcommand, each a thin
//! shell over the core. With no subcommand the app opens.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

mod access;
mod error;
mod graph;
mod matching;
mod new;
mod people;
mod play;
mod readability;
mod report;
mod simulate;
mod validate;
mod xapi;

use error::{CliError, CliResult};

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

    /// The app's window size, WIDTHxHEIGHT (default 1280x800).
    #[cfg(feature = "app")]
    #[arg(long, env = "BEDSIDE_WINDOW_SIZE", value_name = "WxH")]
    pub window_size: Option<crate::app::WindowSize>,

    #[command(flatten)]
    pub places: PlaceArgs,
}

/// Where the settings and the records live: for the app, and for the commands
/// that record or read attempts (`play --trainee`, `report`, `xapi`) only.
#[derive(Debug, Clone, Default, Args)]
pub struct PlaceArgs {
    /// Folder for the app's settings, trainee profiles and LRS settings (lrs.ron).
    #[arg(long, env = "BEDSIDE_CONFIG_DIR", value_name = "DIR")]
    pub config: Option<PathBuf>,

    /// Folder of the progress records database (default: the platform's data folder).
    #[arg(long, env = "BEDSIDE_DATA_DIR", value_name = "DIR")]
    pub data: Option<PathBuf>,
}

impl PlaceArgs {
    /// These places, with any not given here taken from `outer` (given before the command).
    pub fn or(self, outer: &Places) -> Places {
        Places { data: self.data.or_else(|| outer.data.clone()), config: self.config.or_else(|| outer.config.clone()) }
    }
}

/// Where the records and settings live, for the subcommands that use them.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub data: Option<PathBuf>,
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
        /// Scripted choices by their 1-based position in the file (not the shuffled
        /// numbers shown in play), one per step, e.g. 2,1,3. `--trace` shows both.
        #[arg(long, value_delimiter = ',', value_name = "N,N,...")]
        choose: Option<Vec<usize>>,
        /// Show node ids, each option's file position beside the number shown, the
        /// conditions of options, and escalations as they fire.
        #[arg(long, conflicts_with = "json")]
        trace: bool,
        /// Reply in your own words: the choices are hidden, each typed reply is
        /// read and matched to the choices offered, and you confirm which one it was.
        #[arg(long, conflicts_with_all = ["choose", "json"])]
        typed: bool,
        /// Seed for the spoken variants and choice order (random if not given).
        #[arg(long)]
        seed: Option<u64>,
        /// Print the result as one JSON object.
        #[arg(long)]
        json: bool,
        /// Record the attempt in the progress records under this trainee's name.
        #[arg(long, value_name = "NAME")]
        trainee: Option<String>,
        /// Practice or assessment (as recorded).
        #[arg(long, value_enum, default_value_t = ModeArg::Practice)]
        mode: ModeArg,
        #[command(flatten)]
        places: PlaceArgs,
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
        /// `random` runs; or play one strategy and print where it leads: the test-wise
        /// `longest`, `question`, `shortest`, `feeling`, `middle`, `second-longest`,
        /// `statement`, `action`, `sorry`, `first`, `last`; or `best`, `careless`.
        #[arg(long, default_value = "random", value_parser = clap::builder::PossibleValuesParser::new(simulate::strategy_names()))]
        strategy: String,
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
    /// Progress records for educators: the cohort table, or one trainee's or
    /// one scenario's summary. Asks for the educator passphrase (or reads
    /// BEDSIDE_EDUCATOR_PASSPHRASE).
    ///
    /// With --trainee: that trainee's attempts and trend; with --scenario: the
    /// scenario's score spread, endings, objectives met and choices per node.
    Report {
        #[command(flatten)]
        filter: FilterArgs,
        /// `human` tables, `csv` (one row per attempt) or `json`.
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
        /// With `--format csv`: one row per step instead of per attempt.
        #[arg(long)]
        steps: bool,
        /// With `--format csv`: start with a UTF-8 byte-order mark, so that Excel
        /// shows accented names rightly when the file is opened by double-click.
        #[arg(long)]
        bom: bool,
        /// Write to this file instead of the terminal.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Instead of scores: the skills profile (each skill's use when on
        /// offer, each fault's choice, cues missed by emotion) and its trend.
        #[arg(long, group = "view")]
        skills: bool,
        /// The moments where cues are most often missed, across every scenario.
        #[arg(long, group = "view")]
        missed: bool,
        /// With --missed: leave out moments reached fewer times than this.
        #[arg(long, value_name = "N", default_value_t = 5, requires = "missed")]
        min_visits: u32,
        /// The roster against the records: who never started, who was last active when.
        #[arg(long, group = "view")]
        roster: bool,
        /// Competency: who meets the pass rules (`bedside pass-rule`), and when they first did.
        #[arg(long, group = "view")]
        competency: bool,
        #[command(flatten)]
        places: PlaceArgs,
    },
    /// The trainees an educator expects: import them from a CSV file (a `name`
    /// column and an optional `staff_id` column), add or remove one, or list
    /// them. `report --roster` shows who never started. Asks for the educator passphrase.
    Roster {
        #[command(subcommand)]
        action: RosterAction,
        #[command(flatten)]
        places: PlaceArgs,
    },
    /// Competency rules: what an attempt must be to pass, for one scenario or
    /// for every scenario without a rule of its own. `report --competency`
    /// shows who meets them. Asks for the educator passphrase.
    PassRule {
        #[command(subcommand)]
        action: PassRuleAction,
        #[command(flatten)]
        places: PlaceArgs,
    },
    /// xAPI 1.0.3 statements of the records: export them to a file, or send
    /// them to the Learning Record Store set in BEDSIDE_LRS_* or lrs.ron.
    Xapi {
        #[command(subcommand)]
        action: XapiAction,
        #[command(flatten)]
        places: PlaceArgs,
    },
    /// How a typed reply reads (NURSE statements, emotions named, open question,
    /// blockers, jargon, grade), and a node's choices ranked by how like it they are.
    Match {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The node whose choices the reply is matched to.
        #[arg(long, value_name = "ID")]
        node: String,
        /// The typed reply.
        #[arg(value_name = "TEXT")]
        text: String,
        #[arg(long)]
        json: bool,
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

#[derive(Debug, Subcommand)]
pub enum RosterAction {
    /// Import trainees from a CSV file with a header row (`name`, and
    /// optionally `staff_id`). All rows or none: every bad row is listed.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Add one trainee (or give one already there a staff ID).
    Add {
        name: String,
        #[arg(long, value_name = "ID")]
        staff_id: Option<String>,
    },
    /// Take a trainee off the roster (their attempts stay).
    Remove { name: String },
    /// List the roster.
    List,
}

#[derive(Debug, Subcommand)]
pub enum PassRuleAction {
    /// Set the rule for one scenario (`--scenario`), or for every scenario
    /// without one of its own.
    Set {
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
        /// The least overall score, 0 to 100.
        #[arg(long, value_name = "N")]
        min_overall: f64,
        /// Only attempts in assessment mode count.
        #[arg(long)]
        assessment: bool,
        /// The attempt must end resolved.
        #[arg(long)]
        resolved: bool,
        /// The attempt must make no safety error.
        #[arg(long)]
        no_safety_errors: bool,
        /// Who sets it (kept with the rule); default: the login name.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Remove the rule for one scenario, or the library's.
    Remove {
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
    },
    /// List the rules.
    List,
}

#[derive(Debug, Subcommand)]
pub enum XapiAction {
    /// Write the statements of the attempts a filter takes as one JSON array.
    Export {
        #[command(flatten)]
        filter: FilterArgs,
        /// The file to write (`-` for the terminal).
        #[arg(long, short, value_name = "FILE")]
        output: PathBuf,
    },
    /// Send the attempts waiting on the queue (failed or new) to the LRS.
    Push {
        /// Queue every recorded attempt first (for a new LRS). Statement ids are
        /// stable, so attempts it already holds are not stored twice.
        #[arg(long)]
        all: bool,
    },
    /// Bring the cohort from the LRS into these records: the attempts made on
    /// other computers, read from where the last pull got to (everything the
    /// first time). Run it again at any time: nothing is stored twice.
    Pull {
        /// Statements asked for per page (the LRS may send fewer).
        #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=10_000))]
        page_size: u32,
        /// The scenario folder: attempts played with its versions open as full
        /// debriefs (default `scenarios`, if there is one).
        #[arg(long, value_name = "DIR", env = "BEDSIDE_SCENARIOS")]
        scenarios: Option<PathBuf>,
        /// How long one request to the LRS may take, in seconds.
        #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: u64,
        /// Say what the pull did as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Whether replies typed in the nurse's own words go to the LRS with the
    /// choice they became (they are personal data; off until an educator turns
    /// it on). With no argument, says which it is.
    Typed {
        #[arg(value_parser = ["on", "off"])]
        share: Option<String>,
    },
}

/// Which attempts a report or export covers.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// One trainee's attempts.
    #[arg(long, value_name = "NAME")]
    pub trainee: Option<String>,
    /// One scenario's attempts.
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// Attempts started on or after this day (YYYY-MM-DD, local time).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Attempts started on or before this day (YYYY-MM-DD, local time).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only the attempts recorded on this computer (`local`), or only those
    /// pulled from the LRS (`lrs`).
    #[arg(long, value_name = "WHERE")]
    pub origin: Option<OriginArg>,
    /// Only practice or only assessment attempts.
    #[arg(long)]
    pub mode: Option<ModeArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OriginArg {
    Local,
    Lrs,
}

impl From<OriginArg> for bedside_records::Origin {
    fn from(o: OriginArg) -> Self {
        match o {
            OriginArg::Local => bedside_records::Origin::Local,
            OriginArg::Lrs => bedside_records::Origin::Lrs,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Human,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    Practice,
    Assessment,
}

impl From<ModeArg> for bedside_records::Mode {
    fn from(m: ModeArg) -> Self {
        match m {
            ModeArg::Practice => bedside_records::Mode::Practice,
            ModeArg::Assessment => bedside_records::Mode::Assessment,
        }
    }
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

/// Runs a subcommand and returns the process exit code. The one place a
/// command's error is printed.
pub fn run(command: Command, places: &Places) -> ExitCode {
    match dispatch(command, places) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !matches!(e, CliError::Reported) {
                eprintln!("error: {e}");
            }
            ExitCode::from(e.code())
        }
    }
}

fn dispatch(command: Command, places: &Places) -> CliResult {
    match command {
        Command::Validate { paths, format, deny_warnings } => validate::run(&paths, format, deny_warnings),
        Command::Play { file, choose, seed, json, trace, typed, trainee, mode, places: here } => {
            let places = here.or(places);
            play::run(&file, choose, seed, json, trace, typed, trainee.map(|t| (t, mode.into(), &places)))
        }
        Command::Report {
            filter,
            format,
            steps,
            bom,
            output,
            skills,
            missed,
            min_visits,
            roster,
            competency,
            places: here,
        } => {
            let view = match (skills, missed, roster, competency) {
                (true, ..) => report::View::Skills,
                (_, true, ..) => report::View::Missed(min_visits),
                (_, _, true, _) => report::View::Roster,
                (.., true) => report::View::Competency,
                _ => report::View::Scores,
            };
            report::run(&here.or(places), report::Args { filter, format, steps, bom, output, view })
        }
        Command::Roster { action, places: here } => people::roster(&here.or(places), action),
        Command::PassRule { action, places: here } => people::pass_rule(&here.or(places), action),
        Command::Xapi { action, places: here } => xapi::run(&here.or(places), action),
        Command::Simulate { paths, runs, seed, json, strategy } => simulate::run(&paths, runs, seed, json, &strategy),
        Command::Graph { file, format } => graph::run(&file, format),
        Command::New { id, dir, force } => new::run(&id, &dir, force),
        Command::Readability { text, file, json } => readability::run(text, file, json),
        Command::Match { file, node, text, json } => matching::run(&file, &node, &text, json),
    }
}

/// Loads one scenario for a command, printing its diagnostics on failure.
pub(crate) fn load_one(file: &Path) -> CliResult<bedside_core::play::script::Script> {
    if !file.exists() {
        return Err(CliError::usage(format!("no such file: {}", file.display())));
    }
    let loaded = bedside_core::scenario::load::load_file(file);
    match loaded.script {
        Some(script) => Ok(script),
        None => {
            eprintln!("{}", loaded.render(std::io::stderr().is_terminal()));
            Err(CliError::failed(format!("{} did not load; fix the errors above", file.display())))
        }
    }
}

/// Prints JSON to stdout.
pub(crate) fn print_json(value: &impl serde::Serialize) -> CliResult {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::failed(format!("cannot write JSON: {e}")))?;
    outln!("{text}");
    Ok(())
}
