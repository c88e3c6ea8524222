//! The exact reachable state space of a scenario: every (node, distress, trust)
//! a run can be in, found by applying the run rules from the start. Used to find
//! stuck nodes, dead ends and content that can never be reached.

use super::script::{Script, Target};

const VALUES: usize = 101;
const PER_NODE: usize = VALUES * VALUES;
const UNSEEN: u32 = u32::MAX;

/// What the walk found.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// Number of reachable (node, distress, trust) states.
    pub states: usize,
    pub node_reached: Vec<bool>,
    pub ending_reached: Vec<bool>,
    /// Per node and choice: offered in some reachable state.
    pub choice_offered: Vec<Vec<bool>>,
    /// Per node: a reachable state (distress, trust) in which no choice is offered.
    pub stuck: Vec<Option<(i64, i64)>>,
    /// Per node: a reachable state from which no ending can be reached.
    pub trapped: Vec<Option<(i64, i64)>>,
}

fn key(node: usize, distress: i64, trust: i64) -> usize {
    node * PER_NODE + distress as usize * VALUES + trust as usize
}

/// Walks every state reachable from the start.
pub fn explore(script: &Script) -> Reach {
    let n = script.node_count();
    let mut reach = Reach {
        states: 0,
        node_reached: vec![false; n],
        ending_reached: vec![false; script.ending_count()],
        choice_offered: (0..n).map(|i| vec![false; script.node(i).choices.len()]).collect(),
        stuck: vec![None; n],
        trapped: vec![None; n],
    };
    // Dense ids for reachable states; the state itself, in discovery order.
    let mut ids = vec![UNSEEN; n * PER_NODE];
    let mut states: Vec<(u32, u8, u8)> = Vec::new();
    // Edges between states (from, to) and whether each state can end directly
    // (or is stuck, which is reported on its own and not counted as a trap).
    let mut edges: Vec<(u32, u32)> = Vec::new();
    let mut ends: Vec<bool> = Vec::new();

    let (d0, t0) = script.initial_state();
    let start = script.start();
    ids[key(start, d0, t0)] = 0;
    states.push((start as u32, d0 as u8, t0 as u8));
    ends.push(false);
    let mut i = 0;
    while i < states.len() {
        let (node, d, t) = states[i];
        let (node, d, t) = (node as usize, i64::from(d), i64::from(t));
        reach.node_reached[node] = true;
        let mut offered_any = false;
        for c in script.offered(node, d, t) {
            offered_any = true;
            reach.choice_offered[node][c] = true;
            let mv = script.step(node, c, d, t);
            match mv.target {
                Target::Ending(e) => {
                    reach.ending_reached[e] = true;
                    ends[i] = true;
                }
                Target::Node(next) => {
                    let k = key(next, mv.distress, mv.trust);
                    if ids[k] == UNSEEN {
                        ids[k] = states.len() as u32;
                        states.push((next as u32, mv.distress as u8, mv.trust as u8));
                        ends.push(false);
                    }
                    edges.push((i as u32, ids[k]));
                }
            }
        }
        if !offered_any {
            if reach.stuck[node].is_none() {
                reach.stuck[node] = Some((d, t));
            }
            ends[i] = true;
        }
        i += 1;
    }
    reach.states = states.len();

    // Backwards from the states that can end: everything that can reach one.
    let mut first = vec![0u32; states.len() + 1];
    for &(_, to) in &edges {
        first[to as usize + 1] += 1;
    }
    for j in 0..states.len() {
        first[j + 1] += first[j];
    }
    let mut preds = vec![0u32; edges.len()];
    let mut fill = first.clone();
    for &(from, to) in &edges {
        preds[fill[to as usize] as usize] = from;
        fill[to as usize] += 1;
    }
    let mut good = ends.clone();
    let mut queue: Vec<u32> = (0..states.len() as u32).filter(|&s| good[s as usize]).collect();
    while let Some(s) = queue.pop() {
        for &p in &preds[first[s as usize] as usize..first[s as usize + 1] as usize] {
            if !good[p as usize] {
                good[p as usize] = true;
                queue.push(p);
            }
        }
    }
    for (s, &(node, d, t)) in states.iter().enumerate() {
        if !good[s] && reach.trapped[node as usize].is_none() {
            reach.trapped[node as usize] = Some((i64::from(d), i64::from(t)));
        }
    }
    reach
}
