//! Tests for the runtime, scoring and simulation on a small scenario that uses
//! conditions, escalation, variants and a cue.

use std::sync::Arc;

use crate::play::encounter::{ChoiceError, Encounter};
use crate::play::script::{Script, Target};
use crate::play::simulate::simulate;
use crate::scenario::Outcome;
use crate::scenario::load::load_str;

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

/// RUN with format-2 fields: two objectives, a reply and a hazard.
fn format_two() -> Arc<Script> {
    let text = RUN
        .replacen(
            "objectives: [\"Test\"],",
            "objectives: [\"Name the worry\", \"Give a plan\"],\n    sources: [\"NMC The Code (2018)\"],",
            1,
        )
        .replacen(
            "feedback: \"f1\", goto: \"b\")",
            "feedback: \"f1\", goto: \"b\", meets: [1], reply: Some(\"I am. Very.\"))",
            1,
        )
        .replacen("feedback: \"f4\", goto: \"calm\")", "feedback: \"f4\", goto: \"calm\", meets: [2], kind: Do)", 1)
        .replacen("feedback: \"f2\", goto: \"b\")", "feedback: \"f2\", goto: \"b\", hazard: Some(\"Unsafe here.\"))", 1)
        .replacen(
            "feedback: \"f5\", goto: \"meh\")",
            "feedback: \"f5\", goto: \"meh\", hazard: Some(\"Leaves her waiting.\"))",
            1,
        );
    let loaded = load_str("run2.ron", &text);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    Arc::new(loaded.script.unwrap())
}

#[test]
fn a_run_reports_each_objective_met_or_not_and_every_safety_error_with_its_step() {
    let s = format_two();
    let mut run = Encounter::new(s.clone(), 1);
    run.choose(1).unwrap(); // "Fine.": a hazard; distress 100 escalates to `angry`
    run.choose(0).unwrap(); // "I'm sorry.": back to `b`
    run.choose(1).unwrap(); // "Wait.": a hazard, to the Partial ending
    let scores = run.scores();
    let met: Vec<(usize, bool)> = scores.objectives.iter().map(|o| (o.n, o.met)).collect();
    assert_eq!(met, [(1, false), (2, false)]);
    assert_eq!(scores.objectives[0].text, "Name the worry");
    let errors: Vec<(usize, &str, &str)> =
        scores.safety_errors.iter().map(|e| (e.step, e.node.as_str(), e.hazard.as_str())).collect();
    assert_eq!(errors, [(1, "a", "Unsafe here."), (3, "b", "Leaves her waiting.")]);
    assert_eq!(scores.safety_errors[1].say, "Wait.");

    let mut run = Encounter::new(s, 1);
    run.choose(0).unwrap();
    run.choose(0).unwrap();
    let scores = run.scores();
    assert_eq!(scores.objectives_met(), [1, 2]);
    assert!(scores.safety_errors.is_empty());
    assert_eq!(scores.steps[1].meets, [2]);
    assert!(scores.steps[1].kind == crate::scenario::Kind::Do);
}

#[test]
fn the_reply_of_the_choice_just_made_is_said_before_the_next_line() {
    let s = format_two();
    let mut run = Encounter::new(s, 3);
    assert_eq!(run.reply(), None);
    run.choose(0).unwrap();
    assert_eq!(run.reply(), Some("I am. Very."));
    assert_eq!(run.says(), "b says");
    assert_eq!(run.scores().steps[0].reply.as_deref(), Some("I am. Very."));
    run.choose(1).unwrap();
    assert_eq!(run.reply(), None, "a choice without a reply clears it");
}

#[test]
fn results_beside_the_scores_do_not_change_the_scores() {
    let (one, two) = (script(), format_two());
    for choices in [[0, 0], [1, 1], [0, 1]] {
        let (mut a, mut b) = (Encounter::new(one.clone(), 9), Encounter::new(two.clone(), 9));
        for c in choices {
            a.choose(c).unwrap();
            b.choose(c).unwrap();
        }
        let (sa, sb) = (a.scores(), b.scores());
        assert_eq!(
            (sa.empathy, sa.clarity, sa.overall, sa.best_choice_rate, sa.missed_opportunities.len()),
            (sb.empathy, sb.clarity, sb.overall, sb.best_choice_rate, sb.missed_opportunities.len())
        );
    }
}

#[test]
fn an_escalation_that_fires_is_in_the_step_review() {
    let s = script();
    let mut run = Encounter::new(s, 1);
    run.choose(1).unwrap(); // distress 90 + 20 = 100 at `b`: escalates to `angry`
    let step = &run.scores().steps[0];
    let e = step.escalation.as_ref().expect("escalated");
    assert_eq!((e.from.as_str(), e.to.as_str(), e.at_distress, e.distress), ("b", "angry", 95, 100));
}

#[test]
fn simulation_counts_objectives_met_safety_errors_and_escalations_as_the_runs_do() {
    let s = format_two();
    let sim = simulate(&s, 4000, 5, |_| {});
    // Count the same from the runtime, replaying random runs with their own RNG is
    // not possible, so check the invariants that tie the counts together.
    let resolved = sim.endings[s.scenario().endings.position("calm").unwrap()];
    assert!(
        sim.objectives_met[1] >= 1 && sim.objectives_met[1] <= resolved,
        "objective 2 is met only on the way to calm"
    );
    assert!(sim.objectives_met[0] > 0 && sim.objectives_met[0] < sim.runs);
    assert!(sim.runs_with_safety_errors > 0 && sim.safety_errors >= sim.runs_with_safety_errors);
    let b = s.scenario().nodes.position("b").unwrap();
    assert!(sim.escalations[b] > 0, "distress 100 after \"Fine.\" escalates at b");
    assert_eq!(sim.escalations.iter().enumerate().filter(|&(n, &c)| n != b && c > 0).count(), 0);
}

#[test]
fn test_wise_strategies_follow_one_path_and_report_it_as_file_positions() {
    use crate::play::strategy::{Strategy, play};
    let s = script();
    let longest = play(&s, Strategy::Longest);
    // At `a` "You seem worried." has 3 words; "Trusting line." is not offered.
    assert_eq!(longest.choose_list(), "1,1");
    assert_eq!(longest.outcome(&s), Some(Outcome::Resolved));
    assert!(longest.wins(&s));
    // "Fine." escalates to `angry`, where two 2-word options tie: the earlier is taken.
    let shortest = play(&s, Strategy::Shortest);
    assert_eq!(shortest.choose_list(), "2,1,1");
    assert_eq!(shortest.path.iter().map(|&(n, _)| s.node_id(n)).collect::<Vec<_>>(), ["a", "angry", "b"]);
    let careless = play(&s, Strategy::Careless);
    assert_eq!(careless.outcome(&s), Some(Outcome::Unresolved));
    assert!(!careless.wins(&s));
}
