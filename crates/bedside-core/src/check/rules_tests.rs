//! Tests for each loading and validation rule, on small scenarios written inline.

use crate::diagnostic::{Diagnostic, Severity, code};
use crate::scenario::load::{MAX_FILE_BYTES, load_str};

/// A small valid scenario without warnings. Tests change one thing in it.
const BASE: &str = r#"Scenario(
    id: "base",
    title: "Base",
    summary: "A test scenario.",
    setting: "Ward",
    difficulty: Foundation,
    objectives: ["Listen"],
    patient: (name: "Ann Lee", age: 60, about: "Retired.", distress: 50, trust: 50),
    start: "open",
    nodes: {
        "open": (
            says: ["I am scared.", "I'm so scared."],
            cue: Some(Explicit(Fear)),
            choices: [
                (say: "You sound scared. Tell me more.", empathy: 4, clarity: 3, tags: [Naming], distress: -10, trust: 10, feedback: "Naming helps.", goto: "plan", meets: [1]),
                (say: "Calm down, there is really nothing at all to be scared of here.", empathy: 0, clarity: 2, tags: [Dismissing], distress: 20, trust: -20, feedback: "Dismissing hurts.", goto: "plan"),
            ],
        ),
        "plan": (
            says: ["What now?"],
            choices: [
                (say: "The doctor comes at two.", empathy: 2, clarity: 3, feedback: "Clear.", goto: "good", meets: [1]),
                (say: "Soon, I think, but I honestly could not say exactly when.", empathy: 1, clarity: 1, feedback: "Vague.", goto: "bad"),
            ],
        ),
    },
    endings: {
        "good": (outcome: Resolved, says: "Thanks.", debrief: "Good."),
        "bad": (outcome: Unresolved, says: "Hm.", debrief: "Bad."),
    },
)
"#;

fn load(text: &str) -> Vec<Diagnostic> {
    load_str("t.ron", text).diagnostics
}

fn with(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "BASE has no `{from}`");
    BASE.replacen(from, to, 1)
}

/// The one diagnostic with this code, checked to point at `at` (text on its line).
fn only(diags: &[Diagnostic], code: &str) -> Diagnostic {
    let found: Vec<_> = diags.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected one {code}, got {diags:#?}");
    found[0].clone()
}

/// The diagnostic with this code whose message mentions `what`.
fn find(diags: &[Diagnostic], code: &str, what: &str) -> Diagnostic {
    diags
        .iter()
        .find(|d| d.code == code && d.message.contains(what))
        .cloned()
        .unwrap_or_else(|| panic!("no {code} about {what} in {diags:#?}"))
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("no `{needle}`"));
    text[..at].lines().count().max(1) + usize::from(text[..at].ends_with('\n'))
}

#[test]
fn the_base_scenario_loads_without_any_diagnostic() {
    let loaded = load_str("t.ron", BASE);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert!(loaded.script.is_some());
}

#[test]
fn the_outer_name_scenario_may_be_left_out() {
    let text = BASE.replacen("Scenario(", "(", 1);
    assert!(load(&text).is_empty());
}

#[test]
fn a_syntax_error_carries_a_position() {
    let text = with("title: \"Base\",", "title: \"Base\"");
    let d = only(&load(&text), code::SYNTAX);
    assert_eq!(d.line, Some(line_of(&text, "title:")));
    assert!(d.message.contains("comma"), "{}", d.message);
}

#[test]
fn a_misspelt_field_is_an_unknown_field_with_a_suggestion() {
    let text = with("trust: 10, feedback: \"Naming", "trsut: 10, feedback: \"Naming");
    let d = only(&load(&text), code::UNKNOWN_FIELD);
    assert_eq!(d.line, Some(line_of(&text, "trsut")));
    assert!(d.message.contains("`trsut`"), "{}", d.message);
    assert_eq!(d.help.as_deref(), Some("did you mean `trust`?"));
}

#[test]
fn a_missing_required_field_is_named() {
    let text = with(" feedback: \"Vague.\",", "");
    let d = only(&load(&text), code::MISSING_FIELD);
    assert!(d.message.contains("`feedback`"), "{}", d.message);
    assert!(d.line.is_some());
}

