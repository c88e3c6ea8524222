//! Progress records: what one attempt at a scenario was, kept in a SQLite store
//! ([`store`]), summarised for educators ([`report`]) and sent to learning record
//! stores as xAPI statements ([`xapi`]).
//!
//! An attempt keeps the exact scenario text it was played with (stored once per
//! version), so its full step-by-step debrief can be rebuilt after the file changes.

pub mod report;
pub mod store;
pub mod summary;
pub mod xapi;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use bedside_core::play::encounter::Encounter;
use bedside_core::play::score::{Scores, StepRecord};
use bedside_core::play::script::Script;
use bedside_core::play::skills::Skills;
use bedside_core::scenario::Outcome;

/// Practice shows feedback after every choice; assessment only in the debrief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Mode {
    #[default]
    Practice,
    Assessment,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Practice => "Practice",
            Mode::Assessment => "Assessment",
        }
    }

    /// The word stored in the database and written in exports.
    pub fn key(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Assessment => "assessment",
        }
    }

    pub fn from_key(key: &str) -> Option<Mode> {
        match key {
            "practice" => Some(Mode::Practice),
            "assessment" => Some(Mode::Assessment),
            _ => None,
        }
    }
}

/// Where an attempt was recorded: on this computer, or on another one and
/// pulled from the Learning Record Store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Origin {
    #[default]
    Local,
    Lrs,
}

impl Origin {
    /// The word stored in the database and written in exports.
    pub fn key(self) -> &'static str {
        match self {
            Origin::Local => "local",
            Origin::Lrs => "lrs",
        }
    }

    pub fn from_key(key: &str) -> Option<Origin> {
        match key {
            "local" => Some(Origin::Local),
            "lrs" => Some(Origin::Lrs),
            _ => None,
        }
    }

    /// As shown to an educator.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Local => "this computer",
            Origin::Lrs => "another computer",
        }
    }
}

/// How an attempt ended: at one of the scenario's endings, or left part-way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finish {
    Ended { ending: String, outcome: Outcome },
    Abandoned,
}

impl Finish {
    /// `resolved`, `partial`, `unresolved` or `abandoned`, as stored and exported.
    pub fn key(&self) -> &'static str {
        match self {
            Finish::Ended { outcome: Outcome::Resolved, .. } => "resolved",
            Finish::Ended { outcome: Outcome::Partial, .. } => "partial",
            Finish::Ended { outcome: Outcome::Unresolved, .. } => "unresolved",
            Finish::Abandoned => "abandoned",
        }
    }

    pub fn from_key(key: &str, ending: Option<String>) -> Option<Finish> {
        let outcome = match key {
            "resolved" => Outcome::Resolved,
            "partial" => Outcome::Partial,
            "unresolved" => Outcome::Unresolved,
            "abandoned" => return Some(Finish::Abandoned),
            _ => return None,
        };
        Some(Finish::Ended { ending: ending?, outcome })
    }

    pub fn ending(&self) -> Option<&str> {
        match self {
            Finish::Ended { ending, .. } => Some(ending),
            Finish::Abandoned => None,
        }
    }

    pub fn is_abandoned(&self) -> bool {
        matches!(self, Finish::Abandoned)
    }

    /// Whether the attempt counts as a success: the patient's concern was resolved.
    pub fn success(&self) -> bool {
        matches!(self, Finish::Ended { outcome: Outcome::Resolved, .. })
    }
}

/// One step of an attempt, as stored. Node and choices are kept by their keys
/// and file positions in the stored scenario version; the words come from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub node: String,
    /// Which of the node's `says` variants was spoken.
    pub variant: usize,
    /// What the patient said, when it was not the node's line (after a silence).
    pub reaction: Option<String>,
    /// The offered choices (file positions, 0-based) in the order shown.
    pub offered: Vec<usize>,
    /// The choice made (file position, 0-based); None for a silence.
    pub chosen: Option<usize>,
    pub empathy: i64,
    pub clarity: i64,
    pub best: bool,
    pub missed: bool,
    pub distress: i64,
    pub trust: i64,
    pub escalated: bool,
    /// Whether the choice made was clinically unsafe (it has a `hazard`).
    pub safety_error: bool,
    /// What the nurse typed, when she replied in her own words.
    pub typed: Option<String>,
    /// The words of the choice made, kept for an attempt pulled from the LRS
    /// (whose scenario text may not be on this computer); None otherwise, as
    /// the stored scenario version has them.
    pub said: Option<String>,
    /// When the trainee answered (or the time ran out).
    pub at: Timestamp,
}

/// One finished or abandoned attempt at a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// Stable identity, also the xAPI registration.
    pub id: Uuid,
    pub trainee: String,
    pub scenario: String,
    pub title: String,
    pub content_hash: String,
    /// The scenario's text, as played; empty for an attempt pulled from the
    /// LRS whose scenario version is not on this computer.
    pub source: String,
    pub mode: Mode,
    pub seed: u64,
    pub started: Timestamp,
    pub ended: Timestamp,
    pub finish: Finish,
    pub empathy: f64,
    pub clarity: f64,
    pub overall: f64,
    pub best_choice_rate: f64,
    /// The objectives met on this run (1-based), in order.
    pub objectives_met: Vec<usize>,
    /// How many choices made were safety errors.
    pub safety_errors: u32,
    pub steps: Vec<Step>,
    /// Recorded here, or pulled from the LRS.
    pub origin: Origin,
    /// The skills profile of this attempt (which tags were on offer and
    /// chosen, which cues missed); None when it cannot be worked out (pulled,
    /// without its scenario text or the tags in its statements).
    pub skills: Option<Skills>,
}

