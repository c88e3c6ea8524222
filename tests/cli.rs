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
    let loaded = bedside::core::load::load_file(Path::new(file));
    let script = std::sync::Arc::new(loaded.script.unwrap());
    // Always take the first offered choice in file order.
    let mut run = bedside::core::encounter::Encounter::new(script.clone(), 5);
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
    let (code, _, err) = play_json(&fixture("warnings-only.ron"), "3", "1");
    assert_eq!(code, Some(1));
    assert!(err.contains("step 1"), "{err}");
    assert!(err.contains("choice 3 is not offered"), "{err}");
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
    assert!(out.contains("Type a number from 1 to 2."), "{out}");
    assert!(out.contains("Ending: end (Resolved)"), "{out}");
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
