//! Tests for the runtime, scoring and simulation on a small scenario that uses
//! conditions, escalation, variants and a cue.

use std::sync::Arc;

use super::encounter::{ChoiceError, Encounter};
use super::load::load_str;
use super::scenario::Outcome;
use super::script::{Script, Target};
use super::simulate::simulate;

const RUN: &str = r#"(
    id: "run",
    title: "Run",
    summary: "Runtime test.",
    setting: "Clinic",
    difficulty: Intermediate,
    objectives: ["Test"],
    patient: (name: "Bo", age: 30, about: "Test.", distress: 90, trust: 20),
    start: "a",
    nodes: {
        "a": (
            says: ["one", "two", "three"],
            cue: Some(Hint(Worry)),
            choices: [
                (say: "You seem worried.", empathy: 4, clarity: 3, distress: -30, trust: 30, feedback: "f1", goto: "b"),
                (say: "Fine.", empathy: 0, clarity: 1, distress: 20, trust: -30, feedback: "f2", goto: "b"),
                (say: "Trusting line.", empathy: 3, clarity: 4, feedback: "f3", goto: "calm", requires: Some(TrustAtLeast(80))),
            ],
        ),
        "b": (
            says: ["b says"],
            escalate: Some((at_distress: 95, goto: "angry")),
            choices: [
                (say: "Plan.", empathy: 2, clarity: 4, distress: -10, feedback: "f4", goto: "calm"),
                (say: "Wait.", empathy: 1, clarity: 2, feedback: "f5", goto: "meh"),
            ],
        ),
        "angry": (
            says: ["I'm leaving."],
            choices: [
                (say: "I'm sorry.", empathy: 3, clarity: 3, distress: -20, feedback: "f6", goto: "b"),
                (say: "Go then.", empathy: 0, clarity: 2, feedback: "f7", goto: "left"),
            ],
        ),
    },
    endings: {
        "calm": (outcome: Resolved, says: "ok", debrief: "d1"),
        "meh": (outcome: Partial, says: "hm", debrief: "d2"),
        "left": (outcome: Unresolved, says: "bye", debrief: "d3"),
    },
)"#;

fn script() -> Arc<Script> {
    let loaded = load_str("run.ron", RUN);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    Arc::new(loaded.script.unwrap())
}

#[test]
fn a_run_starts_at_start_with_the_patients_values_and_offers_what_holds() {
    let e = Encounter::new(script(), 7);
    assert_eq!(e.position(), Target::Node(0));
    assert_eq!((e.distress(), e.trust()), (90, 20));
    let mut offered = e.offered().to_vec();
    offered.sort_unstable();
    assert_eq!(offered, [0, 1], "the trust-80 choice is not offered at trust 20");
    assert!(["one", "two", "three"].contains(&e.says()));
}

#[test]
fn values_are_clamped_and_escalation_is_followed_once() {
    let mut e = Encounter::new(script(), 1);
    // distress 90 + 20 = 110 -> 100; trust 20 - 30 -> 0; arriving at b with 100 >= 95 escalates.
    let turn = e.choose(1).unwrap();
    assert_eq!((turn.distress, turn.trust), (100, 0));
    assert!(turn.escalated);
    assert_eq!(e.position(), Target::Node(2));
    // "I'm sorry" goes back to b with distress 80: below the threshold, no escalation.
    let turn = e.choose(0).unwrap();
    assert!(!turn.escalated);
    assert_eq!(e.position(), Target::Node(1));
    e.choose(0).unwrap();
    assert!(e.is_over());
    assert_eq!(e.outcome(), Some(Outcome::Resolved));
    assert_eq!(e.says(), "ok");
    assert_eq!(e.choose(0), Err(ChoiceError::Over));
}

#[test]
fn a_choice_not_offered_is_refused_and_the_run_is_unchanged() {
    let mut e = Encounter::new(script(), 1);
    let err = e.choose(2).unwrap_err();
    assert_eq!(err, ChoiceError::NotOffered { choice: 2, offered: vec![0, 1] });
    assert_eq!(err.to_string(), "choice 3 is not offered here (offered: 1, 2)");
    assert!(e.steps().is_empty());
}

#[test]
fn the_same_seed_gives_the_same_lines_and_order_and_others_differ() {
    let s = script();
    let trace = |seed: u64| {
        let mut out = Vec::new();
        let mut e = Encounter::new(s.clone(), seed);
        out.push((e.says().to_owned(), e.offered().to_vec()));
        e.choose(0).unwrap();
        out.push((e.says().to_owned(), e.offered().to_vec()));
        out
    };
    assert_eq!(trace(42), trace(42));
    let distinct: std::collections::HashSet<_> = (0..40).map(trace).collect();
    assert!(distinct.len() > 3, "seeds should vary the run: {}", distinct.len());
}

#[test]
fn a_seed_gives_the_same_run_on_every_machine() {
    // ChaCha8 is portable: these values are fixed for seed 2026 on any platform.
    let e = Encounter::new(script(), 2026);
    let first = (e.says().to_owned(), e.offered().to_vec());
    let again = Encounter::new(script(), 2026);
    assert_eq!(first, (again.says().to_owned(), again.offered().to_vec()));
    let golden: Vec<(String, Vec<usize>)> = (0..4)
        .map(|seed| {
            let e = Encounter::new(script(), seed);
            (e.says().to_owned(), e.offered().to_vec())
        })
        .collect();
    assert_eq!(
        golden,
        GOLDEN.iter().map(|(s, o)| ((*s).to_owned(), o.to_vec())).collect::<Vec<_>>(),
        "the seeded sequence changed; if rand or rand_chacha changed their algorithm, records replay differently"
    );
}

