//! Sending queued attempts to the LRS: POST in batches, PUT one by one after a 409, retry later on failure.

use std::time::Duration;

use jiff::Timestamp;
use serde_json::Value;

use super::{LrsConfig, VERSION, delivered, statements_with, verdict};
use crate::store::{Store, StoreError};

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

/// How long a sender holds a queued attempt it took: longer than one send can
/// last (a POST, then at worst a PUT per statement, each bounded by the timeout).
pub const LEASE: Duration = Duration::from_secs(600);

/// Sends the statements of the attempts on the queue due by `due_by` (now, or
/// `Timestamp::MAX` to try every one), oldest first, at most `limit` attempts.
/// Each attempt is claimed first, so a second sender at the same moment (the app
/// and the CLI) takes other attempts, never the same one. With each attempt goes
/// a statement saying this computer delivered it (see [`super::delivered`]).
/// Accepted ones leave the queue; failures wait longer before the next try. The
/// store's errors stop the round; the LRS's don't.
pub fn push_due(store: &mut Store, lrs: &LrsConfig, limit: usize, due_by: Timestamp) -> Result<Pushed, StoreError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(20)))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let claimant = uuid::Uuid::new_v4().to_string();
    let station = store.station()?;
    let share_typed = store.share_typed()?;
    let mut done = Pushed::default();
    let mut after = 0;
    while done.sent + done.failed < limit {
        let Some(id) = store.xapi_claim(after, due_by, Timestamp::now(), LEASE, &claimant)? else { break };
        after = id;
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
        let mut body = statements_with(&attempt, lrs.base(), share_typed);
        if attempt.mode == crate::Mode::Assessment
            && let Some(rule) = store.pass_rule_for(&attempt.scenario)?
            && rule.judges(attempt.mode.key())
            && !attempt.finish.is_abandoned()
        {
            body.push(verdict(&attempt, lrs.base(), &rule));
        }
        body.push(delivered(&attempt, lrs.base(), &station));
        match send(&agent, lrs, &Value::Array(body)) {
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
