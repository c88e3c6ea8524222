//! Random playthroughs (choices picked uniformly among those offered) and what
//! they reached and scored: coverage and score spread without playing by hand.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::play::score::Tally;
use crate::play::script::{Script, Target};

/// A run longer than this many steps is cut off (a scenario that loops).
pub const MAX_STEPS: usize = 10_000;

/// Minimum, median and maximum of one score over the runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

impl Spread {
    fn of(values: &mut [f64]) -> Spread {
        if values.is_empty() {
            return Spread { min: 0.0, median: 0.0, max: 0.0 };
        }
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let median = if n % 2 == 1 {
            values[n / 2]
        } else {
            crate::play::score::round1((values[n / 2 - 1] + values[n / 2]) / 2.0)
        };
        Spread { min: values[0], median, max: values[n - 1] }
    }
}

/// What the runs reached and scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub runs: u64,
    /// Runs stopped at MAX_STEPS without an ending.
    pub cut_off: u64,
    pub steps: u64,
    /// Per node: number of steps taken there.
    pub node_visits: Vec<u64>,
    /// Per node and choice: times chosen.
    pub choice_picks: Vec<Vec<u64>>,
    /// Per ending: runs that ended there.
    pub endings: Vec<u64>,
    pub empathy: Spread,
    pub clarity: Spread,
    pub overall: Spread,
    pub best_choice_rate: Spread,
    /// Per objective: runs that met it.
    pub objectives_met: Vec<u64>,
    /// Runs with at least one safety error.
    pub runs_with_safety_errors: u64,
    /// Safety errors over all runs.
    pub safety_errors: u64,
    /// Per node: times its escalation fired.
    pub escalations: Vec<u64>,
}

impl Simulation {
    /// Ids of nodes, choices (as `node#n`, 1-based) and endings never reached.
    pub fn never_reached(&self, script: &Script) -> Vec<String> {
        let mut out = Vec::new();
        for (n, &v) in self.node_visits.iter().enumerate() {
            if v == 0 {
                out.push(format!("node {}", script.node_id(n)));
                continue;
            }
            for (c, &p) in self.choice_picks[n].iter().enumerate() {
                if p == 0 {
                    out.push(format!("choice {}#{}", script.node_id(n), c + 1));
                }
            }
        }
        for (e, &v) in self.endings.iter().enumerate() {
            if v == 0 {
                out.push(format!("ending {}", script.ending_id(e)));
            }
        }
        out
    }
}

/// Plays `runs` random runs from one seed. `progress` is called now and then
/// with the number of runs done.
pub fn simulate(script: &Script, runs: u64, seed: u64, mut progress: impl FnMut(u64)) -> Simulation {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = script.node_count();
    let mut sim = Simulation {
        runs,
        cut_off: 0,
        steps: 0,
        node_visits: vec![0; n],
        choice_picks: (0..n).map(|i| vec![0; script.node(i).choices.len()]).collect(),
        endings: vec![0; script.ending_count()],
        empathy: Spread { min: 0.0, median: 0.0, max: 0.0 },
        clarity: Spread { min: 0.0, median: 0.0, max: 0.0 },
        overall: Spread { min: 0.0, median: 0.0, max: 0.0 },
        best_choice_rate: Spread { min: 0.0, median: 0.0, max: 0.0 },
        objectives_met: vec![0; script.scenario().objectives.len()],
        runs_with_safety_errors: 0,
        safety_errors: 0,
        escalations: vec![0; n],
    };
    let cap = usize::try_from(runs).unwrap_or(usize::MAX).min(1 << 24);
    let (mut emp, mut cla, mut ovr, mut best) =
        (Vec::with_capacity(cap), Vec::with_capacity(cap), Vec::with_capacity(cap), Vec::with_capacity(cap));
    let mut offered: Vec<usize> = Vec::with_capacity(8);
    let (d0, t0) = script.initial_state();
    for run in 0..runs {
        let (mut node, mut d, mut t) = (script.start(), d0, t0);
        let mut tally = Tally::default();
        let mut ended = false;
        for _ in 0..MAX_STEPS {
            offered.clear();
            offered.extend(script.offered(node, d, t));
            if offered.is_empty() {
                break;
            }
            let choice = offered[rng.random_range(0..offered.len())];
            tally.add(script, node, &offered, Some(choice));
            sim.node_visits[node] += 1;
            sim.choice_picks[node][choice] += 1;
            let mv = script.step(node, choice, d, t);
            if mv.escalated
                && let Target::Node(from) = script.target(node, choice)
            {
                sim.escalations[from] += 1;
            }
            (d, t) = (mv.distress, mv.trust);
            match mv.target {
                Target::Node(next) => node = next,
                Target::Ending(e) => {
                    sim.endings[e] += 1;
                    ended = true;
                    break;
                }
            }
        }
        if !ended {
            sim.cut_off += 1;
        }
        sim.steps += u64::from(tally.steps);
        for (o, count) in sim.objectives_met.iter_mut().enumerate().take(64) {
            *count += (tally.met >> o) & 1;
        }
        sim.safety_errors += u64::from(tally.safety_errors);
        sim.runs_with_safety_errors += u64::from(tally.safety_errors > 0);
        emp.push(tally.empathy_score());
        cla.push(tally.clarity_score());
        ovr.push(tally.overall());
        best.push(tally.best_choice_rate());
        if run % 4096 == 4095 {
            progress(run + 1);
        }
    }
    progress(runs);
    sim.empathy = Spread::of(&mut emp);
    sim.clarity = Spread::of(&mut cla);
    sim.overall = Spread::of(&mut ovr);
    sim.best_choice_rate = Spread::of(&mut best);
    sim
}
