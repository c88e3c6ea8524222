//! Reading the cohort back from the LRS: `GET /statements` from where the last
//! pull got to, page by page (following `more`), each attempt rebuilt from its
//! statements into the local records, marked as pulled.
//!
//! - An attempt is recorded once its `launched`, every `responded` and its
//!   `completed` or `abandoned` statement are here; until then its statements
//!   wait in the store's inbox and a later pull completes it.
//! - An attempt already in the records (recorded here, or pulled before) is
//!   left as it is; a statement pulled twice is kept once (ids are stable).
//! - A statement that is not Bedside's, or does not read, is skipped and counted.
//! - Each page is written in one transaction, so a pull that fails part-way
//!   keeps what it stored; the high-water mark moves only when a pull reads to
//!   the end, so the next pull reads again from where the last finished one got to.
//! - An LRS that filters `since` by `timestamp` rather than `stored` (Ralph
//!   does) would hide attempts sent late, whose statements carry the older time
//!   they were played: the `delivered` statement sent with each attempt carries
//!   the time it was sent, and a pull that sees one for an attempt it lacks
//!   reads again from when that attempt was played.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::{
    ABANDONED, COMPLETED, FAILED, LAUNCHED, LrsConfig, PASSED, RESPONDED, VERSION, delivered_verb, statement_id,
};
use crate::store::{Inboxed, PulledPage, Store, StoreError};
use crate::{Attempt, Finish, Mode, Origin, Step};
use bedside_core::play::script::Script;
use bedside_core::play::skills::Skills;
use bedside_core::scenario::{Emotion, Tag};

/// How far before the last pull's high-water mark the next one starts: covers
/// statements the LRS was still storing while the last pull read.
pub const OVERLAP: SignedDuration = SignedDuration::from_secs(300);

/// How long one request to the LRS may take by default, connecting included.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The largest answer read from the LRS for one page.
const MAX_PAGE_BYTES: u64 = 256 * 1024 * 1024;

/// How a pull reads.
#[derive(Debug, Clone)]
pub struct PullOptions {
    /// Statements asked for per page (the LRS may send fewer).
    pub page_size: usize,
    /// Scenario texts this computer has (its library), by content hash: an
    /// attempt played with one of them opens as a full debrief.
    pub known: HashMap<String, String>,
    /// How long one request may take, connecting included.
    pub timeout: Duration,
}

impl Default for PullOptions {
    fn default() -> Self {
        PullOptions { page_size: 500, known: HashMap::new(), timeout: TIMEOUT }
    }
}

/// What a pull did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pulled {
    /// Attempts added to the records, first seen in this pull.
    pub new: usize,
    /// Attempts seen by an earlier pull before all their statements had
    /// arrived, that got more of them now (completed, or still waiting).
    pub updated: usize,
    /// Attempts whose statements have not all arrived; a later pull completes them.
    pub in_progress: i64,
    /// Statements read.
    pub statements: usize,
    /// Statements of attempts already in the records.
    pub held: usize,
    /// Statements skipped, in all.
    pub skipped: usize,
    /// Why statements were skipped, with how many each.
    pub skipped_why: BTreeMap<String, usize>,
    /// Attempts sent late (after an earlier pull's high-water mark) fetched by
    /// reading again from when they were played.
    pub late: usize,
    /// Pages read.
    pub pages: usize,
    /// How long the pull took, in seconds.
    pub seconds: f64,
    /// When it finished.
    pub finished: Option<Timestamp>,
}

/// How far a pull has got, for a progress bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub pages: usize,
    pub statements: usize,
}

/// Why a pull stopped. What it stored before stopping is kept.
#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The LRS could not be reached, refused, or answered with something that
    /// is not a statement result. Never holds the credentials.
    #[error("{0}")]
    Lrs(String),
}