impl Attempt {
    /// The record of `run` as it stands: ended if over, abandoned otherwise.
    /// `step_times` holds when each step was taken (missing ones take `ended`).
    pub fn from_encounter(
        run: &Encounter,
        trainee: &str,
        mode: Mode,
        started: Timestamp,
        step_times: &[Timestamp],
        ended: Timestamp,
    ) -> Attempt {
        let script = run.script();
        let scores = run.scores();
        let finish = match run.ending() {
            Some((id, e)) => Finish::Ended { ending: id.to_owned(), outcome: e.outcome },
            None => Finish::Abandoned,
        };
        let steps: Vec<Step> = run
            .steps()
            .iter()
            .zip(&scores.steps)
            .enumerate()
            .map(|(i, (s, r))| Step {
                node: script.node_id(s.node).to_owned(),
                variant: s.variant,
                reaction: reaction(script, s),
                offered: s.offered.clone(),
                chosen: s.chosen,
                empathy: r.empathy,
                clarity: r.clarity,
                best: r.best,
                missed: r.missed_opportunity,
                distress: s.distress_after,
                trust: s.trust_after,
                escalated: s.escalated,
                safety_error: r.hazard.is_some(),
                typed: None,
                said: None,
                at: step_times.get(i).copied().unwrap_or(ended),
            })
            .collect();
        // Left before saying anything: nothing to score (the format's empty
        // tally would say 100).
        let unscored = steps.is_empty() && finish.is_abandoned();
        let score = |x: f64| if unscored { 0.0 } else { x };
        Attempt {
            id: Uuid::new_v4(),
            trainee: trainee.to_owned(),
            scenario: script.id().to_owned(),
            title: script.scenario().title.clone(),
            content_hash: script.content_hash.clone(),
            source: script.source().to_owned(),
            mode,
            seed: run.seed(),
            started,
            ended,
            finish,
            empathy: score(scores.empathy),
            clarity: score(scores.clarity),
            overall: score(scores.overall),
            best_choice_rate: score(scores.best_choice_rate),
            objectives_met: scores.objectives_met(),
            safety_errors: scores.safety_errors.len() as u32,
            steps,
            origin: Origin::Local,
            skills: Some(Skills::of_run(script, &scores)),
        }
    }

    /// The full debrief of this attempt, rebuilt from the scenario version it was
    /// played with. None if that text no longer loads (it did when recorded) or
    /// a stored step does not fit it (a row changed by hand).
    pub fn review(&self) -> Option<(Script, Scores)> {
        let script = bedside_core::scenario::load::recorded(&format!("{} (as recorded)", self.scenario), &self.source)?;
        let steps = step_records(&script, &self.steps)?;
        let scores = bedside_core::play::score::score(&script, &steps);
        Some((script, scores))
    }

    /// Keeps what was typed at each step (in the own-words mode), in order;
    /// `None` where the step was picked from the list.
    pub fn with_typed(mut self, typed: &[Option<String>]) -> Attempt {
        for (step, t) in self.steps.iter_mut().zip(typed) {
            step.typed.clone_from(t);
        }
        self
    }

    /// Whether the text of the scenario version played is on this computer
    /// (it is not for an attempt pulled from the LRS whose version was never
    /// played or loaded here): without it only scores, ratings and words are shown.
    pub fn has_text(&self) -> bool {
        !self.source.is_empty()
    }

    /// How long the attempt took, in seconds.
    pub fn seconds(&self) -> f64 {
        (self.ended.as_millisecond() - self.started.as_millisecond()) as f64 / 1000.0
    }
}

/// The runtime's records of stored steps, against the scenario version they
/// were played with; None if a step does not fit it (a row changed by hand).
pub(crate) fn step_records(script: &Script, stored: &[Step]) -> Option<Vec<StepRecord>> {
    let mut steps = Vec::with_capacity(stored.len());
    for s in stored {
        let node = script.scenario().nodes.position(&s.node)?;
        let choices = script.node(node).choices.len();
        if s.offered.iter().chain(&s.chosen).any(|&c| c >= choices) {
            return None;
        }
        let said = match &s.reaction {
            Some(r) => r.clone(),
            None => script.node(node).says.get(s.variant)?.clone(),
        };
        steps.push(StepRecord {
            node,
            variant: s.variant,
            said,
            offered: s.offered.clone(),
            chosen: s.chosen,
            distress_after: s.distress,
            trust_after: s.trust,
            escalated: s.escalated,
        });
    }
    Some(steps)
}

/// The key that makes one trainee of names that differ only in case or
/// spacing: "Priya  Patel" and "priya patel" are "priya patel".
pub fn trainee_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Objective numbers as stored and exported: `1;3` (empty when none was met).
pub fn join_objectives(met: &[usize]) -> String {
    met.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")
}

/// `1;3` back to the numbers; None if it does not read.
pub fn split_objectives(text: &str) -> Option<Vec<usize>> {
    text.split(';').filter(|p| !p.is_empty()).map(|p| p.parse().ok()).collect()
}

/// The patient's words at a step when they were not the node's own line.
fn reaction(script: &Script, s: &StepRecord) -> Option<String> {
    let line = script.node(s.node).says.get(s.variant).map(String::as_str);
    (line != Some(s.said.as_str())).then(|| s.said.clone())
}

#[cfg(test)]
mod tests;
