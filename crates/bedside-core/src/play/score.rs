//! The scores of a run, as the format defines them: empathy, clarity, overall,
//! best-choice rate and missed opportunities, and a review of every step; beside
//! them, the objectives met and the safety errors (format 2).

use serde::Serialize;

use crate::play::script::{Script, Target};
use crate::scenario::{Cue, Kind, Tag};
use crate::text::Found;

/// Running sums from which the scores follow. Shared by the runtime's debrief
/// and the simulator, so both score by the same rules.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub steps: u32,
    pub empathy: u32,
    pub empathy_max: u32,
    pub clarity: u32,
    pub clarity_max: u32,
    pub best: u32,
    pub missed: u32,
    /// The objectives met so far, one bit each (objective 1 is bit 0).
    pub met: u64,
    /// Chosen choices with a `hazard`.
    pub safety_errors: u32,
}

impl Tally {
    /// Adds one step: `chosen` out of `offered` (file indices) at `node`; None is
    /// a silence (no answer in time), rated 0 for empathy and clarity.
    pub fn add(&mut self, script: &Script, node: usize, offered: &[usize], chosen: Option<usize>) {
        let n = script.node(node);
        let (empathy, clarity) = chosen.map_or((0, 0), |c| (n.choices[c].empathy, n.choices[c].clarity));
        let (mut e_max, mut c_max, mut sum_max) = (0, 0, 0);
        for &o in offered {
            let oc = &n.choices[o];
            e_max = e_max.max(oc.empathy);
            c_max = c_max.max(oc.clarity);
            sum_max = sum_max.max(oc.empathy + oc.clarity);
        }
        self.steps += 1;
        self.empathy += empathy as u32;
        self.empathy_max += e_max as u32;
        self.clarity += clarity as u32;
        self.clarity_max += c_max as u32;
        self.best += u32::from(chosen.is_some() && empathy + clarity >= sum_max);
        self.missed += u32::from(n.cue.is_some() && empathy < 3);
        if let Some(c) = chosen {
            self.met |= script.meets(node, c);
            self.safety_errors += u32::from(script.is_hazard(node, c));
        }
    }

    pub fn empathy_score(&self) -> f64 {
        round1(ratio(self.empathy, self.empathy_max))
    }

    pub fn clarity_score(&self) -> f64 {
        round1(ratio(self.clarity, self.clarity_max))
    }

    /// The mean of the unrounded empathy and clarity scores, rounded.
    pub fn overall(&self) -> f64 {
        round1((ratio(self.empathy, self.empathy_max) + ratio(self.clarity, self.clarity_max)) / 2.0)
    }

    pub fn best_choice_rate(&self) -> f64 {
        if self.steps == 0 {
            return 100.0;
        }
        round1(100.0 * f64::from(self.best) / f64::from(self.steps))
    }
}

fn ratio(sum: u32, max: u32) -> f64 {
    if max == 0 { 100.0 } else { 100.0 * f64::from(sum) / f64::from(max) }
}

/// Rounds to one decimal place, as scores are reported.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// One step of a finished run, explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReview {
    pub node: String,
    /// What the patient said at this step.
    pub patient: String,
    pub cue: Option<Cue>,
    /// The offered choices, as 1-based file positions, in the order shown.
    pub offered: Vec<usize>,
    /// The chosen choice, 1-based file position; None for a silence.
    pub chosen: Option<usize>,
    pub say: String,
    pub empathy: i64,
    pub clarity: i64,
    pub tags: Vec<Tag>,
    /// `Say` (words) or `Do` (an action).
    pub kind: Kind,
    /// What the patient said straight after the choice, if the choice has a `reply`.
    pub reply: Option<String>,
    /// Why the choice was unsafe, if it was (a safety error).
    pub hazard: Option<String>,
    /// The objectives (1-based) this choice met.
    pub meets: Vec<usize>,
    pub feedback: String,
    /// Glossary terms in the chosen line, with plain alternatives.
    pub jargon: Vec<Found>,
    pub best: bool,
    /// The best offered choice (1-based) and its words, when the chosen one was not best.
    pub better: Option<Better>,
    pub missed_opportunity: bool,
    pub distress: i64,
    pub trust: i64,
    /// The escalation that fired on this move, if one did.
    pub escalation: Option<Escalation>,
}

