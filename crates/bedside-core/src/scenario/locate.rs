//! Finds where things are in a RON source text, so that semantic errors can point
//! at the line of the thing at fault (a `goto` string, a node key, a rating).
//!
//! Only used once a file has parsed and has something to report, so it favours
//! simplicity over speed. Paths look like `nodes["arrival"].choices[0].goto`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Open(u8),
    Close(u8),
    Colon,
    Comma,
    Ident,
    Str,
    Other,
    Hash,
}

/// The spans of every value and map key in a RON document.
#[derive(Debug, Default)]
pub struct Locator {
    values: HashMap<String, Range<usize>>,
    keys: Vec<(String, String, Range<usize>)>,
}

impl Locator {
    /// Scans `source`. Never fails: a part it cannot follow is simply not located.
    pub fn new(source: &str) -> Self {
        Self::walk(source, None, true)
    }

    /// Like [`Locator::new`], but keeps the spans of these value paths only (and
    /// every map key): what a report with a few diagnostics needs, without
    /// keeping a string for every value of a large file.
    /// With `keys` false, map keys are not needed and reading stops as soon as
    /// every wanted value is found.
    pub fn for_paths(source: &str, wanted: &HashSet<String>, keys: bool) -> Self {
        Self::walk(source, Some(wanted), keys)
    }

    fn walk(source: &str, wanted: Option<&HashSet<String>>, keys_wanted: bool) -> Self {
        let tokens = tokenize(source);
        let mut walker = Walker {
            src: source,
            toks: &tokens,
            pos: 0,
            out: Locator::default(),
            depth: 0,
            path: String::new(),
            wanted,
            keys_wanted,
        };
        walker.skip_attributes();
        walker.value();
        walker.out
    }

    /// The span of the value at `path` (e.g. `start`, `nodes["a"].choices[1].goto`).
    pub fn value(&self, path: &str) -> Option<Range<usize>> {
        self.values.get(path).cloned()
    }

    /// The spans of every occurrence of key `key` in the map at `map_path`
    /// (e.g. map `nodes`, key `arrival`), in file order.
    pub fn keys(&self, map_path: &str, key: &str) -> Vec<Range<usize>> {
        self.keys.iter().filter(|(m, k, _)| m == map_path && k == key).map(|(_, _, r)| r.clone()).collect()
    }

    /// The span of the first occurrence of a map key.
    pub fn key(&self, map_path: &str, key: &str) -> Option<Range<usize>> {
        self.keys.iter().find(|(m, k, _)| m == map_path && k == key).map(|(_, _, r)| r.clone())
    }
}

fn tokenize(src: &str) -> Vec<(Tok, Range<usize>)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i = (i + 1).min(b.len());
                out.push((Tok::Str, start..i));
            }
            b'r' if matches!(b.get(i + 1), Some(b'"') | Some(b'#')) && raw_string_hashes(&b[i + 1..]).is_some() => {
                let hashes = raw_string_hashes(&b[i + 1..]).unwrap_or(0);
                i += 2 + hashes;
                let closing: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                while i < b.len() && !b[i..].starts_with(&closing) {
                    i += 1;
                }
                i = (i + closing.len()).min(b.len());
                out.push((Tok::Str, start..i));
            }
            b'\'' => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i = (i + 1).min(b.len());
                out.push((Tok::Other, start..i));
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                out.push((Tok::Open(c), start..i));
            }
            b')' | b']' | b'}' => {
                i += 1;
                out.push((Tok::Close(c), start..i));
            }
            b':' => {
                i += 1;
                out.push((Tok::Colon, start..i));
            }
            b',' => {
                i += 1;
                out.push((Tok::Comma, start..i));
            }
            b'#' => {
                i += 1;
                out.push((Tok::Hash, start..i));
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                if c == b'r' && b.get(i + 1) == Some(&b'#') {
                    i += 2;
                }
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                    i += 1;
                }
                out.push((Tok::Ident, start..i));
            }
            _ => {
                // numbers, signs, dots and anything else: one token per run.
                i += 1;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b'_' | b'+' | b'-')) {
                    i += 1;
                }
                out.push((Tok::Other, start..i));
            }
        }
    }
    out
}

/// For `"..."` returns Some(0); for `#"...`, `##"...` the number of hashes.
fn raw_string_hashes(b: &[u8]) -> Option<usize> {
    let n = b.iter().take_while(|&&c| c == b'#').count();
    (b.get(n) == Some(&b'"')).then_some(n)
}

struct Walker<'a> {
    src: &'a str,
    toks: &'a [(Tok, Range<usize>)],
    pos: usize,
    out: Locator,
    depth: usize,
    /// The path of the value being read; children add to it and take it back off.
    path: String,
    /// Only these paths are kept, when given.
    wanted: Option<&'a HashSet<String>>,
    /// Whether map keys are wanted too (then the whole file is read).
    keys_wanted: bool,
}

