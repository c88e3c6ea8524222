//! Warnings for authors: content that is never reached, cues without an empathic
//! answer, jargon or hard reading in choices rated clear, and nodes whose choices
//! do not differ.

use super::diagnostic::code;
use super::reach::Reach;
use super::script::Script;
use super::text::{GLOSSARY, readability};
use super::validate::{Loc, Report, choice_path, node_path};

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
            for (c, offered) in reach.choice_offered[n].iter().enumerate() {
                if !offered {
                    let cond = node.choices[c].requires.map(|r| r.describe()).unwrap_or_default();
                    r.warning(
                        code::UNREACHABLE,
                        Loc::Value(format!("{}.requires", choice_path(id, c))),
                        format!(
                            "choice {} of node `{id}` is never offered: no run reaches this node with {cond}",
                            c + 1
                        ),
                    )
                    .help = Some("change the condition, or the changes to distress and trust on the way here".into());
                }
            }
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
            if choice.clarity < 3 {
                continue;
            }
            let found = GLOSSARY.find(&choice.say);
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
