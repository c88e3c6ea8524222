//! xAPI 1.0.3: an attempt as statements (launched, responded per step, then
//! completed or abandoned) with stable ids, and sending them to a Learning
//! Record Store from the store's queue, retrying later when it fails.
//!
//! Statement ids are UUIDs derived from the attempt's id (version 5), so a
//! statement sent twice is the same statement and the LRS keeps one copy.

use std::path::Path;
use std::time::Duration;

use base64::Engine as _;
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::store::{Store, StoreError};
use crate::{Attempt, Finish};

/// The xAPI version spoken.
pub const VERSION: &str = "1.0.3";

/// ADL verbs used.
pub const LAUNCHED: &str = "http://adlnet.gov/expapi/verbs/launched";
pub const RESPONDED: &str = "http://adlnet.gov/expapi/verbs/responded";
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const ABANDONED: &str = "https://w3id.org/xapi/adl/verbs/abandoned";

/// Where activity, extension and account IRIs start unless configured.
pub const DEFAULT_BASE: &str = "https://bedside.invalid";

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
            },
        });
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

/// Where to send statements. The password never appears in logs or `Debug`.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LrsConfig {
    /// The LRS's xAPI endpoint, e.g. `https://lrs.example.org/xAPI/`.
    pub endpoint: String,
    pub username: String,
    pub password: String,
    /// IRI prefix for activities and accounts (default [`DEFAULT_BASE`]).
    #[serde(default)]
    pub activity_base: Option<String>,
}

impl std::fmt::Debug for LrsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LrsConfig")
            .field("endpoint", &self.endpoint)
            .field("username", &self.username)
            .field("password", &"(hidden)")
            .field("activity_base", &self.activity_base)
            .finish()
    }
}

/// The file, in the config folder, that may hold the LRS settings.
pub const CONFIG_FILE: &str = "lrs.ron";

impl LrsConfig {
    /// The LRS settings: from `BEDSIDE_LRS_ENDPOINT`, `BEDSIDE_LRS_USERNAME`,
    /// `BEDSIDE_LRS_PASSWORD` (and `BEDSIDE_XAPI_BASE`) when the endpoint is set,
    /// else from `lrs.ron` in the config folder, else none. A file that does not
    /// read is an error naming it.
    pub fn find(config_dir: Option<&Path>) -> Result<Option<LrsConfig>, String> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(endpoint) = var("BEDSIDE_LRS_ENDPOINT") {
            return LrsConfig {
                endpoint,
                username: var("BEDSIDE_LRS_USERNAME").unwrap_or_default(),
                password: var("BEDSIDE_LRS_PASSWORD").unwrap_or_default(),
                activity_base: var("BEDSIDE_XAPI_BASE"),
            }
            .checked()
            .map(Some);
        }
        let Some(dir) = config_dir else { return Ok(None) };
        let path = dir.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        // The parser's message can quote a value, and a value may be the
        // password: say only where the file stops reading.
        let config: LrsConfig = ron::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: the LRS settings do not read; expected (endpoint: \"…\", username: \"…\", password: \"…\")",
                path.display(),
                e.span.start.line,
                e.span.start.col
            )
        })?;
        config.checked().map(Some)
    }

    /// Refuses an endpoint with a user name or password in it: those go in their
    /// own settings, so that the endpoint can be shown in messages.
    fn checked(self) -> Result<LrsConfig, String> {
        let after_scheme = self.endpoint.split_once("://").map_or(self.endpoint.as_str(), |(_, rest)| rest);
        let authority = after_scheme.split('/').next().unwrap_or_default();
        if authority.contains('@') {
            return Err("the LRS endpoint has a user name or password in it; put them in BEDSIDE_LRS_USERNAME and BEDSIDE_LRS_PASSWORD (or lrs.ron's username and password) instead".into());
        }
        Ok(self)
    }

    pub fn base(&self) -> &str {
        self.activity_base.as_deref().unwrap_or(DEFAULT_BASE)
    }

    fn statements_url(&self) -> String {
        format!("{}/statements", self.endpoint.trim_end_matches('/'))
    }

    fn authorization(&self) -> String {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", self.username, self.password));
        format!("Basic {token}")
    }
}

