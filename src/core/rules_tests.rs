//! Tests for each loading and validation rule, on small scenarios written inline.

use super::diagnostic::{Diagnostic, Severity, code};
use super::load::{MAX_FILE_BYTES, load_str};

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
                (say: "You sound scared. Tell me more.", empathy: 4, clarity: 3, tags: [Naming], distress: -10, trust: 10, feedback: "Naming helps.", goto: "plan"),
                (say: "Calm down.", empathy: 0, clarity: 2, tags: [Dismissing], distress: 20, trust: -20, feedback: "Dismissing hurts.", goto: "plan"),
            ],
        ),
        "plan": (
            says: ["What now?"],
            choices: [
                (say: "The doctor comes at two.", empathy: 2, clarity: 3, feedback: "Clear.", goto: "good"),
                (say: "Soon.", empathy: 1, clarity: 1, feedback: "Vague.", goto: "bad"),
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
fn a_syntax_error_carries_rons_position() {
    let text = with("title: \"Base\",", "title: \"Base\"");
    let d = only(&load(&text), code::SYNTAX);
    assert_eq!(d.line, Some(line_of(&text, "summary:")));
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
    let text = with("(say: \"Soon.\", empathy: 1, clarity: 1, feedback: \"Vague.\", goto: \"bad\")", "(say: \"Soon.\", empathy: 1, clarity: 1, feedback: \"Vague.\", goto: \"plan\")")
        .replacen("(say: \"The doctor comes at two.\", empathy: 2, clarity: 3, feedback: \"Clear.\", goto: \"good\")", "(say: \"The doctor comes at two.\", empathy: 2, clarity: 3, feedback: \"Clear.\", goto: \"good\", requires: Some(TrustAtLeast(90)))", 1);
    let diags = load(&text);
    find(&diags, code::NO_ENDING_REACHABLE, "`plan`");
    // The conditional choice is never offered, which is also reported.
    assert!(diags.iter().any(|d| d.code == code::UNREACHABLE && d.severity == Severity::Warning));
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