#[test]
fn a_misspelt_emotion_tag_and_variant_get_did_you_mean() {
    for (from, to, want) in [
        ("Explicit(Fear)", "Explicit(Feer)", "`Fear`"),
        ("tags: [Naming]", "tags: [Nameing]", "`Naming`"),
        ("difficulty: Foundation", "difficulty: Foundaton", "`Foundation`"),
        ("outcome: Resolved", "outcome: Resolvd", "`Resolved`"),
    ] {
        let text = with(from, to);
        let d = only(&load(&text), code::UNKNOWN_VARIANT);
        let bad = to.trim_start_matches("tags: [").trim_start_matches("Explicit(");
        let bad = bad.trim_end_matches([']', ')']).rsplit(' ').next().unwrap_or(bad);
        assert_eq!(d.line, Some(line_of(&text, bad)), "{to}");
        assert!(d.help.as_deref().is_some_and(|h| h.contains(want)), "{to}: {d:?}");
    }
}

#[test]
fn a_wrong_type_is_reported_at_the_value() {
    let text = with("empathy: 4,", "empathy: \"four\",");
    let d = only(&load(&text), code::WRONG_TYPE);
    assert_eq!(d.line, Some(line_of(&text, "\"four\"")));
}

#[test]
fn an_unknown_goto_points_at_the_goto_string_and_suggests_the_nearest_id() {
    let text = with("goto: \"good\"", "goto: \"goood\"");
    let d = only(&load(&text), code::UNKNOWN_TARGET);
    assert_eq!(d.line, Some(line_of(&text, "\"goood\"")));
    let col = d.column.unwrap();
    let line = text.lines().nth(d.line.unwrap() - 1).unwrap();
    assert!(line.chars().skip(col - 1).collect::<String>().starts_with("\"goood\""), "{line} @ {col}");
    assert_eq!(d.help.as_deref(), Some("did you mean `good`?"));
}

#[test]
fn an_unknown_start_and_escalate_target_are_errors_at_their_strings() {
    let text = with("start: \"open\"", "start: \"opne\"");
    let d = only(&load(&text), code::UNKNOWN_TARGET);
    assert_eq!(d.line, Some(line_of(&text, "start:")));
    let text = with(
        "cue: Some(Explicit(Fear)),",
        "cue: Some(Explicit(Fear)), escalate: Some((at_distress: 90, goto: \"nowhere\")),",
    );
    let d = only(&load(&text), code::UNKNOWN_TARGET);
    assert!(d.message.contains("nowhere"));
    assert_eq!(d.line, Some(line_of(&text, "\"nowhere\"")));
}

#[test]
fn an_id_that_is_both_a_node_and_an_ending_is_an_error() {
    let text = with("\"bad\": (outcome", "\"plan\": (outcome").replacen("goto: \"bad\"", "goto: \"good\"", 1);
    let d = only(&load(&text), code::NODE_AND_ENDING);
    assert_eq!(d.line, Some(line_of(&text, "\"plan\": (outcome")));
}

#[test]
fn ids_that_break_the_rule_are_errors() {
    let d = only(&load(&with("id: \"base\"", "id: \"Base Case\"")), code::BAD_ID);
    assert!(d.help.unwrap().contains("`base-case`"));
    let text = with("\"good\": (outcome", "\"Good_End\": (outcome").replacen("goto: \"good\"", "goto: \"Good_End\"", 1);
    only(&load(&text), code::BAD_ID);
}

#[test]
fn empty_required_text_is_an_error_at_the_string() {
    let text = with("feedback: \"Clear.\"", "feedback: \"  \"");
    let d = only(&load(&text), code::EMPTY_TEXT);
    assert_eq!(d.line, Some(line_of(&text, "feedback: \"  \"")));
    let text = with("says: [\"What now?\"]", "says: []");
    only(&load(&text), code::EMPTY_LIST);
}

