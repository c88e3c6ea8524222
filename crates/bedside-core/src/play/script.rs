//! A checked scenario with every reference resolved: what the runtime, the
//! state-space walk and the simulator work on. Holds the run rules of the format.

use crate::scenario::{Choice, Ending, Node, Scenario};

/// Where a choice or an escalation leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Node(usize),
    Ending(usize),
}

/// A scenario that passed validation. Only the loader makes one.
#[derive(Debug, Clone)]
pub struct Script {
    scenario: Scenario,
    /// Where the file came from (a path, or a name for text given directly).
    pub file: String,
    /// A stable hash of the file's text (FNV-1a, 64 bits, as hex), so records can
    /// tell which version of a scenario they were made with.
    pub content_hash: String,
    /// The file's text, kept so that a record can store the exact version it was made with.
    source: std::sync::Arc<str>,
    start: usize,
    /// Every choice of every node, compact and in one array, for the hot paths
    /// (the state-space walk and simulation); node `n`'s are `moves[first[n]..first[n + 1]]`.
    moves: Vec<Edge>,
    first: Vec<usize>,
    escalations: Vec<Option<(i64, Target)>>,
    /// The jargon glossary the scenario is checked and explained with: the
    /// built-in one, with the terms of a `glossary.csv` beside the file.
    glossary: std::sync::Arc<crate::text::Glossary>,
}

/// What the run rules need of a choice.
#[derive(Debug, Clone, Copy)]
struct Edge {
    distress: i64,
    trust: i64,
    empathy: i64,
    requires: Option<crate::scenario::Condition>,
    target: Target,
    /// The objectives this choice meets, one bit each (objective 1 is bit 0).
    meets: u64,
    hazard: bool,
}

impl Script {
    /// Builds the resolved form. Returns None if a reference does not resolve;
    /// validation reports those before calling this.
    pub(crate) fn resolve(
        scenario: Scenario,
        file: String,
        source: &str,
        glossary: std::sync::Arc<crate::text::Glossary>,
    ) -> Option<Script> {
        let find = |id: &str| -> Option<Target> {
            scenario.nodes.position(id).map(Target::Node).or_else(|| scenario.endings.position(id).map(Target::Ending))
        };
        let start = scenario.nodes.position(&scenario.start)?;
        let mut moves = Vec::new();
        let mut first = vec![0];
        let mut escalations = Vec::with_capacity(scenario.nodes.len());
        for (_, node) in scenario.nodes.iter() {
            for c in &node.choices {
                moves.push(Edge {
                    distress: c.distress,
                    trust: c.trust,
                    empathy: c.empathy,
                    requires: c.requires,
                    target: find(&c.goto)?,
                    meets: objective_bits(&c.meets),
                    hazard: c.hazard.is_some(),
                });
            }
            first.push(moves.len());
            escalations.push(match &node.escalate {
                Some(e) => Some((e.at_distress, find(&e.goto)?)),
                None => None,
            });
        }
        Some(Script {
            content_hash: content_hash(source),
            source: source.into(),
            scenario,
            file,
            start,
            moves,
            first,
            escalations,
            glossary,
        })
    }

    /// The jargon glossary this scenario is checked and explained with.
    pub fn glossary(&self) -> &crate::text::Glossary {
        &self.glossary
    }

    /// The text the scenario was loaded from.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn id(&self) -> &str {
        &self.scenario.id
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn node_count(&self) -> usize {
        self.scenario.nodes.len()
    }

    pub fn ending_count(&self) -> usize {
        self.scenario.endings.len()
    }

    pub fn node(&self, i: usize) -> &Node {
        &self.scenario.nodes.0[i].1
    }

    pub fn node_id(&self, i: usize) -> &str {
        &self.scenario.nodes.0[i].0
    }

    pub fn ending(&self, i: usize) -> &Ending {
        &self.scenario.endings.0[i].1
    }

    pub fn ending_id(&self, i: usize) -> &str {
        &self.scenario.endings.0[i].0
    }

    pub fn choice(&self, node: usize, choice: usize) -> &Choice {
        &self.node(node).choices[choice]
    }