/// Pulls every statement stored since the last pull (all of them the first
/// time) into the records. `progress` is called after each page.
pub fn pull(
    store: &mut Store,
    lrs: &LrsConfig,
    opts: &PullOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Pulled, PullError> {
    let clock = Instant::now();
    let client = Client::new(lrs, opts.timeout)?;
    let cursor = store.pull_cursor()?;
    let mut run = Run::new(store, lrs.base(), opts)?;
    run.read(store, &client, cursor.map(|c| c - OVERLAP), true, progress)?;
    // Attempts another computer sent late: read again from when the oldest was played.
    let late: Vec<String> = run.delivered.keys().filter(|r| !run.done.contains(*r)).cloned().collect();
    let mut missing = Vec::new();
    for r in late {
        if !store.has_attempt(&r)? {
            missing.push(r);
        }
    }
    if let Some(from) = missing.iter().filter_map(|r| run.delivered.get(r)).min().copied() {
        let before = run.done.clone();
        run.read(store, &client, Some(from - SignedDuration::from_secs(1)), false, progress)?;
        run.out.late = missing.iter().filter(|r| run.done.contains(*r) && !before.contains(*r)).count();
    }
    let mut out = run.out;
    out.in_progress = store.inbox_attempts()?;
    if let Some(high) = run.high.into_iter().chain(cursor).max() {
        store.set_pull_cursor(high)?;
    }
    out.seconds = clock.elapsed().as_secs_f64();
    out.finished = Some(Timestamp::now());
    store.set_last_pull(&serde_json::to_string(&out).unwrap_or_default())?;
    Ok(out)
}

/// The summary of the last pull that read to the end, if any.
pub fn last_pull(store: &Store) -> Result<Option<Pulled>, StoreError> {
    Ok(store.last_pull()?.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Talks to the LRS: GET with the credentials, bounded in time and size.
struct Client {
    agent: ureq::Agent,
    /// `scheme://host[:port]` of the endpoint, that `more` links hang from.
    origin: String,
    statements: String,
    auth: String,
    timeout: Duration,
}

impl Client {
    fn new(lrs: &LrsConfig, timeout: Duration) -> Result<Client, PullError> {
        let statements = lrs.statements_url();
        let origin = origin(&statements)
            .ok_or_else(|| PullError::Lrs(format!("the LRS endpoint {} is not an http(s) address", lrs.endpoint)))?;
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Ok(Client { agent, origin, statements, auth: lrs.authorization(), timeout })
    }

    /// The URL a `more` link names: a path (and query) on the LRS's server, as
    /// xAPI says; an absolute one must be on the same server (the credentials
    /// go nowhere else).
    fn more_url(&self, more: &str) -> Result<String, PullError> {
        if more.starts_with("http://") || more.starts_with("https://") {
            if origin(more).as_deref() == Some(self.origin.as_str()) {
                return Ok(more.to_owned());
            }
            return Err(PullError::Lrs(format!(
                "the LRS at {} sent a link to the next page on another server ({}); stopped",
                self.statements,
                origin(more).unwrap_or_default()
            )));
        }
        Ok(format!("{}/{}", self.origin, more.trim_start_matches('/')))
    }

    /// One page: its statements and the link to the next, if any.
    fn page(&self, url: &str, query: &[(&str, String)]) -> Result<(Vec<Value>, Option<String>), PullError> {
        let mut req = self
            .agent
            .get(url)
            .header("X-Experience-API-Version", VERSION)
            .header("Authorization", &self.auth)
            .header("Accept", "application/json");
        for (k, v) in query {
            req = req.query(*k, v);
        }
        let mut resp = req.call().map_err(|e| self.unreachable(e))?;
        let code = resp.status().as_u16();
        let text =
            resp.body_mut().with_config().limit(MAX_PAGE_BYTES).read_to_string().map_err(|e| self.unreachable(e))?;
        match code {
            200 => {}
            401 | 403 => {
                return Err(PullError::Lrs(format!(
                    "the LRS at {} refused to let this account read statements ({code}); check the user name and password, and that the account may read the whole cohort (scope statements/read, not only statements/read/mine)",
                    self.statements
                )));
            }
            _ => {
                let text: String = text.chars().take(300).collect();
                return Err(PullError::Lrs(format!("the LRS at {} answered {code}: {text}", self.statements)));
            }
        }
        let garbage = |why: String| {
            PullError::Lrs(format!(
                "the LRS at {} answered with something that is not a list of xAPI statements ({why}); nothing more was read",
                self.statements
            ))
        };
        let mut v: Value = serde_json::from_str(&text).map_err(|e| garbage(e.to_string()))?;
        let Some(statements) = v.get_mut("statements").and_then(Value::as_array_mut).map(std::mem::take) else {
            return Err(garbage("no \"statements\" list".into()));
        };
        let more = v.get("more").and_then(Value::as_str).filter(|m| !m.is_empty()).map(str::to_owned);
        Ok((statements, more))
    }

    fn unreachable(&self, e: ureq::Error) -> PullError {
        PullError::Lrs(match e {
            ureq::Error::Timeout(_) => {
                format!("the LRS at {} did not answer within {} s", self.statements, self.timeout.as_secs_f64())
            }
            ureq::Error::BodyExceedsLimit(_) => {
                format!("the LRS at {} sent a page larger than {} MB", self.statements, MAX_PAGE_BYTES >> 20)
            }
            e => format!("cannot reach the LRS at {}: {e}", self.statements),
        })
    }
}

/// `scheme://authority` of an http(s) URL.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().filter(|a| !a.is_empty())?;
    Some(format!("{scheme}://{authority}"))
}

/// A pull in progress.
struct Run<'a> {
    base: String,
    opts: &'a PullOptions,
    /// Registrations with statements in the inbox now, and at the start.
    inbox: HashSet<String>,
    before: HashSet<String>,
    /// Registrations an earlier pull had started that got more this time.
    updated: HashSet<String>,
    /// Registrations recorded by this pull.
    done: HashSet<String>,
    /// Attempts another computer says it delivered, with when they were played.
    delivered: HashMap<String, Timestamp>,
    /// Scenario versions met, by content hash: the text (empty if not here) and the script.
    versions: HashMap<(String, String), (String, Option<Arc<Script>>)>,
    /// The latest `stored` time seen.
    high: Option<Timestamp>,
    out: Pulled,
}

/// What a statement is, as far as a pull cares.
enum Class {
    /// Part of an attempt (launched, responded, completed or abandoned).
    Attempt(String),
    /// Another computer delivered this attempt; it was played from this time.
    Delivered(String, Timestamp),
    /// A pass rule's verdict on an attempt (judged again here by this computer's rules).
    Verdict,
}

/// Where an attempt's statements stand.
enum Rebuilt {
    Done(Box<Attempt>),
    Waiting,
    Bad(String),
}

impl<'a> Run<'a> {
    fn new(store: &Store, base: &str, opts: &'a PullOptions) -> Result<Run<'a>, StoreError> {
        let inbox = store.inbox_registrations()?;
        Ok(Run {
            base: base.trim_end_matches('/').to_owned(),
            opts,
            before: inbox.clone(),
            inbox,
            updated: HashSet::new(),
            done: HashSet::new(),
            delivered: HashMap::new(),
            versions: HashMap::new(),
            high: None,
            out: Pulled::default(),
        })
    }

    /// Reads every page from `since` (everything if None).
    fn read(
        &mut self,
        store: &mut Store,
        client: &Client,
        since: Option<Timestamp>,
        note_deliveries: bool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), PullError> {
        let mut query = vec![("ascending", "true".to_owned()), ("limit", self.opts.page_size.max(1).to_string())];
        if let Some(s) = since {
            query.push(("since", s.to_string()));
        }
        let mut url = client.statements.clone();
        let mut seen_links = HashSet::new();
        loop {
            let (statements, more) = client.page(&url, &query)?;
            self.out.pages += 1;
            let empty = statements.is_empty();
            self.apply(store, statements, note_deliveries)?;
            progress(Progress { pages: self.out.pages, statements: self.out.statements });
            let Some(more) = more else { break };
            let next = client.more_url(&more)?;
            // An LRS may offer one more, empty, page after an exact multiple of the page size.
            if empty {
                break;
            }
            if !seen_links.insert(next.clone()) {
                return Err(PullError::Lrs(format!(
                    "the LRS at {} sent the same link to the next page twice; stopped",
                    client.statements
                )));
            }
            url = next;
            // The link carries the query.
            query.clear();
        }
        Ok(())
    }

    /// Takes one page into the records, in one transaction.
    fn apply(&mut self, store: &mut Store, statements: Vec<Value>, note_deliveries: bool) -> Result<(), StoreError> {
        let mut order: Vec<String> = Vec::new();
        let mut groups: HashMap<String, Vec<Value>> = HashMap::new();
        for s in statements {
            self.out.statements += 1;
            if let Some(t) = s.get("stored").and_then(Value::as_str).and_then(|t| t.parse::<Timestamp>().ok()) {
                self.high = self.high.max(Some(t));
            }
            match self.classify(&s) {
                Err(why) => self.skip(why, 1),
                Ok(Class::Delivered(reg, from)) => {
                    if note_deliveries {
                        self.delivered.insert(reg, from);
                    }
                }
                Ok(Class::Verdict) => {}
                Ok(Class::Attempt(reg)) => {
                    if !groups.contains_key(&reg) {
                        order.push(reg.clone());
                    }
                    groups.entry(reg).or_default().push(s);
                }
            }
        }
        let mut page = PulledPage::default();
        for reg in order {
            let group = groups.remove(&reg).unwrap_or_default();
            if self.done.contains(&reg) || store.has_attempt(&reg)? {
                self.out.held += group.len();
                continue;
            }
            let mut all: Vec<Value> = Vec::new();
            if self.inbox.contains(&reg) {
                all.extend(store.inbox(&reg)?.iter().filter_map(|b| serde_json::from_str(b).ok()));
            }
            let had: HashSet<String> = all.iter().filter_map(|s| s["id"].as_str().map(str::to_owned)).collect();
            let fresh: Vec<Value> = {
                let mut ids = HashSet::new();
                group
                    .into_iter()
                    .filter(|s| {
                        let id = s["id"].as_str().unwrap_or_default().to_owned();
                        !had.contains(&id) && ids.insert(id)
                    })
                    .collect()
            };
            if fresh.is_empty() {
                continue;
            }
            if self.before.contains(&reg) {
                self.updated.insert(reg.clone());
            }
            all.extend(fresh.iter().cloned());
            match self.rebuild(store, &reg, &all)? {
                Rebuilt::Done(attempt) => {
                    if !self.before.contains(&reg) {
                        self.out.new += 1;
                    }
                    page.attempts.push(*attempt);
                    if self.inbox.remove(&reg) {
                        page.drop.push(reg.clone());
                    }
                    self.done.insert(reg);
                }
                Rebuilt::Waiting => {
                    page.inbox.extend(fresh.iter().map(|s| Inboxed {
                        id: s["id"].as_str().unwrap_or_default().to_owned(),
                        registration: reg.clone(),
                        body: s.to_string(),
                    }));
                    self.inbox.insert(reg);
                }
                Rebuilt::Bad(why) => {
                    self.skip(why, all.len());
                    if self.inbox.remove(&reg) {
                        page.drop.push(reg);
                    }
                }
            }
        }
        self.out.updated = self.updated.len();
        if !page.inbox.is_empty() || !page.attempts.is_empty() || !page.drop.is_empty() {
            store.apply_pulled(&page)?;
        }
        Ok(())
    }

    fn skip(&mut self, why: String, n: usize) {
        self.out.skipped += n;
        *self.out.skipped_why.entry(why).or_default() += n;
    }

    /// Bedside's statements by their platform, registration and verb.
    fn classify(&self, s: &Value) -> Result<Class, String> {
        if !s.is_object() {
            return Err("not a statement".into());
        }
        let ctx = &s["context"];
        if ctx["platform"].as_str() != Some("Bedside") {
            return Err("not from Bedside".into());
        }
        let Some(reg) = ctx["registration"].as_str().and_then(|r| Uuid::parse_str(r).ok()) else {
            return Err("from Bedside but without an attempt id (registration)".into());
        };
        let Some(id) = s["id"].as_str().and_then(|i| Uuid::parse_str(i).ok()) else {
            return Err("from Bedside but without a statement id".into());
        };
        // Bedside's ids are derived from the attempt's (version 5), so an
        // attempt's statements are found by id; any other id is not Bedside's.
        let verb = s["verb"]["id"].as_str().unwrap_or_default();
        let derived = match verb {
            LAUNCHED => id == statement_id(&reg, "launched"),
            COMPLETED | ABANDONED => id == statement_id(&reg, "completed"),
            RESPONDED => id.get_version_num() == 5,
            _ => true,
        };
        if !derived {
            return Err("from Bedside but with a statement id Bedside does not give".into());
        }
        let reg = reg.to_string();
        match verb {
            LAUNCHED | RESPONDED | COMPLETED | ABANDONED => Ok(Class::Attempt(reg)),
            v if v == delivered_verb(&self.base) => {
                let from = ctx["extensions"][format!("{}/xapi/played-from", self.base)]
                    .as_str()
                    .and_then(|t| t.parse::<Timestamp>().ok())
                    .ok_or_else(|| "a delivery without the time its attempt was played".to_owned())?;
                Ok(Class::Delivered(reg, from))
            }
            v if v.ends_with("/xapi/verbs/delivered") => Err(other_base()),
            // A pass rule's verdict: the attempt's own figures say as much.
            PASSED | FAILED => Ok(Class::Verdict),
            _ => Err("from Bedside with a verb it does not send".into()),
        }
    }

    /// The attempt, if its statements are all here.
    fn rebuild(&mut self, store: &Store, reg: &str, all: &[Value]) -> Result<Rebuilt, StoreError> {
        let Ok(uuid) = Uuid::parse_str(reg) else { return Ok(Rebuilt::Bad("a bad attempt id".into())) };
        let by_id: HashMap<&str, &Value> = all.iter().filter_map(|s| Some((s["id"].as_str()?, s))).collect();
        let find = |which: &str| by_id.get(statement_id(&uuid, which).to_string().as_str()).copied();
        let (Some(launch), Some(fin)) = (find("launched"), find("completed")) else { return Ok(Rebuilt::Waiting) };
        let count = match fin["result"]["extensions"][self.ext("steps")].as_u64() {
            Some(n) => n as usize,
            None => all.iter().filter(|s| s["verb"]["id"].as_str() == Some(RESPONDED)).count(),
        };
        let mut responded = Vec::with_capacity(count);
        for n in 1..=count {
            match find(&format!("responded/{n}")) {
                Some(r) => responded.push(r),
                None => return Ok(Rebuilt::Waiting),
            }
        }
        Ok(match self.attempt(store, uuid, launch, &responded, fin)? {
            Ok(a) => Rebuilt::Done(Box::new(a)),
            Err(why) => Rebuilt::Bad(why),
        })
    }

    fn ext(&self, name: &str) -> String {
        format!("{}/xapi/{name}", self.base)
    }

    /// Builds the attempt from its statements; Err says what does not read.
    fn attempt(
        &mut self,
        store: &Store,
        id: Uuid,
        launch: &Value,
        responded: &[&Value],
        fin: &Value,
    ) -> Result<Result<Attempt, String>, StoreError> {
        let prefix = format!("{}/scenarios/", self.base);
        let Some(scenario) = launch["object"]["id"].as_str().and_then(|o| o.strip_prefix(&prefix)) else {
            return Ok(Err(if launch["object"]["id"].as_str().is_some_and(|o| o.contains("/scenarios/")) {
                other_base()
            } else {
                "a Bedside attempt that does not read (its scenario)".into()
            }));
        };
        let ctx = &launch["context"]["extensions"];
        let Some(hash) = ctx[self.ext("scenario-version")].as_str() else {
            return Ok(Err(bad("its scenario version")));
        };
        let key = (scenario.to_owned(), hash.to_owned());
        if !self.versions.contains_key(&key) {
            let source = match store.version_source(scenario, hash)? {
                Some(s) => s,
                None => self.opts.known.get(hash).cloned().unwrap_or_default(),
            };
            let script = (!source.is_empty())
                .then(|| bedside_core::scenario::load::recorded(&format!("{scenario} (as recorded)"), &source))
                .flatten()
                .map(Arc::new);
            self.versions.insert(key.clone(), (source, script));
        }
        let (source, script) = self.versions[&key].clone();
        let mut read = self.read_attempt(id, scenario, hash, source, script.as_deref(), launch, responded, fin);
        if let Ok(a) = &mut read {
            a.skills = match script.as_deref() {
                Some(sc) => crate::step_records(sc, &a.steps)
                    .map(|r| Skills::of_run(sc, &bedside_core::play::score::score(sc, &r))),
                None => self.skills_sent(responded),
            };
        }
        Ok(read)
    }

    /// The skills profile from what the statements say of each step (the
    /// tags chosen and on offer, the cue), when this computer lacks the
    /// scenario's text; None if a statement does not say.
    fn skills_sent(&self, responded: &[&Value]) -> Option<Skills> {
        let tag = |v: &Value| v.as_str().and_then(|t| Tag::ALL.into_iter().find(|x| format!("{x:?}") == t));
        let mut s = Skills::default();
        for r in responded {
            let ex = &r["result"]["extensions"];
            let chosen = ex[self.ext("tags")].as_array()?;
            let offered = ex[self.ext("offered-tags")].as_array()?;
            for t in offered.iter().filter_map(tag) {
                s.tags[t.index()].offered += 1;
            }
            for t in chosen.iter().filter_map(tag) {
                s.tags[t.index()].chosen += 1;
            }
            if let Some(e) = ex[self.ext("cue")].as_str().and_then(|e| Emotion::ALL.into_iter().find(|x| x.name() == e))
            {
                s.cues[e.index()].cued += 1;
                s.cues[e.index()].missed += u32::from(ex[self.ext("missed-opportunity")].as_bool() == Some(true));
            }
        }
        Some(s)
    }

    #[allow(clippy::too_many_arguments)]
    fn read_attempt(
        &self,
        id: Uuid,
        scenario: &str,
        hash: &str,
        source: String,
        script: Option<&Script>,
        launch: &Value,
        responded: &[&Value],
        fin: &Value,
    ) -> Result<Attempt, String> {
        let ctx = &launch["context"]["extensions"];
        let res = &fin["result"]["extensions"];
        let num = |v: &Value, what: &str| v.as_f64().ok_or_else(|| bad(what));
        let trainee =
            launch["actor"]["account"]["name"].as_str().filter(|t| !t.is_empty()).ok_or_else(|| bad("the trainee"))?;
        let mode = ctx[self.ext("mode")].as_str().and_then(Mode::from_key).ok_or_else(|| bad("its mode"))?;
        let seed = ctx[self.ext("seed")].as_str().and_then(|s| s.parse().ok()).ok_or_else(|| bad("its seed"))?;
        let finish = match fin["verb"]["id"].as_str() {
            Some(ABANDONED) => Finish::Abandoned,
            Some(COMPLETED) => {
                let outcome = res[self.ext("outcome")].as_str().unwrap_or_default();
                let ending = res[self.ext("ending")].as_str().map(str::to_owned);
                Finish::from_key(outcome, ending).filter(|f| !f.is_abandoned()).ok_or_else(|| bad("how it ended"))?
            }
            _ => return Err(bad("how it ended")),
        };
        let objectives_met = res[self.ext("objectives-met")]
            .as_array()
            .ok_or_else(|| bad("its objectives"))?
            .iter()
            .map(|n| n.as_u64().map(|n| n as usize))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad("its objectives"))?;
        let steps = responded
            .iter()
            .enumerate()
            .map(|(i, r)| self.step(scenario, script, r).map_err(|why| format!("{why} at step {}", i + 1)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Attempt {
            id,
            trainee: trainee.to_owned(),
            scenario: scenario.to_owned(),
            title: launch["object"]["definition"]["name"]["en-US"].as_str().unwrap_or(scenario).to_owned(),
            content_hash: hash.to_owned(),
            source,
            mode,
            seed,
            started: time(launch).ok_or_else(|| bad("when it started"))?,
            ended: time(fin).ok_or_else(|| bad("when it ended"))?,
            finish,
            empathy: num(&res[self.ext("empathy")], "its empathy score")?,
            clarity: num(&res[self.ext("clarity")], "its clarity score")?,
            overall: num(&res[self.ext("overall")], "its overall score")?,
            best_choice_rate: num(&res[self.ext("best-choice-rate")], "its best-choice rate")?,
            objectives_met,
            safety_errors: res[self.ext("safety-errors")]
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| bad("its safety errors"))?,
            steps,
            origin: Origin::Lrs,
            skills: None,
        })
    }

    /// One step from its `responded` statement.
    fn step(&self, scenario: &str, script: Option<&Script>, r: &Value) -> Result<Step, String> {
        let prefix = format!("{}/scenarios/{scenario}/nodes/", self.base);
        let node = r["object"]["id"].as_str().and_then(|o| o.strip_prefix(&prefix)).ok_or_else(|| bad("the node"))?;
        let def = &r["object"]["definition"];
        let res = &r["result"];
        let ex = &res["extensions"];
        let position = |v: &Value| v.as_str().and_then(|p| p.parse::<usize>().ok()).filter(|p| *p >= 1).map(|p| p - 1);
        let offered = def["choices"]
            .as_array()
            .ok_or_else(|| bad("the choices offered"))?
            .iter()
            .map(|c| position(&c["id"]))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad("the choices offered"))?;
        let chosen = match res["response"].as_str() {
            Some("") => None,
            Some(_) => Some(position(&res["response"]).ok_or_else(|| bad("the choice made"))?),
            None => return Err(bad("the choice made")),
        };
        let int = |name: &str| ex[self.ext(name)].as_i64().ok_or_else(|| bad(&format!("its {name}")));
        let flag = |name: &str| ex[self.ext(name)].as_bool().ok_or_else(|| bad(&format!("its {name}")));
        let patient = def["description"]["en-US"].as_str().unwrap_or_default();
        let lines = script.and_then(|s| s.scenario().nodes.position(node).map(|n| &s.node(n).says));
        let variant = match ex[self.ext("variant")].as_u64() {
            Some(v) => v as usize,
            // Sent before the variant was: the line that was said, if it is one.
            None => lines.and_then(|l| l.iter().position(|l| l == patient)).unwrap_or(0),
        };
        let reaction = match lines {
            Some(l) if l.get(variant).map(String::as_str) == Some(patient) => None,
            _ => Some(patient.to_owned()),
        };
        Ok(Step {
            node: node.to_owned(),
            variant,
            reaction,
            offered,
            chosen,
            empathy: int("empathy")?,
            clarity: int("clarity")?,
            best: res["success"].as_bool().ok_or_else(|| bad("whether it was the best choice"))?,
            missed: flag("missed-opportunity")?,
            distress: int("distress")?,
            trust: int("trust")?,
            escalated: ex[self.ext("escalated")].as_bool().unwrap_or(false),
            safety_error: flag("safety-error")?,
            typed: ex[self.ext("typed")].as_str().map(str::to_owned),
            said: ex[self.ext("said")].as_str().filter(|s| !s.is_empty()).map(str::to_owned),
            at: time(r).ok_or_else(|| bad("when it was answered"))?,
        })
    }
}

fn time(s: &Value) -> Option<Timestamp> {
    s["timestamp"].as_str()?.parse().ok()
}

fn bad(what: &str) -> String {
    format!("a Bedside attempt that does not read ({what})")
}

fn other_base() -> String {
    "from a Bedside with another activity base (BEDSIDE_XAPI_BASE)".into()
}