#[test]
fn ratings_and_values_out_of_range_are_errors_at_the_value() {
    for (from, to) in [
        ("empathy: 4,", "empathy: 5,"),
        ("clarity: 3, tags: [Naming]", "clarity: -1, tags: [Naming]"),
        ("age: 60", "age: 130"),
        ("distress: 50, trust: 50", "distress: 101, trust: 50"),
        ("distress: -10,", "distress: -150,"),
    ] {
        let text = with(from, to);
        let d = only(&load(&text), code::OUT_OF_RANGE);
        assert_eq!(d.line, Some(line_of(&text, to)), "{to}");
    }
}

#[test]
fn a_loop_with_no_way_out_is_an_error_found_by_exploring_states() {
    // "plan" only leads back to itself: no ending can be reached from it.
    let text = with("goto: \"good\"", "goto: \"plan\"").replacen("goto: \"bad\"", "goto: \"plan\"", 1);
    let diags = load(&text);
    let d = find(&diags, code::NO_ENDING_REACHABLE, "`plan`");
    assert_eq!(d.line, Some(line_of(&text, "\"plan\": (")));
    // "open" leads only into that loop, so no ending can be reached from it either.
    find(&diags, code::NO_ENDING_REACHABLE, "`open`");
}

#[test]
fn a_loop_that_only_a_condition_could_leave_is_a_dead_end_when_the_condition_never_holds() {
    // The way out needs trust 90, but trust can never rise above 60 on this path.
    let text = with("feedback: \"Vague.\", goto: \"bad\")", "feedback: \"Vague.\", goto: \"plan\")").replacen(
        "feedback: \"Clear.\", goto: \"good\",",
        "feedback: \"Clear.\", goto: \"good\", requires: Some(TrustAtLeast(90)),",
        1,
    );
    let diags = load(&text);
    find(&diags, code::NO_ENDING_REACHABLE, "`plan`");
    // The conditional choice is never offered, which is also reported.
    assert!(diags.iter().any(|d| d.code == code::CONDITION_CONSTANT && d.severity == Severity::Warning));
}

#[test]
fn a_node_reachable_where_no_choice_is_offered_is_an_error_with_the_state() {
    // After "Calm down." trust is 30, and "plan" then offers nothing.
    let text = with(
        "feedback: \"Clear.\", goto: \"good\"",
        "feedback: \"Clear.\", goto: \"good\", requires: Some(TrustAtLeast(40))",
    )
    .replacen(
        "feedback: \"Vague.\", goto: \"bad\"",
        "feedback: \"Vague.\", goto: \"bad\", requires: Some(TrustAtLeast(40))",
        1,
    );
    let d = only(&load(&text), code::STUCK);
    assert!(d.message.contains("trust 30"), "{}", d.message);
}

#[test]
fn escalation_is_followed_when_exploring_so_a_node_behind_it_can_be_unreachable() {
    // Every way into "plan" arrives with distress >= 40, so it always escalates.
    let text = with(
        "\"plan\": (\n            says",
        "\"plan\": (\n            escalate: Some((at_distress: 40, goto: \"bad\")),\n            says",
    );
    let diags = load(&text);
    find(&diags, code::UNREACHABLE, "node `plan`");
    find(&diags, code::UNREACHABLE, "ending `good`");
    assert!(diags.iter().all(|d| !d.is_error()));
}