/// What one round of sending did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pushed {
    /// Attempts whose statements the LRS now holds.
    pub sent: usize,
    /// Attempts left on the queue for a later try.
    pub failed: usize,
    /// The last failure, without credentials.
    pub error: Option<String>,
}

/// Sends the statements of the attempts on the queue due by `due_by` (now, or
/// `Timestamp::MAX` to try every one), oldest first, at most `limit` attempts. Accepted ones leave the queue; failures wait longer
/// before the next try. The store's errors stop the round; the LRS's don't.
pub fn push_due(store: &mut Store, lrs: &LrsConfig, limit: usize, due_by: Timestamp) -> Result<Pushed, StoreError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(20)))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut done = Pushed::default();
    for id in store.xapi_due(due_by, limit)? {
        let attempt = match store.attempt(id) {
            Ok(a) => a,
            Err(e) => {
                // One row that does not read must not hold up the others.
                let e = format!("attempt {id} could not be read: {e}");
                store.xapi_failed(id, &e, Timestamp::now())?;
                done.failed += 1;
                done.error = Some(e);
                continue;
            }
        };
        let body = Value::Array(statements_with(&attempt, lrs.base(), store.share_typed()?));
        match send(&agent, lrs, &body) {
            Ok(()) => {
                store.xapi_sent(id)?;
                done.sent += 1;
            }
            Err(e) => {
                store.xapi_failed(id, &e, Timestamp::now())?;
                done.failed += 1;
                done.error = Some(e);
            }
        }
    }
    Ok(done)
}

/// POSTs a batch. 200 (with the list of stored ids) or 204 (all held already)
/// is accepted. Redirects are not followed. 409 means the LRS holds some of these ids
/// already (an earlier send got through but its answer was lost): each is then
/// sent on its own with PUT, where "already held" counts as done.
fn send(agent: &ureq::Agent, lrs: &LrsConfig, body: &Value) -> Result<(), String> {
    let url = lrs.statements_url();
    let auth = lrs.authorization();
    let resp = agent
        .post(&url)
        .header("X-Experience-API-Version", VERSION)
        .header("Authorization", &auth)
        .send_json(body)
        .map_err(|e| format!("cannot reach the LRS at {url}: {e}"))?;
    match resp.status().as_u16() {
        // 200 answers with the ids it stored (a list); anything else (a proxy's
        // page, say) is not an LRS that took them.
        200 => {
            let mut resp = resp;
            let text = resp.body_mut().read_to_string().unwrap_or_default();
            return match serde_json::from_str::<Vec<String>>(&text) {
                Ok(_) => Ok(()),
                Err(_) => {
                    Err(format!("the server at {url} answered 200 but not as an LRS does (no list of statement ids)"))
                }
            };
        }
        204 => return Ok(()),
        409 => {}
        code => return Err(refusal(&url, code, resp)),
    }
    for s in body.as_array().into_iter().flatten() {
        let id = s["id"].as_str().unwrap_or_default();
        let resp = agent
            .put(&url)
            .query("statementId", id)
            .header("X-Experience-API-Version", VERSION)
            .header("Authorization", &auth)
            .send_json(s)
            .map_err(|e| format!("cannot reach the LRS at {url}: {e}"))?;
        match resp.status().as_u16() {
            204 | 200 | 409 => {}
            code => return Err(refusal(&url, code, resp)),
        }
    }
    Ok(())
}

fn refusal(url: &str, code: u16, mut resp: ureq::http::Response<ureq::Body>) -> String {
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    let text: String = text.chars().take(300).collect();
    format!("the LRS at {url} answered {code}: {text}")
}
