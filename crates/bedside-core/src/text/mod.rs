//! Readability (Flesch-Kincaid grade, Flesch reading ease) and the jargon glossary.
//!
//! Syllables are counted by a rule-based estimate, documented in docs/readability.md:
//! vowel groups (a, e, i, o, u, y) in the lower-cased word, less a silent final
//! `e` (but not `-le` after a consonant), less a silent `-es`/`-ed` ending (not after
//! `t`/`d` for `-ed`, not after s/x/z/ch/sh/g/c for `-es`), plus one for vowel pairs
//! that are said apart (`ia`, `io`, `eo`, `ua`, `uo`, `ie` as in "radio", "diet"); at
//! least one per word. Digits count as one word of one syllable per number.

use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

/// Counts and scores for a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// Flesch-Kincaid grade level (US school grade).
    pub grade: f64,
    /// Flesch reading ease (higher is easier; 60-70 is plain English).
    pub reading_ease: f64,
}

/// Scores `text`. An empty text scores grade 0 and reading ease 100.
pub fn readability(text: &str) -> Readability {
    let mut words = 0usize;
    let mut syllables = 0usize;
    for word in words_of(text) {
        words += 1;
        syllables += syllable_count(word);
    }
    let sentences = sentence_count(text);
    if words == 0 {
        return Readability { sentences, words, syllables, grade: 0.0, reading_ease: 100.0 };
    }
    let wps = words as f64 / sentences.max(1) as f64;
    let spw = syllables as f64 / words as f64;
    Readability {
        sentences,
        words,
        syllables,
        grade: 0.39 * wps + 11.8 * spw - 15.59,
        reading_ease: 206.835 - 1.015 * wps - 84.6 * spw,
    }
}

/// The words of a text: runs of letters, digits and inner apostrophes or hyphens.
pub fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Sentences: runs of `.`, `!` or `?` that end a sentence (followed by space or the
/// end, after some word), plus one for trailing words without a full stop.
pub fn sentence_count(text: &str) -> usize {
    let b = text.as_bytes();
    let mut count = 0;
    let mut words_since = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?') {
            // Take the whole run of closing punctuation and quotes.
            while i + 1 < b.len() && matches!(b[i + 1], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                i += 1;
            }
            // Curly closing quotes are three bytes: skip them too.
            let mut next = i + 1;
            while text.get(next..).is_some_and(|r| r.starts_with('\u{201d}') || r.starts_with('\u{2019}')) {
                next += 3;
            }
            let at_end = next >= b.len() || b[next].is_ascii_whitespace();
            if at_end && words_since {
                count += 1;
                words_since = false;
            }
        } else if c.is_ascii_alphanumeric()
            || c >= 0x80 && text.is_char_boundary(i) && text[i..].chars().next().is_some_and(char::is_alphanumeric)
        {
            words_since = true;
        }
        i += 1;
    }
    count + usize::from(words_since)
}

/// Estimated syllables in one word (see the module docs for the rules).
pub fn syllable_count(word: &str) -> usize {
    if word.contains('-') {
        return word
            .split('-')
            .filter(|p| p.chars().any(char::is_alphabetic))
            .map(syllable_count)
            .sum::<usize>()
            .max(1);
    }
    // Lower-cased letters; non-ASCII letters count as consonants.
    let mut buf = [0u8; 48];
    let mut n = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if n == buf.len() {
            break;
        }
        buf[n] = if c.is_ascii() { c.to_ascii_lowercase() as u8 } else { b'x' };
        n += 1;
    }
    if n == 0 {
        // Numbers and symbols: one syllable per word.
        return 1;
    }
    let w = &buf[..n];
    if n <= 3 {
        return 1;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut groups: usize = 0;
    let mut prev_vowel = false;
    for (i, &c) in w.iter().enumerate() {
        // `y` at the start of a word is a consonant ("yes", "you").
        let v = vowel(c) && !(c == b'y' && i == 0);
        if v && !prev_vowel {
            groups += 1;
        }
        prev_vowel = v;
    }
    let ends = |s: &[u8]| w.ends_with(s);
    let consonant_at = |i: usize| i < n && !vowel(w[i]);
    let sounded_e = ends(b"ee") || ends(b"ie") || ends(b"ye") || (ends(b"le") && consonant_at(n - 3));
    let silent_e = w[n - 1] == b'e' && !sounded_e;
    let silent_ed = ends(b"ed") && !matches!(w[n - 3], b't' | b'd') && consonant_at(n - 3);
    let silent_es = ends(b"es") && consonant_at(n - 3) && {
        let before = w[n - 3];
        let sibilant =
            matches!(before, b's' | b'x' | b'z' | b'g' | b'c') || (before == b'h' && matches!(w[n - 4], b'c' | b's'));
        !sibilant
    };
    if silent_e || silent_ed || silent_es {
        groups = groups.saturating_sub(1);
    }
    // Vowel pairs said as two syllables.
    for pair in w.windows(2) {
        if matches!(
            (pair[0], pair[1]),
            (b'i', b'a') | (b'i', b'o') | (b'e', b'o') | (b'u', b'a') | (b'u', b'o') | (b'i', b'e')
        ) {
            groups += 1;
        }
    }
    // "-ies"/"-ied"/"-ier"/"-ie"/"-iew" are one syllable; "-ience"/"-ient" keep the pair.
    if (ends(b"ies") || ends(b"ied") || ends(b"ier") || ends(b"ie") || ends(b"iew"))
        && !(ends(b"ience") || ends(b"ient"))
    {
        groups = groups.saturating_sub(1);
    }
    groups.max(1)
}

