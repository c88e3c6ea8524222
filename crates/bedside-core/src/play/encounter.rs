//! One run of a scenario: what the patient says, which choices are offered and in
//! what order, the clamped state, escalation and the ending. Seeded and portable:
//! the same seed and the same choices give the same run on every machine.

use std::sync::Arc;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::play::score::{Scores, StepRecord, score};
use crate::play::script::{Move, Script, Target};
use crate::scenario::{Ending, Outcome};

/// Why a choice was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceError {
    /// The run has already ended.
    Over,
    /// The choice (file index) is not offered now.
    NotOffered { choice: usize, offered: Vec<usize> },
}

impl std::fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChoiceError::Over => f.write_str("the encounter has already ended"),
            ChoiceError::NotOffered { choice, offered } => {
                let list: Vec<String> = offered.iter().map(|o| (o + 1).to_string()).collect();
                write!(f, "choice {} is not offered here (offered: {})", choice + 1, list.join(", "))
            }
        }
    }
}

impl std::error::Error for ChoiceError {}

/// What happened when a choice was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The choice made (file index); None for a silence.
    pub choice: Option<usize>,
    /// Distress and trust after the choice.
    pub distress: i64,
    pub trust: i64,
    pub escalated: bool,
    pub target: Target,
}

/// A run in progress or finished.
#[derive(Debug, Clone)]
pub struct Encounter {
    script: Arc<Script>,
    seed: u64,
    rng: ChaCha8Rng,
    at: Target,
    variant: usize,
    offered: Vec<usize>,
    distress: i64,
    trust: i64,
    steps: Vec<StepRecord>,
    /// What the patient said after a silence, shown instead of the node's line.
    reaction: Option<&'static str>,
}

/// What a patient may say when the trainee stays silent.
const REACTIONS: [&str; 4] = [
    "...Hello? Are you even listening to me?",
    "You're not saying anything. Is it that bad?",
    "Say something, please.",
    "I can see you don't know what to say to me.",
];

impl Encounter {
    /// Starts a run at the scenario's start node.
    pub fn new(script: Arc<Script>, seed: u64) -> Encounter {
        let (distress, trust) = script.initial_state();
        let start = script.start();
        let mut e = Encounter {
            rng: ChaCha8Rng::seed_from_u64(seed),
            seed,
            at: Target::Node(start),
            variant: 0,
            offered: Vec::new(),
            distress,
            trust,
            steps: Vec::new(),
            reaction: None,
            script,
        };
        e.arrive();
        e
    }

    /// Draws the line spoken and the order of the offered choices on arrival.
    fn arrive(&mut self) {
        self.reaction = None;
        let Target::Node(n) = self.at else {
            self.offered.clear();
            return;
        };
        let node = self.script.node(n);
        self.variant = if node.says.len() > 1 { self.rng.random_range(0..node.says.len()) } else { 0 };
        self.offered = self.script.offered(n, self.distress, self.trust).collect();
        if self.script.scenario().shuffle {
            self.offered.shuffle(&mut self.rng);
        }
    }

    pub fn script(&self) -> &Arc<Script> {
        &self.script
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Where the run is: a node, or the ending it reached.
    pub fn position(&self) -> Target {
        self.at
    }

    /// The current node's index, if the run is not over.
    pub fn node(&self) -> Option<usize> {
        match self.at {
            Target::Node(n) => Some(n),
            Target::Ending(_) => None,
        }
    }

    pub fn is_over(&self) -> bool {
        matches!(self.at, Target::Ending(_))
    }

    /// What the patient says now: the node's line, or the ending's last words.
    pub fn says(&self) -> &str {
        match self.at {
            Target::Node(_) if self.reaction.is_some() => self.reaction.unwrap_or_default(),
            Target::Node(n) => self.script.node(n).says.get(self.variant).map_or("", String::as_str),
            Target::Ending(e) => &self.script.ending(e).says,
        }
    }

    /// What the patient said straight after the last choice (its `reply`), before
    /// the line of where the run is now; None when that choice has no reply.
    pub fn reply(&self) -> Option<&str> {
        let last = self.steps.last()?;
        self.script.choice(last.node, last.chosen?).reply.as_deref()
    }

    /// The offered choices (file indices) in display order; empty once over.
    pub fn offered(&self) -> &[usize] {
        &self.offered
    }

    pub fn distress(&self) -> i64 {
        self.distress
    }

    pub fn trust(&self) -> i64 {
        self.trust
    }

    pub fn steps(&self) -> &[StepRecord] {
        &self.steps
    }

    /// The ending reached, with its id, once over.
    pub fn ending(&self) -> Option<(&str, &Ending)> {
        match self.at {
            Target::Ending(e) => Some((self.script.ending_id(e), self.script.ending(e))),
            Target::Node(_) => None,
        }
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.ending().map(|(_, e)| e.outcome)
    }

    /// Makes a choice, by its index in the file (0-based).
    pub fn choose(&mut self, choice: usize) -> Result<Turn, ChoiceError> {
        let Target::Node(n) = self.at else {
            return Err(ChoiceError::Over);
        };
        if !self.offered.contains(&choice) {
            let mut offered = self.offered.clone();
            offered.sort_unstable();
            return Err(ChoiceError::NotOffered { choice, offered });
        }
        let mv = self.script.step(n, choice, self.distress, self.trust);
        Ok(self.take_move(n, Some(choice), mv))
    }

    /// The trainee said nothing in time: the patient reacts to the silence (a
    /// missed opportunity where there was a cue) and the choices are offered again.
    pub fn silence(&mut self) -> Result<Turn, ChoiceError> {
        let Target::Node(n) = self.at else {
            return Err(ChoiceError::Over);
        };
        let mv = self.script.silence(n, self.distress, self.trust);
        let turn = self.take_move(n, None, mv);
        if mv.target == Target::Node(n) {
            self.reaction = Some(REACTIONS[self.rng.random_range(0..REACTIONS.len())]);
        }
        Ok(turn)
    }

    /// Records the step at node `n` and moves the run on.
    fn take_move(&mut self, n: usize, chosen: Option<usize>, mv: Move) -> Turn {
        self.steps.push(StepRecord {
            node: n,
            variant: self.variant,
            said: self.says().to_owned(),
            offered: std::mem::take(&mut self.offered),
            chosen,
            distress_after: mv.distress,
            trust_after: mv.trust,
            escalated: mv.escalated,
        });
        self.distress = mv.distress;
        self.trust = mv.trust;
        self.at = mv.target;
        self.arrive();
        Turn { choice: chosen, distress: mv.distress, trust: mv.trust, escalated: mv.escalated, target: mv.target }
    }

    /// The scores so far (final once the run is over).
    pub fn scores(&self) -> Scores {
        score(&self.script, &self.steps)
    }
}
