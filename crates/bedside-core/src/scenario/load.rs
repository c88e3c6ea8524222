//! Text to a checked scenario, or diagnostics with positions: size and depth
//! limits, RON parsing with serde, "did you mean" suggestions, then validation.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ron::error::{Error as RonError, SpannedError};

use crate::check;
use crate::diagnostic::did_you_mean;
use crate::diagnostic::{Diagnostic, code, offset_of};
use crate::play::script::Script;
use crate::scenario::Scenario;
use crate::text::{GLOSSARY, GLOSSARY_FILE, Glossary};

/// Files larger than this are refused.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Nesting deeper than this is refused (a scenario needs about eight levels).
pub const MAX_DEPTH: usize = 64;

/// The outcome of loading one file.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: String,
    /// The file's text, when it could be read (for rendering diagnostics).
    pub source: Option<String>,
    /// The scenario, when there were no errors.
    pub script: Option<Script>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Every diagnostic rendered for a terminal.
    pub fn render(&self, color: bool) -> String {
        self.diagnostics.iter().map(|d| d.render(self.source.as_deref(), color)).collect::<Vec<_>>().join("\n\n")
    }
}

/// Parses RON into the format's types without the semantic checks.
pub fn parse(source: &str) -> Result<Scenario, SpannedError> {
    ron::Options::default().with_recursion_limit(MAX_DEPTH).from_str(source)
}

/// The glossary for the scenarios in `folder`: the built-in one, merged with a
/// trainer's `glossary.csv` there if there is one. A glossary file that cannot be
/// read gives a warning (to attach to each scenario) and the built-in glossary.
pub fn glossary_for(folder: Option<&Path>) -> (Arc<Glossary>, Option<Diagnostic>) {
    let Some(path) = folder.map(|f| f.join(GLOSSARY_FILE)).filter(|p| p.is_file()) else {
        return (GLOSSARY.clone(), None);
    };
    let shown = path.display().to_string();
    let result = std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|t| GLOSSARY.with_extra(&t));
    match result {
        Ok(g) => (Arc::new(g), None),
        Err(e) => (
            GLOSSARY.clone(),
            Some(
                Diagnostic::warning(code::GLOSSARY, &shown, format!("the trainer's glossary was not used: {e}"))
                    .with_help("write it as CSV with the header `term,plain` (see docs/authoring.md)"),
            ),
        ),
    }
}

/// A scenario version that was valid when a record was made, rebuilt from its
/// text with parsing and reference resolution only: a check added or tightened
/// since must not stop an old attempt's debrief from opening. None if the text
/// no longer parses or a reference does not resolve.
pub fn recorded(file: &str, source: &str) -> Option<Script> {
    let scenario = parse(source).ok()?;
    Script::resolve(scenario, file.to_owned(), source, GLOSSARY.clone())
}

/// Loads a file from disk, with the glossary of its folder.
pub fn load_file(path: &Path) -> Loaded {
    let (glossary, problem) = glossary_for(path.parent());
    let mut loaded = load_file_with(path, glossary);
    loaded.diagnostics.extend(problem);
    loaded
}

/// Loads a file from disk, checked with this glossary.
pub fn load_file_with(path: &Path, glossary: Arc<Glossary>) -> Loaded {
    let file = path.display().to_string();
    let fail = |message: String| Loaded {
        file: file.clone(),
        source: None,
        script: None,
        diagnostics: vec![Diagnostic::error(code::UNREADABLE, &file, message)],
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES as u64 => return too_large(&file, m.len() as usize),
        Ok(m) if m.is_dir() => return fail("this is a folder, not a scenario file".into()),
        Ok(_) => {}
        Err(e) => return fail(format!("cannot read the file: {e}")),
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => load_str_with(&file, &text, glossary),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let d = Diagnostic::error(code::UNREADABLE, &file, "the file is not valid UTF-8 text")
                    .at(&text, at..at)
                    .with_help("save the file as UTF-8 in your editor");
                Loaded { file, source: Some(text), script: None, diagnostics: vec![d] }
            }
        },
        Err(e) => fail(format!("cannot read the file: {e}")),
    }
}

fn too_large(file: &str, len: usize) -> Loaded {
    Loaded {
        file: file.to_owned(),
        source: None,
        script: None,
        diagnostics: vec![
            Diagnostic::error(
                code::TOO_LARGE,
                file,
                format!("the file is {len} bytes; scenario files are limited to {MAX_FILE_BYTES} bytes (1 MiB)"),
            )
            .with_help("split the encounter into several scenarios"),
        ],
    }
}

/// Loads scenario text; `file` names it in diagnostics. Checked with the built-in glossary.
pub fn load_str(file: &str, source: &str) -> Loaded {
    load_str_with(file, source, GLOSSARY.clone())
}