const GOLDEN: [(&str, &[usize]); 4] = [("two", &[1, 0]), ("two", &[1, 0]), ("one", &[0, 1]), ("one", &[1, 0])];

#[test]
fn scores_follow_the_format_on_a_worked_example() {
    let mut e = Encounter::new(script(), 3);
    e.choose(1).unwrap(); // at a (cue): empathy 0/4, clarity 1/3, not best, missed
    e.choose(0).unwrap(); // at angry: 3/3, 3/3, best
    e.choose(1).unwrap(); // at b: 1/2, 2/4, not best
    let s = e.scores();
    // empathy = 100 * (0+3+1)/(4+3+2) = 44.4; clarity = 100 * (1+3+2)/(3+3+4) = 60.0
    assert_eq!(s.empathy, 44.4);
    assert_eq!(s.clarity, 60.0);
    assert_eq!(s.overall, 52.2);
    assert_eq!(s.best_choice_rate, 33.3);
    assert_eq!(s.missed_opportunities.len(), 1);
    let m = &s.missed_opportunities[0];
    assert_eq!((m.step, m.chosen.as_str(), m.better.as_deref()), (1, "Fine.", Some("You seem worried.")));
    assert_eq!(s.steps.len(), 3);
    assert_eq!(s.steps[0].better.as_ref().map(|b| b.choice), Some(1));
    assert!(s.steps[1].best && s.steps[1].better.is_none());
    assert_eq!(s.steps[2].better.as_ref().map(|b| b.say.as_str()), Some("Plan."));
    assert_eq!(e.outcome(), Some(Outcome::Partial));
}

#[test]
fn the_clarity_feedback_names_glossary_terms_in_the_chosen_line() {
    let text = RUN.replacen("say: \"Wait.\"", "say: \"Wait, you're NPO.\"", 1);
    let s = Arc::new(load_str("run.ron", &text).script.unwrap());
    let mut e = Encounter::new(s, 1);
    e.choose(0).unwrap();
    e.choose(1).unwrap();
    let last = e.scores().steps.pop().unwrap();
    assert_eq!(last.jargon.len(), 1);
    assert_eq!(last.jargon[0].term, "NPO");
}

#[test]
fn a_divisor_of_zero_scores_one_hundred() {
    let text = RUN
        .replace("empathy: 4,", "empathy: 0,")
        .replace("empathy: 3,", "empathy: 0,")
        .replace("empathy: 2,", "empathy: 0,")
        .replace("empathy: 1,", "empathy: 0,");
    let loaded = load_str("run.ron", &text);
    let mut e = Encounter::new(Arc::new(loaded.script.unwrap()), 1);
    e.choose(0).unwrap();
    e.choose(0).unwrap();
    assert_eq!(e.scores().empathy, 100.0);
}

#[test]
fn simulation_reaches_everything_and_its_scores_agree_with_the_runtime() {
    let s = script();
    let sim = simulate(&s, 3000, 9, |_| {});
    assert_eq!(sim.runs, 3000);
    assert_eq!(sim.cut_off, 0);
    assert_eq!(sim.endings.iter().sum::<u64>(), 3000);
    // Trust 80 is never reached at "a" (it is only visited first), so choice 3 is never picked.
    assert_eq!(sim.never_reached(&s), vec!["choice a#3".to_owned()]);
    assert!(sim.overall.min < sim.overall.median && sim.overall.median < sim.overall.max);
    // The best scripted path and the worst one bound the simulated spread.
    let mut best = Encounter::new(s.clone(), 0);
    best.choose(0).unwrap();
    best.choose(0).unwrap();
    assert_eq!(best.scores().overall, 100.0);
    assert_eq!(sim.overall.max, 100.0);
}

#[test]
fn the_same_seed_gives_the_same_simulation() {
    let s = script();
    assert_eq!(simulate(&s, 500, 4, |_| {}), simulate(&s, 500, 4, |_| {}));
}

#[test]
fn a_silence_at_a_cue_is_a_missed_opportunity_and_the_patient_reacts_then_waits() {
    let mut e = Encounter::new(script(), 5);
    let before = e.offered().to_vec();
    let turn = e.silence().unwrap();
    assert_eq!(turn.choice, None);
    // distress 90 + 10 -> 100, trust 20 - 5 -> 15; still at "a" (no escalation there).
    assert_eq!((e.distress(), e.trust()), (100, 15));
    assert_eq!(e.position(), Target::Node(0));
    assert!(!["one", "two", "three"].contains(&e.says()), "the patient reacts to the silence: {}", e.says());
    let reaction = e.says().to_owned();
    let mut again = e.offered().to_vec();
    again.sort_unstable();
    let mut before = before;
    before.sort_unstable();
    assert_eq!(again, before, "the same choices are offered again");
    e.choose(0).unwrap();
    let s = e.scores();
    assert_eq!(s.steps.len(), 2);
    assert_eq!(s.steps[0].chosen, None);
    assert_eq!((s.steps[0].empathy, s.steps[0].clarity), (0, 0));
    assert!(s.steps[0].missed_opportunity && !s.steps[0].best);
    assert_eq!(s.steps[1].patient, reaction, "the review shows the reaction the trainee saw");
    assert_eq!(s.missed_opportunities.len(), 1);
    // empathy: (0 + 4) / (4 + 4) = 50.0
    assert_eq!(s.empathy, 50.0);
}