/// An escalation that fired: arriving at `from` with distress at or above
/// `at_distress`, the run went to `to` instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escalation {
    pub from: String,
    pub to: String,
    pub at_distress: i64,
    pub distress: i64,
}

/// One objective and whether this run met it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectiveMet {
    /// 1-based, as `meets` numbers it.
    pub n: usize,
    pub text: String,
    pub met: bool,
}

/// A chosen choice that was clinically unsafe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SafetyError {
    /// 1-based step number.
    pub step: usize,
    pub node: String,
    pub say: String,
    pub hazard: String,
}

/// A better choice that was on offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Better {
    pub choice: usize,
    pub say: String,
    pub empathy: i64,
    pub clarity: i64,
    pub feedback: String,
}

/// A cue the trainee did not answer with empathy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missed {
    pub step: usize,
    pub node: String,
    pub patient: String,
    pub chosen: String,
    /// A better response that was on offer (the most empathic one).
    pub better: Option<String>,
}

/// The scores of a finished (or abandoned) run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub empathy: f64,
    pub clarity: f64,
    pub overall: f64,
    pub best_choice_rate: f64,
    pub missed_opportunities: Vec<Missed>,
    /// Every objective, met or not on this run.
    pub objectives: Vec<ObjectiveMet>,
    pub safety_errors: Vec<SafetyError>,
    pub steps: Vec<StepReview>,
}

impl Scores {
    /// The objectives met, as 1-based numbers.
    pub fn objectives_met(&self) -> Vec<usize> {
        self.objectives.iter().filter(|o| o.met).map(|o| o.n).collect()
    }
}

/// What one step of a run was, as the runtime records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepRecord {
    pub node: usize,
    /// Index of the `says` variant spoken.
    pub variant: usize,
    /// What the patient said (the variant, or a reaction to a silence).
    pub said: String,
    /// Offered choices (file indices), in display order.
    pub offered: Vec<usize>,
    /// The choice made (file index); None when the time ran out.
    pub chosen: Option<usize>,
    pub distress_after: i64,
    pub trust_after: i64,
    pub escalated: bool,
}

/// What a silence counts as in the review: nothing said, rated 0 and 0.
fn silence_choice() -> crate::scenario::Choice {
    crate::scenario::Choice {
        say: "(no answer in time)".into(),
        empathy: 0,
        clarity: 0,
        tags: Vec::new(),
        distress: crate::play::script::SILENCE_DISTRESS,
        trust: crate::play::script::SILENCE_TRUST,
        feedback: "Silence while a patient waits for an answer can feel like not caring. If you need a moment, say so: \"Let me think about that for a second.\"".into(),
        goto: String::new(),
        requires: None,
        kind: Kind::Say,
        reply: None,
        meets: Vec::new(),
        hazard: None,
        examples: Vec::new(),
    }
}

/// The best offered choice by empathy + clarity; ties go to higher empathy, then file order.
pub fn best_of(script: &Script, node: usize, offered: &[usize]) -> Option<usize> {
    let n = script.node(node);
    offered.iter().copied().max_by(|&a, &b| {
        let (ca, cb) = (&n.choices[a], &n.choices[b]);
        (ca.empathy + ca.clarity, ca.empathy, std::cmp::Reverse(a)).cmp(&(
            cb.empathy + cb.clarity,
            cb.empathy,
            std::cmp::Reverse(b),
        ))
    })
}