/// Loads scenario text, checked with this glossary.
pub fn load_str_with(file: &str, source: &str, glossary: Arc<Glossary>) -> Loaded {
    if source.len() > MAX_FILE_BYTES {
        return too_large(file, source.len());
    }
    if let Some(at) = too_deep_at(source) {
        let d =
            Diagnostic::error(code::TOO_DEEP, file, format!("the file is nested more than {MAX_DEPTH} levels deep"))
                .at(source, at..at + 1)
                .with_help("a scenario needs about eight levels; check for runaway brackets");
        return Loaded { file: file.to_owned(), source: Some(source.to_owned()), script: None, diagnostics: vec![d] };
    }
    let (script, diagnostics) = match parse(source) {
        Ok(scenario) => check::check(scenario, file, source, glossary),
        Err(e) => (None, super::syntax::syntax_diagnostics(file, source, &e)),
    };
    Loaded { file: file.to_owned(), source: Some(source.to_owned()), script, diagnostics }
}

/// The offset of the first bracket that nests deeper than MAX_DEPTH, skipping
/// strings and comments. A cheap scan, so deep input is refused before parsing.
pub fn too_deep_at(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut deep = None;
    for_each_bracket(source, source.len(), |at, b| {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    deep = Some(at);
                    return false;
                }
            }
            _ => depth = depth.saturating_sub(1),
        }
        true
    });
    deep
}

/// Calls `f` with the offset of every bracket before `upto` that is not inside
/// text or a comment, until it returns false.
pub(crate) fn for_each_bracket(source: &str, upto: usize, mut f: impl FnMut(usize, u8) -> bool) {
    let b = source.as_bytes();
    let mut i = 0;
    while i < upto.min(b.len()) {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            c @ (b'(' | b'[' | b'{' | b')' | b']' | b'}') if !f(i, c) => return,
            _ => {}
        }
        i += 1;
    }
}

/// What the enum named `outer` is called for a trainer.
fn enum_kind(outer: Option<&str>) -> &'static str {
    match outer {
        Some("Emotion") => "emotion",
        Some("Tag") => "tag",
        Some("Difficulty") => "difficulty",
        Some("Outcome") => "outcome",
        Some("Condition") => "condition",
        Some("Cue") => "cue kind",
        Some("Kind") => "choice kind",
        Some("Scene") => "scene",
        Some("SkinTone") => "skin tone",
        Some("FaceShape") => "face shape",
        Some("HairStyle") => "hair style",
        Some("HairColour") => "hair colour",
        Some("EyeColour") => "eye colour",
        Some("Clothing") => "clothing",
        Some("ClothesColour") => "colour",
        Some("Headwear") => "headwear",
        Some("Pronoun") => "pronoun",
        _ => "variant",
    }
}

/// Turns a RON error into a diagnostic pointing at the token at fault.
pub fn syntax_diagnostic(file: &str, source: &str, e: &SpannedError) -> Diagnostic {
    let start = offset_of(source, e.span.start.line, e.span.start.col);
    let mut end = offset_of(source, e.span.end.line, e.span.end.col);
    if end <= start {
        end = token_end(source, start);
    }
    let list = |names: &[&str]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let (code, message, help): (&'static str, String, Option<String>) = match &e.code {
        RonError::NoSuchStructField { expected, found, outer } => {
            let inside = outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default();
            let help = match did_you_mean(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the fields here are {}", list(expected)),
            };
            (code::UNKNOWN_FIELD, format!("unknown field `{found}`{inside}"), Some(help))
        }
        RonError::MissingStructField { field, outer } => {
            let inside = outer.as_deref().map(|o| format!(" in this `{o}`")).unwrap_or_default();
            (
                code::MISSING_FIELD,
                format!("missing field `{field}`{inside}"),
                Some(format!("add `{field}: ...` (see docs/scenario-format.md)")),
            )
        }
        RonError::DuplicateStructField { field, outer } => {
            let inside = outer.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default();
            (
                code::DUPLICATE_FIELD,
                format!("the field `{field}` is given twice{inside}"),
                Some("keep one of them".into()),
            )
        }
        RonError::NoSuchEnumVariant { expected, found, outer } => {
            let kind = enum_kind(outer.as_deref());
            let help = match did_you_mean(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("expected one of {}", list(expected)),
            };
            (code::UNKNOWN_VARIANT, format!("unknown {kind} `{found}`"), Some(help))
        }
        RonError::ExpectedDifferentStructName { expected, found } => (
            code::UNKNOWN_VARIANT,
            format!("expected `{expected}` here, found `{found}`"),
            Some(format!("did you mean `{expected}`?")),
        ),
        RonError::InvalidValueForType { expected, found } => {
            (code::WRONG_TYPE, format!("wrong type: expected {expected}, found {found}"), None)
        }
        RonError::ExceededRecursionLimit => (
            code::TOO_DEEP,
            format!("the file is nested more than {MAX_DEPTH} levels deep"),
            Some("a scenario needs far fewer levels; check for runaway brackets".into()),
        ),
        RonError::IntegerOutOfBounds => (code::OUT_OF_RANGE, "this number is far out of range".into(), None),
        RonError::ExpectedInteger
        | RonError::ExpectedString
        | RonError::ExpectedBoolean
        | RonError::ExpectedFloat
        | RonError::ExpectedArray
        | RonError::ExpectedMap
        | RonError::ExpectedOption
        | RonError::ExpectedStructLike
        | RonError::ExpectedNamedStructLike(_)
        | RonError::ExpectedUnit
        | RonError::ExpectedChar => {
            (code::WRONG_TYPE, format!("wrong type: {}", lower_first(&e.code.to_string())), type_help(&e.code))
        }
        RonError::Eof => {
            (code::SYNTAX, "the file ends too early".into(), Some("check for a missing `)`, `]` or `}`".into()))
        }
        other => (code::SYNTAX, lower_first(&other.to_string()), None),
    };
    let mut d = Diagnostic::error(code, file, message).at(source, start..end);
    d.help = help;
    d
}

