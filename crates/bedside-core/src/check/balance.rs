//! The balance of a scenario's options, the figures an educator looks at to
//! tell whether the best answer can be spotted without reading the patient:
//! whether the kindest option is the longest, how long the best options are
//! beside the others, how many end in a question, and how alike their ratings
//! are. Summed over a library as well as per file.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::honesty::length_cue_count;
use crate::play::score::best_of;
use crate::play::script::Script;
use crate::play::strategy::words;

/// Counts behind the balance figures; add several to get a library's.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Balance {
    /// Nodes with two or more choices.
    pub multi_choice_nodes: usize,
    /// Of those, nodes where the most empathic option is also the strictly longest.
    pub longest_is_most_empathic: usize,
    /// The best option of each such node (highest empathy + clarity, then empathy).
    pub best_options: usize,
    pub best_words: usize,
    pub other_options: usize,
    pub other_words: usize,
    /// Best options whose `say` ends in `?`.
    pub best_ending_in_question: usize,
    /// How many best options have each (empathy, clarity) pair, as `"4/3"`.
    pub best_rating_pairs: BTreeMap<String, usize>,
    /// Multi-choice nodes where no option but the best is rated empathy 2 or
    /// more: nothing to weigh the best against but plainly poor answers.
    pub without_near_miss: usize,
    /// Options rated empathy 2 (implicit recognition: the near misses).
    pub rated_two: usize,
    /// Options tagged as jargon or an information dump.
    pub jargon_or_dump: usize,
    /// Format 2 use: actions, hazards, replies, sources, choices with `meets`.
    pub actions: usize,
    pub hazards: usize,
    pub replies: usize,
    pub sources: usize,
    pub meets: usize,
}

impl Balance {
    pub fn of(script: &Script) -> Balance {
        let mut b = Balance::default();
        let (cued, multi) = length_cue_count(script);
        b.multi_choice_nodes = multi;
        b.longest_is_most_empathic = cued;
        b.sources = script.scenario().sources.len();
        for n in 0..script.node_count() {
            let choices = &script.node(n).choices;
            for c in choices {
                b.rated_two += usize::from(c.empathy == 2);
                b.jargon_or_dump += usize::from(
                    c.tags
                        .iter()
                        .any(|t| matches!(t, crate::scenario::Tag::Jargon | crate::scenario::Tag::InformationDump)),
                );
                b.actions += usize::from(c.is_action());
                b.hazards += usize::from(c.hazard.is_some());
                b.replies += usize::from(c.reply.is_some());
                b.meets += usize::from(!c.meets.is_empty());
            }
            if choices.len() < 2 {
                continue;
            }
            let all: Vec<usize> = (0..choices.len()).collect();
            let Some(best) = best_of(script, n, &all) else { continue };
            b.without_near_miss += usize::from(!choices.iter().enumerate().any(|(i, c)| i != best && c.empathy >= 2));
            for (i, c) in choices.iter().enumerate() {
                if i == best {
                    b.best_options += 1;
                    b.best_words += words(&c.say);
                    b.best_ending_in_question += usize::from(c.say.trim().ends_with('?'));
                    *b.best_rating_pairs.entry(format!("{}/{}", c.empathy, c.clarity)).or_default() += 1;
                } else {
                    b.other_options += 1;
                    b.other_words += words(&c.say);
                }
            }
        }
        b
    }

    /// Adds another scenario's counts (for a library's figures).
    pub fn add(&mut self, other: &Balance) {
        self.multi_choice_nodes += other.multi_choice_nodes;
        self.longest_is_most_empathic += other.longest_is_most_empathic;
        self.best_options += other.best_options;
        self.best_words += other.best_words;
        self.other_options += other.other_options;
        self.other_words += other.other_words;
        self.best_ending_in_question += other.best_ending_in_question;
        for (pair, n) in &other.best_rating_pairs {
            *self.best_rating_pairs.entry(pair.clone()).or_default() += n;
        }
        self.without_near_miss += other.without_near_miss;
        self.rated_two += other.rated_two;
        self.jargon_or_dump += other.jargon_or_dump;
        self.actions += other.actions;
        self.hazards += other.hazards;
        self.replies += other.replies;
        self.sources += other.sources;
        self.meets += other.meets;
    }

    /// Share (0 to 1) of multi-choice nodes whose most empathic option is the longest.
    pub fn longest_share(&self) -> f64 {
        share(self.longest_is_most_empathic, self.multi_choice_nodes)
    }

    /// Mean words of best options over mean words of the others.
    pub fn best_length_ratio(&self) -> f64 {
        if self.best_options == 0 || self.other_options == 0 || self.other_words == 0 {
            return 0.0;
        }
        (self.best_words as f64 / self.best_options as f64) / (self.other_words as f64 / self.other_options as f64)
    }

    /// Share (0 to 1) of best options that end in a question.
    pub fn question_share(&self) -> f64 {
        share(self.best_ending_in_question, self.best_options)
    }

    /// The most common rating pair among best options, and its share (0 to 1).
    pub fn top_pair(&self) -> Option<(&str, f64)> {
        self.best_rating_pairs
            .iter()
            .max_by_key(|(pair, n)| (**n, std::cmp::Reverse(pair.as_str())))
            .map(|(pair, &n)| (pair.as_str(), share(n, self.best_options)))
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
}
