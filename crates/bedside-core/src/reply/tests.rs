//! Tests of reading a typed reply and matching it to the offered choices.

use super::rules::{RULES, Rules};
use super::*;
use crate::scenario::load::load_str;
use crate::text::GLOSSARY;

fn reading(text: &str) -> Reading {
    read(text, &RULES, &GLOSSARY)
}

#[test]
fn the_built_in_rules_load() {
    assert!(RULES.rules.len() > 30);
    assert!(Rules::parse(include_str!("rules.txt")).is_ok());
}

#[test]
fn naming_an_emotion_is_found_but_not_inside_a_blocker() {
    let r = reading("That sounds really frightening. Tell me what worries you most?");
    assert_eq!(r.emotions, ["fear", "worry"]);
    assert_eq!(r.nurse, ["naming", "exploring"]);
    assert!(r.open_question);
    assert!(r.blockers.is_empty());
    let r = reading("Don't worry, I'm sure it's nothing.");
    assert!(r.emotions.is_empty(), "{:?}", r.emotions);
    assert_eq!(r.blockers, ["false-reassurance"]);
    assert!(!r.nurse.contains(&"naming".to_owned()));
}

#[test]
fn blockers_of_each_kind_are_found() {
    assert_eq!(reading("Calm down, at least it isn't broken").blockers, ["dismissing"]);
    assert_eq!(reading("You should have rung earlier").blockers, ["blaming"]);
    assert_eq!(reading("Anyway, let's do your obs").blockers, ["changing-subject"]);
}

#[test]
fn open_and_closed_questions_are_told_apart() {
    assert!(reading("What's worrying you most?").open_question);
    assert!(reading("So, how are you feeling about tomorrow").open_question, "a question mark is not needed");
    assert!(reading("Mrs Lee, what happened this morning?").open_question, "after a name and a comma");
    assert!(reading("Can you tell me where it hurts?").open_question);
    assert!(!reading("Are you in pain?").open_question);
    assert!(!reading("Do you understand?").open_question);
    assert!(!reading("I'll get the doctor now.").open_question);
}

#[test]
fn jargon_and_the_reading_grade_are_reported() {
    let r = reading("You're NPO from midnight and we'll titrate your analgesia.");
    assert!(r.jargon.iter().any(|j| j.term == "NPO"));
    assert!(r.grade > 0.0);
}

#[test]
fn an_educators_rules_add_to_the_built_in_ones() {
    let mine = RULES.with_extra("emotion  shame  mortifying\nblocker dismissing  chin up\n").unwrap();
    let r = read("That must have been mortifying. Chin up though.", &mine, &GLOSSARY);
    assert_eq!(r.emotions, ["shame"]);
    assert_eq!(r.blockers, ["dismissing"]);
    assert!(RULES.with_extra("feeling fear scared").unwrap_err().contains("line 1"));
}

const SCENE: &str = r#"(
    id: "match", title: "M", summary: "S.", setting: "Ward", difficulty: Foundation,
    objectives: ["Listen"],
    patient: (name: "Ann Lee", age: 60, about: "Retired.", distress: 50, trust: 50),
    start: "a",
    nodes: {
        "a": (
            says: ["I'm scared about the operation."],
            choices: [
                (say: "It sounds like you're frightened. What worries you most?", empathy: 4, clarity: 3, tags: [Naming, Exploring, OpenQuestion], feedback: "f", goto: "end", meets: [1]),
                (say: "Try not to worry, the surgeon does hundreds of these.", empathy: 1, clarity: 2, tags: [FalseReassurance], feedback: "f", goto: "end"),
                (kind: Do, say: "Check her blood pressure and pulse before the pre-med.", empathy: 2, clarity: 3, feedback: "f", goto: "end", examples: ["I'll just do your obs"]),
            ],
        ),
    },
    endings: { "end": (outcome: Resolved, says: "Ok.", debrief: "D.") },
)"#;

#[test]
fn a_typed_reply_is_matched_to_the_choice_it_means() {
    let script = load_str("m.ron", SCENE).script.expect("loads");
    let all = [0, 1, 2];
    let best = |text: &str| rank(&script, 0, &all, text, &RULES)[0].choice;
    assert_eq!(best("you seem really scared, whats the main thing on your mind?"), 1);
    assert_eq!(best("dont worry they do loads of these ops every week"), 2);
    assert_eq!(best("let me take your bp and pulse first"), 3);
    assert_eq!(best("I'll do your obs quickly"), 3, "an author's example helps");
    let ranked = rank(&script, 0, &all, "you seem really scared, whats the main thing on your mind?", &RULES);
    assert!(ranked.windows(2).all(|w| w[0].similarity >= w[1].similarity));
    assert!(ranked.iter().all(|r| (0.0..=1.0).contains(&r.similarity)));
}

#[test]
fn a_clear_match_is_taken_a_close_one_confirmed_and_nothing_close_said() {
    let r = |choice: usize, similarity: f64| Ranked { choice, say: String::new(), similarity };
    assert_eq!(decide(&[r(2, 0.7), r(1, 0.3)]), Decision::Clear(1));
    assert_eq!(decide(&[r(2, 0.5), r(1, 0.45)]), Decision::Confirm(1, Some(0)));
    assert_eq!(decide(&[r(2, 0.2), r(1, 0.1)]), Decision::Confirm(1, None));
    assert_eq!(decide(&[r(2, 0.03), r(1, 0.01)]), Decision::NoMatch);
    assert_eq!(decide(&[]), Decision::NoMatch);
}

#[test]
fn an_empty_example_is_an_error() {
    let text = SCENE.replace("examples: [\"I'll just do your obs\"]", "examples: [\" \"]");
    let d = load_str("m.ron", &text).diagnostics;
    assert!(d.iter().any(|d| d.is_error() && d.message.contains("example 1")), "{d:#?}");
}