#[test]
fn an_unreachable_ending_is_a_warning() {
    let text = with("goto: \"bad\"", "goto: \"good\"");
    let d = only(&load(&text), code::UNREACHABLE);
    assert!(d.message.contains("ending `bad`"));
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn a_cue_without_an_empathic_choice_is_a_warning() {
    let text = with("empathy: 4, clarity: 3, tags: [Naming]", "empathy: 2, clarity: 3, tags: [Naming]");
    let d = only(&load(&text), code::CUE_WITHOUT_EMPATHY);
    assert_eq!(d.line, Some(line_of(&text, "cue:")));
}

#[test]
fn jargon_in_a_choice_rated_clear_is_a_warning_with_the_plain_words() {
    let text = with("\"The doctor comes at two.\"", "\"You are NPO until two.\"");
    let d = only(&load(&text), code::JARGON);
    assert!(d.message.contains("`NPO`"));
    assert!(d.help.unwrap().contains("nothing to eat or drink"));
    // The same words rated unclear are not flagged.
    let text = text.replacen("empathy: 2, clarity: 3", "empathy: 2, clarity: 2", 1);
    assert!(load(&text).iter().all(|d| d.code != code::JARGON));
}

#[test]
fn a_hard_to_read_choice_rated_clear_is_a_warning() {
    let text = with(
        "\"The doctor comes at two.\"",
        "\"Consultation with the multidisciplinary rehabilitation organisation necessitates comprehensive documentation.\"",
    );
    let d = only(&load(&text), code::HARD_TO_READ);
    assert!(d.message.contains("grade"));
}

#[test]
fn a_node_whose_choices_all_rate_the_same_is_a_warning() {
    let text = with("empathy: 1, clarity: 1, feedback: \"Vague.\"", "empathy: 2, clarity: 3, feedback: \"Vague.\"");
    only(&load(&text), code::SAME_RATINGS);
}

#[test]
fn a_file_over_one_mebibyte_is_refused() {
    let big = format!("{BASE}//{}", "x".repeat(MAX_FILE_BYTES));
    let d = only(&load(&big), code::TOO_LARGE);
    assert!(d.is_error());
}

#[test]
fn nesting_deeper_than_is_sane_is_refused_without_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let d = only(&load(&deep), code::TOO_DEEP);
    assert!(d.is_error());
}

#[test]
fn duplicate_node_keys_are_errors() {
    let text = with("\"plan\": (\n", "\"open\": (\n");
    let diags = load(&text);
    assert!(diags.iter().any(|d| d.code == code::DUPLICATE_KEY), "{diags:#?}");
}

#[test]
fn no_input_makes_the_loader_panic() {
    // Every prefix of a valid file and a few mangled ones: errors, never a panic.
    for end in (0..BASE.len()).step_by(7) {
        if BASE.is_char_boundary(end) {
            let _ = load_str("t.ron", &BASE[..end]);
        }
    }
    for junk in ["", "\u{0}", "(((((", "Scenario(id: 5)", "\"\\u{ZZZZ}\"", "r##\"", "/*", "é", "Some(Some(Some("] {
        let _ = load_str("t.ron", junk);
    }
}

#[test]
fn a_cue_whose_empathic_choices_are_not_always_offered_is_a_warning_with_the_state() {
    // "plan" gets a cue; its only empathic answer needs trust 40, but after
    // "Calm down." trust is 30.
    let text = with("says: [\"What now?\"],", "says: [\"What now?\"],\n            cue: Some(Hint(Worry)),").replacen(
        "empathy: 2, clarity: 3, feedback: \"Clear.\", goto: \"good\"",
        "empathy: 3, clarity: 3, feedback: \"Clear.\", goto: \"good\", requires: Some(TrustAtLeast(40))",
        1,
    );
    let d = only(&load(&text), code::CUE_WITHOUT_EMPATHY);
    assert!(d.message.contains("distress 70 and trust 30"), "{}", d.message);
}

// ---- Format 2: the new fields and the checks that keep a scenario honest. ----

#[test]
fn a_version_two_choice_with_every_new_field_loads_cleanly() {
    let text = with(
        "feedback: \"Naming helps.\", goto: \"plan\", meets: [1]",
        "feedback: \"Naming helps.\", goto: \"plan\", meets: [1], kind: Say, reply: Some(\"I am, yes.\")",
    )
    .replacen("setting: \"Ward\",", "setting: \"Ward\",\n    sources: [\"NMC The Code (2018)\"],", 1)
    .replacen(
        "feedback: \"Vague.\", goto: \"bad\"",
        "feedback: \"Vague.\", goto: \"bad\", hazard: Some(\"Leaves her without a plan.\")",
        1,
    );
    let loaded = load_str("t.ron", &text);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let script = loaded.script.unwrap();
    assert_eq!(script.scenario().sources, ["NMC The Code (2018)"]);
    assert_eq!(script.choice(0, 0).reply.as_deref(), Some("I am, yes."));
    assert!(script.choice(1, 1).hazard.is_some());
}

