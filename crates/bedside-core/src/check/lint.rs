//! Warnings for authors: content that is never reached, cues without an empathic
//! answer, jargon or hard reading in choices rated clear, and nodes whose choices
//! do not differ.

use crate::check::reach::Reach;
use crate::diagnostic::code;
use crate::diagnostic::report::{Loc, Report, choice_path, node_path};
use crate::play::script::Script;
use crate::text::readability;

/// The highest Flesch-Kincaid grade a choice rated clear may read at.
pub const MAX_CLEAR_GRADE: f64 = 8.0;

pub fn lint(script: &Script, reach: &Reach, r: &mut Report) {
    for n in 0..script.node_count() {
        let id = script.node_id(n);
        let node = script.node(n);
        if !reach.node_reached[n] {
            r.warning(
                code::UNREACHABLE,
                Loc::Key("nodes", id.to_owned(), 0),
                format!("node `{id}` can never be reached"),
            )
            .help = Some("point a `goto` or an `escalate` at it, or check the conditions on the way".into());
        } else {
            conditions(script, reach, n, r);
            escalation(script, reach, n, r);
        }
        if let Some(cue) = node.cue {
            let what = cue.emotion().name();
            if !node.choices.iter().any(|c| c.empathy >= 3) {
                r.warning(
                    code::CUE_WITHOUT_EMPATHY,
                    Loc::Value(format!("{}.cue", node_path(id))),
                    format!("node `{id}` has a cue ({what}) but no choice rated empathy 3 or more"),
                )
                .help = Some(
                    "add a choice that names or acknowledges the feeling, so the trainee can take the opportunity"
                        .into(),
                );
            } else if let Some((d, t)) = reach.cue_unanswerable[n] {
                r.warning(
                    code::CUE_WITHOUT_EMPATHY,
                    Loc::Value(format!("{}.cue", node_path(id))),
                    format!("node `{id}` has a cue ({what}), but with distress {d} and trust {t} no choice rated empathy 3 or more is offered"),
                )
                .help = Some("offer an empathic choice without a condition, so the opportunity is always there to take".into());
            }
        }
        for (c, choice) in node.choices.iter().enumerate() {
            // Actions are not speech: reading level and jargon are checks of words said.
            if choice.clarity < 3 || choice.is_action() {
                continue;
            }
            let found = script.glossary().find(&choice.say);
            if !found.is_empty() {
                let terms: Vec<String> = found.iter().map(|f| format!("`{}`", f.term)).collect();
                let plain: Vec<String> = found.iter().map(|f| format!("`{}` for `{}`", f.plain, f.term)).collect();
                r.warning(
                    code::JARGON,
                    Loc::Value(format!("{}.say", choice_path(id, c))),
                    format!(
                        "choice {} of node `{id}` is rated clarity {} but uses jargon: {}",
                        c + 1,
                        choice.clarity,
                        terms.join(", ")
                    ),
                )
                .help = Some(format!("say {}, or rate clarity 2 or less", plain.join(", ")));
            }
            let read = readability(&choice.say);
            if read.grade > MAX_CLEAR_GRADE {
                r.warning(code::HARD_TO_READ, Loc::Value(format!("{}.say", choice_path(id, c))), format!("choice {} of node `{id}` is rated clarity {} but reads at grade {:.1} (above {MAX_CLEAR_GRADE})", c + 1, choice.clarity, read.grade))
                    .help = Some("use shorter sentences and shorter words".into());
            }
        }
        if node.choices.len() >= 2 {
            let first = (node.choices[0].empathy, node.choices[0].clarity);
            if node.choices.iter().all(|c| (c.empathy, c.clarity) == first) {
                r.warning(
                    code::SAME_RATINGS,
                    Loc::Value(format!("{}.choices", node_path(id))),
                    format!(
                        "every choice of node `{id}` is rated empathy {} and clarity {}, so the choice teaches nothing",
                        first.0, first.1
                    ),
                )
                .help = Some("make the choices differ: a better and a worse way to respond".into());
            }
        }
    }
    objectives_never_met(script, r);
    for e in 0..script.ending_count() {
        if !reach.ending_reached[e] {
            let id = script.ending_id(e);
            r.warning(
                code::UNREACHABLE,
                Loc::Key("endings", id.to_owned(), 0),
                format!("ending `{id}` can never be reached"),
            )
            .help = Some("point a `goto` or an `escalate` at it, or remove it".into());
        }
    }
}

/// Every objective should be met by some choice, or no run can ever meet it.
fn objectives_never_met(script: &Script, r: &mut Report) {
    let s = script.scenario();
    for (i, objective) in s.objectives.iter().enumerate() {
        let n = i + 1;
        let met = s.nodes.iter().any(|(_, node)| node.choices.iter().any(|c| c.meets_objective(n)));
        if !met {
            r.warning(
                code::OBJECTIVE_NEVER_MET,
                Loc::Value(format!("objectives[{i}]")),
                format!("no choice meets objective {n} (\"{}\"), so no run can meet it", short(objective)),
            )
            .help = Some(format!("add `meets: [{n}]` to the choices that do what this objective asks"));
        }
    }
}

/// A long text cut to its first words, for a message.
pub fn short(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.trim();
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ';', ':', '.']);
    format!("{cut}…")
}

/// A `requires` that never holds, or always holds, where its node is reached.
fn conditions(script: &Script, reach: &Reach, n: usize, r: &mut Report) {
    let id = script.node_id(n);
    for (c, choice) in script.node(n).choices.iter().enumerate() {
        let Some(cond) = choice.requires else { continue };
        let (offered, withheld) = (reach.choice_offered[n][c], reach.choice_withheld[n][c]);
        let (message, help) = if !offered {
            (
                format!(
                    "choice {} of node `{id}` is never offered: `requires` ({}) never holds when a run is at this node",
                    c + 1,
                    cond.describe()
                ),
                "change the condition, or the changes to distress and trust on the way here",
            )
        } else if !withheld {
            (
                format!(
                    "the `requires` of choice {} in node `{id}` ({}) always holds when a run is at this node, so it changes nothing",
                    c + 1,
                    cond.describe()
                ),
                "remove `requires`, or change the condition so it depends on how the conversation went",
            )
        } else {
            continue;
        };
        r.warning(code::CONDITION_CONSTANT, Loc::Value(format!("{}.requires", choice_path(id, c))), message).help =
            Some(help.into());
    }
}

/// An `escalate` that no run can trigger.
fn escalation(script: &Script, reach: &Reach, n: usize, r: &mut Report) {
    let Some(escalate) = &script.node(n).escalate else { return };
    if reach.escalation_fired[n] {
        return;
    }
    let id = script.node_id(n);
    let why = match reach.arrival_distress[n] {
        Some(max) => format!("the highest distress on arriving here is {max}"),
        None => "no choice leads here (a run only starts here)".to_owned(),
    };
    r.warning(
        code::ESCALATION_NEVER_FIRES,
        Loc::Value(format!("{}.escalate.at_distress", node_path(id))),
        format!("the escalation of node `{id}` at distress {} can never fire: {why}", escalate.at_distress),
    )
    .help = Some("lower `at_distress`, or let the choices on the way here raise distress further".into());
}
