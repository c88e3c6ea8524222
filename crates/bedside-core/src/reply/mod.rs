//! Replies typed in the nurse's own words: read them (the NURSE statements,
//! emotions named, an open question, blockers, jargon, reading grade), and
//! match them to the authored choices offered at that moment. Offline and
//! transparent: word rules a person can read (`rules.txt`), and a lexical
//! similarity an educator can follow. How the method was chosen, and how well
//! it does on labelled replies, is in docs/typed-replies.md.

pub mod rules;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::play::score::round1;
use crate::play::script::Script;
use crate::scenario::{Choice, Tag};
use crate::text::{Found, Glossary, readability};
use rules::{Kind, Rules, tokens};

/// What Bedside found in a typed reply.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reading {
    /// Emotions the reply names (fear, anger, ...), in the order met.
    pub emotions: Vec<String>,
    /// The NURSE statements present: naming, understanding, respecting,
    /// supporting, exploring (in that order).
    pub nurse: Vec<String>,
    pub open_question: bool,
    /// false-reassurance, dismissing, blaming, changing-subject.
    pub blockers: Vec<String>,
    /// Glossary terms, with what to say instead.
    pub jargon: Vec<Found>,
    /// Flesch-Kincaid grade (0 at the least; very short replies would go below).
    pub grade: f64,
}

const NURSE: [&str; 5] = ["naming", "understanding", "respecting", "supporting", "exploring"];

/// Words that start a sentence without changing what kind of sentence it is.
const FILLERS: [&str; 22] = [
    "so", "and", "but", "ok", "okay", "right", "well", "now", "then", "um", "erm", "er", "sorry", "please", "hi",
    "hello", "look", "listen", "alright", "oh", "ah", "hey",
];

/// Open phrases that make an open question wherever they stand ("can you tell me ...").
const OPEN_ANYWHERE: [&[&str]; 5] = [
    &["tell", "me"],
    &["talk", "me", "through"],
    &["say", "more"],
    &["help", "me", "understand"],
    &["in", "what", "way"],
];

/// Reads a reply with these rules and this glossary.
pub fn read(text: &str, rules: &Rules, glossary: &Glossary) -> Reading {
    let toks = tokens(text);
    let hits = rules.find(&toks, &[Kind::Emotion, Kind::Nurse, Kind::Blocker]);
    let blocked: Vec<(usize, usize)> =
        hits.iter().filter(|h| h.kind == Kind::Blocker).map(|h| (h.start, h.end)).collect();
    let inside_blocker = |s: usize, e: usize| blocked.iter().any(|&(bs, be)| s < be && bs < e);
    let mut reading = Reading::default();
    for h in &hits {
        match h.kind {
            Kind::Emotion if !inside_blocker(h.start, h.end) && !reading.emotions.contains(&h.label) => {
                reading.emotions.push(h.label.clone());
            }
            Kind::Blocker if !reading.blockers.contains(&h.label) => reading.blockers.push(h.label.clone()),
            _ => {}
        }
    }
    let mut nurse: BTreeSet<&str> = hits
        .iter()
        .filter(|h| h.kind == Kind::Nurse && !inside_blocker(h.start, h.end))
        .filter_map(|h| NURSE.iter().copied().find(|n| *n == h.label))
        .collect();
    if !reading.emotions.is_empty() {
        nurse.insert("naming");
    }
    let open = open_questions(text, rules);
    reading.open_question = !open.is_empty();
    // An open question invites more, unless all it asks is a routine fact.
    if open.iter().any(|q| rules.find(&tokens(q), &[Kind::Routine]).is_empty()) {
        nurse.insert("exploring");
    }
    reading.nurse = NURSE.iter().filter(|n| nurse.contains(*n)).map(|n| (*n).to_owned()).collect();
    reading.jargon = glossary.find(text);
    reading.grade = round1(readability(text).grade.max(0.0));
    reading
}

/// Whether some sentence of the text is an open question: it starts (after
/// fillers like "so" or "okay", or after a name and a comma) with an open
/// question word, or asks "tell me", "talk me through" anywhere.
pub fn has_open_question(text: &str, rules: &Rules) -> bool {
    !open_questions(text, rules).is_empty()
}

