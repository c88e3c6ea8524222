//! The scenario skeleton that `bedside new ID` writes: valid, warning-free, and
//! with a comment at every place a trainer fills in (format 2).

/// The skeleton text for a scenario with this id, to be written at `path`.
pub fn skeleton(id: &str, path: &str) -> String {
    SKELETON.replace("{ID}", id).replace("{PATH}", path)
}

const SKELETON: &str = r#"// A Bedside scenario. The format is described in docs/scenario-format.md.
// Check it with: bedside validate {PATH}
Scenario(
    id: "{ID}",
    title: "A short title for the scenario list",
    summary: "One or two sentences: who the patient is and what the trainee faces.",
    setting: "Where it happens and who the learner is, e.g. Medical ward, NHS hospital, evening; you are the staff nurse",
    difficulty: Foundation, // Foundation, Intermediate or Advanced
    objectives: [
        // Number them from 1 in this order: a choice's `meets: [1]` meets the first.
        "Acknowledge the patient's worry before giving information",
        "Explain the next step in plain words and check understanding",
    ],
    topics: ["worry"],
    sources: [
        // The guidance this scenario follows, shown to trainees and educators.
        "NMC The Code: Professional standards of practice and behaviour (2018)",
    ],
    patient: (
        name: "Patient Name",
        age: 50,
        about: "A line or two of background shown before the encounter.",
        distress: 60, // 0 to 100 at the start
        trust: 40,    // 0 to 100 at the start
        // How they look and the place behind them; every field may be left out
        // (docs/scenario-format.md lists them). Without it, hair and glasses follow the age.
        look: (pronoun: Some(She), scene: Bedside, skin: Medium, hair: Short, clothing: Gown),
    ),
    start: "opening",
    nodes: {
        "opening": (
            says: [
                "Nobody has told me anything since this morning. What is going on?",
                "I've been sat here all day and nobody tells me a thing.",
            ],
            cue: Some(Explicit(Worry)), // None, Some(Explicit(EMOTION)) or Some(Hint(EMOTION))
            // escalate: Some((at_distress: 90, goto: "walked-out")), // on arriving this upset, go there instead
            choices: [
                (
                    say: "It sounds like you are worried. Tell me more.",
                    empathy: 4,
                    clarity: 3,
                    tags: [Naming, Exploring],
                    distress: -10,
                    trust: 10,
                    feedback: "Naming the worry and inviting more shows the patient you are listening.",
                    goto: "next-step",
                    meets: [1], // this choice meets objective 1
                    reply: Some("I am. Nobody has said a word to me."), // what the patient says straight after
                ),
                (
                    say: "Try not to worry, it will all be fine. The doctors here know exactly what they are doing.",
                    empathy: 1,
                    clarity: 2,
                    tags: [FalseReassurance],
                    distress: 5,
                    trust: -10,
                    feedback: "False reassurance skips the feeling and promises what you cannot know.",
                    goto: "second-chance",
                    // hazard: Some("Why this is clinically unsafe"), // only on a choice that is unsafe in practice
                ),
                (
                    kind: Do, // an action, shown as one: `say` describes what the trainee does
                    say: "Pull up a chair, sit at eye level and wait for them to go on.",
                    empathy: 3,
                    clarity: 2,
                    tags: [Supporting],
                    distress: -5,
                    trust: 5,
                    feedback: "Sitting down and giving time says you are not about to rush off.",
                    goto: "next-step",
                    meets: [1],
                ),
            ],
        ),
        "second-chance": (
            says: ["That's easy for you to say."],
            cue: Some(Hint(Worry)),
            choices: [
                (
                    say: "You're right, I rushed you, and I'm sorry. I'm listening now.",
                    empathy: 4,
                    clarity: 3,
                    tags: [Apologising, Understanding],
                    distress: -10,
                    trust: 10,
                    feedback: "Owning the brush-off and apologising gives the patient a reason to go on.",
                    goto: "next-step",
                    meets: [1],
                ),
                (
                    say: "Anyway, is there anything else you wanted to ask me before I go?",
                    empathy: 0,
                    clarity: 2,
                    tags: [ChangingSubject],
                    distress: 10,
                    trust: -15,
                    feedback: "Moving on leaves the worry where it was, and the patient stops asking.",
                    goto: "walked-out",
                ),
            ],
        ),
        "next-step": (
            says: ["So what happens now?"],
            choices: [
                (
                    say: "The doctor will see you at two. What will you tell your family?",
                    empathy: 3,
                    clarity: 4,
                    tags: [PlainLanguage, TeachBack],
                    distress: -10,
                    trust: 10,
                    feedback: "One clear next step, then a check in the patient's own words.",
                    goto: "settled",
                    meets: [2],
                ),
                (
                    say: "You'll be reviewed on the ward round once the consultant has been through the list.",
                    empathy: 1,
                    clarity: 1,
                    tags: [Jargon],
                    distress: 5,
                    trust: -5,
                    feedback: "Hospital jargon leaves the patient guessing what will happen.",
                    goto: "unsettled",
                ),
                (
                    say: "I'm not sure. Ask the doctor.",
                    empathy: 0,
                    clarity: 1,
                    tags: [Dismissing],
                    distress: 10,
                    trust: -15,
                    feedback: "Passing the question on without help leaves the patient alone with it.",
                    goto: "walked-out",
                ),
            ],
        ),
    },
    endings: {
        "settled": (
            outcome: Resolved,
            says: "Thank you. That helps.",
            debrief: "The patient felt heard and knew what would happen next.",
        ),
        "unsettled": (
            outcome: Partial,
            says: "Right. I suppose I'll wait, then.",
            debrief: "The patient was calmer but unsure what would happen.",
        ),
        "walked-out": (
            outcome: Unresolved,
            says: "Forget it.",
            debrief: "The patient felt brushed off and stopped asking.",
        ),
    },
)
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::{load_str, parse};
    use crate::scenario::look::{Clothing, Scene};

    #[test]
    fn the_skeleton_loads_without_any_diagnostic() {
        let text = skeleton("new-one", "new-one.ron");
        let loaded = load_str("new-one.ron", &text);
        assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
        assert!(loaded.script.is_some());
    }

    #[test]
    fn the_skeleton_shows_a_trainer_how_to_write_a_look() {
        let scenario = parse(&skeleton("new-one", "new-one.ron")).expect("parses");
        assert_eq!(scenario.patient.look.scene, Scene::Bedside);
        assert_eq!(scenario.patient.look.clothing, Clothing::Gown);
    }
}