fn type_help(e: &RonError) -> Option<String> {
    Some(
        match e {
            RonError::ExpectedInteger => "write a whole number, without quotes",
            RonError::ExpectedString => "write text in double quotes",
            RonError::ExpectedBoolean => "write `true` or `false`",
            RonError::ExpectedArray => "write a list in square brackets: [ ... ]",
            RonError::ExpectedMap => "write a map in braces: { \"id\": ( ... ), }",
            RonError::ExpectedOption => "write `None` or `Some(...)`",
            RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
                "write the fields in parentheses: ( name: value, ... )"
            }
            _ => return None,
        }
        .to_owned(),
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The end of the token starting at `start` (a word, a quoted string, or one character).
fn token_end(source: &str, start: usize) -> usize {
    let rest = &source[start.min(source.len())..];
    let mut chars = rest.char_indices();
    match chars.next() {
        None => start,
        Some((_, '"')) => {
            let mut escaped = false;
            for (i, c) in chars {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    return start + i + 1;
                } else if c == '\n' {
                    return start + i;
                }
            }
            source.len()
        }
        Some((_, c)) if c.is_alphanumeric() || c == '_' || c == '-' => {
            let len = rest
                .char_indices()
                .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
                .map_or(rest.len(), |(i, _)| i);
            start + len
        }
        Some((_, c)) => start + c.len_utf8(),
    }
}

/// Every `*.ron` file under the given paths (files as given, folders recursively),
/// sorted within each folder. Paths that do not exist are returned as they are,
/// so loading them reports the problem.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .follow_links(true)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ron"))
                .map(walkdir::DirEntry::into_path)
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// A folder of scenarios, loaded: the good ones and every file's diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub files: Vec<Loaded>,
}

impl Library {
    /// Loads every file under `paths`, and reports scenario ids used twice.
    pub fn load(paths: &[PathBuf]) -> Library {
        // One glossary per folder; its problem, if any, is reported once.
        let mut glossaries: std::collections::HashMap<PathBuf, Arc<Glossary>> = std::collections::HashMap::new();
        let mut files: Vec<Loaded> = Vec::new();
        for p in collect_files(paths) {
            let folder = p.parent().map(Path::to_path_buf).unwrap_or_default();
            let glossary = match glossaries.get(&folder) {
                Some(g) => g.clone(),
                None => {
                    let (g, problem) = glossary_for(Some(&folder));
                    glossaries.insert(folder, g.clone());
                    if let Some(d) = problem {
                        files.push(Loaded { file: d.file.clone(), source: None, script: None, diagnostics: vec![d] });
                    }
                    g
                }
            };
            files.push(load_file_with(&p, glossary));
        }
        check_unique_ids(&mut files);
        Library { files }
    }

    /// The scenarios that loaded, in file order.
    pub fn scripts(&self) -> impl Iterator<Item = &Script> {
        self.files.iter().filter_map(|f| f.script.as_ref())
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.diagnostics.iter())
    }
}

/// A scenario id must be unique in a library: the second file with an id is refused.
pub fn check_unique_ids(files: &mut [Loaded]) {
    let mut seen: Vec<(String, String)> = Vec::new();
    for f in files.iter_mut() {
        let Some(script) = &f.script else { continue };
        let id = script.id().to_owned();
        if let Some((_, first)) = seen.iter().find(|(i, _)| *i == id) {
            let source = f.source.clone().unwrap_or_default();
            let span = crate::scenario::locate::Locator::new(&source).value("id");
            f.diagnostics.push(
                Diagnostic::error(
                    code::DUPLICATE_ID,
                    &f.file,
                    format!("the scenario id `{id}` is already used by {first}"),
                )
                .at_opt(&source, span)
                .with_help("give each scenario in a library its own id"),
            );
            f.script = None;
        } else {
            seen.push((id, f.file.clone()));
        }
    }
}
