//! Diagnostics: what is wrong with a scenario file, where, and how it is printed.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

pub mod report;

/// How serious a diagnostic is: errors refuse the file, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The stable codes, one per kind of problem. Documented in docs/diagnostics.md.
pub mod code {
    pub const SYNTAX: &str = "E0001";
    pub const UNKNOWN_FIELD: &str = "E0002";
    pub const MISSING_FIELD: &str = "E0003";
    pub const WRONG_TYPE: &str = "E0004";
    pub const UNKNOWN_VARIANT: &str = "E0005";
    pub const DUPLICATE_FIELD: &str = "E0006";
    pub const TOO_LARGE: &str = "E0007";
    pub const TOO_DEEP: &str = "E0008";
    pub const UNREADABLE: &str = "E0009";
    pub const UNKNOWN_TARGET: &str = "E0101";
    pub const NODE_AND_ENDING: &str = "E0102";
    pub const BAD_ID: &str = "E0103";
    pub const EMPTY_TEXT: &str = "E0104";
    pub const OUT_OF_RANGE: &str = "E0105";
    pub const EMPTY_LIST: &str = "E0106";
    pub const DUPLICATE_ID: &str = "E0107";
    pub const DUPLICATE_KEY: &str = "E0108";
    pub const NO_ENDING_REACHABLE: &str = "E0201";
    pub const STUCK: &str = "E0202";
    pub const UNREACHABLE: &str = "W0301";
    pub const GLOSSARY: &str = "W0300";
    pub const CUE_WITHOUT_EMPATHY: &str = "W0302";
    pub const JARGON: &str = "W0303";
    pub const HARD_TO_READ: &str = "W0304";
    pub const SAME_RATINGS: &str = "W0305";
    pub const MISSING_PORTRAIT: &str = "W0306";
    pub const OBJECTIVE_NEVER_MET: &str = "W0307";
    pub const OBJECTIVE_SKIPPABLE: &str = "W0308";
    pub const TEST_WISE: &str = "W0309";
    pub const LENGTH_CUE: &str = "W0310";
    pub const ESCALATION_NEVER_FIRES: &str = "W0311";
    pub const CONDITION_CONSTANT: &str = "W0312";
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column in characters, where known.
    pub column: Option<usize>,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    /// A suggestion, e.g. "did you mean `trust`?".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Byte range in the source that the diagnostic points at.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: None,
            column: None,
            severity,
            code,
            message: message.into(),
            help: None,
            span: None,
        }
    }

    pub fn error(code: &'static str, file: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    pub fn warning(code: &'static str, file: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    /// Points the diagnostic at a byte range of `source`, filling in line and column.
    pub fn at(mut self, source: &str, span: Range<usize>) -> Self {
        let start = span.start.min(source.len());
        let end = span.end.clamp(start, source.len());
        let (line, column) = line_col(source, start);
        self.line = Some(line);
        self.column = Some(column);
        self.span = Some(start..end);
        self
    }

    /// Points the diagnostic at a span if there is one.
    pub fn at_opt(self, source: &str, span: Option<Range<usize>>) -> Self {
        match span {
            Some(span) => self.at(source, span),
            None => self,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line, as a compiler prints it: `PATH:LINE:COL: error[CODE]: MESSAGE`.
    pub fn headline(&self) -> String {
        let origin = match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        };
        format!("{origin}: {}[{}]: {}", self.severity.name(), self.code, self.message)
    }

    /// The whole diagnostic: the headline, then the source line with a caret under
    /// the fault and any suggestion, rendered by annotate-snippets.
    /// `source` is the file's text, if it could be read.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.clone().primary_title(self.message.as_str()).id(self.code);
        let snippet_source = match (source, &self.span) {
            (Some(src), Some(span)) if span.end <= src.len() => Some((src, span.clone())),
            _ => None,
        };
        let Some((src, span)) = snippet_source else {
            let mut out = renderer.short_message(true).render(&[Group::with_title(title)]);
            out = format!("{}: {out}", self.file);
            if let Some(help) = &self.help {
                out.push_str(&format!("\n  = help: {help}"));
            }
            return out;
        };
        let snippet =
            || Snippet::source(src).path(self.file.as_str()).annotation(AnnotationKind::Primary.span(span.clone()));
        let head = renderer.clone().short_message(true).render(&[Group::with_title(title).element(snippet())]);
        let mut body = Group::with_level(level).element(snippet());
        if let Some(help) = &self.help {
            body = body.element(Level::HELP.message(help.as_str()));
        }
        let detail = renderer.render(&[body]);
        format!("{head}\n{detail}")
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset);
    let before = &source[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Byte offset of a 1-based line and character column (clamped to the text).
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line.max(1) {
        match source[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return source.len(),
        }
    }
    let rest = &source[offset..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let col_bytes = rest[..line_end].char_indices().nth(column.saturating_sub(1)).map_or(line_end, |(i, _)| i);
    offset + col_bytes
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Counts of errors and warnings, for the one-line summary.
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{} checked: {}, {}", plural(files, "file"), plural(errors, "error"), plural(warnings, "warning"))
}

/// Suggests the closest of `candidates` to `wrong`, if one is close enough.
pub fn did_you_mean<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let wrong_l = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wrong_l, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_counted_in_characters_from_one() {
        let src = "ab\ncé d\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        let d = src.find('d').unwrap();
        assert_eq!(line_col(src, d), (2, 4));
        assert_eq!(offset_of(src, 2, 4), d);
    }

    #[test]
    fn the_first_rendered_line_is_path_line_col_severity_code_message() {
        let src = "Scenario(\n    start: \"nowhere\",\n)\n";
        let at = src.find("\"nowhere\"").unwrap();
        let d = Diagnostic::error(code::UNKNOWN_TARGET, "s.ron", "`start` names no node")
            .at(src, at..at + 9)
            .with_help("did you mean `arrival`?");
        let out = d.render(Some(src), false);
        let first = out.lines().next().unwrap();
        assert_eq!(first, "s.ron:2:12: error[E0101]: `start` names no node");
        assert_eq!(first, d.headline());
        assert!(out.contains("    start: \"nowhere\","), "{out}");
        assert!(out.contains("^^^^^^^^^"), "{out}");
        assert!(out.contains("did you mean `arrival`?"), "{out}");
    }

    #[test]
    fn a_diagnostic_without_a_position_still_names_the_file() {
        let d = Diagnostic::error(code::UNREADABLE, "gone.ron", "cannot read the file");
        let out = d.render(None, false);
        assert_eq!(out.lines().next().unwrap(), "gone.ron: error[E0009]: cannot read the file");
    }
}
