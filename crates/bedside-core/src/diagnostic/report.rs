//! Diagnostics gathered while checking a scenario, located by a path into the
//! document (`nodes["a"].choices[0].goto`) and resolved to a position only when
//! there is something to report.

use super::{Diagnostic, Severity};
use crate::scenario::locate::Locator;

/// Where a problem is, as a path into the document, resolved to a span lazily.
#[derive(Debug, Clone)]
pub enum Loc {
    /// The value at a path, e.g. `nodes["a"].choices[0].goto`.
    Value(String),
    /// The n-th occurrence of a key in the map at a path.
    Key(&'static str, String, usize),
    Nowhere,
}

/// Diagnostics gathered with symbolic locations.
pub struct Report<'a> {
    file: &'a str,
    source: &'a str,
    items: Vec<(Diagnostic, Loc)>,
}

impl<'a> Report<'a> {
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Report { file, source, items: Vec::new() }
    }

    pub fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        loc: Loc,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let at = self.items.len();
        self.items.push((Diagnostic::new(severity, code, self.file, message), loc));
        &mut self.items[at].0
    }

    pub fn error(&mut self, code: &'static str, loc: Loc, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Error, code, loc, message)
    }

    pub fn warning(&mut self, code: &'static str, loc: Loc, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Warning, code, loc, message)
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|(d, _)| d.is_error())
    }

    /// Resolves locations to line and column (scanning the source once, if needed).
    pub fn finish(self) -> Vec<Diagnostic> {
        if self.items.is_empty() {
            return Vec::new();
        }
        let wanted: std::collections::HashSet<String> = self
            .items
            .iter()
            .filter_map(|(_, loc)| match loc {
                Loc::Value(path) => Some(path.clone()),
                _ => None,
            })
            .collect();
        let keys = self.items.iter().any(|(_, loc)| matches!(loc, Loc::Key(..)));
        let locator = Locator::for_paths(self.source, &wanted, keys);
        self.items
            .into_iter()
            .map(|(d, loc)| {
                let span = match &loc {
                    Loc::Value(path) => locator.value(path),
                    Loc::Key(map, key, nth) => locator.keys(map, key).get(*nth).cloned(),
                    Loc::Nowhere => None,
                };
                d.at_opt(self.source, span)
            })
            .collect()
    }
}

/// Path helpers.
pub fn node_path(id: &str) -> String {
    format!("nodes[\"{id}\"]")
}

pub fn choice_path(node: &str, i: usize) -> String {
    format!("nodes[\"{node}\"].choices[{i}]")
}

pub fn ending_path(id: &str) -> String {
    format!("endings[\"{id}\"]")
}
