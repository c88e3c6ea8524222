//! What the record-reading commands share: finding and opening the store, the
//! educator passphrase (asked at the terminal or read from the environment),
//! and the date-range filter.

use std::io::IsTerminal;
use std::path::PathBuf;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::{FilterArgs, Places};
use bedside_records::report::Filter;
use bedside_records::store::{AccessError, Store, default_data_dir};

/// The environment variable a script can set instead of typing the passphrase.
pub const PASSPHRASE_VAR: &str = "BEDSIDE_EDUCATOR_PASSPHRASE";

/// The records folder: `--data`, `BEDSIDE_DATA_DIR`, or the platform's data folder.
pub fn data_dir(places: &Places) -> Result<PathBuf, u8> {
    match places.data.clone().or_else(default_data_dir) {
        Some(d) => Ok(d),
        None => {
            eprintln!("error: no data folder is known for this user; give one with --data DIR");
            Err(super::USAGE)
        }
    }
}

/// Opens the store, printing why not on failure.
pub fn open_store(places: &Places) -> Result<Store, u8> {
    let dir = data_dir(places)?;
    Store::open_dir(&dir).map_err(|e| {
        eprintln!("error: {e}");
        1
    })
}

/// Lets an educator in: checks the passphrase (from the environment, or asked
/// at the terminal). The first time, sets it (asked twice at a terminal).
pub fn educator(store: &mut Store) -> Result<(), u8> {
    let fail = |e: &dyn std::fmt::Display| {
        eprintln!("error: {e}");
        1
    };
    let from_env = std::env::var(PASSPHRASE_VAR).ok().filter(|p| !p.is_empty());
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !store.has_educator().map_err(|e| fail(&e))? {
        let pass = match from_env {
            Some(p) => p,
            None if terminal => {
                eprintln!("No educator passphrase is set for {} yet; choose one now.", store.path().display());
                let first = ask("New educator passphrase: ")?;
                let again = ask("Type it again: ")?;
                if first != again {
                    eprintln!("error: the two passphrases differ; nothing was set");
                    return Err(1);
                }
                first
            }
            None => {
                eprintln!("error: no educator passphrase is set yet; set {PASSPHRASE_VAR} or run this at a terminal");
                return Err(1);
            }
        };
        return match store.set_educator(&pass).map_err(|e| fail(&e))? {
            Ok(()) => {
                eprintln!("Educator passphrase set.");
                Ok(())
            }
            Err(AccessError::AlreadySet) => check(store, &pass),
            Err(e) => Err(fail(&e)),
        };
    }
    let pass = match from_env {
        Some(p) => p,
        None if terminal => ask("Educator passphrase: ")?,
        None => {
            eprintln!(
                "error: these records need the educator passphrase; set {PASSPHRASE_VAR} or run this at a terminal"
            );
            return Err(1);
        }
    };
    check(store, &pass)
}

fn check(store: &Store, pass: &str) -> Result<(), u8> {
    match store.check_educator(pass) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            eprintln!("error: {e}");
            Err(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Err(1)
        }
    }
}

fn ask(prompt: &str) -> Result<String, u8> {
    rpassword::prompt_password(prompt).map_err(|e| {
        eprintln!("error: cannot read the passphrase: {e}");
        1
    })
}

/// The filter from the command's options. Dates are whole local days: `--to`
/// includes its day.
pub fn filter(args: &FilterArgs) -> Result<Filter, u8> {
    let day = |flag: &str, text: &str, next: bool| -> Result<jiff::Timestamp, u8> {
        let date: Date = text.parse().map_err(|_| {
            eprintln!("error: {flag} {text:?} is not a date; write it as YYYY-MM-DD");
            super::USAGE
        })?;
        let date = if next { date.tomorrow().unwrap_or(date) } else { date };
        date.to_zoned(TimeZone::system()).map(|z| z.timestamp()).map_err(|e| {
            eprintln!("error: {flag} {text}: {e}");
            super::USAGE
        })
    };
    let from = args.from.as_deref().map(|f| day("--from", f, false)).transpose()?;
    let to = args.to.as_deref().map(|t| day("--to", t, true)).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f >= t
    {
        eprintln!(
            "error: --from {} is after --to {}: no day is in that range",
            args.from.as_deref().unwrap_or_default(),
            args.to.as_deref().unwrap_or_default()
        );
        return Err(super::USAGE);
    }
    Ok(Filter { from, to, scenario: args.scenario.clone(), trainee: args.trainee.clone() })
}