    /// The empathy rating of a choice (from the compact table).
    pub fn empathy(&self, node: usize, choice: usize) -> i64 {
        self.moves[self.first[node] + choice].empathy
    }

    /// The objectives a choice meets, one bit each (objective 1 is bit 0).
    pub fn meets(&self, node: usize, choice: usize) -> u64 {
        self.moves[self.first[node] + choice].meets
    }

    /// Whether choosing this is a safety error.
    pub fn is_hazard(&self, node: usize, choice: usize) -> bool {
        self.moves[self.first[node] + choice].hazard
    }

    /// The objectives that some choice meets, one bit each: those a run can meet.
    pub fn meetable(&self) -> u64 {
        self.moves.iter().fold(0, |all, m| all | m.meets)
    }

    /// How many choices in the scenario (all nodes).
    pub fn choice_count(&self) -> usize {
        self.moves.len()
    }

    pub fn target(&self, node: usize, choice: usize) -> Target {
        self.moves[self.first[node] + choice].target
    }

    pub fn escalation(&self, node: usize) -> Option<(i64, Target)> {
        self.escalations[node]
    }

    pub fn target_id(&self, target: Target) -> &str {
        match target {
            Target::Node(i) => self.node_id(i),
            Target::Ending(i) => self.ending_id(i),
        }
    }

    /// The starting distress and trust.
    pub fn initial_state(&self) -> (i64, i64) {
        (self.scenario.patient.distress, self.scenario.patient.trust)
    }

    /// The choices offered at `node` in this state, as indices in file order.
    pub fn offered(&self, node: usize, distress: i64, trust: i64) -> impl Iterator<Item = usize> + '_ {
        self.moves[self.first[node]..self.first[node + 1]]
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.requires.is_none_or(|r| r.holds(distress, trust)))
            .map(|(i, _)| i)
    }

    /// One move of a run: apply the choice's changes, clamp, follow `goto` and,
    /// once, the target's escalation. Returns where the run goes, whether it
    /// escalated, and the new distress and trust.
    pub fn step(&self, node: usize, choice: usize, distress: i64, trust: i64) -> Move {
        let m = self.moves[self.first[node] + choice];
        let distress = (distress + m.distress).clamp(0, 100);
        let trust = (trust + m.trust).clamp(0, 100);
        let mut target = m.target;
        let mut escalated = false;
        if let Target::Node(next) = target
            && let Some((at, to)) = self.escalation(next)
            && distress >= at
        {
            target = to;
            escalated = true;
        }
        Move { target, escalated, distress, trust }
    }
}

/// What a silence (no answer in time) does to the patient's state.
pub const SILENCE_DISTRESS: i64 = 10;
pub const SILENCE_TRUST: i64 = -5;

impl Script {
    /// The move when the trainee says nothing in time: distress rises, trust
    /// falls, and the run stays at the node (or escalates, as on any arrival).
    pub fn silence(&self, node: usize, distress: i64, trust: i64) -> Move {
        let distress = (distress + SILENCE_DISTRESS).clamp(0, 100);
        let trust = (trust + SILENCE_TRUST).clamp(0, 100);
        let mut target = Target::Node(node);
        let mut escalated = false;
        if let Some((at, to)) = self.escalation(node)
            && distress >= at
        {
            target = to;
            escalated = true;
        }
        Move { target, escalated, distress, trust }
    }
}

/// Objective numbers (1-based, at most [`MAX_OBJECTIVES`]) as bits.
pub fn objective_bits(meets: &[i64]) -> u64 {
    meets.iter().filter(|&&m| (1..=MAX_OBJECTIVES as i64).contains(&m)).fold(0, |bits, &m| bits | 1 << (m - 1))
}

/// The most objectives a scenario may have (one bit each in a run's state).
pub const MAX_OBJECTIVES: usize = 64;

/// The result of one move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub target: Target,
    pub escalated: bool,
    pub distress: i64,
    pub trust: i64,
}

/// A stable 64-bit FNV-1a hash of the text, as 16 hex digits.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