impl Walker<'_> {
    fn peek(&self, ahead: usize) -> Option<Tok> {
        self.toks.get(self.pos + ahead).map(|t| t.0)
    }

    fn span(&self, at: usize) -> Range<usize> {
        self.toks.get(at).map_or(self.src.len()..self.src.len(), |t| t.1.clone())
    }

    fn text(&self, at: usize) -> &str {
        let r = self.span(at);
        &self.src[r]
    }

    fn skip_attributes(&mut self) {
        while self.peek(0) == Some(Tok::Hash) {
            let mut depth = 0usize;
            self.pos += 1;
            while let Some(t) = self.peek(0) {
                self.pos += 1;
                match t {
                    Tok::Open(_) => depth += 1,
                    Tok::Close(_) => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Reads the value at `self.path`, with `suffix` added for its duration.
    fn child(&mut self, suffix: std::fmt::Arguments<'_>) {
        use std::fmt::Write as _;
        let len = self.path.len();
        let _ = self.path.write_fmt(suffix);
        self.value();
        self.path.truncate(len);
    }

    /// Reads one value, recording its span at `self.path`.
    fn value(&mut self) {
        self.depth += 1;
        if self.depth > 512 {
            self.pos = self.toks.len();
            return;
        }
        let start = self.span(self.pos).start;
        match self.peek(0) {
            Some(Tok::Ident) => {
                let is_some = self.text(self.pos) == "Some";
                self.pos += 1;
                if self.peek(0) == Some(Tok::Open(b'(')) {
                    if is_some {
                        self.pos += 1;
                        self.value();
                        self.expect_close();
                    } else {
                        self.parens();
                    }
                }
            }
            Some(Tok::Open(b'(')) => self.parens(),
            Some(Tok::Open(b'[')) => {
                self.pos += 1;
                let mut i = 0;
                while !matches!(self.peek(0), Some(Tok::Close(_)) | None) {
                    self.child(format_args!("[{i}]"));
                    i += 1;
                    self.skip_comma();
                }
                self.expect_close();
            }
            Some(Tok::Open(b'{')) => {
                self.pos += 1;
                while !matches!(self.peek(0), Some(Tok::Close(_)) | None) {
                    let key_at = self.pos;
                    let key = unquote(self.text(key_at));
                    self.out.keys.push((self.path.clone(), key.clone(), self.span(key_at)));
                    // The key is one string token; step over it.
                    self.pos += 1;
                    if self.peek(0) == Some(Tok::Colon) {
                        self.pos += 1;
                    }
                    self.child(format_args!("[\"{key}\"]"));
                    self.skip_comma();
                }
                self.expect_close();
            }
            Some(_) => self.pos += 1,
            None => {}
        }
        let end = self.span(self.pos.saturating_sub(1)).end.max(start);
        if self.wanted.is_none_or(|w| w.contains(&self.path)) && !self.out.values.contains_key(&self.path) {
            self.out.values.insert(self.path.clone(), start..end);
            // Every wanted value found: the rest of the file need not be read.
            if self.wanted.is_some_and(|w| w.len() == self.out.values.len()) && !self.keys_wanted {
                self.pos = self.toks.len();
            }
        }
        self.depth -= 1;
    }

    /// `( ... )`: a struct's fields or a tuple's items.
    fn parens(&mut self) {
        self.pos += 1;
        let is_struct = self.peek(0) == Some(Tok::Ident) && self.peek(1) == Some(Tok::Colon);
        let mut i = 0;
        while !matches!(self.peek(0), Some(Tok::Close(_)) | None) {
            if is_struct && self.peek(0) == Some(Tok::Ident) && self.peek(1) == Some(Tok::Colon) {
                let src = self.src;
                let field = src[self.span(self.pos)].trim_start_matches("r#");
                self.pos += 2;
                if self.path.is_empty() {
                    self.child(format_args!("{field}"));
                } else {
                    self.child(format_args!(".{field}"));
                }
            } else {
                self.child(format_args!("[{i}]"));
                i += 1;
            }
            self.skip_comma();
        }
        self.expect_close();
    }

    fn skip_comma(&mut self) {
        match self.peek(0) {
            Some(Tok::Comma) => self.pos += 1,
            Some(Tok::Close(_)) | None => {}
            // Something unexpected: step over it so the walk always advances.
            Some(_) => {}
        }
    }

    fn expect_close(&mut self) {
        if matches!(self.peek(0), Some(Tok::Close(_))) {
            self.pos += 1;
        }
    }
}

fn unquote(s: &str) -> String {
    let s = s.trim_start_matches('r').trim_matches('#');
    s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(s).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"#![enable(implicit_some)]
// a comment with "quotes" and ( parens
Scenario(
    id: "x",
    patient: (name: "A (b)", age: 40),
    nodes: {
        "a": (says: ["hi", r#"raw "q""#], escalate: Some((at_distress: 80, goto: "b")),
              choices: [(say: "one", goto: "b"), (say: "two", goto: "c")]),
        /* block /* nested */ */
        "b": (says: ["x"], cue: Some(Explicit(Fear)), choices: []),
        "a": (says: [], choices: []),
    },
)
"##;

    fn text(loc: &Locator, path: &str) -> String {
        SRC[loc.value(path).unwrap_or_else(|| panic!("{path} not found"))].to_owned()
    }

    #[test]
    fn fields_list_items_and_map_values_are_located_by_path() {
        let loc = Locator::new(SRC);
        assert_eq!(text(&loc, "id"), "\"x\"");
        assert_eq!(text(&loc, "patient.age"), "40");
        assert_eq!(text(&loc, "nodes[\"a\"].choices[1].goto"), "\"c\"");
        assert_eq!(text(&loc, "nodes[\"a\"].escalate.goto"), "\"b\"");
        assert_eq!(text(&loc, "nodes[\"a\"].says[1]"), "r#\"raw \"q\"\"#");
        assert_eq!(text(&loc, "nodes[\"b\"].cue"), "Explicit(Fear)");
    }

    #[test]
    fn every_occurrence_of_a_map_key_is_located() {
        let loc = Locator::new(SRC);
        let keys = loc.keys("nodes", "a");
        assert_eq!(keys.len(), 2);
        assert!(keys.iter().all(|r| &SRC[r.clone()] == "\"a\""));
        assert_eq!(&SRC[loc.key("nodes", "b").unwrap()], "\"b\"");
    }

    #[test]
    fn garbage_is_walked_without_panicking() {
        for src in ["", "(", "{\"a\"", "[1,,]", ")))", "Some(", "r#\"", "/* open", "\"open"] {
            let _ = Locator::new(src);
        }
    }
}