#[test]
fn an_objective_number_in_meets_out_of_range_is_an_error_at_the_number() {
    let text = with("goto: \"plan\", meets: [1]", "goto: \"plan\", meets: [1,\n 2]");
    let d = only(&load(&text), code::OUT_OF_RANGE);
    assert!(d.is_error());
    assert_eq!(d.line, Some(line_of(&text, " 2]")));
    assert_eq!(d.column, Some(2));
    assert!(d.message.contains("objective 2") && d.message.contains("1 objective"), "{}", d.message);
    let zero = with("goto: \"plan\", meets: [1]", "goto: \"plan\", meets: [0]");
    assert!(only(&load(&zero), code::OUT_OF_RANGE).message.contains("objective 0"));
}

#[test]
fn an_empty_reply_or_hazard_is_an_error_at_the_string() {
    for field in ["reply", "hazard"] {
        let text = with("goto: \"plan\", meets: [1]", &format!("goto: \"plan\", meets: [1], {field}: Some(\"  \")"));
        let d = only(&load(&text), code::EMPTY_TEXT);
        assert!(d.message.contains(&format!("`{field}`")), "{}", d.message);
        assert_eq!(d.line, Some(line_of(&text, &format!("{field}: Some"))));
        assert_eq!(d.column.map(|c| c > 1), Some(true));
    }
}

#[test]
fn an_unknown_kind_is_an_error_with_did_you_mean() {
    let text = with("goto: \"plan\", meets: [1]", "goto: \"plan\", meets: [1], kind: Doo");
    let d = only(&load(&text), code::UNKNOWN_VARIANT);
    assert!(d.message.contains("choice kind `Doo`"), "{}", d.message);
    assert_eq!(d.help.as_deref(), Some("did you mean `Do`?"));
    assert_eq!(d.line, Some(line_of(&text, "kind: Doo")));
}

#[test]
fn an_objective_that_no_choice_meets_is_a_warning_at_the_objective() {
    let text = with("objectives: [\"Listen\"]", "objectives: [\"Listen\", \"Explain the plan\"]");
    let d = only(&load(&text), code::OBJECTIVE_NEVER_MET);
    assert!(d.message.contains("objective 2") && d.message.contains("Explain the plan"), "{}", d.message);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.line, Some(line_of(&text, "objectives:")));
}

#[test]
fn an_action_is_not_given_the_warnings_meant_for_speech() {
    let dense = "Administer analgesia per PRN chart and reassess pain score post intervention documentation.";
    let said = with("(say: \"The doctor comes at two.\"", &format!("(say: \"{dense}\""));
    let diags = load(&said);
    assert!(diags.iter().any(|d| d.code == code::JARGON || d.code == code::HARD_TO_READ), "{diags:#?}");
    let done = with("(say: \"The doctor comes at two.\"", &format!("(kind: Do, say: \"{dense}\""));
    let diags = load(&done);
    assert!(diags.iter().all(|d| d.code != code::JARGON && d.code != code::HARD_TO_READ), "{diags:#?}");
}

/// A scenario a learner wins by always picking the longest option, or one that
/// ends in a question.
const GAMEABLE: &str = r#"(
    id: "gameable", title: "G", summary: "S.", setting: "Ward", difficulty: Foundation,
    objectives: ["Name the fear"],
    patient: (name: "Ann Lee", age: 60, about: "Retired.", distress: 50, trust: 50),
    start: "a",
    nodes: {
        "a": (
            says: ["I'm scared."],
            choices: [
                (say: "Stop.", empathy: 0, clarity: 1, feedback: "f", goto: "b"),
                (say: "That sounds frightening; will you tell me more about it?", empathy: 4, clarity: 3, feedback: "f", goto: "b", meets: [1]),
                (say: "It is fine.", empathy: 1, clarity: 2, feedback: "f", goto: "b"),
            ],
        ),
        "b": (
            says: ["What happens now?"],
            choices: [
                (say: "Later.", empathy: 0, clarity: 0, feedback: "f", goto: "poor"),
                (say: "The doctor will come at two and I will stay with you until then.", empathy: 3, clarity: 4, feedback: "f", goto: "good"),
            ],
        ),
    },
    endings: {
        "good": (outcome: Resolved, says: "Thanks.", debrief: "Good."),
        "poor": (outcome: Unresolved, says: "Hm.", debrief: "Bad."),
    },
)"#;