/// Scores a run from its steps.
pub fn score(script: &Script, steps: &[StepRecord]) -> Scores {
    let mut tally = Tally::default();
    let mut reviews = Vec::with_capacity(steps.len());
    let mut missed = Vec::new();
    let mut safety = Vec::new();
    let objective_count = script.scenario().objectives.len();
    let mut met = vec![false; objective_count];
    for (i, s) in steps.iter().enumerate() {
        tally.add(script, s.node, &s.offered, s.chosen);
        let node = script.node(s.node);
        let c = match s.chosen {
            Some(i) => node.choices[i].clone(),
            None => silence_choice(),
        };
        let best_sum = s.offered.iter().map(|&o| node.choices[o].empathy + node.choices[o].clarity).max().unwrap_or(0);
        let is_best = s.chosen.is_some() && c.empathy + c.clarity >= best_sum;
        let better = if is_best {
            None
        } else {
            best_of(script, s.node, &s.offered).map(|b| {
                let bc = &node.choices[b];
                Better {
                    choice: b + 1,
                    say: bc.say.clone(),
                    empathy: bc.empathy,
                    clarity: bc.clarity,
                    feedback: bc.feedback.clone(),
                }
            })
        };
        let patient = s.said.clone();
        let missed_here = node.cue.is_some() && c.empathy < 3;
        if missed_here {
            let most_empathic = s
                .offered
                .iter()
                .copied()
                .filter(|&o| node.choices[o].empathy >= 3)
                .max_by_key(|&o| (node.choices[o].empathy, node.choices[o].clarity, std::cmp::Reverse(o)));
            missed.push(Missed {
                step: i + 1,
                node: script.node_id(s.node).to_owned(),
                patient: patient.clone(),
                chosen: c.say.clone(),
                better: most_empathic.map(|o| node.choices[o].say.clone()),
            });
        }
        if let Some(hazard) = &c.hazard {
            safety.push(SafetyError {
                step: i + 1,
                node: script.node_id(s.node).to_owned(),
                say: c.say.clone(),
                hazard: hazard.clone(),
            });
        }
        let meets: Vec<usize> = (1..=objective_count).filter(|&n| c.meets_objective(n)).collect();
        for &n in &meets {
            met[n - 1] = true;
        }
        let escalation = s.escalated.then(|| {
            let from = match s.chosen {
                Some(chosen) => script.target(s.node, chosen),
                None => Target::Node(s.node),
            };
            let (from, (at, to)) = match from {
                Target::Node(f) => (f, script.escalation(f).unwrap_or((0, from))),
                Target::Ending(_) => (s.node, (0, from)),
            };
            Escalation {
                from: script.node_id(from).to_owned(),
                to: script.target_id(to).to_owned(),
                at_distress: at,
                distress: s.distress_after,
            }
        });
        reviews.push(StepReview {
            node: script.node_id(s.node).to_owned(),
            patient,
            cue: node.cue,
            offered: s.offered.iter().map(|o| o + 1).collect(),
            chosen: s.chosen.map(|c| c + 1),
            say: c.say.clone(),
            empathy: c.empathy,
            clarity: c.clarity,
            tags: c.tags.clone(),
            kind: c.kind,
            reply: c.reply.clone(),
            hazard: c.hazard.clone(),
            meets,
            feedback: c.feedback.clone(),
            jargon: if s.chosen.is_some() && !c.is_action() { script.glossary().find(&c.say) } else { Vec::new() },
            best: is_best,
            better,
            missed_opportunity: missed_here,
            distress: s.distress_after,
            trust: s.trust_after,
            escalation,
        });
    }
    let objectives = script
        .scenario()
        .objectives
        .iter()
        .enumerate()
        .map(|(i, text)| ObjectiveMet { n: i + 1, text: text.clone(), met: met[i] })
        .collect();
    Scores {
        empathy: tally.empathy_score(),
        clarity: tally.clarity_score(),
        overall: tally.overall(),
        best_choice_rate: tally.best_choice_rate(),
        missed_opportunities: missed,
        objectives,
        safety_errors: safety,
        steps: reviews,
    }
}
