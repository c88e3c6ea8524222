//! Test-wise strategies: a learner who never reads the patient and picks by the
//! look of an option (the longest, or one that ends in a question). Each gives one
//! path, because the options offered depend only on the state, and which line the
//! patient speaks does not change what is offered.

use std::collections::HashSet;

use serde::Serialize;

use crate::play::score::Tally;
use crate::play::script::{Script, Target};
use crate::scenario::Outcome;

/// How a test-wise learner picks among the offered options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// The option with the most words in `say`; ties go to the earlier file position.
    Longest,
    /// Options whose `say` ends in `?` first, then the longest among them.
    Question,
    /// The option with the fewest words (ties to the earlier file position).
    Shortest,
    /// The option with the most feeling words ("sounds", "frightened", "sorry"…),
    /// then the longest: a learner who has learnt that naming feelings scores.
    Feeling,
    /// The middle option by length (the lower middle of an even number).
    Middle,
    /// The second-longest option: "the longest is too much, the next is right".
    SecondLongest,
    /// Statements only: options not ending in `?` first, then the longest.
    Statement,
    /// Actions first (`Do`), then the longest.
    Action,
    /// An option that says sorry first, then the longest.
    Sorry,
    /// The first option in the file (what a learner sees if shuffling is off).
    First,
    /// The last option in the file.
    Last,
    /// Not test-wise: the best-rated option (highest empathy + clarity, then
    /// empathy, then file order), the path a scenario's author means.
    Best,
    /// Not test-wise: the worst-rated option (lowest empathy + clarity, then
    /// empathy, then file order), a careless learner.
    Careless,
}

impl Strategy {
    /// The strategies the checks warn about (named by the format-2 issue).
    pub const WARNED: [Strategy; 2] = [Strategy::Longest, Strategy::Question];
    /// Every test-wise strategy: what a learner who never reads the patient might do.
    pub const TEST_WISE: [Strategy; 11] = [
        Strategy::Longest,
        Strategy::Question,
        Strategy::Shortest,
        Strategy::Feeling,
        Strategy::Middle,
        Strategy::SecondLongest,
        Strategy::Statement,
        Strategy::Action,
        Strategy::Sorry,
        Strategy::First,
        Strategy::Last,
    ];
    /// Every strategy `simulate` reports: the test-wise ones, then best and careless.
    pub const ALL: [Strategy; 13] = [
        Strategy::Longest,
        Strategy::Question,
        Strategy::Shortest,
        Strategy::Feeling,
        Strategy::Middle,
        Strategy::SecondLongest,
        Strategy::Statement,
        Strategy::Action,
        Strategy::Sorry,
        Strategy::First,
        Strategy::Last,
        Strategy::Best,
        Strategy::Careless,
    ];

    /// Whether the strategy picks by the look of the options only (not their ratings).
    pub fn is_test_wise(self) -> bool {
        !matches!(self, Strategy::Best | Strategy::Careless)
    }

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Longest => "longest",
            Strategy::Question => "question",
            Strategy::Shortest => "shortest",
            Strategy::Feeling => "feeling",
            Strategy::Middle => "middle",
            Strategy::SecondLongest => "second-longest",
            Strategy::Statement => "statement",
            Strategy::Action => "action",
            Strategy::Sorry => "sorry",
            Strategy::First => "first",
            Strategy::Last => "last",
            Strategy::Best => "best",
            Strategy::Careless => "careless",
        }
    }

    /// What the strategy does, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Strategy::Longest => "always choosing the longest option",
            Strategy::Question => "always choosing an option that ends in a question (the longest of them)",
            Strategy::Shortest => "always choosing the shortest option",
            Strategy::Feeling => "always choosing the option with the most feeling words (the longest of them)",
            Strategy::Middle => "always choosing the middle option by length",
            Strategy::SecondLongest => "always choosing the second-longest option",
            Strategy::Statement => "always choosing a statement rather than a question (the longest of them)",
            Strategy::Action => "always choosing an action if there is one (the longest of them)",
            Strategy::Sorry => "always choosing an option that says sorry (the longest of them)",
            Strategy::First => "always choosing the first option in the file",
            Strategy::Last => "always choosing the last option in the file",
            Strategy::Best => "always choosing the best-rated option",
            Strategy::Careless => "always choosing the worst-rated option",
        }
    }

    /// The option this strategy picks among `offered` (file indices) at `node`.
    pub fn pick(self, script: &Script, node: usize, offered: &[usize]) -> Option<usize> {
        let choices = &script.node(node).choices;
        // Offered options by length, longest first; ties keep file order.
        let by_length = || {
            let mut v: Vec<usize> = offered.to_vec();
            v.sort_by_key(|&c| (std::cmp::Reverse(words(&choices[c].say)), c));
            v
        };
        // The longest of those that pass `keep`, else the longest of all.
        let longest_where = |keep: &dyn Fn(usize) -> bool| {
            let v = by_length();
            v.iter().copied().find(|&c| keep(c)).or_else(|| v.first().copied())
        };
        let question = |c: usize| choices[c].say.trim().ends_with('?');
        match self {
            Strategy::Longest => by_length().first().copied(),
            Strategy::Question => longest_where(&question),
            Strategy::Statement => longest_where(&|c| !question(c)),
            Strategy::Action => longest_where(&|c| choices[c].is_action()),
            Strategy::Sorry => longest_where(&|c| choices[c].say.to_lowercase().contains("sorry")),
            Strategy::Shortest => offered.iter().copied().min_by_key(|&c| (words(&choices[c].say), c)),
            Strategy::Middle => {
                let v = by_length();
                v.get(v.len().saturating_sub(1) / 2).copied()
            }
            Strategy::SecondLongest => {
                let v = by_length();
                v.get(1).or(v.first()).copied()
            }
            Strategy::First => offered.iter().copied().min(),
            Strategy::Last => offered.iter().copied().max(),
            Strategy::Best => crate::play::score::best_of(script, node, offered),
            Strategy::Careless => offered
                .iter()
                .copied()
                .min_by_key(|&c| (choices[c].empathy + choices[c].clarity, choices[c].empathy, c)),
            Strategy::Feeling => {
                let most = offered.iter().map(|&c| feeling_words(&choices[c].say)).max().unwrap_or(0);
                longest_where(&|c| feeling_words(&choices[c].say) == most)
            }
        }
    }
}

