//! Syntax errors in words a trainer can act on, and as many of them as one run
//! can find: a missing comma is shown at the end of the line where it belongs, a
//! quote mark inside text is named as such, a wrong closing bracket names the
//! bracket it should close. Where the fix is plain the text is patched and parsed
//! again, so the next error is found too; where it is not, the last error says
//! that there may be more after it.

use ron::error::{Error as RonError, SpannedError};

use super::load::{parse, syntax_diagnostic};
use crate::diagnostic::{Diagnostic, code, offset_of};

/// At most this many syntax errors are reported for one file.
pub const MAX_SYNTAX_ERRORS: usize = 20;

/// A change to the text that gets the parser past one error.
#[derive(Debug, Clone)]
enum Fix {
    Insert(usize, char),
    /// Replace the one-byte characters at these offsets.
    Replace(Vec<usize>, char),
}

/// Every syntax error found, starting from the parser's first.
pub fn syntax_diagnostics(file: &str, source: &str, first: &SpannedError) -> Vec<Diagnostic> {
    let mut patched = source.to_owned();
    // Offsets in `patched` of characters inserted by fixes, in order.
    let mut inserted: Vec<usize> = Vec::new();
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut error = first.clone();
    let mut last_at = None;
    loop {
        let (d, fix) = explain(file, &patched, &error);
        let at = d.span.clone().unwrap_or(0..0);
        let back = |p: usize| p - inserted.iter().filter(|&&i| i < p).count();
        let mut d = d.at(source, back(at.start)..back(at.end));
        let stuck = last_at == Some(at.start);
        last_at = Some(at.start);
        let Some(fix) = fix.filter(|_| !stuck && out.len() + 1 < MAX_SYNTAX_ERRORS) else {
            // Punctuation the parser cannot get past may hide more errors after it.
            // (An unknown or missing field is reported as it is: the text around it parsed.)
            if d.code != code::SYNTAX {
                out.push(d);
                break;
            }
            d.help = Some(match d.help.take() {
                Some(h) => format!("{h}\nfix this first: the checker stops here, so there may be more errors after it"),
                None => "fix this first: the checker stops here, so there may be more errors after it".into(),
            });
            out.push(d);
            break;
        };
        out.push(d);
        match fix {
            Fix::Insert(at, c) => {
                patched.insert(at, c);
                for i in &mut inserted {
                    if *i >= at {
                        *i += c.len_utf8();
                    }
                }
                inserted.push(at);
                inserted.sort_unstable();
            }
            Fix::Replace(offsets, c) => {
                for at in offsets {
                    let old = patched[at..].chars().next().map_or(0, char::len_utf8);
                    if old == c.len_utf8() {
                        patched.replace_range(at..at + old, c.encode_utf8(&mut [0; 4]));
                    }
                }
            }
        }
        match parse(&patched) {
            Ok(_) => break,
            Err(e) => error = e,
        }
    }
    out
}

/// The diagnostic for one error in `src` (positioned in `src`), and a fix if one is plain.
fn explain(file: &str, src: &str, e: &SpannedError) -> (Diagnostic, Option<Fix>) {
    let mut start = offset_of(src, e.span.start.line, e.span.start.col);
    if e.code == RonError::TrailingCharacters {
        start = src.len() - src[start..].trim_start().len();
    }
    let base = syntax_diagnostic(file, src, e);
    // A closing bracket of the wrong kind, whatever the parser expected there.
    if let Some(closer) = src[start..].chars().next().filter(|c| matches!(c, ')' | ']' | '}')) {
        let open = open_brackets(src, start);
        match open.last() {
            Some(&(at, opener)) if closing(opener) != closer => {
                let (line, col) = crate::diagnostic::line_col(src, at);
                let right = closing(opener);
                let d = Diagnostic::error(
                    code::SYNTAX,
                    file,
                    format!(
                        "`{closer}` here closes the `{opener}` opened at line {line}, column {col}: write `{right}`"
                    ),
                )
                .at(src, start..start + 1)
                .with_help(format!("`(` is closed by `)`, `[` by `]` and `{{` by `}}`; write `{right}` here"));
                return (d, Some(Fix::Replace(vec![start], right)));
            }
            None => {
                let d = Diagnostic::error(code::SYNTAX, file, format!("this `{closer}` closes nothing"))
                    .at(src, start..start + 1)
                    .with_help("remove it, or add the bracket it should close");
                return (d, None);
            }
            _ => {}
        }
    }
    match &e.code {
        RonError::ExpectedComma => comma(file, src, start),
        RonError::ExpectedStringEnd => {
            let d = Diagnostic::error(code::SYNTAX, file, "this text has no closing quote mark `\"`")
                .at(src, start..start + 1)
                .with_help("end the text with `\"` before the comma, e.g. `title: \"A title\",`");
            (d, None)
        }
        RonError::TrailingCharacters => {
            let d = Diagnostic::error(code::SYNTAX, file, "there is more text after the end of the scenario")
                .at(src, start..token_end(src, start))
                .with_help("a file holds one scenario: remove what follows its closing `)`");
            (d, None)
        }
        RonError::ExpectedDifferentStructName { expected, found } if found.starts_with(char::is_lowercase) => {
            let d = Diagnostic::error(
                code::SYNTAX,
                file,
                format!("the fields of this value need parentheses of their own: found the field `{found}`"),
            )
            .at(src, start..start + found.len())
            .with_help(format!(
                "write the `{expected}` in its own parentheses, e.g. `Some(({found}: ..., ...))` (two pairs after `Some`)",
            ));
            (d, None)
        }
        RonError::Eof => {
            let open = open_brackets(src, src.len());
            match open.last() {
                Some(&(at, opener)) => {
                    let (line, col) = crate::diagnostic::line_col(src, at);
                    let d = Diagnostic::error(
                        code::SYNTAX,
                        file,
                        format!("the file ends before the `{opener}` opened at line {line}, column {col} is closed"),
                    )
                    .at(src, at..at + 1)
                    .with_help(format!("add `{}` where this part ends", closing(opener)));
                    (d, None)
                }
                None => (base, None),
            }
        }
        _ => (base, None),
    }
}

