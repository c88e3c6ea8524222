//! What the record-reading commands share: finding and opening the store, the
//! educator passphrase (asked at the terminal or read from the environment),
//! and the date-range filter.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::error::{CliError, CliResult};
use super::{FilterArgs, Places};
use bedside_records::report::Filter;
use bedside_records::store::{AccessError, Store, default_data_dir};

/// The environment variable a script can set instead of typing the passphrase.
pub const PASSPHRASE_VAR: &str = "BEDSIDE_EDUCATOR_PASSPHRASE";

/// The records folder: `--data`, `BEDSIDE_DATA_DIR`, or the platform's data folder.
pub fn data_dir(places: &Places) -> CliResult<PathBuf> {
    places
        .data
        .clone()
        .or_else(default_data_dir)
        .ok_or_else(|| CliError::usage("no data folder is known for this user; give one with --data DIR"))
}

/// Opens the store.
pub fn open_store(places: &Places) -> CliResult<Store> {
    Ok(Store::open_dir(&data_dir(places)?)?)
}

/// Lets an educator in: checks the passphrase (from the environment, or asked
/// at the terminal). The first time, sets it (asked twice at a terminal).
pub fn educator(store: &mut Store) -> CliResult {
    let from_env = std::env::var(PASSPHRASE_VAR).ok().filter(|p| !p.is_empty());
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !store.has_educator()? {
        return set_first(store, from_env, terminal);
    }
    let pass = match from_env {
        Some(p) => p,
        None if terminal => ask("Educator passphrase: ")?,
        None => {
            return Err(CliError::failed(format!(
                "these records need the educator passphrase; set {PASSPHRASE_VAR} or run this at a terminal"
            )));
        }
    };
    check(store, &pass)
}

/// Sets the passphrase on first use, from the environment or asked twice at a terminal.
fn set_first(store: &mut Store, from_env: Option<String>, terminal: bool) -> CliResult {
    let pass = match from_env {
        Some(p) => p,
        None if terminal => choose(store.path())?,
        None => {
            return Err(CliError::failed(format!(
                "no educator passphrase is set yet; set {PASSPHRASE_VAR} or run this at a terminal"
            )));
        }
    };
    match store.set_educator(&pass)? {
        Ok(()) => {
            eprintln!("Educator passphrase set.");
            Ok(())
        }
        Err(AccessError::AlreadySet) => check(store, &pass),
        Err(e) => Err(e.into()),
    }
}

/// A new passphrase, typed twice at the terminal.
fn choose(records: &Path) -> CliResult<String> {
    eprintln!("No educator passphrase is set for {} yet; choose one now.", records.display());
    let first = ask("New educator passphrase: ")?;
    if ask("Type it again: ")? != first {
        return Err(CliError::failed("the two passphrases differ; nothing was set"));
    }
    Ok(first)
}

fn check(store: &Store, pass: &str) -> CliResult {
    Ok(store.check_educator(pass)??)
}

fn ask(prompt: &str) -> CliResult<String> {
    rpassword::prompt_password(prompt).map_err(|e| CliError::failed(format!("cannot read the passphrase: {e}")))
}

/// The filter from the command's options. Dates are whole local days: `--to`
/// includes its day.
pub fn filter(args: &FilterArgs) -> CliResult<Filter> {
    let from = args.from.as_deref().map(|f| day("--from", f, false)).transpose()?;
    let to = args.to.as_deref().map(|t| day("--to", t, true)).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f >= t
    {
        return Err(CliError::usage(format!(
            "--from {} is after --to {}: no day is in that range",
            args.from.as_deref().unwrap_or_default(),
            args.to.as_deref().unwrap_or_default()
        )));
    }
    Ok(Filter {
        from,
        to,
        scenario: args.scenario.clone(),
        trainee: args.trainee.clone(),
        origin: args.origin.map(Into::into),
        mode: args.mode.map(Into::into),
    })
}

/// The start of the local day `text` given to `flag`, or of the day after when `next`.
fn day(flag: &str, text: &str, next: bool) -> CliResult<Timestamp> {
    let date: Date =
        text.parse().map_err(|_| CliError::usage(format!("{flag} {text:?} is not a date; write it as YYYY-MM-DD")))?;
    let date = if next { date.tomorrow().unwrap_or(date) } else { date };
    date.to_zoned(TimeZone::system()).map(|z| z.timestamp()).map_err(|e| CliError::usage(format!("{flag} {text}: {e}")))
}