/// The number of whitespace-separated words in a line.
pub fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Words a learner may take as the mark of an empathic answer.
const FEELING: [&str; 24] = [
    "feel",
    "feeling",
    "feelings",
    "sounds",
    "sound",
    "understand",
    "understandable",
    "sorry",
    "frightened",
    "scared",
    "worried",
    "worry",
    "worrying",
    "upset",
    "angry",
    "frustrated",
    "frustrating",
    "hard",
    "difficult",
    "afraid",
    "fear",
    "sad",
    "must",
    "imagine",
];

/// How many feeling words a line has.
pub fn feeling_words(text: &str) -> usize {
    crate::text::words_of(text).filter(|w| FEELING.contains(&w.to_lowercase().as_str())).count()
}

/// Where a strategy's one path leads.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyRun {
    pub strategy: Strategy,
    /// The choices made, as (node, file index).
    pub path: Vec<(usize, usize)>,
    /// The ending reached; None if the path loops forever (or gets stuck).
    pub ending: Option<usize>,
    pub tally: Tally,
}

impl StrategyRun {
    /// The path as 1-based file positions, as `play --choose` takes them: `1,1,2`.
    pub fn choose_list(&self) -> String {
        self.path.iter().map(|&(_, c)| (c + 1).to_string()).collect::<Vec<_>>().join(",")
    }

    pub fn outcome(&self, script: &Script) -> Option<Outcome> {
        self.ending.map(|e| script.ending(e).outcome)
    }

    /// Whether the strategy wins: it reaches a `Resolved` ending, or an ending
    /// with an overall score of 70 or more.
    pub fn wins(&self, script: &Script) -> bool {
        self.ending.is_some() && (self.outcome(script) == Some(Outcome::Resolved) || self.tally.overall() >= WIN_SCORE)
    }
}

/// An overall score at or above this counts as a win for a test-wise strategy.
pub const WIN_SCORE: f64 = 70.0;

/// Plays the strategy from the start until an ending, or until a state repeats
/// (the path would loop forever).
pub fn play(script: &Script, strategy: Strategy) -> StrategyRun {
    let (mut d, mut t) = script.initial_state();
    let mut node = script.start();
    let mut seen = HashSet::new();
    let mut run = StrategyRun { strategy, path: Vec::new(), ending: None, tally: Tally::default() };
    let mut offered = Vec::new();
    while seen.insert((node, d, t)) {
        offered.clear();
        offered.extend(script.offered(node, d, t));
        let Some(c) = strategy.pick(script, node, &offered) else { break };
        run.tally.add(script, node, &offered, Some(c));
        run.path.push((node, c));
        let mv = script.step(node, c, d, t);
        (d, t) = (mv.distress, mv.trust);
        match mv.target {
            Target::Node(next) => node = next,
            Target::Ending(e) => {
                run.ending = Some(e);
                break;
            }
        }
    }
    run
}
