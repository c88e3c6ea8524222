//! Semantic checks of a parsed scenario: ids, references, text, ranges; then the
//! exact state-space walk and the author warnings. Positions are found in the
//! source only when there is something to report.

use std::collections::HashMap;

use crate::diagnostic::report::{Loc, Report, choice_path, ending_path, node_path};
use crate::diagnostic::{Diagnostic, code, did_you_mean};
use crate::play::script::{MAX_OBJECTIVES, Script};
use crate::scenario::{Condition, Scenario};

pub mod balance;
pub mod honesty;
pub mod lint;
pub mod reach;

use reach::Reach;

#[cfg(test)]
mod rules_tests;

/// Whether an id follows the rule: lowercase letters, digits and `-`, not empty.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks a parsed scenario. Returns the script if there are no errors, and all
/// diagnostics (errors and warnings) with positions.
pub fn check(
    scenario: Scenario,
    file: &str,
    source: &str,
    glossary: std::sync::Arc<crate::text::Glossary>,
) -> (Option<Script>, Vec<Diagnostic>) {
    let mut report = Report::new(file, source);
    check_structure(&scenario, &mut report);
    if report.has_errors() {
        return (None, report.finish());
    }
    let Some(script) = Script::resolve(scenario, file.to_owned(), source, glossary) else {
        report.error(code::UNKNOWN_TARGET, Loc::Nowhere, "a reference does not resolve");
        return (None, report.finish());
    };
    let reach = reach::explore(&script);
    check_reach(&script, &reach, &mut report);
    lint::lint(&script, &reach, &mut report);
    // A learner's strategies are only worth playing on a scenario that can be played.
    if !report.has_errors() {
        honesty::check(&script, &reach, &mut report);
    }
    let ok = !report.has_errors();
    (ok.then_some(script), report.finish())
}

