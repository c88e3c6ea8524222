//! `bedside xapi export|push|pull|typed`: the records as xAPI 1.0.3
//! statements, written to a JSON file or sent to the configured Learning Record
//! Store; the cohort pulled back from it; and whether typed replies go to it.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use serde_json::Value;

use super::access::{educator, filter, open_store};
use super::error::{CliError, CliResult};
use super::{FilterArgs, Places, XapiAction};
use bedside_records::report;
use bedside_records::store::Store;
use bedside_records::xapi::{self, DEFAULT_BASE, LrsConfig, PullError, PullOptions, Pulled};

pub fn run(places: &Places, action: XapiAction) -> CliResult {
    let lrs = LrsConfig::find(places.config.as_deref()).map_err(CliError::failed)?;
    match action {
        XapiAction::Typed { share } => typed(places, share.as_deref()),
        XapiAction::Export { filter, output } => export(places, lrs.as_ref(), &filter, &output),
        XapiAction::Push { all } => push(places, lrs, all),
        XapiAction::Pull { page_size, scenarios, timeout, json } => {
            let opts = PullOptions {
                page_size: page_size as usize,
                known: library_texts(scenarios),
                timeout: std::time::Duration::from_secs(timeout),
            };
            pull(places, lrs, &opts, json)
        }
    }
}

/// The LRS settings, or the usage error that says how to give them.
fn required(lrs: Option<LrsConfig>) -> CliResult<LrsConfig> {
    lrs.ok_or_else(|| {
        CliError::usage(format!(
            "no Learning Record Store is set; set BEDSIDE_LRS_ENDPOINT, BEDSIDE_LRS_USERNAME and BEDSIDE_LRS_PASSWORD, or write {} in the config folder",
            xapi::CONFIG_FILE
        ))
    })
}

/// The texts of the scenarios in `folder` (default `scenarios`, when there is
/// one) by content hash: attempts played with these versions open in full.
fn library_texts(folder: Option<PathBuf>) -> HashMap<String, String> {
    let folder = folder.unwrap_or_else(|| PathBuf::from("scenarios"));
    if !folder.is_dir() {
        return HashMap::new();
    }
    let library = bedside_core::scenario::load::Library::load(std::slice::from_ref(&folder));
    library.scripts().map(|s| (s.content_hash.clone(), s.source().to_owned())).collect()
}

/// Pulls the cohort from the LRS into the records, with a progress line at a
/// terminal, and says what came in.
fn pull(places: &Places, lrs: Option<LrsConfig>, opts: &PullOptions, json: bool) -> CliResult {
    let lrs = required(lrs)?;
    let mut store = open_store(places)?;
    educator(&mut store)?;
    let bar = if std::io::stderr().is_terminal() { ProgressBar::new_spinner() } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(format!("Pulling from {}", lrs.endpoint));
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let result = xapi::pull(&mut store, &lrs, opts, &mut |p| {
        bar.set_message(format!("Pulling from {}: {} statements read, {} pages", lrs.endpoint, p.statements, p.pages));
    });
    bar.finish_and_clear();
    let p = match result {
        Ok(p) => p,
        Err(PullError::Store(e)) => return Err(e.into()),
        Err(PullError::Lrs(m)) => {
            return Err(CliError::failed(format!(
                "{m}\nThe attempts pulled before this are kept; run `bedside xapi pull` again to go on."
            )));
        }
    };
    if json {
        return super::print_json(&p);
    }
    outln!("{}", pulled_summary(&p, &lrs.endpoint));
    Ok(())
}

/// What a pull did, in sentences.
fn pulled_summary(p: &Pulled, endpoint: &str) -> String {
    let mut text = format!(
        "Pulled from {endpoint}: {} new {}, {} updated, {} waiting for the rest of their statements.\nRead {} statements in {} pages, {:.1} s",
        p.new,
        if p.new == 1 { "attempt" } else { "attempts" },
        p.updated,
        p.in_progress,
        p.statements,
        p.pages,
        p.seconds
    );
    if p.held > 0 {
        text += &format!("; {} were of attempts already here", p.held);
    }
    text += ".";
    if p.late > 0 {
        text +=
            &format!("\n{} attempts sent late by another computer were read back from when they were played.", p.late);
    }
    if p.skipped > 0 {
        let why: Vec<String> = p.skipped_why.iter().map(|(w, n)| format!("{n} {w}")).collect();
        text += &format!("\nSkipped {} statements: {}.", p.skipped, why.join("; "));
    }
    text
}

/// Says whether typed replies go to the LRS, after setting it to `share` (`on` or `off`) if given.
fn typed(places: &Places, share: Option<&str>) -> CliResult {
    let mut store = open_store(places)?;
    educator(&mut store)?;
    if let Some(share) = share {
        store.set_share_typed(share == "on")?;
    }
    let on = store.share_typed()?;
    outln!(
        "Typed replies are {} to the LRS.",
        if on { "sent with their choice" } else { "kept on this computer only, not sent" }
    );
    Ok(())
}

/// Writes the statements of the attempts the filter takes to `output` (`-`: the terminal).
fn export(places: &Places, lrs: Option<&LrsConfig>, args: &FilterArgs, output: &Path) -> CliResult {
    let f = filter(args)?;
    let mut store = open_store(places)?;
    educator(&mut store)?;
    let base = lrs.map_or(DEFAULT_BASE, LrsConfig::base).to_owned();
    let text = statements(&store, &f, &base)?;
    if output.as_os_str() == "-" {
        outln!("{text}");
        return Ok(());
    }
    let at = |e: std::io::Error| CliError::failed(format!("{}: {e}", output.display()));
    let mut file = bedside_records::store::create_export(output).map_err(at)?;
    writeln!(file, "{text}").map_err(at)?;
    eprintln!("Wrote the statements to {}", output.display());
    Ok(())
}

/// The statements of the attempts the filter takes, as one JSON array.
fn statements(store: &Store, f: &report::Filter, base: &str) -> CliResult<String> {
    let share = store.share_typed()?;
    let mut all = Vec::new();
    report::for_each_attempt(store, f, |row| {
        all.extend(xapi::statements_with(&store.attempt(row.row)?, base, share));
        Ok(())
    })?;
    serde_json::to_string_pretty(&Value::Array(all)).map_err(CliError::failed)
}

/// Sends the queue (every attempt first, with `all`) to the LRS, until it is
/// empty or a round fails.
fn push(places: &Places, lrs: Option<LrsConfig>, all: bool) -> CliResult {
    let lrs = required(lrs)?;
    let mut store = open_store(places)?;
    educator(&mut store)?;
    if all {
        let n = store.queue_xapi_all()?;
        eprintln!("Queued {n} attempts.");
    }
    let mut sent = 0;
    loop {
        let round = xapi::push_due(&mut store, &lrs, 200, jiff::Timestamp::MAX)?;
        sent += round.sent;
        if let Some(e) = &round.error {
            let (left, _) = store.xapi_pending()?;
            eprintln!("Sent {sent} attempts; {left} wait for a later try. Last error: {e}");
            return Err(CliError::Reported);
        }
        if round.sent == 0 {
            break;
        }
    }
    let (left, _) = store.xapi_pending()?;
    outln!("Sent {sent} attempts to {}; {left} waiting for a later try.", lrs.endpoint);
    Ok(())
}