#[test]
fn a_longest_option_strategy_that_wins_is_warned_with_its_path_and_result() {
    let diags = load(GAMEABLE);
    let d = find(&diags, code::TEST_WISE, "longest");
    assert!(d.message.contains("Resolved ending `good`"), "{}", d.message);
    assert!(d.message.contains("path 2,2"), "{}", d.message);
    assert!(d.message.contains("overall 100.0"), "{}", d.message);
    assert_eq!(d.line, Some(line_of(GAMEABLE, "start:")));
    // The question strategy takes the one question at `a`, then the longest.
    let q = find(&diags, code::TEST_WISE, "question");
    assert!(q.message.contains("path 2,2"), "{}", q.message);
}

#[test]
fn a_strategy_that_scores_seventy_without_resolving_is_still_a_win() {
    // The good ending is only Partial now, but the longest path still scores 100.
    let text = GAMEABLE.replacen("(outcome: Resolved", "(outcome: Partial", 1);
    let d = find(&load(&text), code::TEST_WISE, "longest");
    assert!(d.message.contains("Partial ending `good`"), "{}", d.message);
}

#[test]
fn a_strategy_is_played_on_what_is_offered_and_ties_go_to_the_earlier_option() {
    // Two options of equal length at `b`: the earlier one (the poor one) is taken.
    let text = GAMEABLE.replacen(
        "(say: \"Later.\",",
        "(say: \"It will be later than that, I am afraid; wait here for them now.\",",
        1,
    );
    let diags = load(&text);
    assert!(diags.iter().all(|d| d.code != code::TEST_WISE), "{diags:#?}");
}

#[test]
fn a_length_cue_is_warned_with_the_figures() {
    let d = only(&load(GAMEABLE), code::LENGTH_CUE);
    assert!(d.message.contains("in 2 of 2 nodes"), "{}", d.message);
    // Half of the nodes is not more than half: no warning.
    let text = GAMEABLE.replacen(
        "(say: \"Later.\",",
        "(say: \"It will be much later than that, I am afraid; wait here for them now.\",",
        1,
    );
    assert!(load(&text).iter().all(|d| d.code != code::LENGTH_CUE));
}

#[test]
fn a_resolved_ending_reached_without_an_objective_is_warned_with_one_path() {
    // Option 1 at `a` leads to `b` without meeting the objective, and `b` can resolve.
    let text = GAMEABLE;
    let d = find(&load(text), code::OBJECTIVE_SKIPPABLE, "objective 1");
    assert!(d.message.contains("`good`") && d.message.contains("Name the fear"), "{}", d.message);
    assert!(d.message.contains("path 1,2"), "{}", d.message);
    assert_eq!(d.line, Some(line_of(text, "objectives:")));
}

#[test]
fn the_objective_check_is_exact_over_distress_trust_and_what_was_met() {
    // The only way to `good` without objective 1 needs trust 80, which can only
    // be reached by meeting it: so no warning.
    let text = GAMEABLE
        .replacen(
            "(say: \"Stop.\", empathy: 0, clarity: 1, feedback: \"f\", goto: \"b\")",
            "(say: \"Stop.\", empathy: 0, clarity: 1, feedback: \"f\", goto: \"b\", trust: -10)",
            1,
        )
        .replacen("goto: \"b\", meets: [1])", "goto: \"b\", meets: [1], trust: 30)", 1)
        .replacen("goto: \"good\")", "goto: \"good\", requires: Some(TrustAtLeast(80)))", 1);
    let diags = load(&text);
    assert!(diags.iter().all(|d| d.code != code::OBJECTIVE_SKIPPABLE), "{diags:#?}");
    // With the objective met by nothing on the way, the same ending is skippable.
    let skipped = text.replacen(", meets: [1], trust: 30)", ", trust: 30)", 1);
    let diags = load(&skipped);
    assert!(diags.iter().all(|d| d.code != code::OBJECTIVE_SKIPPABLE), "unmeetable objectives are W0307 only");
    only(&diags, code::OBJECTIVE_NEVER_MET);
}

