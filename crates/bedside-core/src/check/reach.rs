//! The exact reachable state space of a scenario: every (node, distress, trust)
//! a run can be in, found by applying the run rules from the start. Used to find
//! stuck nodes, dead ends and content that can never be reached.

use crate::play::script::{Script, Target};

const VALUES: usize = 101;
const PER_NODE: usize = VALUES * VALUES;

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
    /// Per node with a cue: a reachable state in which no choice rated empathy 3
    /// or more is offered, so the trainee cannot take the opportunity.
    pub cue_unanswerable: Vec<Option<(i64, i64)>>,
    /// Per node and choice: not offered in some reachable state (its `requires` failed).
    pub choice_withheld: Vec<Vec<bool>>,
    /// Per node: the highest distress with which a move arrives there (before any
    /// escalation), or None if no move arrives there.
    pub arrival_distress: Vec<Option<i64>>,
    /// Per node: its escalation fired on some move.
    pub escalation_fired: Vec<bool>,
}

fn key(node: usize, distress: i64, trust: i64) -> usize {
    node * PER_NODE + distress as usize * VALUES + trust as usize
}

thread_local! {
    /// One bit per (node, distress, trust): seen in this walk. Kept between calls
    /// so that checking many files does not allocate each time; the bits that a
    /// walk set are cleared at its end.
    static SEEN: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Walks every state reachable from the start.
pub fn explore(script: &Script) -> Reach {
    SEEN.with_borrow_mut(|seen| {
        let needed = (script.node_count() * PER_NODE).div_ceil(64);
        if seen.len() < needed {
            seen.resize(needed, 0);
        }
        explore_with(script, seen)
    })
}

fn test_and_set(seen: &mut [u64], k: usize) -> bool {
    let (word, bit) = (k / 64, 1u64 << (k % 64));
    let was = seen[word] & bit != 0;
    seen[word] |= bit;
    was
}

fn explore_with(script: &Script, seen: &mut [u64]) -> Reach {
    let n = script.node_count();
    let mut reach = Reach {
        states: 0,
        node_reached: vec![false; n],
        ending_reached: vec![false; script.ending_count()],
        choice_offered: (0..n).map(|i| vec![false; script.node(i).choices.len()]).collect(),
        stuck: vec![None; n],
        trapped: vec![None; n],
        cue_unanswerable: vec![None; n],
        choice_withheld: (0..n).map(|i| vec![false; script.node(i).choices.len()]).collect(),
        arrival_distress: vec![None; n],
        escalation_fired: vec![false; n],
    };
    let conditional: Vec<bool> = (0..n).map(|i| script.node(i).choices.iter().any(|c| c.requires.is_some())).collect();
    // The states in discovery order (also the queue of the breadth-first walk).
    let mut states: Vec<(u32, u8, u8)> = Vec::new();
    // Without a cycle among the nodes every run ends or gets stuck, so no state
    // can be trapped and the backward pass is not needed.
    let cyclic = has_cycle(script);
    // For that pass: edges from a state's index to a state's key, and whether
    // each state can end directly (or is stuck, reported on its own).
    let mut edges: Vec<(u32, u32)> = Vec::new();
    let mut ends: Vec<bool> = Vec::new();

    let (d0, t0) = script.initial_state();
    let start = script.start();
    test_and_set(seen, key(start, d0, t0));
    states.push((start as u32, d0 as u8, t0 as u8));
    ends.push(false);
    let mut i = 0;
    while i < states.len() {
        let (node, d, t) = states[i];
        let (node, d, t) = (node as usize, i64::from(d), i64::from(t));
        reach.node_reached[node] = true;
        let mut offered_any = false;
        let mut empathic = false;
        if conditional[node] {
            for (c, choice) in script.node(node).choices.iter().enumerate() {
                if choice.requires.is_some_and(|r| !r.holds(d, t)) {
                    reach.choice_withheld[node][c] = true;
                }
            }
        }
        for c in script.offered(node, d, t) {
            offered_any = true;
            empathic |= script.empathy(node, c) >= 3;
            reach.choice_offered[node][c] = true;
            let mv = script.step(node, c, d, t);
            if let Target::Node(arrived) = script.target(node, c) {
                let seen = &mut reach.arrival_distress[arrived];
                *seen = Some(seen.map_or(mv.distress, |s| s.max(mv.distress)));
                reach.escalation_fired[arrived] |= mv.escalated;
            }
            match mv.target {
                Target::Ending(e) => {
                    reach.ending_reached[e] = true;
                    ends[i] = true;
                }
                Target::Node(next) => {
                    let k = key(next, mv.distress, mv.trust);
                    if !test_and_set(seen, k) {
                        states.push((next as u32, mv.distress as u8, mv.trust as u8));
                        ends.push(false);
                    }
                    if cyclic {
                        edges.push((i as u32, k as u32));
                    }
                }
            }
        }
        if offered_any && !empathic && script.node(node).cue.is_some() && reach.cue_unanswerable[node].is_none() {
            reach.cue_unanswerable[node] = Some((d, t));
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
    for &(node, d, t) in &states {
        let k = key(node as usize, i64::from(d), i64::from(t));
        seen[k / 64] &= !(1u64 << (k % 64));
    }
    if cyclic {
        mark_trapped(&mut reach, &states, &edges, ends);
    }
    reach
}

/// Whether some node can lead back to itself through choices or escalations.
fn has_cycle(script: &Script) -> bool {
    // Iterative depth-first search with colours: 0 new, 1 on the stack, 2 done.
    let n = script.node_count();
    let next = |node: usize| {
        (0..script.node(node).choices.len())
            .map(move |c| script.target(node, c))
            .chain(script.escalation(node).map(|(_, t)| t))
            .filter_map(|t| match t {
                Target::Node(m) => Some(m),
                Target::Ending(_) => None,
            })
    };
    let mut colour = vec![0u8; n];
    for root in 0..n {
        if colour[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, Vec<usize>)> = vec![(root, next(root).collect())];
        colour[root] = 1;
        while let Some((node, pending)) = stack.last_mut() {
            match pending.pop() {
                Some(m) if colour[m] == 1 => return true,
                Some(m) if colour[m] == 0 => {
                    colour[m] = 1;
                    let succ = next(m).collect();
                    stack.push((m, succ));
                }
                Some(_) => {}
                None => {
                    colour[*node] = 2;
                    stack.pop();
                }
            }
        }
    }
    false
}

/// Finds the states from which no ending (nor a stuck state, reported apart)
/// can be reached, by walking the state edges backwards from those that end.
fn mark_trapped(reach: &mut Reach, states: &[(u32, u8, u8)], key_edges: &[(u32, u32)], ends: Vec<bool>) {
    // Turn each edge's target key into the target's index.
    let mut by_key: Vec<(u32, u32)> = states
        .iter()
        .enumerate()
        .map(|(i, &(n, d, t))| (key(n as usize, i64::from(d), i64::from(t)) as u32, i as u32))
        .collect();
    by_key.sort_unstable();
    let index_of = |k: u32| by_key.binary_search_by_key(&k, |&(k, _)| k).map_or(0, |at| by_key[at].1);
    let edges: Vec<(u32, u32)> = key_edges.iter().map(|&(from, k)| (from, index_of(k))).collect();
    let edges = edges.as_slice();
    // Backwards from the states that can end: everything that can reach one.
    let mut first = vec![0u32; states.len() + 1];
    for &(_, to) in edges {
        first[to as usize + 1] += 1;
    }
    for j in 0..states.len() {
        first[j + 1] += first[j];
    }
    let mut preds = vec![0u32; edges.len()];
    let mut fill = first.clone();
    for &(from, to) in edges {
        preds[fill[to as usize] as usize] = from;
        fill[to as usize] += 1;
    }
    let mut good = ends;
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
}

/// A shortest path (as (node, file index) moves) from the start to an ending
/// for which `goal` holds, and that ending, using only the choices `allowed` permits; exact over
/// the reachable (node, distress, trust) states. None if there is no such path.
pub fn find_path(
    script: &Script,
    allowed: impl Fn(usize, usize) -> bool,
    goal: impl Fn(usize) -> bool,
) -> Option<(Vec<(usize, usize)>, usize)> {
    SEEN.with_borrow_mut(|seen| {
        let needed = (script.node_count() * PER_NODE).div_ceil(64);
        if seen.len() < needed {
            seen.resize(needed, 0);
        }
        // Each state with the state it came from and the choice taken there.
        let mut states: Vec<(u32, u8, u8, u32, u32)> = Vec::new();
        let (d0, t0) = script.initial_state();
        let start = script.start();
        test_and_set(seen, key(start, d0, t0));
        states.push((start as u32, d0 as u8, t0 as u8, u32::MAX, 0));
        let mut found = None;
        let mut i = 0;
        'walk: while i < states.len() {
            let (node, d, t, _, _) = states[i];
            let (node, d, t) = (node as usize, i64::from(d), i64::from(t));
            for c in script.offered(node, d, t) {
                if !allowed(node, c) {
                    continue;
                }
                let mv = script.step(node, c, d, t);
                match mv.target {
                    Target::Ending(e) => {
                        if goal(e) {
                            found = Some((i, c, e));
                            break 'walk;
                        }
                    }
                    Target::Node(next) => {
                        if !test_and_set(seen, key(next, mv.distress, mv.trust)) {
                            states.push((next as u32, mv.distress as u8, mv.trust as u8, i as u32, c as u32));
                        }
                    }
                }
            }
            i += 1;
        }
        for &(node, d, t, _, _) in &states {
            let k = key(node as usize, i64::from(d), i64::from(t));
            seen[k / 64] &= !(1u64 << (k % 64));
        }
        let (mut at, last, ending) = found?;
        let mut path = vec![(states[at].0 as usize, last)];
        while states[at].3 != u32::MAX {
            let (_, _, _, from, choice) = states[at];
            at = from as usize;
            path.push((states[at].0 as usize, choice as usize));
        }
        path.reverse();
        Some((path, ending))
    })
}
