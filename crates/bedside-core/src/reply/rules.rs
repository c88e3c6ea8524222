//! The rules that read a typed reply, from a plain text file an educator can
//! read and extend (`rules.txt` beside this file, and a `reading.txt` beside
//! the scenarios): emotion words, NURSE statements, blockers, question words
//! and synonyms, each a list of whole-word phrases.

use std::sync::{Arc, LazyLock};

/// What a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Emotion,
    Nurse,
    Blocker,
    Open,
    Closed,
    Routine,
    Synonym,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        Some(match word {
            "emotion" => Kind::Emotion,
            "nurse" => Kind::Nurse,
            "blocker" => Kind::Blocker,
            "open" => Kind::Open,
            "closed" => Kind::Closed,
            "routine" => Kind::Routine,
            "synonym" => Kind::Synonym,
            _ => return None,
        })
    }
}

/// One word of a phrase: the word itself, or a prefix (written `frighten*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    Exact(String),
    Prefix(String),
}

impl Word {
    fn matches(&self, token: &str) -> bool {
        match self {
            Word::Exact(w) => token == w,
            Word::Prefix(p) => token.starts_with(p.as_str()),
        }
    }
}

/// One rule: a kind, its label and the phrases that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub kind: Kind,
    pub label: String,
    pub phrases: Vec<Vec<Word>>,
}

/// A phrase found in a text: which rule, and the tokens it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub label: String,
    pub start: usize,
    pub end: usize,
}

/// The rules in force.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub rules: Vec<Rule>,
}

/// The built-in rules, from `rules.txt`.
pub static RULES: LazyLock<Arc<Rules>> =
    LazyLock::new(|| Arc::new(Rules::parse(include_str!("rules.txt")).unwrap_or_default()));

/// The name of an educator's own rules file, in a scenario folder.
pub const RULES_FILE: &str = "reading.txt";

/// The rules for the scenarios in `folder`: the built-in ones, with those of a
/// `reading.txt` there if there is one. A file that cannot be read gives the
/// built-in rules and a message saying why.
pub fn rules_for(folder: Option<&std::path::Path>) -> (Arc<Rules>, Option<String>) {
    let Some(path) = folder.map(|f| f.join(RULES_FILE)).filter(|p| p.is_file()) else {
        return (RULES.clone(), None);
    };
    match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|t| RULES.with_extra(&t)) {
        Ok(r) => (Arc::new(r), None),
        Err(e) => (RULES.clone(), Some(format!("{}: not used: {e}", path.display()))),
    }
}

/// The words of a text as the rules and the matcher see them: lower case,
/// apostrophes dropped (`don't` is `dont`), split at anything that is not a
/// letter or a digit.
pub fn tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace(['\'', '’', '‘'], "");
    lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

impl Rules {
    /// Reads rules text; an error names the line at fault.
    pub fn parse(text: &str) -> Result<Rules, String> {
        let mut rules = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let usage = || format!("line {}: write KIND LABEL phrase | phrase ...", i + 1);
            let (kind, rest) = line.split_once(char::is_whitespace).ok_or_else(usage)?;
            let (label, rest) = rest.trim_start().split_once(char::is_whitespace).ok_or_else(usage)?;
            let kind = Kind::parse(kind).ok_or_else(|| {
                format!(
                    "line {}: `{kind}` is not a kind of rule (emotion, nurse, blocker, open, closed, routine or synonym)",
                    i + 1
                )
            })?;
            let phrases: Vec<Vec<Word>> = rest
                .split('|')
                .map(|p| {
                    p.split_whitespace()
                        .map(|w| match w.strip_suffix('*') {
                            Some(prefix) => Word::Prefix(tokens(prefix).concat()),
                            None => Word::Exact(tokens(w).concat()),
                        })
                        .filter(|w| !matches!(w, Word::Exact(s) | Word::Prefix(s) if s.is_empty()))
                        .collect::<Vec<Word>>()
                })
                .filter(|p| !p.is_empty())
                .collect();
            if phrases.is_empty() {
                return Err(format!("line {}: the rule has no phrase", i + 1));
            }
            rules.push(Rule { kind, label: label.trim().to_owned(), phrases });
        }
        Ok(Rules { rules })
    }

    /// The built-in rules with an educator's added (same form).
    pub fn with_extra(&self, text: &str) -> Result<Rules, String> {
        let mut all = self.clone();
        all.rules.extend(Rules::parse(text)?.rules);
        Ok(all)
    }

    /// Every phrase of the given kinds found in `tokens`, longest first where
    /// two start at the same word.
    pub fn find(&self, tokens: &[String], kinds: &[Kind]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for rule in self.rules.iter().filter(|r| kinds.contains(&r.kind)) {
            for phrase in &rule.phrases {
                if phrase.len() > tokens.len() {
                    continue;
                }
                for start in 0..=tokens.len() - phrase.len() {
                    if phrase.iter().zip(&tokens[start..]).all(|(w, t)| w.matches(t)) {
                        hits.push(Hit { kind: rule.kind, label: rule.label.clone(), start, end: start + phrase.len() });
                    }
                }
            }
        }
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        hits
    }
}
