//! `bedside validate PATH...`: diagnostics for every scenario file, and a summary.

use std::path::PathBuf;

use super::error::{CliError, CliResult};
use super::{Format, color, print_json};
use bedside_core::diagnostic::summary;
use bedside_core::scenario::load::Library;

/// Fails (exit 1, with the diagnostics already printed) when a file has an
/// error, or with `deny_warnings` a warning.
pub fn run(paths: &[PathBuf], format: Format, deny_warnings: bool) -> CliResult {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        return Err(CliError::usage(format!("no such file or folder: {}", missing.display())));
    }
    let library = Library::load(paths);
    let all: Vec<_> = library.diagnostics().cloned().collect();
    match format {
        Format::Json => print_json(&all)?,
        Format::Human => {
            let color = color();
            for f in &library.files {
                if !f.diagnostics.is_empty() {
                    outln!("{}\n", f.render(color));
                }
            }
            outln!("{}", summary(&all, library.files.len()));
        }
    }
    let errors = all.iter().any(|d| d.is_error());
    let warnings = all.iter().any(|d| !d.is_error());
    if errors || (deny_warnings && warnings) { Err(CliError::Reported) } else { Ok(()) }
}
