//! Runs the real `bedside` binary on real files, valid and broken.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bedside() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bedside"));
    c.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1").env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    c
}

fn run(args: &[&str]) -> Output {
    bedside().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

fn shipped() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn validate_passes_the_shipped_library_with_warnings_denied() {
    let o = run(&["validate", "--deny-warnings", "scenarios"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains(&format!("{} files checked: 0 errors, 0 warnings", shipped().len())), "{out}");
}

#[test]
fn validate_prints_a_compiler_style_diagnostic_with_the_source_line_and_a_suggestion() {
    let f = fixture("misspelt-field.ron");
    let o = run(&["validate", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let first = out.lines().next().unwrap();
    assert_eq!(first, format!("{f}:15:73: error[E0002]: unknown field `trsut` in `Choice`"));
    assert!(out.contains("(say: \"Hello, I'm your nurse.\", empathy: 2, clarity: 3, trsut: 5,"), "{out}");
    assert!(out.contains("^^^^^"), "{out}");
    assert!(out.contains("did you mean `trust`?"), "{out}");
    assert!(out.contains("1 file checked: 1 error, 0 warnings"), "{out}");
}

#[test]
fn validate_points_a_bad_goto_at_its_string() {
    let f = fixture("bad-goto.ron");
    let o = run(&["validate", &f]);
    assert_eq!(o.status.code(), Some(1));
    let first = stdout(&o).lines().next().unwrap().to_owned();
    assert_eq!(first, format!("{f}:15:98: error[E0101]: `goto` `pln` names no node or ending"));
    assert!(stdout(&o).contains("did you mean `plan`?"));
}

#[test]
fn validate_reports_a_syntax_error_and_a_stuck_node() {
    let o = run(&["validate", &fixture("syntax-error.ron"), &fixture("stuck.ron")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("syntax-error.ron:3:"), "{out}");
    assert!(out.contains("error[E0202]: node `plan` can be reached with distress 50 and trust 30"), "{out}");
    assert!(out.contains("2 files checked: 2 errors, 0 warnings"), "{out}");
}

#[test]
fn warnings_pass_unless_denied() {
    let f = fixture("warnings-only.ron");
    let o = run(&["validate", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("warning[W0303]"));
    assert!(stdout(&o).contains("warning[W0301]: ending `never` can never be reached"));
    let o = run(&["validate", "--deny-warnings", &f]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn validate_json_is_one_array_of_diagnostics() {
    let o = run(&["validate", "--format", "json", &fixture("warnings-only.ron"), &fixture("bad-goto.ron")]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 3, "{v:#}");
    for item in items {
        for key in ["file", "line", "column", "severity", "code", "message"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
    }
    assert!(items.iter().any(|i| i["severity"] == "error" && i["code"] == "E0101" && i["line"] == 15));
}

#[test]
fn bad_usage_exits_with_two() {
    assert_eq!(run(&["validate"]).status.code(), Some(2));
    assert_eq!(run(&["validate", "no/such/path.ron"]).status.code(), Some(2));
    assert_eq!(run(&["validate", "--format", "xml", "scenarios"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn the_app_without_a_display_says_so_and_points_to_the_cli() {
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("display"), "{err}");
    assert!(err.contains("bedside validate"), "{err}");
}

fn play_json(file: &str, choose: &str, seed: &str) -> (Option<i32>, serde_json::Value, String) {
    let o = run(&["play", file, "--choose", choose, "--seed", seed, "--json"]);
    let v = serde_json::from_str(&stdout(&o)).unwrap_or(serde_json::Value::Null);
    (o.status.code(), v, stderr(&o))
}

#[test]
fn play_scripted_prints_the_result_as_json_and_agrees_with_the_core() {
    let file = shipped().into_iter().next().expect("a shipped scenario");
    let file = file.to_str().unwrap();
    let loaded = bedside_core::scenario::load::load_file(Path::new(file));
    let script = std::sync::Arc::new(loaded.script.unwrap());
    // Always take the first offered choice in file order.
    let mut run = bedside_core::play::encounter::Encounter::new(script.clone(), 5);
    let mut picks = Vec::new();
    while !run.is_over() {
        let first = *run.offered().iter().min().unwrap();
        picks.push((first + 1).to_string());
        run.choose(first).unwrap();
    }
    let (code, v, err) = play_json(file, &picks.join(","), "5");
    assert_eq!(code, Some(0), "{err}");
    let scores = run.scores();
    assert_eq!(v["scenario"], script.id());
    assert_eq!(v["ending"], run.ending().unwrap().0);
    assert_eq!(v["outcome"], run.outcome().unwrap().name());
    assert_eq!(v["empathy"], scores.empathy);
    assert_eq!(v["clarity"], scores.clarity);
    assert_eq!(v["overall"], scores.overall);
    assert_eq!(v["best_choice_rate"], scores.best_choice_rate);
    assert_eq!(v["missed_opportunities"], scores.missed_opportunities.len());
    assert_eq!(v["distress"], run.distress());
    assert_eq!(v["trust"], run.trust());
    assert_eq!(v["steps"].as_array().unwrap().len(), picks.len());
}

#[test]
fn a_scripted_choice_not_offered_fails_naming_the_step() {
    let (code, _, err) = play_json("tests/fixtures/stuck.ron", "1", "1");
    assert_eq!(code, Some(1), "stuck.ron does not load");
    assert!(err.contains("did not load"), "{err}");
    let (code, _, err) = play_json(&fixture("warnings-only.ron"), "4", "1");
    assert_eq!(code, Some(1));
    assert!(err.contains("step 1"), "{err}");
    assert!(err.contains("choice 4 is not offered"), "{err}");
}

#[test]
fn play_reads_choices_from_stdin_by_their_number_on_screen() {
    let mut child = bedside()
        .args(["play", &fixture("warnings-only.ron"), "--seed", "3"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"x\n1\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Type a number from 1 to 3."), "{out}");
    assert!(out.contains("Ending: "), "{out}");
    assert!(out.contains("Empathy"), "{out}");
}

#[test]
fn simulate_reports_coverage_and_score_spread_in_json() {
    let file = shipped().into_iter().next().unwrap();
    let o = run(&["simulate", file.to_str().unwrap(), "--runs", "2000", "--seed", "3", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let r = &v[0];
    assert_eq!(r["runs"], 2000);
    let ended: u64 = r["endings"].as_array().unwrap().iter().map(|e| e["count"].as_u64().unwrap()).sum();
    assert_eq!(ended + r["cut_off"].as_u64().unwrap(), 2000);
    assert!(r["overall"]["min"].as_f64() <= r["overall"]["median"].as_f64());
    assert!(r["overall"]["median"].as_f64() <= r["overall"]["max"].as_f64());
    // Same seed, same report.
    let again = run(&["simulate", file.to_str().unwrap(), "--runs", "2000", "--seed", "3", "--json"]);
    assert_eq!(stdout(&o), stdout(&again));
}

#[test]
fn graph_writes_dot_and_mermaid_with_ratings_and_coloured_endings() {
    let file = shipped().into_iter().next().unwrap();
    let dot = stdout(&run(&["graph", file.to_str().unwrap(), "--format", "dot"]));
    assert!(dot.starts_with("digraph"));
    assert!(dot.contains("E4 C"), "{dot}");
    assert!(dot.contains("fillcolor=\"#2e7d32\""));
    let mermaid = stdout(&run(&["graph", file.to_str().unwrap(), "--format", "mermaid"]));
    assert!(mermaid.starts_with("flowchart LR"));
    assert!(mermaid.contains("classDef resolved"));
}

#[test]
fn new_writes_a_skeleton_that_validates_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = run(&["new", "my-scenario", "--dir", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.path().join("my-scenario.ron");
    let o = run(&["validate", "--deny-warnings", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // It will not overwrite, and refuses a bad id.
    assert_eq!(run(&["new", "my-scenario", "--dir", d]).status.code(), Some(1));
    assert_eq!(run(&["new", "My Scenario", "--dir", d]).status.code(), Some(2));
}

#[test]
fn readability_reports_grade_ease_and_jargon() {
    let o = run(&["readability", "--json", "You will be NPO after midnight. Take this PRN."]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["grade"].is_number() && v["reading_ease"].is_number());
    let terms: Vec<_> =
        v["jargon"].as_array().unwrap().iter().map(|j| j["term"].as_str().unwrap().to_owned()).collect();
    assert_eq!(terms, ["NPO", "PRN"]);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("line.txt");
    std::fs::write(&f, "It sounds frightening.").unwrap();
    let o = run(&["readability", "--file", f.to_str().unwrap()]);
    assert!(stdout(&o).contains("Jargon: none found"));
    assert_eq!(run(&["readability"]).status.code(), Some(2));
}

// ---- Format 2 through the real binary. ----

#[test]
fn play_json_reports_objectives_safety_errors_and_each_steps_reply() {
    // Blame the staffing, apologise, then treat without assessing: a safety error.
    let (code, v, err) = play_json(&fixture("clean-v2.ron"), "2,1,2", "4");
    assert_eq!(code, Some(0), "{err}");
    let objectives: Vec<(u64, bool)> =
        v["objectives"].as_array().unwrap().iter().map(|o| (o["n"].as_u64().unwrap(), o["met"] == true)).collect();
    assert_eq!(objectives, [(1, true), (2, false)]);
    assert_eq!(v["objectives"][1]["text"], "Assess the pain before treating it");
    let errors = v["safety_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["step"], 3);
    assert_eq!(errors[0]["node"], "pain");
    assert!(errors[0]["say"].as_str().unwrap().starts_with("I'll get you something stronger"));
    assert!(errors[0]["hazard"].as_str().unwrap().contains("assessed before it is treated"));
    let replies: Vec<&serde_json::Value> = v["steps"].as_array().unwrap().iter().map(|s| &s["reply"]).collect();
    assert_eq!(replies, [&serde_json::Value::Null, &serde_json::Value::Null, &serde_json::Value::Null]);
    let (_, v, _) = play_json(&fixture("clean-v2.ron"), "1,1", "4");
    assert_eq!(v["steps"][0]["reply"], "Well. You're here now, I suppose.");
    assert_eq!(v["steps"][1]["reply"], "Eight. It's an eight.");
    assert_eq!(v["steps"][1]["kind"], "Do");
    assert!(v["objectives"].as_array().unwrap().iter().all(|o| o["met"] == true));
    assert_eq!(v["safety_errors"].as_array().unwrap().len(), 0);
}

#[test]
fn terminal_play_shows_replies_actions_objectives_and_safety_errors() {
    let o = run(&["play", &fixture("clean-v2.ron"), "--choose", "2,1,2", "--seed", "4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Follows: NMC The Code (2018); RCP National Early Warning Score"), "{out}");
    assert!(out.contains("[action] Ask for a pain score"), "{out}");
    assert!(out.contains("Safety errors (1):"), "{out}");
    assert!(out.contains("why it is unsafe: New pain after a hip replacement"), "{out}");
    assert!(out.contains("[x] 1. Acknowledge the wait (met)"), "{out}");
    assert!(out.contains("[ ] 2. Assess the pain before treating it (not met)"), "{out}");
    let o = run(&["play", &fixture("clean-v2.ron"), "--choose", "1,1", "--seed", "4"]);
    assert!(stdout(&o).contains("Eleni Georgiou: \"Well. You're here now, I suppose.\""), "{}", stdout(&o));
}

#[test]
fn play_trace_shows_node_ids_and_file_positions_beside_the_numbers_shown() {
    let o = run(&["play", &fixture("clean-v2.ron"), "--choose", "1,1", "--seed", "4", "--trace"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("[node `bell` | distress 70 | trust 30]"), "{out}");
    assert!(out.contains("[file #1] I'm sorry you waited so long."), "{out}");
    // The number shown and the file position differ when the choices are shuffled.
    let pairs: Vec<(String, String)> = out
        .lines()
        .filter_map(|l| {
            let (shown, rest) = l.trim_start().split_once(". [file #")?;
            Some((shown.to_owned(), rest.split(']').next()?.to_owned()))
        })
        .collect();
    assert_eq!(pairs.len(), 6, "three options at each of two steps: {out}");
    assert!(pairs.iter().any(|(shown, file)| shown != file), "{pairs:?}");
    assert_eq!(run(&["play", &fixture("clean-v2.ron"), "--trace", "--json", "--choose", "1,1"]).status.code(), Some(2));
}

#[test]
fn validate_warns_about_a_gameable_scenario_with_paths_and_figures() {
    let f = fixture("gameable.ron");
    let o = run(&["validate", &f]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains(&format!("{f}:11:12: warning[W0309]: a learner who never reads the patient wins: always choosing the longest option (longest strategy) reaches the Resolved ending `good` with overall 100.0 (path 2,2)")), "{out}");
    assert!(out.contains("(question strategy) reaches the Resolved ending `good`"), "{out}");
    assert!(out.contains("warning[W0310]: length gives the answer away: in 2 of 2 nodes"), "{out}");
    assert!(out.contains(&format!("{f}:9:18: warning[W0308]: the Resolved ending `good` can be reached without meeting objective 1 (\"Name the fear\"): path 1,2")), "{out}");
    assert_eq!(run(&["validate", "--deny-warnings", &f]).status.code(), Some(1));
    let clean = run(&["validate", "--deny-warnings", &fixture("clean-v2.ron")]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
}

#[test]
fn broken_format_two_files_are_refused_at_the_right_line() {
    let f = fixture("broken-v2.ron");
    let o = run(&["validate", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains(&format!("{f}:15:121: error[E0105]: `meets` of choice 1 in node `a` names objective 3, but the scenario has 2 objectives")), "{out}");
    assert!(out.contains(&format!("{f}:16:101: error[E0104]: the `hazard` of choice 2 in node `a` is empty")), "{out}");
    let f = fixture("unknown-kind.ron");
    let out = stdout(&run(&["validate", &f]));
    assert!(out.contains(&format!("{f}:15:128: error[E0005]: unknown choice kind `Dont`")), "{out}");
    assert!(out.contains("did you mean `Do`?"), "{out}");
}

#[test]
fn simulate_plays_one_strategy_and_reports_objectives_and_safety_errors() {
    let o = run(&["simulate", &fixture("gameable.ron"), "--strategy", "longest", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["strategy"], "longest");
    assert_eq!(v[0]["choose"], "2,2");
    assert_eq!(v[0]["outcome"], "Resolved");
    assert_eq!(v[0]["wins"], true);
    let o = run(&["simulate", &fixture("clean-v2.ron"), "--runs", "3000", "--seed", "2", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let r = &v[0];
    let met = r["objectives"][1]["runs_met"].as_u64().unwrap();
    let settled =
        r["endings"].as_array().unwrap().iter().find(|e| e["id"] == "settled").unwrap()["count"].as_u64().unwrap();
    assert_eq!(met, settled, "objective 2 is met exactly on the runs that settle");
    assert!(r["runs_with_safety_errors"].as_u64().unwrap() > 0);
    let strategies: Vec<&str> =
        r["strategies"].as_array().unwrap().iter().map(|s| s["strategy"].as_str().unwrap()).collect();
    assert_eq!(
        strategies,
        [
            "longest",
            "question",
            "shortest",
            "feeling",
            "middle",
            "second-longest",
            "statement",
            "action",
            "sorry",
            "first",
            "last",
            "best",
            "careless"
        ]
    );
    let human = stdout(&run(&["simulate", &fixture("clean-v2.ron"), "--runs", "500"]));
    assert!(human.contains("objectives (runs that met each):"), "{human}");
    assert!(human.contains("safety errors:"), "{human}");
}

#[test]
fn readability_of_a_scenario_file_reports_each_spoken_choice_worst_first() {
    let o = run(&["readability", "--file", &fixture("warnings-only.ron"), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let lines = v.as_array().unwrap();
    assert_eq!(lines.len(), 3);
    let grades: Vec<f64> = lines.iter().map(|l| l["grade"].as_f64().unwrap()).collect();
    assert!(grades.windows(2).all(|w| w[0] >= w[1]), "{grades:?}");
    let npo = lines.iter().find(|l| l["choice"] == 1).unwrap();
    assert_eq!(npo["node"], "open");
    assert_eq!(npo["jargon"][0]["term"], "NPO");
    // Actions are not speech: the clean file's `Do` choice is not listed.
    let o = run(&["readability", "--file", &fixture("clean-v2.ron"), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.as_array().unwrap().iter().all(|l| !l["say"].as_str().unwrap().starts_with("Ask for a pain score")));
    assert!(stdout(&run(&["readability", "One."])).contains("1 sentence, 1 word, 1 syllable"));
}

#[test]
fn new_names_the_file_it_wrote_in_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("ward");
    run(&["new", "night-pain", "--dir", d.to_str().unwrap()]);
    let text = std::fs::read_to_string(d.join("night-pain.ron")).unwrap();
    assert!(
        text.lines().nth(1).unwrap().ends_with(&format!("bedside validate {}", d.join("night-pain.ron").display()))
    );
}

#[test]
fn only_the_commands_that_use_them_offer_data_and_config() {
    for command in ["validate", "simulate", "graph", "new", "readability"] {
        let help = stdout(&run(&[command, "--help"]));
        assert!(!help.contains("--data") && !help.contains("--config"), "{command}: {help}");
    }
    for command in ["play", "report", "xapi"] {
        let help = stdout(&run(&[command, "--help"]));
        assert!(help.contains("--data") && help.contains("--config"), "{command}: {help}");
    }
}

// ---- Typed replies. ----

#[test]
fn match_ranks_a_nodes_choices_against_a_typed_reply_and_reads_it() {
    let o = run(&[
        "match",
        "scenarios/internet-diagnosis.ron",
        "--node",
        "arrival",
        "you seem really shaken, tell me whats worrying you most",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ranked = v["ranked"].as_array().unwrap();
    let script = bedside_core::scenario::load::load_file(Path::new("scenarios/internet-diagnosis.ron")).script.unwrap();
    let node = script.scenario().nodes.position("arrival").unwrap();
    assert_eq!(ranked.len(), script.node(node).choices.len(), "every choice of the node is ranked");
    let sims: Vec<f64> = ranked.iter().map(|r| r["similarity"].as_f64().unwrap()).collect();
    assert!(sims.windows(2).all(|w| w[0] >= w[1]), "best first: {sims:?}");
    let best = ranked[0]["choice"].as_u64().unwrap() as usize;
    assert_eq!(
        ranked[0]["say"],
        script.node(node).choices[best - 1].say.as_str(),
        "choice is the 1-based file position"
    );
    assert!(script.node(node).choices[best - 1].say.contains("worrying"), "{}", ranked[0]["say"]);
    let reading = &v["reading"];
    assert_eq!(reading["emotions"], serde_json::json!(["worry"]));
    assert!(reading["nurse"].as_array().unwrap().iter().any(|n| n == "exploring"));
    assert_eq!(reading["open_question"], true);
    assert_eq!(reading["blockers"], serde_json::json!([]));
    assert!(reading["jargon"].is_array() && reading["grade"].is_number());
    // A node that does not exist is named, with the nearest.
    let o = run(&["match", "scenarios/internet-diagnosis.ron", "--node", "arival", "hello"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `arrival`?"), "{}", stderr(&o));
}

#[test]
fn play_typed_reads_each_reply_matches_it_and_plays_on() {
    let mut child = bedside()
        .args(["play", &fixture("clean-v2.ron"), "--typed", "--seed", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"im so sorry you waited that long, im here now\n\nlet me check your obs, the wound and your calf, and get a pain score\n1\n\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("Type your reply (in your own words):"), "{out}");
    assert!(out.contains("Reading:") && out.contains("NURSE:"), "{out}");
    assert!(out.contains("Ending: "), "{out}");
    let asked = out.find("Type your reply").unwrap();
    let listed = out.find("  1. ").unwrap_or(usize::MAX);
    assert!(asked < listed, "the choices stay hidden until a reply is matched: {out}");
    assert!(out.contains("Taken as: \"I'm sorry you waited so long. I'm here now.\""), "{out}");
}
