//! An attempt as xAPI statements: launched, responded per step, then completed or abandoned.

use serde_json::{Value, json};
use uuid::Uuid;

use super::{ABANDONED, COMPLETED, FAILED, LAUNCHED, PASSED, RESPONDED};
use crate::{Attempt, Finish};

/// The id of an attempt's statement: `launched`, `responded/N` (N from 1) or `completed`.
pub fn statement_id(attempt: &Uuid, which: &str) -> Uuid {
    Uuid::new_v5(attempt, which.as_bytes())
}

/// The attempt as xAPI statements, in the order they happened. `base` is the
/// IRI prefix for activities, extensions and the trainee's account home page.
/// The attempt's stored scenario version gives the words.
pub fn statements(a: &Attempt, base: &str) -> Vec<Value> {
    statements_with(a, base, false)
}

/// As [`statements`]; with `share_typed` (an educator's setting), a step typed
/// in the nurse's own words carries the text in a result extension.
pub fn statements_with(a: &Attempt, base: &str, share_typed: bool) -> Vec<Value> {
    let base = base.trim_end_matches('/');
    let actor = json!({
        "objectType": "Agent",
        "name": a.trainee,
        "account": { "homePage": base, "name": a.trainee },
    });
    let scenario = format!("{base}/scenarios/{}", a.scenario);
    let activity = json!({
        "objectType": "Activity",
        "id": scenario,
        "definition": {
            "name": { "en-US": a.title },
            "type": "http://adlnet.gov/expapi/activities/simulation",
        },
    });
    let ext = |name: &str| format!("{base}/xapi/{name}");
    let context = |parent: bool| {
        let mut c = json!({
            "registration": a.id.to_string(),
            "platform": "Bedside",
            "language": "en-US",
            "extensions": {
                ext("mode"): a.mode.key(),
                ext("scenario-version"): a.content_hash,
                ext("seed"): a.seed.to_string(),
            },
        });
        if parent {
            c["contextActivities"] = json!({ "parent": [{ "objectType": "Activity", "id": scenario }] });
        }
        c
    };
    let verb = |id: &str, word: &str| json!({ "id": id, "display": { "en-US": word } });
    let mut out = vec![json!({
        "id": statement_id(&a.id, "launched").to_string(),
        "actor": actor,
        "verb": verb(LAUNCHED, "launched"),
        "object": activity,
        "context": context(false),
        "timestamp": a.started.to_string(),
    })];
    let review = a.review();
    for (i, s) in a.steps.iter().enumerate() {
        let r = review.as_ref().and_then(|(_, scores)| scores.steps.get(i));
        let words = review.as_ref().and_then(|(script, _)| {
            let n = script.scenario().nodes.position(&s.node)?;
            Some((script, n))
        });
        let choices: Vec<Value> = s
            .offered
            .iter()
            .map(|&o| {
                let say = words.and_then(|(sc, n)| sc.node(n).choices.get(o)).map_or("", |c| c.say.as_str());
                json!({ "id": (o + 1).to_string(), "description": { "en-US": say } })
            })
            .collect();
        let mut definition = json!({
            "name": { "en-US": s.node },
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
            "choices": choices,
        });
        if let Some(r) = r {
            definition["description"] = json!({ "en-US": r.patient });
        }
        let mut result = json!({
            "response": s.chosen.map_or(String::new(), |c| (c + 1).to_string()),
            "success": s.best,
            "extensions": {
                ext("empathy"): s.empathy,
                ext("clarity"): s.clarity,
                ext("missed-opportunity"): s.missed,
                ext("distress"): s.distress,
                ext("trust"): s.trust,
                ext("said"): r.map_or("", |r| r.say.as_str()),
                ext("safety-error"): s.safety_error,
                ext("variant"): s.variant,
                ext("escalated"): s.escalated,
            },
        });
        // The skills shown, so that a computer without this scenario's text
        // can still count them (pull.rs): the chosen line's tags, the tags on
        // offer, and the emotion the patient cued.
        if let (Some(r), Some((sc, n))) = (r, words) {
            let node = sc.node(n);
            let mut offered: Vec<String> = s
                .offered
                .iter()
                .filter_map(|&o| node.choices.get(o))
                .flat_map(|c| c.tags.iter().map(|t| format!("{t:?}")))
                .collect();
            offered.sort();
            offered.dedup();
            let tags: Vec<String> =
                if s.chosen.is_some() { r.tags.iter().map(|t| format!("{t:?}")).collect() } else { Vec::new() };
            result["extensions"][ext("tags")] = json!(tags);
            result["extensions"][ext("offered-tags")] = json!(offered);
            result["extensions"][ext("cue")] = json!(node.cue.map(|c| c.emotion().name()));
        }
        if let (true, Some(typed)) = (share_typed, &s.typed) {
            result["extensions"][ext("typed")] = json!(typed);
        }
        out.push(json!({
            "id": statement_id(&a.id, &format!("responded/{}", i + 1)).to_string(),
            "actor": actor,
            "verb": verb(RESPONDED, "responded"),
            "object": {
                "objectType": "Activity",
                "id": format!("{scenario}/nodes/{}", s.node),
                "definition": definition,
            },
            "result": result,
            "context": context(true),
            "timestamp": s.at.to_string(),
        }));
    }
    let (verb_id, word) = match a.finish {
        Finish::Abandoned => (ABANDONED, "abandoned"),
        Finish::Ended { .. } => (COMPLETED, "completed"),
    };
    let mut extensions = json!({
        ext("empathy"): a.empathy,
        ext("clarity"): a.clarity,
        ext("overall"): a.overall,
        ext("best-choice-rate"): a.best_choice_rate,
        ext("outcome"): a.finish.key(),
        ext("objectives-met"): a.objectives_met,
        ext("safety-errors"): a.safety_errors,
        ext("steps"): a.steps.len(),
    });
    if let Some(e) = a.finish.ending() {
        extensions[ext("ending")] = json!(e);
    }
    let mut result = json!({
        "success": a.finish.success(),
        "completion": !a.finish.is_abandoned(),
        "duration": format!("PT{:.3}S", a.seconds().max(0.0)),
        "extensions": extensions,
    });
    // A score only for an encounter that reached its end: a part-way one has
    // its figures in the extensions, but is not scored.
    if !a.finish.is_abandoned() {
        // Tenths over 1000 rather than the score over 100: 56.7 gives 0.567, not 0.5670000000000001.
        let scaled = (a.overall * 10.0).round() / 1000.0;
        result["score"] = json!({ "scaled": scaled, "raw": a.overall, "min": 0.0, "max": 100.0 });
    }
    out.push(json!({
        "id": statement_id(&a.id, "completed").to_string(),
        "actor": actor,
        "verb": verb(verb_id, word),
        "object": activity,
        "result": result,
        "context": context(false),
        "timestamp": a.ended.to_string(),
    }));
    out
}