#[test]
fn an_escalation_that_can_never_fire_is_warned_with_the_highest_distress_on_arrival() {
    // Arrivals at `plan` come with distress 40 or 70: a threshold of 100 never fires.
    let text = with(
        "\"plan\": (\n            says",
        "\"plan\": (\n            escalate: Some((at_distress: 100, goto: \"bad\")),\n            says",
    );
    let d = only(&load(&text), code::ESCALATION_NEVER_FIRES);
    assert!(d.message.contains("highest distress on arriving here is 70"), "{}", d.message);
    assert_eq!(d.line, Some(line_of(&text, "at_distress: 100")));
    // At 70 it fires (after "Calm down"), so there is no warning.
    let fires = text.replacen("at_distress: 100", "at_distress: 70", 1);
    assert!(load(&fires).iter().all(|d| d.code != code::ESCALATION_NEVER_FIRES));
}

#[test]
fn a_requires_that_always_holds_where_its_node_is_reached_is_warned() {
    // Trust at `plan` is 30 or 60: "below 90" always holds, "at least 40" does not.
    let always = with(
        "feedback: \"Clear.\", goto: \"good\",",
        "feedback: \"Clear.\", goto: \"good\", requires: Some(TrustBelow(90)),",
    );
    let d = only(&load(&always), code::CONDITION_CONSTANT);
    assert!(d.message.contains("always holds") && d.message.contains("trust below 90"), "{}", d.message);
    let varies = with(
        "feedback: \"Clear.\", goto: \"good\",",
        "feedback: \"Clear.\", goto: \"good\", requires: Some(TrustAtLeast(40)),",
    );
    assert!(load(&varies).iter().all(|d| d.code != code::CONDITION_CONSTANT));
}

#[test]
fn jargon_matches_plurals_and_a_trainers_glossary_adds_terms() {
    use crate::text::GLOSSARY;
    assert!(GLOSSARY.find("Here are your TTOs.").iter().any(|f| f.term == "TTO"));
    assert!(GLOSSARY.find("Your package of care starts Monday.").iter().any(|f| f.term == "package of care"));
    assert!(GLOSSARY.find("TTOsy").is_empty());
    let mine = GLOSSARY.with_extra("term,plain\nSDEC,the same-day emergency unit\n").unwrap();
    assert_eq!(mine.find("Go to SDEC.")[0].plain, "the same-day emergency unit");
    assert!(mine.find("Your TTO is ready.").iter().any(|f| f.term == "TTO"), "built-in terms are kept");
    assert!(GLOSSARY.with_extra("word,meaning\nx,y\n").is_err());
}