/// An "expected comma": a missing comma at the end of the line before, a quote
/// mark inside text, or a missing comma on the same line.
fn comma(file: &str, src: &str, start: usize) -> (Diagnostic, Option<Fix>) {
    let before = &src[..start];
    let prev_end = before.trim_end().len();
    let gap = &src[prev_end..start];
    if gap.contains('\n') && prev_end > 0 {
        let last = before[..prev_end].chars().next_back().map_or(1, char::len_utf8);
        let d = Diagnostic::error(code::SYNTAX, file, "a comma is missing at the end of this line: add a comma")
            .at(src, prev_end - last..prev_end)
            .with_help("every field and every item of a list or map ends with a comma, e.g. `trust: 10,`");
        return (d, Some(Fix::Insert(prev_end, ',')));
    }
    let word_follows = src[start..].starts_with(|c: char| c.is_alphanumeric() || c == '\'');
    if gap.is_empty() && before.ends_with('"') && word_follows {
        // The text ended at a quote mark the writer meant inside it.
        let inner = start - 1;
        let d = Diagnostic::error(code::SYNTAX, file, "a quote mark `\"` inside text ends the text early")
            .at(src, inner..inner + 1)
            .with_help(
                "to put a quote mark inside text, write `\\\"` (\"He said \\\"no\\\".\"), or use single quotes ('no')",
            );
        // Text like `"a "word" b"` has a second inner quote after the word: the
        // next quote on the line, when what follows it cannot follow text.
        let mut at = vec![inner];
        let line_end = src[start..].find('\n').map_or(src.len(), |n| start + n);
        if let Some(q) = src[start..line_end].find('"').map(|n| start + n) {
            let next = src[q + 1..].trim_start().chars().next();
            if !matches!(next, Some(',' | ')' | ']' | '}' | ':') | None) {
                at.push(q);
            }
        }
        return (d, Some(Fix::Replace(at, '\'')));
    }
    let d = Diagnostic::error(code::SYNTAX, file, "a comma is missing before this: add a comma")
        .at(src, start..token_end(src, start))
        .with_help("separate fields and items with commas, e.g. `empathy: 4, clarity: 3`");
    (d, Some(Fix::Insert(start, ',')))
}

/// The brackets still open at `upto`, as (offset, bracket), skipping strings and comments.
fn open_brackets(src: &str, upto: usize) -> Vec<(usize, char)> {
    let mut stack = Vec::new();
    super::load::for_each_bracket(src, upto, |at, b| {
        match b {
            b'(' | b'[' | b'{' => stack.push((at, char::from(b))),
            _ => {
                stack.pop();
            }
        }
        true
    });
    stack
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

fn token_end(src: &str, start: usize) -> usize {
    let rest = &src[start..];
    start + rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|&n| n > 0).unwrap_or(1).min(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_brackets_skip_strings_and_comments() {
        let src = "( \"(\" // (\n [ {";
        let open: Vec<char> = open_brackets(src, src.len()).into_iter().map(|(_, c)| c).collect();
        assert_eq!(open, ['(', '[', '{']);
    }
}