/// One glossary entry: a clinical term and what to say instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub term: String,
    pub plain: String,
}

/// A term found in a text, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub term: String,
    pub plain: String,
    #[serde(skip)]
    pub at: std::ops::Range<usize>,
}

/// The jargon glossary: terms a patient may not understand.
///
/// Terms written all in capitals (abbreviations such as `NPO`) match case-sensitively;
/// others match in any case. Either way a term matches only as a whole word or phrase.
#[derive(Debug)]
pub struct Glossary {
    terms: Vec<Term>,
    caps: Option<AhoCorasick>,
    caps_ids: Vec<usize>,
    words: Option<AhoCorasick>,
    words_ids: Vec<usize>,
}

/// The glossary shipped in `glossary.csv` beside this file, built into the program.
pub static GLOSSARY: LazyLock<Arc<Glossary>> =
    LazyLock::new(|| Arc::new(Glossary::parse(include_str!("glossary.csv")).unwrap_or_else(|_| Glossary::empty())));

/// The name of a trainer's own glossary file, in a scenario folder.
pub const GLOSSARY_FILE: &str = "glossary.csv";

impl Glossary {
    /// Reads a CSV of `term,plain` with a header line.
    pub fn parse(csv_text: &str) -> Result<Glossary, String> {
        Self::from_terms(Self::read_terms(csv_text)?)
    }

    /// The built-in terms and those of a trainer's glossary (same CSV form); a
    /// trainer's term replaces a built-in one with the same spelling.
    pub fn with_extra(&self, csv_text: &str) -> Result<Glossary, String> {
        let extra = Self::read_terms(csv_text)?;
        let mut terms: Vec<Term> =
            self.terms.iter().filter(|t| !extra.iter().any(|e| e.term == t.term)).cloned().collect();
        terms.extend(extra);
        Self::from_terms(terms)
    }

    fn read_terms(csv_text: &str) -> Result<Vec<Term>, String> {
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(csv_text.as_bytes());
        let headers = reader.headers().map_err(|e| e.to_string())?.clone();
        if headers.iter().collect::<Vec<_>>() != ["term", "plain"] {
            return Err(format!(
                "the glossary header must be `term,plain`, found `{}`",
                headers.iter().collect::<Vec<_>>().join(",")
            ));
        }
        let mut terms = Vec::new();
        for (i, row) in reader.records().enumerate() {
            let row = row.map_err(|e| e.to_string())?;
            let (Some(term), Some(plain)) = (row.get(0), row.get(1)) else {
                return Err(format!("glossary row {} needs two fields", i + 2));
            };
            if term.is_empty() || plain.is_empty() {
                return Err(format!("glossary row {} has an empty field", i + 2));
            }
            terms.push(Term { term: term.to_owned(), plain: plain.to_owned() });
        }
        Ok(terms)
    }

    /// A glossary with no terms (used only if the built-in file were unreadable,
    /// which a test rules out).
    fn empty() -> Glossary {
        Glossary { terms: Vec::new(), caps: None, caps_ids: Vec::new(), words: None, words_ids: Vec::new() }
    }

