//! `bedside graph FILE --format dot|mermaid`.

use std::path::Path;

use super::error::CliResult;
use super::{GraphKind, load_one};
use bedside_core::graph::{GraphFormat, render};

pub fn run(file: &Path, kind: GraphKind) -> CliResult {
    let script = load_one(file)?;
    let format = match kind {
        GraphKind::Dot => GraphFormat::Dot,
        GraphKind::Mermaid => GraphFormat::Mermaid,
    };
    out!("{}", render(&script, format));
    Ok(())
}