/// The verb of the statement a computer sends with each attempt it delivers
/// (under the activity base: `{base}/xapi/verbs/delivered`).
pub fn delivered_verb(base: &str) -> String {
    format!("{}/xapi/verbs/delivered", base.trim_end_matches('/'))
}

/// The statement that goes with an attempt's statements when a computer
/// (`station`, a random id, never a person) sends them: "this computer
/// delivered this attempt". It has no timestamp, so the LRS gives it the time it
/// stored it. An LRS that filters `since` by timestamp (Ralph does) would miss
/// the statements of an attempt sent late, which carry the older times when it
/// was played; this one carries the time of sending, so a pull that sees it
/// goes back for the attempt (xapi/pull.rs). Its id is fixed per attempt, so
/// sending again stores nothing new.
pub fn delivered(a: &Attempt, base: &str, station: &str) -> Value {
    let base = base.trim_end_matches('/');
    json!({
        "id": statement_id(&a.id, "delivered").to_string(),
        "actor": {
            "objectType": "Agent",
            "name": "Bedside",
            "account": { "homePage": format!("{base}/stations"), "name": station },
        },
        "verb": { "id": delivered_verb(base), "display": { "en-US": "delivered" } },
        "object": {
            "objectType": "Activity",
            "id": format!("{base}/scenarios/{}", a.scenario),
            "definition": {
                "name": { "en-US": a.title },
                "type": "http://adlnet.gov/expapi/activities/simulation",
            },
        },
        "context": {
            "registration": a.id.to_string(),
            "platform": "Bedside",
            "extensions": { format!("{base}/xapi/played-from"): a.started.to_string() },
        },
    })
}

/// The verdict of a pass rule on an assessment attempt: `passed` or `failed`,
/// with the rule in words and who set it. Its id is fixed per attempt.
pub fn verdict(a: &Attempt, base: &str, rule: &crate::store::PassRule) -> Value {
    let base = base.trim_end_matches('/');
    let passed = rule.passes(a.mode.key(), a.finish.key(), a.overall, a.safety_errors);
    let (verb, word) = if passed { (PASSED, "passed") } else { (FAILED, "failed") };
    json!({
        "id": statement_id(&a.id, "verdict").to_string(),
        "actor": { "objectType": "Agent", "name": a.trainee, "account": { "homePage": base, "name": a.trainee } },
        "verb": { "id": verb, "display": { "en-US": word } },
        "object": {
            "objectType": "Activity",
            "id": format!("{base}/scenarios/{}", a.scenario),
            "definition": { "name": { "en-US": a.title }, "type": "http://adlnet.gov/expapi/activities/simulation" },
        },
        "result": {
            "success": passed,
            "score": { "scaled": (a.overall * 10.0).round() / 1000.0, "raw": a.overall, "min": 0.0, "max": 100.0 },
            "extensions": {
                format!("{base}/xapi/pass-rule"): rule.describe(),
                format!("{base}/xapi/pass-rule-set-by"): rule.set_by,
            },
        },
        "context": {
            "registration": a.id.to_string(),
            "platform": "Bedside",
            "language": "en-US",
            "extensions": { format!("{base}/xapi/mode"): a.mode.key() },
        },
        "timestamp": a.ended.to_string(),
    })
}