    fn from_terms(terms: Vec<Term>) -> Result<Glossary, String> {
        let is_caps = |t: &str| t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase);
        let (caps_ids, words_ids): (Vec<usize>, Vec<usize>) = (0..terms.len()).partition(|&i| is_caps(&terms[i].term));
        let build = |ids: &[usize], nocase: bool| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(nocase)
                .match_kind(MatchKind::Standard)
                .build(ids.iter().map(|&i| terms[i].term.as_str()))
                .map_err(|e| e.to_string())
        };
        Ok(Glossary {
            caps: Some(build(&caps_ids, false)?),
            words: Some(build(&words_ids, true)?),
            caps_ids,
            words_ids,
            terms,
        })
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The glossary terms in `text`, in order, longest match where terms overlap.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let bytes = text.as_bytes();
        let boundary = |i: usize| i == 0 || i >= bytes.len() || !is_word_byte(bytes[i]);
        let mut hits: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        for (automaton, ids) in [(&self.caps, &self.caps_ids), (&self.words, &self.words_ids)] {
            let Some(automaton) = automaton else { continue };
            for m in automaton.find_overlapping_iter(text) {
                let (s, e) = (m.start(), m.end());
                let before_ok = s == 0 || boundary(s - 1);
                // A plural or possessive matches too: TTOs, obs's, catheters.
                let end = [e, e + 1, e + 2].into_iter().find(|&end| {
                    let tail = &bytes[e..end.min(bytes.len())];
                    end <= bytes.len() && matches!(tail, b"" | b"s" | b"es" | b"'s") && boundary(end)
                });
                if let (true, Some(end)) = (before_ok, end) {
                    hits.push((s..end, ids[m.pattern().as_usize()]));
                }
            }
        }
        // Longest first at each start, then drop hits inside an earlier, longer one.
        hits.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        let mut out: Vec<Found> = Vec::new();
        let mut covered = 0;
        for (range, id) in hits {
            if range.start < covered {
                continue;
            }
            covered = range.end;
            let t = &self.terms[id];
            if !out.iter().any(|f| f.term.eq_ignore_ascii_case(&t.term)) {
                out.push(Found { term: t.term.clone(), plain: t.plain.clone(), at: range });
            }
        }
        out
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_counted_for_common_words() {
        for (word, n) in [
            ("the", 1),
            ("cat", 1),
            ("nurse", 1),
            ("tablet", 2),
            ("hospital", 3),
            ("frightened", 2),
            ("little", 2),
            ("medicine", 3),
            ("radio", 3),
            ("understand", 3),
            ("tries", 1),
            ("wanted", 2),
            ("washes", 2),
            ("makes", 1),
            ("yesterday", 3),
            ("anaesthetic", 4),
            ("2026", 1),
        ] {
            assert_eq!(syllable_count(word), n, "{word}");
        }
    }

    #[test]
    fn plain_short_sentences_read_at_a_low_grade_and_jargon_heavy_ones_high() {
        let plain = readability("It sounds like this has scared you. Tell me what you read.");
        assert_eq!(plain.sentences, 2);
        assert_eq!(plain.words, 12);
        assert!(plain.grade < 4.0, "{plain:?}");
        assert!(plain.reading_ease > 80.0, "{plain:?}");
        let dense = readability(
            "Your investigations demonstrate metastatic progression necessitating multidisciplinary palliative consideration.",
        );
        assert!(dense.grade > 16.0, "{dense:?}");
        assert!(dense.reading_ease < 0.0, "{dense:?}");
    }

    #[test]
    fn the_formulas_match_the_published_ones_on_known_counts() {
        // 1 sentence, 4 words, 4 syllables: grade = 0.39*4 + 11.8*1 - 15.59.
        let r = readability("The cat sat down.");
        assert_eq!((r.sentences, r.words, r.syllables), (1, 4, 4));
        assert!((r.grade - (0.39 * 4.0 + 11.8 - 15.59)).abs() < 1e-9);
        assert!((r.reading_ease - (206.835 - 1.015 * 4.0 - 84.6)).abs() < 1e-9);
    }

    #[test]
    fn an_empty_text_has_no_words_and_reads_easily() {
        let r = readability("   ");
        assert_eq!(r.words, 0);
        assert_eq!(r.grade, 0.0);
    }

    #[test]
    fn abbreviations_match_only_in_capitals_and_words_in_any_case() {
        let g = Glossary::parse(
            "term,plain\nNPO,nothing to eat or drink\nanalgesia,pain relief\nnil by mouth,nothing to eat or drink\n",
        )
        .unwrap();
        let found = g.find("You'll be NPO and we'll give Analgesia.");
        let terms: Vec<_> = found.iter().map(|f| f.term.as_str()).collect();
        assert_eq!(terms, ["NPO", "analgesia"]);
        assert!(g.find("npo").is_empty());
        assert_eq!(g.find("Nil by mouth from midnight")[0].plain, "nothing to eat or drink");
    }

    #[test]
    fn terms_match_only_as_whole_words() {
        let g = Glossary::parse("term,plain\nIV,a drip into a vein\nobs,checks\n").unwrap();
        assert!(g.find("IVAN observed the lobster").is_empty());
        assert_eq!(g.find("your obs, then the IV.").len(), 2);
    }

    #[test]
    fn a_glossary_without_the_header_is_refused() {
        assert!(Glossary::parse("NPO,nothing\n").is_err());
    }

    #[test]
    fn the_shipped_glossary_loads_with_at_least_150_terms_including_npo_and_prn() {
        let g = &*GLOSSARY;
        assert!(g.terms().len() >= 150, "{}", g.terms().len());
        let parsed = Glossary::parse(include_str!("glossary.csv"));
        assert!(parsed.is_ok(), "{:?}", parsed.err());
        assert!(!g.find("Take it PRN, and stay NPO").is_empty());
        assert_eq!(g.find("Take it PRN, and stay NPO").len(), 2);
    }
}
