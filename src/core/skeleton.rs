//! The scenario skeleton that `bedside new ID` writes: valid, warning-free, and
//! with a comment at every place a trainer fills in.

/// The skeleton text for a scenario with this id.
pub fn skeleton(id: &str) -> String {
    SKELETON.replace("{ID}", id)
}

const SKELETON: &str = r#"// A Bedside scenario. The format is described in docs/scenario-format.md.
// Check it with: bedside validate scenarios/{ID}.ron
Scenario(
    id: "{ID}",
    title: "A short title for the scenario list",
    summary: "One or two sentences: who the patient is and what the trainee faces.",
    setting: "Where it happens, e.g. Medical ward, evening",
    difficulty: Foundation, // Foundation, Intermediate or Advanced
    objectives: [
        "Acknowledge the patient's feeling before giving information",
        "Explain the next step in plain words and check understanding",
    ],
    topics: ["fear"],
    patient: (
        name: "Patient Name",
        age: 50,
        about: "A line or two of background shown before the encounter.",
        distress: 60, // 0 to 100 at the start
        trust: 40,    // 0 to 100 at the start
    ),
    start: "opening",
    nodes: {
        "opening": (
            says: [
                "What the patient says first.",
                "Another way they might say it.",
            ],
            cue: Some(Explicit(Worry)), // None, Some(Explicit(EMOTION)) or Some(Hint(EMOTION))
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
                ),
                (
                    say: "Try not to worry, it will be fine.",
                    empathy: 1,
                    clarity: 2,
                    tags: [FalseReassurance],
                    distress: 5,
                    trust: -10,
                    feedback: "False reassurance skips the feeling and promises what you cannot know.",
                    goto: "next-step",
                ),
            ],
        ),
        "next-step": (
            says: ["So what happens now?"],
            choices: [
                (
                    say: "The doctor will see you this afternoon. What will you tell your family?",
                    empathy: 3,
                    clarity: 4,
                    tags: [PlainLanguage, TeachBack],
                    distress: -10,
                    trust: 10,
                    feedback: "One clear next step, then a check in the patient's own words.",
                    goto: "settled",
                ),
                (
                    say: "You'll be reviewed on the ward round.",
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
