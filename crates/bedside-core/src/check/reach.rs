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
    /// Per objective (0-based) that some choice meets: a shortest path, as
    /// (node, file index) moves, to a `Resolved` ending that meets no choice
    /// meeting it, and that ending; None when every such ending needs it.
    pub skippable: Vec<Option<(Vec<(usize, usize)>, usize)>>,
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

/// No state (in `INDEX`), or a move to an ending (in the tracked moves).
const NO_STATE: u32 = u32::MAX;
const TO_ENDING: u32 = 1 << 31;

/// Walks every state reachable from the start.
pub fn explore(script: &Script) -> Reach {
    SEEN.with_borrow_mut(|seen| {
        let size = script.node_count() * PER_NODE;
        if seen.len() < size.div_ceil(64) {
            seen.resize(size.div_ceil(64), 0);
        }
        // Objectives are tracked over the states only where the node graph
        // alone cannot show that every Resolved ending needs them.
        let mut index = (structurally_skippable(script) != 0).then(StateIndex::default);
        explore_with(script, seen, index.as_mut())
    })
}

/// State keys to their index in the walk: a small open-addressing table, so
/// that it stays in cache (a table over every possible state would not).
#[derive(Default)]
struct StateIndex {
    /// (key, index); `NO_STATE` keys are empty slots. Length a power of two.
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl StateIndex {
    fn slot(&self, key: u32) -> usize {
        let mask = self.slots.len() - 1;
        // Fibonacci hashing: the high bits of the product, well mixed.
        let mut at = ((u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize) & mask;
        while self.slots[at].0 != NO_STATE && self.slots[at].0 != key {
            at = (at + 1) & mask;
        }
        at
    }

    fn insert(&mut self, key: u32, index: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            let grown = vec![(NO_STATE, 0); (self.slots.len() * 2).max(1024)];
            let old = std::mem::replace(&mut self.slots, grown);
            for (k, i) in old.into_iter().filter(|&(k, _)| k != NO_STATE) {
                let at = self.slot(k);
                self.slots[at] = (k, i);
            }
        }
        let at = self.slot(key);
        self.slots[at] = (key, index);
        self.len += 1;
    }

    fn get(&self, key: u32) -> u32 {
        self.slots[self.slot(key)].1
    }
}

fn test_and_set(seen: &mut [u64], k: usize) -> bool {
    let (word, bit) = (k / 64, 1u64 << (k % 64));
    let was = seen[word] & bit != 0;
    seen[word] |= bit;
    was
}

fn explore_with(script: &Script, seen: &mut [u64], mut index: Option<&mut StateIndex>) -> Reach {
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
        skippable: vec![None; script.scenario().objectives.len()],
    };
    // With objectives to track: every move, as (target state, or TO_ENDING |
    // ending; file index of the choice), grouped by the state it leaves.
    let mut moves: Vec<(u32, u32)> = Vec::new();
    let mut first_move: Vec<u32> = Vec::new();
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
    if let Some(index) = index.as_deref_mut() {
        index.insert(key(start, d0, t0) as u32, 0);
    }
    states.push((start as u32, d0 as u8, t0 as u8));
    ends.push(false);
    let mut i = 0;
    while i < states.len() {
        if index.is_some() {
            first_move.push(moves.len() as u32);
        }
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
                    if index.is_some() {
                        moves.push((TO_ENDING | e as u32, c as u32));
                    }
                }
                Target::Node(next) => {
                    let k = key(next, mv.distress, mv.trust);
                    if !test_and_set(seen, k) {
                        if let Some(index) = index.as_deref_mut() {
                            index.insert(k as u32, states.len() as u32);
                        }
                        states.push((next as u32, mv.distress as u8, mv.trust as u8));
                        ends.push(false);
                    }
                    if let Some(index) = index.as_deref() {
                        moves.push((index.get(k as u32), c as u32));
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
    if index.is_some() {
        first_move.push(moves.len() as u32);
        find_skippable(script, &mut reach, &states, &first_move, &moves);
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

/// For each objective some choice meets: can a `Resolved` ending be reached on
/// a path that makes no choice meeting it? Exact over the reachable states: a
/// state's bit k is set when some path from the start reaches it without
/// meeting objective k, found for every k at once by propagating the bits
/// along the recorded moves until nothing changes. Each bit keeps the move that
/// first brought it, so one path per skippable objective can be read back.
fn find_skippable(script: &Script, reach: &mut Reach, states: &[(u32, u8, u8)], first: &[u32], moves: &[(u32, u32)]) {
    let meetable = structurally_skippable(script);
    let tracked: Vec<u32> = (0..64).filter(|k| meetable >> k & 1 == 1).collect();
    let slot = |k: u32| tracked.iter().position(|&t| t == k).unwrap_or(0);
    let width = tracked.len();
    // Per state: the objectives that can still be skipped on arriving there,
    // and for each tracked one the (state, choice) it first came from.
    let mut avoid = vec![0u64; states.len()];
    let mut came = vec![(NO_STATE, 0u32); states.len() * width];
    let mut found: Vec<Option<(usize, u32, usize)>> = vec![None; 64];
    let mut open = meetable;
    avoid[0] = meetable;
    let mut queued = vec![false; states.len()];
    let mut work = vec![0u32];
    queued[0] = true;
    // First in, first out, so each first arrival is by a shortest path.
    let mut head = 0;
    while head < work.len() && open != 0 {
        let i = work[head] as usize;
        head += 1;
        queued[i] = false;
        let node = states[i].0 as usize;
        for &(to, c) in &moves[first[i] as usize..first[i + 1] as usize] {
            let bits = avoid[i] & !script.meets(node, c as usize);
            if bits == 0 {
                continue;
            }
            if to & TO_ENDING != 0 {
                let e = (to & !TO_ENDING) as usize;
                if script.ending(e).outcome == crate::scenario::Outcome::Resolved {
                    let mut new = bits & open;
                    open &= !new;
                    while new != 0 {
                        let k = new.trailing_zeros();
                        new &= new - 1;
                        found[k as usize] = Some((i, c, e));
                    }
                }
                continue;
            }
            let j = to as usize;
            let mut new = bits & !avoid[j];
            if new == 0 {
                continue;
            }
            avoid[j] |= new;
            while new != 0 {
                let k = new.trailing_zeros();
                new &= new - 1;
                came[j * width + slot(k)] = (i as u32, c);
            }
            if !queued[j] {
                queued[j] = true;
                work.push(j as u32);
            }
        }
    }
    for (k, f) in found.into_iter().enumerate() {
        let Some((mut i, c, ending)) = f else { continue };
        let mut path = vec![(states[i].0 as usize, c as usize)];
        while i != 0 {
            let (from, choice) = came[i * width + slot(k as u32)];
            i = from as usize;
            path.push((states[i].0 as usize, choice as usize));
        }
        path.reverse();
        if let Some(s) = reach.skippable.get_mut(k) {
            *s = Some((path, ending));
        }
    }
}

/// The objectives (as bits) that the node graph alone does not show to be
/// needed: those for which some path of choices (and escalations, which may or
/// may not fire) reaches a `Resolved` ending without meeting them. Every run's
/// path is such a path, so an objective not in this set is needed on every run
/// that resolves, and the exact walk over the states need not track it.
pub fn structurally_skippable(script: &Script) -> u64 {
    let meetable = script.meetable();
    if meetable == 0 {
        return 0;
    }
    let n = script.node_count();
    let mut avoid = vec![0u64; n];
    let mut skippable = 0u64;
    avoid[script.start()] = meetable;
    let mut work = vec![script.start()];
    let arrive =
        |target: Target, bits: u64, avoid: &mut Vec<u64>, work: &mut Vec<usize>, skippable: &mut u64| match target {
            Target::Ending(e) => {
                if script.ending(e).outcome == crate::scenario::Outcome::Resolved {
                    *skippable |= bits;
                }
            }
            Target::Node(m) => {
                if bits & !avoid[m] != 0 {
                    avoid[m] |= bits;
                    work.push(m);
                }
            }
        };
    while let Some(node) = work.pop() {
        for c in 0..script.node(node).choices.len() {
            let bits = avoid[node] & !script.meets(node, c);
            if bits == 0 {
                continue;
            }
            let target = script.target(node, c);
            arrive(target, bits, &mut avoid, &mut work, &mut skippable);
            if let Target::Node(m) = target
                && let Some((_, to)) = script.escalation(m)
            {
                arrive(to, bits, &mut avoid, &mut work, &mut skippable);
            }
        }
    }
    skippable
}