/// The sentences of the text that are open questions (see [`has_open_question`]).
pub fn open_questions<'t>(text: &'t str, rules: &Rules) -> Vec<&'t str> {
    let mut sentences: Vec<&str> = text.split(['.', '?', '!', '\n', ';']).filter(|s| !s.trim().is_empty()).collect();
    // After a leading name or greeting and a comma: "Mrs Georgiou, what ...".
    let after_comma: Vec<&str> = sentences.iter().filter_map(|s| s.split_once(',').map(|(_, rest)| rest)).collect();
    sentences.extend(after_comma);
    sentences
        .into_iter()
        .filter(|sentence| {
            let toks = tokens(sentence);
            let anywhere = OPEN_ANYWHERE
                .iter()
                .any(|p| toks.windows(p.len()).any(|w| w.iter().zip(p.iter()).all(|(a, b)| a == b)));
            if anywhere {
                return true;
            }
            let start = toks.iter().position(|t| !FILLERS.contains(&t.as_str())).unwrap_or(toks.len());
            rules.find(&toks[start..], &[Kind::Open]).iter().any(|h| h.start == 0)
        })
        .collect()
}

/// A choice offered at a node, with how like the typed reply it is (0 to 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// The choice's 1-based position in the file.
    pub choice: usize,
    pub say: String,
    pub similarity: f64,
}

/// What to do with a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// One choice is clearly meant: take it (file index, 0-based).
    Clear(usize),
    /// Show the closest, and the runner-up when it is close, for the trainee to confirm.
    Confirm(usize, Option<usize>),
    /// Nothing offered is close enough: say so and show the choices.
    NoMatch,
}

/// At or above this similarity, with [`MARGIN`] over the runner-up, a match is clear.
pub const CLEAR: f64 = 0.25;
/// How far ahead of the runner-up a clear match must be.
pub const MARGIN: f64 = 0.08;
/// Below this similarity nothing offered is close enough.
pub const FLOOR: f64 = 0.05;
/// A runner-up within this of the best is shown beside it.
pub const CLOSE: f64 = 0.08;

/// How the similarity is made: the weights of its three parts (they sum to
/// 1), the words (TF-IDF over stemmed words and word pairs), the letters
/// (trigrams, which forgive typos) and the reading (the same NURSE statements,
/// blockers and question as the choice's); and whether synonyms count as one
/// word. The default is what docs/typed-replies.md chose by measurement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Method {
    pub words: f64,
    pub letters: f64,
    pub reading: f64,
    pub synonyms: bool,
}

impl Default for Method {
    fn default() -> Self {
        Method { words: 0.65, letters: 0.30, reading: 0.05, synonyms: true }
    }
}

/// Decides from a ranking (best first).
pub fn decide(ranked: &[Ranked]) -> Decision {
    let Some(best) = ranked.first() else { return Decision::NoMatch };
    let second = ranked.get(1);
    let gap = best.similarity - second.map_or(0.0, |s| s.similarity);
    if best.similarity < FLOOR {
        Decision::NoMatch
    } else if best.similarity >= CLEAR && gap >= MARGIN {
        Decision::Clear(best.choice - 1)
    } else {
        Decision::Confirm(best.choice - 1, second.filter(|_| gap <= CLOSE).map(|s| s.choice - 1))
    }
}

/// Words that carry no meaning for matching.
const STOP: [&str; 66] = [
    "a", "an", "the", "to", "of", "and", "or", "in", "on", "at", "for", "with", "is", "are", "was", "were", "be",
    "been", "it", "its", "this", "that", "these", "those", "i", "me", "my", "we", "our", "us", "you", "your", "he",
    "she", "him", "her", "his", "they", "them", "their", "as", "by", "from", "so", "just", "very", "really", "then",
    "but", "if", "about", "up", "will", "would", "can", "could", "do", "does", "did", "have", "has", "had", "im",
    "ill", "youre", "ok",
];

/// The matching terms of a text: synonyms as one `=word` term each, other
/// words stemmed, meaningless ones left out.
fn terms(text: &str, rules: &Rules, stemmer: &Stemmer, synonyms: bool) -> Vec<String> {
    let toks = tokens(text);
    let synonyms = if synonyms { rules.find(&toks, &[Kind::Synonym]) } else { Vec::new() };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(h) = synonyms.iter().find(|h| h.start == i) {
            out.push(format!("={}", h.label));
            i = h.end;
            continue;
        }
        if !STOP.contains(&toks[i].as_str()) {
            out.push(stemmer.stem(&toks[i]).into_owned());
        }
        i += 1;
    }
    out
}

/// A sparse vector of term weights.
type Vector = HashMap<String, f64>;

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let dot: f64 = a.iter().filter_map(|(k, x)| b.get(k).map(|y| x * y)).sum();
    let norm = |v: &Vector| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let n = norm(a) * norm(b);
    if n == 0.0 { 0.0 } else { dot / n }
}

/// Words and pairs of neighbouring words.
fn grams(terms: &[String]) -> Vec<String> {
    let mut g: Vec<String> = terms.to_vec();
    g.extend(terms.windows(2).map(|w| format!("{} {}", w[0], w[1])));
    g
}

