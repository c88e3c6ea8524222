//! A run's skills profile: for each communication tag, how often a choice
//! showing it was on offer and how often one was chosen; for each emotion, how
//! often the patient cued it and how often the cue was missed. Tallies add, so
//! a trainee's or a cohort's profile is the sum of their runs'.

use serde::Serialize;

use super::score::Scores;
use super::script::Script;
use crate::scenario::{Emotion, Tag};

/// How often a tag was on offer (at least one offered choice showed it) and
/// chosen (the choice made showed it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub offered: u32,
    pub chosen: u32,
}

/// How often the patient cued an emotion, and how often the nurse missed it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CueCount {
    pub cued: u32,
    pub missed: u32,
}

/// A skills profile, indexed like [`Tag::ALL`] and [`Emotion::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Skills {
    pub tags: [TagCount; Tag::ALL.len()],
    pub cues: [CueCount; Emotion::ALL.len()],
}

/// Bytes of [`Skills::to_bytes`]: every count as a little-endian u32.
pub const SKILLS_BYTES: usize = (Tag::ALL.len() * 2 + Emotion::ALL.len() * 2) * 4;

impl Skills {
    /// The profile of one run: its script and its scores (whose steps say
    /// what was offered, chosen and missed).
    pub fn of_run(script: &Script, scores: &Scores) -> Skills {
        let mut s = Skills::default();
        for step in &scores.steps {
            let Some(n) = script.scenario().nodes.position(&step.node) else { continue };
            let node = script.node(n);
            let mut offered = [false; Tag::ALL.len()];
            for &o in &step.offered {
                for t in node.choices.get(o.wrapping_sub(1)).map_or(&[][..], |c| &c.tags[..]) {
                    offered[t.index()] = true;
                }
            }
            for (i, on) in offered.into_iter().enumerate() {
                s.tags[i].offered += u32::from(on);
            }
            if step.chosen.is_some() {
                let mut chosen = [false; Tag::ALL.len()];
                for t in &step.tags {
                    chosen[t.index()] = true;
                }
                for (i, on) in chosen.into_iter().enumerate() {
                    s.tags[i].chosen += u32::from(on);
                }
            }
            if let Some(cue) = step.cue {
                let c = &mut s.cues[cue.emotion().index()];
                c.cued += 1;
                c.missed += u32::from(step.missed_opportunity);
            }
        }
        s
    }

    /// Adds another profile to this one.
    pub fn add(&mut self, other: &Skills) {
        for (a, b) in self.tags.iter_mut().zip(&other.tags) {
            a.offered += b.offered;
            a.chosen += b.chosen;
        }
        for (a, b) in self.cues.iter_mut().zip(&other.cues) {
            a.cued += b.cued;
            a.missed += b.missed;
        }
    }

    /// The count for one tag.
    pub fn tag(&self, t: Tag) -> TagCount {
        self.tags[t.index()]
    }

    /// The count for one emotion.
    pub fn cue(&self, e: Emotion) -> CueCount {
        self.cues[e.index()]
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        *self == Skills::default()
    }

    /// Packed for storage: every count as a little-endian u32, tags then cues.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SKILLS_BYTES);
        for t in &self.tags {
            out.extend(t.offered.to_le_bytes());
            out.extend(t.chosen.to_le_bytes());
        }
        for c in &self.cues {
            out.extend(c.cued.to_le_bytes());
            out.extend(c.missed.to_le_bytes());
        }
        out
    }

    /// Back from [`Skills::to_bytes`]; None if the length is wrong.
    pub fn from_bytes(b: &[u8]) -> Option<Skills> {
        if b.len() != SKILLS_BYTES {
            return None;
        }
        let mut words = b.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
        let mut s = Skills::default();
        for t in &mut s.tags {
            t.offered = words.next()?;
            t.chosen = words.next()?;
        }
        for c in &mut s.cues {
            c.cued = words.next()?;
            c.missed = words.next()?;
        }
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::play::encounter::Encounter;
    use crate::scenario::load::load_file;

    fn script(id: &str) -> Arc<Script> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../scenarios/{id}.ron"));
        Arc::new(load_file(&path).script.expect("a shipped scenario loads"))
    }

    /// Plays with choice `pick` of those offered each time (a silence for None).
    fn run(script: &Arc<Script>, seed: u64, pick: impl Fn(usize, &[usize]) -> Option<usize>) -> Encounter {
        let mut e = Encounter::new(script.clone(), seed);
        let mut i = 0;
        while !e.is_over() {
            match pick(i, e.offered()) {
                Some(c) => e.choose(c).unwrap(),
                None => e.silence().unwrap(),
            };
            i += 1;
        }
        e
    }

    #[test]
    fn a_runs_profile_counts_each_steps_offered_and_chosen_tags_and_its_cues_by_hand() {
        for id in ["internet-diagnosis", "pain-ignored", "angry-relative-ed", "breaking-bad-news"] {
            let s = script(id);
            for seed in 0..6 {
                let e =
                    run(
                        &s,
                        seed,
                        |i, o| if i == 1 && seed % 3 == 0 { None } else { Some(o[(seed as usize + i) % o.len()]) },
                    );
                let scores = e.scores();
                let got = Skills::of_run(&s, &scores);
                // Worked out again directly from the steps and the file.
                let mut want = Skills::default();
                for (r, step) in e.steps().iter().zip(&scores.steps) {
                    let node = s.node(r.node);
                    for (i, t) in Tag::ALL.iter().enumerate() {
                        if r.offered.iter().any(|&o| node.choices[o].tags.contains(t)) {
                            want.tags[i].offered += 1;
                        }
                        if r.chosen.is_some_and(|c| node.choices[c].tags.contains(t)) {
                            want.tags[i].chosen += 1;
                        }
                    }
                    if let Some(cue) = node.cue {
                        want.cues[cue.emotion().index()].cued += 1;
                        want.cues[cue.emotion().index()].missed += u32::from(step.missed_opportunity);
                    }
                }
                assert_eq!(got, want, "{id} seed {seed}");
                assert!(got.tags.iter().all(|t| t.chosen <= t.offered));
            }
        }
    }

    #[test]
    fn profiles_add_and_pack_into_bytes_and_back() {
        let s = script("pain-ignored");
        let a = Skills::of_run(&s, &run(&s, 1, |_, o| Some(o[0])).scores());
        let b = Skills::of_run(&s, &run(&s, 2, |_, o| Some(*o.last().unwrap())).scores());
        let mut sum = a;
        sum.add(&b);
        for t in Tag::ALL {
            assert_eq!(sum.tag(t).chosen, a.tag(t).chosen + b.tag(t).chosen);
        }
        assert!(!sum.is_empty());
        assert_eq!(Skills::from_bytes(&sum.to_bytes()), Some(sum));
        assert_eq!(sum.to_bytes().len(), SKILLS_BYTES);
        assert_eq!(Skills::from_bytes(&[0; 3]), None);
    }
}
