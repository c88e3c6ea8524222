//! `bedside validate PATH...`: diagnostics for every scenario file, and a summary.

use std::path::PathBuf;

use super::{Format, USAGE, color, print_json};
use bedside_core::diagnostic::summary;
use bedside_core::scenario::load::Library;

pub fn run(paths: &[PathBuf], format: Format, deny_warnings: bool) -> u8 {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        eprintln!("error: no such file or folder: {}", missing.display());
        return USAGE;
    }
    let library = Library::load(paths);
    let all: Vec<_> = library.diagnostics().cloned().collect();
    match format {
        Format::Json => print_json(&all),
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
    u8::from(errors || (deny_warnings && warnings))
}