#[test]
fn a_glossary_file_beside_the_scenarios_is_used_when_loading_the_folder() {
    let dir = std::env::temp_dir().join(format!("bedside-glossary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = with("(say: \"The doctor comes at two.\"", "(say: \"The doctor comes to SDEC at two.\"");
    std::fs::write(dir.join("a.ron"), &text).unwrap();
    let plain = crate::scenario::load::Library::load(std::slice::from_ref(&dir));
    assert!(plain.diagnostics().all(|d| d.code != code::JARGON));
    std::fs::write(dir.join("glossary.csv"), "term,plain\nSDEC,the same-day emergency unit\n").unwrap();
    let lib = crate::scenario::load::Library::load(std::slice::from_ref(&dir));
    let d = lib.diagnostics().find(|d| d.code == code::JARGON).expect("the trainer's term is jargon");
    assert!(d.help.as_deref().unwrap_or("").contains("the same-day emergency unit"));
    std::fs::write(dir.join("glossary.csv"), "not a glossary\n").unwrap();
    let lib = crate::scenario::load::Library::load(std::slice::from_ref(&dir));
    assert!(lib.diagnostics().any(|d| d.code == code::GLOSSARY && d.file.ends_with("glossary.csv")));
    assert_eq!(lib.scripts().count(), 1, "a broken glossary does not stop the scenarios loading");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---- Syntax errors a trainer can act on. ----

#[test]
fn a_missing_comma_is_reported_at_the_end_of_the_line_where_it_belongs() {
    let text = with("summary: \"A test scenario.\",", "summary: \"A test scenario.\"");
    let d = only(&load(&text), code::SYNTAX);
    assert_eq!(d.line, Some(line_of(&text, "summary:")));
    assert_eq!(d.column, Some("    summary: \"A test scenario.\"".len()));
    assert!(d.message.contains("add a comma"), "{}", d.message);
}

#[test]
fn a_quote_mark_inside_text_is_named_with_how_to_write_one() {
    let text = with("feedback: \"Naming helps.\"", "feedback: \"Naming \"helps\" here.\"");
    let d = only(&load(&text), code::SYNTAX);
    assert!(d.message.contains("quote mark"), "{}", d.message);
    assert!(d.help.as_deref().unwrap_or("").contains("\\\""), "{:?}", d.help);
    assert_eq!(d.line, Some(line_of(&text, "Naming \"helps")));
}

#[test]
fn a_wrong_closing_bracket_names_the_bracket_it_should_close() {
    let text = with("    },\n    endings", "    ),\n    endings");
    let d = only(&load(&text), code::SYNTAX);
    assert!(d.message.contains("closes the `{`") && d.message.contains("write `}`"), "{}", d.message);
    assert!(!d.help.as_deref().unwrap_or("").contains("double quotes"));
    assert_eq!(d.line, Some(line_of(&text, "    ),\n    endings")));
}

#[test]
fn an_escalation_without_its_own_parentheses_says_to_add_them() {
    let text = with(
        "\"plan\": (\n            says",
        "\"plan\": (\n            escalate: Some(at_distress: 40, goto: \"bad\"),\n            says",
    );
    let d = only(&load(&text), code::SYNTAX);
    assert!(d.help.as_deref().unwrap_or("").contains("Some((at_distress:"), "{:?}", d.help);
    assert!(!d.message.contains("`Escalate`"), "the type name means nothing to a trainer: {}", d.message);
}

#[test]
fn several_syntax_errors_are_reported_in_one_run_where_the_parser_can_recover() {
    let text = with("summary: \"A test scenario.\",", "summary: \"A test scenario.\"")
        .replacen("feedback: \"Naming helps.\"", "feedback: \"Naming \"helps\" here.\"", 1)
        .replacen("feedback: \"Clear.\",", "feedback: \"Clear.\"\n", 1);
    let diags = load(&text);
    let lines: Vec<Option<usize>> = diags.iter().map(|d| d.line).collect();
    assert_eq!(
        lines,
        [
            Some(line_of(&text, "summary:")),
            Some(line_of(&text, "Naming \"helps")),
            Some(line_of(&text, "feedback: \"Clear.\"\n"))
        ]
    );
    assert!(diags.iter().all(|d| d.code == code::SYNTAX && d.is_error()));
}

#[test]
fn an_error_the_parser_cannot_get_past_says_there_may_be_more() {
    let text = with("difficulty: Foundation,", "difficulty: Foundation,,");
    let diags = load(&text);
    let last = diags.last().unwrap();
    assert!(last.help.as_deref().unwrap_or("").contains("may be more errors"), "{last:#?}");
}

#[test]
fn a_closing_bracket_that_closes_nothing_is_named() {
    let text = format!("{BASE})");
    let d = only(&load(&text), code::SYNTAX);
    assert!(d.message.contains("closes nothing"), "{}", d.message);
    assert_eq!(d.line, Some(text.lines().count()));
}
