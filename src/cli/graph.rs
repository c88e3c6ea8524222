//! `bedside graph FILE --format dot|mermaid`.

use std::path::Path;

use super::{GraphKind, load_one};
use bedside_core::graph::{GraphFormat, render};

pub fn run(file: &Path, kind: GraphKind) -> u8 {
    let script = match load_one(file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let format = match kind {
        GraphKind::Dot => GraphFormat::Dot,
        GraphKind::Mermaid => GraphFormat::Mermaid,
    };
    out!("{}", render(&script, format));
    0
}