fn check_structure(s: &Scenario, r: &mut Report) {
    // Ids.
    if !is_valid_id(&s.id) {
        r.error(code::BAD_ID, Loc::Value("id".into()), format!("the scenario id `{}` breaks the id rule", s.id)).help =
            Some(id_help(&s.id));
    }
    for (map, ids) in [
        ("nodes", s.nodes.iter().map(|(k, _)| k).collect::<Vec<_>>()),
        ("endings", s.endings.iter().map(|(k, _)| k).collect::<Vec<_>>()),
    ] {
        // How many times each id has been seen so far, to point at each repeat.
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in ids {
            let nth = *seen.entry(id).and_modify(|n| *n += 1).or_insert(0);
            if nth > 0 {
                r.error(
                    code::DUPLICATE_KEY,
                    Loc::Key(map, id.to_owned(), nth),
                    format!("`{id}` is defined twice in `{map}`"),
                )
                .help = Some("give each entry its own id; the later one would replace the earlier".into());
                continue;
            }
            if !is_valid_id(id) {
                r.error(code::BAD_ID, Loc::Key(map, id.to_owned(), 0), format!("the id `{id}` breaks the id rule"))
                    .help = Some(id_help(id));
            }
        }
    }
    for (id, _) in s.endings.iter() {
        if s.nodes.get(id).is_some() {
            r.error(
                code::NODE_AND_ENDING,
                Loc::Key("endings", id.to_owned(), 0),
                format!("`{id}` names both a node and an ending"),
            )
            .help = Some("node ids and ending ids share one namespace; rename one of them".into());
        }
    }

    // Required text and lists.
    let text = |r: &mut Report, value: &str, path: String, what: &str| {
        if value.trim().is_empty() {
            r.error(code::EMPTY_TEXT, Loc::Value(path), format!("{what} is empty")).help =
                Some("write the text between the quotes".into());
        }
    };
    text(r, &s.title, "title".into(), "the title");
    text(r, &s.summary, "summary".into(), "the summary");
    text(r, &s.setting, "setting".into(), "the setting");
    text(r, &s.patient.name, "patient.name".into(), "the patient's name");
    text(r, &s.patient.about, "patient.about".into(), "the patient's background (`about`)");
    for (i, o) in s.objectives.iter().enumerate() {
        text(r, o, format!("objectives[{i}]"), "an objective");
    }
    let list = |r: &mut Report, empty: bool, path: String, what: &str| {
        if empty {
            r.error(code::EMPTY_LIST, Loc::Value(path), format!("{what} needs at least one entry"));
        }
    };
    list(r, s.objectives.is_empty(), "objectives".into(), "`objectives`");
    if s.objectives.len() > MAX_OBJECTIVES {
        r.error(
            code::OUT_OF_RANGE,
            Loc::Value("objectives".into()),
            format!("the scenario has {} objectives; at most {MAX_OBJECTIVES} are allowed", s.objectives.len()),
        )
        .help = Some("keep the few that the encounter really teaches".into());
    }
    list(r, s.nodes.is_empty(), "nodes".into(), "`nodes`");
    list(r, s.endings.is_empty(), "endings".into(), "`endings`");
    if let Some(p) = &s.patient.portrait
        && (p.trim().is_empty() || p.starts_with('/') || p.split(['/', '\\']).any(|part| part == ".."))
    {
        r.error(
            code::EMPTY_TEXT,
            Loc::Value("patient.portrait".into()),
            format!("the portrait path `{p}` must be a file inside `assets/`"),
        )
        .help = Some("write a path relative to assets/, e.g. \"portraits/maria.png\"".into());
    }

    // Ranges.
    let range = |r: &mut Report, v: i64, lo: i64, hi: i64, path: String, what: &str| {
        if !(lo..=hi).contains(&v) {
            r.error(code::OUT_OF_RANGE, Loc::Value(path), format!("{what} is {v}, outside {lo} to {hi}"));
        }
    };
    range(r, s.patient.age, 0, 120, "patient.age".into(), "the patient's age");
    range(r, s.patient.distress, 0, 100, "patient.distress".into(), "the starting distress");
    range(r, s.patient.trust, 0, 100, "patient.trust".into(), "the starting trust");
    if let Some(g) = s.patient.look.greying
        && !(0.0..=1.0).contains(&g)
    {
        r.error(
            code::OUT_OF_RANGE,
            Loc::Value("patient.look.greying".into()),
            format!("the look's `greying` is {g}, outside 0 to 1"),
        )
        .help = Some("write how grey the hair is as a share, e.g. `greying: Some(0.5)` for half grey".into());
    }

    // Nodes and choices.
    let all_ids = || s.nodes.iter().map(|(k, _)| k).chain(s.endings.iter().map(|(k, _)| k));
    let target = |r: &mut Report, goto: &str, path: String, what: &str| {
        if s.nodes.get(goto).is_none() && s.endings.get(goto).is_none() {
            let d = r.error(code::UNKNOWN_TARGET, Loc::Value(path), format!("{what} `{goto}` names no node or ending"));
            d.help = Some(match did_you_mean(goto, all_ids()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "add a node or an ending with this id, or correct the id".into(),
            });
        }
    };
    if s.nodes.get(&s.start).is_none() {
        if s.endings.get(&s.start).is_some() {
            r.error(
                code::UNKNOWN_TARGET,
                Loc::Value("start".into()),
                format!("`start` names the ending `{}`; it must name a node", s.start),
            );
        } else {
            target(r, &s.start, "start".into(), "`start`");
        }
    }
    for (id, node) in s.nodes.iter() {
        let np = node_path(id);
        list(r, node.says.is_empty(), format!("{np}.says"), &format!("`says` of node `{id}`"));
        list(r, node.choices.is_empty(), format!("{np}.choices"), &format!("`choices` of node `{id}`"));
        for (i, line) in node.says.iter().enumerate() {
            text(r, line, format!("{np}.says[{i}]"), &format!("line {} of `says` in node `{id}`", i + 1));
        }
        if let Some(e) = &node.escalate {
            range(r, e.at_distress, 0, 100, format!("{np}.escalate.at_distress"), "`at_distress`");
            target(r, &e.goto, format!("{np}.escalate.goto"), "the escalate target");
            if e.goto == *id {
                r.error(
                    code::UNKNOWN_TARGET,
                    Loc::Value(format!("{np}.escalate.goto")),
                    format!("node `{id}` escalates to itself"),
                );
            }
        }
        for (i, c) in node.choices.iter().enumerate() {
            let cp = choice_path(id, i);
            let n = i + 1;
            text(r, &c.say, format!("{cp}.say"), &format!("`say` of choice {n} in node `{id}`"));
            text(r, &c.feedback, format!("{cp}.feedback"), &format!("`feedback` of choice {n} in node `{id}`"));
            range(r, c.empathy, 0, 4, format!("{cp}.empathy"), "the empathy rating");
            range(r, c.clarity, 0, 4, format!("{cp}.clarity"), "the clarity rating");
            range(r, c.distress, -100, 100, format!("{cp}.distress"), "the change to distress");
            range(r, c.trust, -100, 100, format!("{cp}.trust"), "the change to trust");
            if let Some(cond) = c.requires {
                let what = match cond {
                    Condition::TrustAtLeast(_) | Condition::TrustBelow(_) => "the trust in `requires`",
                    Condition::DistressAtLeast(_) | Condition::DistressBelow(_) => "the distress in `requires`",
                };
                range(r, cond.value(), 0, 100, format!("{cp}.requires"), what);
            }
            target(r, &c.goto, format!("{cp}.goto"), "`goto`");
            if let Some(reply) = &c.reply {
                text(r, reply, format!("{cp}.reply"), &format!("the `reply` of choice {n} in node `{id}`"));
            }
            for (j, example) in c.examples.iter().enumerate() {
                text(
                    r,
                    example,
                    format!("{cp}.examples[{j}]"),
                    &format!("example {} of choice {n} in node `{id}`", j + 1),
                );
            }
            if let Some(hazard) = &c.hazard {
                text(r, hazard, format!("{cp}.hazard"), &format!("the `hazard` of choice {n} in node `{id}`"));
            }
            for (j, &m) in c.meets.iter().enumerate() {
                let count = s.objectives.len();
                if m < 1 || m > count as i64 {
                    let listed = match count {
                        1 => "1".to_owned(),
                        _ => format!("1 to {count}"),
                    };
                    r.error(
                        code::OUT_OF_RANGE,
                        Loc::Value(format!("{cp}.meets[{j}]")),
                        format!(
                            "`meets` of choice {n} in node `{id}` names objective {m}, but the scenario has {count} objective{}",
                            if count == 1 { "" } else { "s" }
                        ),
                    )
                    .help = Some(format!("objectives are numbered from 1 in the order of `objectives`: use {listed}"));
                }
            }
        }
    }
    for (i, source) in s.sources.iter().enumerate() {
        text(r, source, format!("sources[{i}]"), "a source");
    }
    for (id, e) in s.endings.iter() {
        let ep = ending_path(id);
        text(r, &e.says, format!("{ep}.says"), &format!("`says` of ending `{id}`"));
        text(r, &e.debrief, format!("{ep}.debrief"), &format!("`debrief` of ending `{id}`"));
    }
}