/// Letter trigrams of the meaningful words, with their counts.
fn trigrams(text: &str) -> Vector {
    let mut v = Vector::new();
    let words: Vec<String> = tokens(text).into_iter().filter(|t| !STOP.contains(&t.as_str())).collect();
    let joined: Vec<char> = format!(" {} ", words.join(" ")).chars().collect();
    for w in joined.windows(3) {
        *v.entry(w.iter().collect()).or_default() += 1.0;
    }
    v
}

/// What a choice shows, as reading labels: its authored tags, and what its
/// words read as.
fn choice_labels(choice: &Choice, rules: &Rules, glossary: &Glossary) -> BTreeSet<String> {
    let mut labels: BTreeSet<String> = choice
        .tags
        .iter()
        .filter_map(|t| {
            Some(
                match t {
                    Tag::Naming => "naming",
                    Tag::Understanding => "understanding",
                    Tag::Respecting => "respecting",
                    Tag::Supporting => "supporting",
                    Tag::Exploring => "exploring",
                    Tag::OpenQuestion => "open",
                    Tag::FalseReassurance => "false-reassurance",
                    Tag::Dismissing => "dismissing",
                    Tag::Blaming => "blaming",
                    Tag::ChangingSubject => "changing-subject",
                    Tag::Jargon => "jargon",
                    _ => return None,
                }
                .to_owned(),
            )
        })
        .collect();
    labels.extend(reading_labels(&read(&choice.say, rules, glossary)));
    labels
}

fn reading_labels(r: &Reading) -> BTreeSet<String> {
    let mut labels: BTreeSet<String> = r.nurse.iter().chain(&r.blockers).cloned().collect();
    if r.open_question {
        labels.insert("open".into());
    }
    if !r.jargon.is_empty() {
        labels.insert("jargon".into());
    }
    labels
}

fn label_similarity(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.5;
    }
    a.intersection(b).count() as f64 / a.union(b).count() as f64
}

/// Ranks the choices offered at `node` (file indices) by how like `text` they
/// are, best first. The words' weights come from every choice of the
/// scenario, so words every choice uses count for little.
pub fn rank(script: &Script, node: usize, offered: &[usize], text: &str, rules: &Rules) -> Vec<Ranked> {
    rank_with(script, node, offered, text, rules, Method::default())
}

/// [`rank`] with another method, to compare methods (benches/typed.rs).
pub fn rank_with(
    script: &Script,
    node: usize,
    offered: &[usize],
    text: &str,
    rules: &Rules,
    method: Method,
) -> Vec<Ranked> {
    let stemmer = Stemmer::create(Algorithm::English);
    let glossary = script.glossary();
    // Document frequencies over every choice text (and example) in the scenario.
    let mut df: HashMap<String, f64> = HashMap::new();
    let mut n_docs = 0.0;
    for n in 0..script.node_count() {
        for c in &script.node(n).choices {
            for doc in std::iter::once(&c.say).chain(&c.examples) {
                n_docs += 1.0;
                let unique: BTreeSet<String> =
                    grams(&terms(doc, rules, &stemmer, method.synonyms)).into_iter().collect();
                for g in unique {
                    *df.entry(g).or_default() += 1.0;
                }
            }
        }
    }
    let weigh = |grams: Vec<String>| -> Vector {
        let mut counts = Vector::new();
        for g in grams {
            *counts.entry(g).or_default() += 1.0;
        }
        counts
            .into_iter()
            .map(|(g, c)| {
                let idf = ((n_docs + 1.0) / (df.get(&g).copied().unwrap_or(0.0) + 1.0)).ln() + 1.0;
                (g, (1.0 + f64::ln(c)) * idf)
            })
            .collect()
    };
    let reply_words = weigh(grams(&terms(text, rules, &stemmer, method.synonyms)));
    let reply_letters = trigrams(text);
    let reply_labels = reading_labels(&read(text, rules, glossary));
    let mut ranked: Vec<Ranked> = offered
        .iter()
        .map(|&c| {
            let choice = script.choice(node, c);
            let (mut words, mut letters) = (0.0f64, 0.0f64);
            for doc in std::iter::once(&choice.say).chain(&choice.examples) {
                words = words.max(cosine(&reply_words, &weigh(grams(&terms(doc, rules, &stemmer, method.synonyms)))));
                letters = letters.max(cosine(&reply_letters, &trigrams(doc)));
            }
            let labels = label_similarity(&reply_labels, &choice_labels(choice, rules, glossary));
            let similarity = method.words * words + method.letters * letters + method.reading * labels;
            Ranked { choice: c + 1, say: choice.say.clone(), similarity: (similarity * 1000.0).round() / 1000.0 }
        })
        .collect();
    ranked.sort_by(|a, b| b.similarity.total_cmp(&a.similarity).then(a.choice.cmp(&b.choice)));
    ranked
}