fn id_help(id: &str) -> String {
    let fixed: String = id
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c } else { '-' })
        .collect();
    let fixed = fixed.trim_matches('-').to_owned();
    if fixed.is_empty() {
        "ids use lowercase letters, digits and `-`".into()
    } else {
        format!("ids use lowercase letters, digits and `-`, e.g. `{fixed}`")
    }
}

fn check_reach(script: &Script, reach: &Reach, r: &mut Report) {
    for n in 0..script.node_count() {
        let id = script.node_id(n);
        if let Some((d, t)) = reach.stuck[n] {
            r.error(
                code::STUCK,
                Loc::Key("nodes", id.to_owned(), 0),
                format!(
                    "node `{id}` can be reached with distress {d} and trust {t}, where none of its choices is offered"
                ),
            )
            .help = Some("add a choice without `requires`, or widen the conditions so one always holds".into());
        }
        if let Some((d, t)) = reach.trapped[n] {
            r.error(
                code::NO_ENDING_REACHABLE,
                Loc::Key("nodes", id.to_owned(), 0),
                format!("no ending can be reached from node `{id}` (for example with distress {d} and trust {t})"),
            )
            .help = Some("give the loop a way out: a choice whose `goto` leads on to an ending".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_allow_lowercase_letters_digits_and_hyphens_only() {
        assert!(is_valid_id("ward-3"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("Ward"));
        assert!(!is_valid_id("ward_3"));
        assert!(!is_valid_id("ward 3"));
    }

    #[test]
    fn a_near_miss_is_suggested_and_a_far_one_is_not() {
        assert_eq!(did_you_mean("trsut", ["trust", "distress", "say"]), Some("trust"));
        assert_eq!(did_you_mean("Feer", ["Fear", "Anger", "Grief"]), Some("Fear"));
        assert_eq!(did_you_mean("banana", ["trust", "distress"]), None);
    }
}
