//! What educators read from the store: the cohort table, a trainee's attempts,
//! a scenario's summary (score spread, endings, choices per node), and the
//! CSV (RFC 4180, one row per attempt or per step) and JSON forms of them.

use std::collections::HashMap;
use std::io::Write;

use jiff::Timestamp;
use rusqlite::{Row, params_from_iter, types::Value};
use serde::Serialize;

use crate::store::{Store, StoreError};
use crate::summary;
use bedside_core::play::score::best_of;
use bedside_core::play::script::Script;
use bedside_core::scenario::load::recorded;

/// Which attempts a report covers: started in `[from, to)`, of one scenario, of
/// one trainee. Empty means all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub scenario: Option<String>,
    pub trainee: Option<String>,
}

impl Filter {
    /// The SQL condition over `attempts a`, and its values.
    fn sql(&self) -> (String, Vec<Value>) {
        let mut conds = vec!["true".to_owned()];
        let mut values = Vec::new();
        if let Some(f) = self.from {
            conds.push(format!("a.started_ms >= ?{}", values.len() + 1));
            values.push(Value::Integer(f.as_millisecond()));
        }
        if let Some(t) = self.to {
            conds.push(format!("a.started_ms < ?{}", values.len() + 1));
            values.push(Value::Integer(t.as_millisecond()));
        }
        if let Some(s) = &self.scenario {
            conds.push(format!("a.scenario = ?{}", values.len() + 1));
            values.push(Value::Text(s.clone()));
        }
        if let Some(t) = &self.trainee {
            conds.push(format!("a.trainee = (SELECT id FROM trainees WHERE name = ?{})", values.len() + 1));
            values.push(Value::Text(t.clone()));
        }
        (conds.join(" AND "), values)
    }

    fn has_dates(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
}

/// The cohort table: trainees by scenarios.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cohort {
    pub trainees: Vec<String>,
    pub scenarios: Vec<String>,
    pub cells: Vec<Cell>,
}

/// One trainee's attempts at one scenario. Best and latest are overall scores of
/// completed attempts (None if every attempt was abandoned).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cell {
    /// Index into [`Cohort::trainees`].
    pub trainee: usize,
    /// Index into [`Cohort::scenarios`].
    pub scenario: usize,
    pub attempts: u32,
    pub completed: u32,
    pub best: Option<f64>,
    pub latest: Option<f64>,
    /// When the last attempt started (Unix ms).
    pub last_ms: i64,
    /// Safety errors over all these attempts.
    pub safety_errors: u32,
    /// Objectives met by the latest completed attempt.
    pub latest_objectives_met: u32,
}

/// Interns names in first-seen order.
#[derive(Default)]
struct Names {
    list: Vec<String>,
    index: HashMap<String, usize>,
}

impl Names {
    fn get_str(&mut self, name: &str) -> usize {
        match self.index.get(name) {
            Some(&i) => i,
            None => self.get(name.to_owned()),
        }
    }

    fn get(&mut self, name: String) -> usize {
        if let Some(&i) = self.index.get(&name) {
            return i;
        }
        self.list.push(name.clone());
        self.index.insert(name, self.list.len() - 1);
        self.list.len() - 1
    }
}

/// The cohort table. Without dates it reads the summary kept on every write;
/// with dates it works it out from the attempts in the range (one pass over
/// them, by the index on start time).
pub fn cohort(store: &Store, filter: &Filter) -> Result<Cohort, StoreError> {
    let e = |e| store.err(e);
    let (cond, values) = filter.sql();
    let mut scenarios = Names::default();
    // (trainee id, scenario index) -> cell, in the order met.
    let mut cells: Vec<(i64, Cell)> = Vec::new();
    if filter.has_dates() {
        let sql = format!(
            "SELECT a.trainee, a.scenario, a.started_ms, a.finish != 'abandoned', a.overall, a.safety_errors,
                    a.objectives_met FROM attempts a
             WHERE {cond} ORDER BY a.started_ms, a.id"
        );
        let mut stmt = store.conn().prepare(&sql).map_err(e)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(e)?;
        let mut at: HashMap<(i64, usize), usize> = HashMap::new();
        // Per cell, when its newest completed attempt started.
        let mut newest_done: Vec<Option<i64>> = Vec::new();
        while let Some(r) = rows.next().map_err(e)? {
            let trainee: i64 = r.get(0).map_err(e)?;
            let scenario = scenarios.get_str(r.get_ref(1).map_err(e)?.as_str().map_err(|x| e(x.into()))?);
            let started: i64 = r.get(2).map_err(e)?;
            let done: bool = r.get(3).map_err(e)?;
            let overall: f64 = r.get(4).map_err(e)?;
            let safety_errors: u32 = r.get(5).map_err(e)?;
            let met = crate::split_objectives(r.get_ref(6).map_err(e)?.as_str().map_err(|x| e(x.into()))?)
                .map_or(0, |m| m.len() as u32);
            let i = *at.entry((trainee, scenario)).or_insert_with(|| {
                cells.push((
                    trainee,
                    Cell {
                        trainee: 0,
                        scenario,
                        attempts: 0,
                        completed: 0,
                        best: None,
                        latest: None,
                        last_ms: started,
                        safety_errors: 0,
                        latest_objectives_met: 0,
                    },
                ));
                newest_done.push(None);
                cells.len() - 1
            });
            let newest = &mut newest_done[i];
            let c = &mut cells[i].1;
            c.attempts += 1;
            c.last_ms = c.last_ms.max(started);
            c.safety_errors += safety_errors;
            if done {
                c.completed += 1;
                c.best = Some(c.best.map_or(overall, |b| b.max(overall)));
                if newest.is_none_or(|n| started >= n) {
                    *newest = Some(started);
                    c.latest = Some(overall);
                    c.latest_objectives_met = met;
                }
            }
        }
    } else {
        // The packed summary: one row per trainee.
        let mut key_names: HashMap<u32, String> = HashMap::new();
        {
            let mut stmt = store.conn().prepare_cached("SELECT id, scenario FROM scenario_keys").map_err(e)?;
            let mut rows = stmt.query([]).map_err(e)?;
            while let Some(r) = rows.next().map_err(e)? {
                key_names.insert(r.get(0).map_err(e)?, r.get(1).map_err(e)?);
            }
        }
        let wanted = filter.scenario.as_ref().map(|s| key_names.iter().find(|(_, n)| *n == s).map(|(k, _)| *k));
        if wanted == Some(None) {
            return Ok(Cohort::default());
        }
        let (sql, values) = match &filter.trainee {
            Some(t) => (
                "SELECT trainee, cells FROM cohort WHERE trainee = (SELECT id FROM trainees WHERE name = ?1)",
                vec![Value::Text(t.clone())],
            ),
            None => ("SELECT trainee, cells FROM cohort ORDER BY trainee", Vec::new()),
        };
        let mut by_name: Vec<(&String, u32)> = key_names.iter().map(|(k, n)| (n, *k)).collect();
        by_name.sort();
        // Keys are small row ids: index by them directly.
        let top = key_names.keys().max().map_or(0, |&k| k as usize + 1);
        let mut key_rank = vec![usize::MAX; top];
        for (i, (_, k)) in by_name.iter().enumerate() {
            key_rank[*k as usize] = i;
        }
        let mut index: Vec<Option<usize>> = vec![None; top];
        let mut stmt = store.conn().prepare(sql).map_err(e)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let trainee: i64 = r.get(0).map_err(e)?;
            let blob = r.get_ref(1).map_err(e)?.as_blob().map_err(|x| e(x.into()))?;
            let mut row: Vec<summary::Packed> = summary::decode(blob).collect();
            row.sort_by_key(|p| key_rank.get(p.key as usize).copied().unwrap_or(usize::MAX));
            for p in row {
                if wanted.is_some_and(|w| w != Some(p.key)) {
                    continue;
                }
                let Some(slot) = index.get_mut(p.key as usize) else { continue };
                let scenario =
                    *slot.get_or_insert_with(|| scenarios.get_str(key_names.get(&p.key).map_or("?", String::as_str)));
                cells.push((
                    trainee,
                    Cell {
                        trainee: 0,
                        scenario,
                        attempts: p.attempts,
                        completed: p.completed,
                        best: summary::score(p.best),
                        latest: summary::score(p.latest),
                        last_ms: p.last_ms,
                        safety_errors: p.safety_errors,
                        latest_objectives_met: u32::from(p.latest_met),
                    },
                ));
            }
        }
    }
    // Trainees by name, scenarios by id; cells by trainee, then scenario.
    let mut names: HashMap<i64, String> = HashMap::new();
    {
        let mut stmt = store.conn().prepare_cached("SELECT id, name FROM trainees").map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            names.insert(r.get(0).map_err(e)?, r.get(1).map_err(e)?);
        }
    }
    // Rows: the trainees met, by name; each row's cells by scenario id.
    if filter.has_dates() {
        cells.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| scenarios.list[a.1.scenario].cmp(&scenarios.list[b.1.scenario]))
        });
    }
    let mut groups: Vec<(i64, usize, usize)> = Vec::new();
    for (i, (id, _)) in cells.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if g.0 == *id => g.2 = i + 1,
            _ => groups.push((*id, i, i + 1)),
        }
    }
    groups.sort_by(|a, b| names.get(&a.0).cmp(&names.get(&b.0)));
    let ids: Vec<i64> = groups.iter().map(|g| g.0).collect();
    let mut order: Vec<usize> = (0..scenarios.list.len()).collect();
    order.sort_by(|&a, &b| scenarios.list[a].cmp(&scenarios.list[b]));
    let mut rank = vec![0; order.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    for (row, &(_, from, to)) in groups.iter().enumerate() {
        out.extend(cells[from..to].iter().map(|(_, c)| Cell { trainee: row, scenario: rank[c.scenario], ..*c }));
    }
    Ok(Cohort {
        trainees: ids.iter().map(|id| names.get(id).cloned().unwrap_or_default()).collect(),
        scenarios: order.into_iter().map(|i| std::mem::take(&mut scenarios.list[i])).collect(),
        cells: out,
    })
}

/// One attempt, as a report row (and a CSV line).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptRow {
    /// The store's row id, to open the attempt.
    #[serde(skip)]
    pub row: i64,
    pub attempt: String,
    pub trainee: String,
    pub scenario: String,
    pub title: String,
    pub scenario_version: String,
    pub mode: String,
    pub seed: u64,
    pub started: Timestamp,
    pub ended: Timestamp,
    pub seconds: f64,
    pub outcome: String,
    pub ending: Option<String>,
    pub empathy: f64,
    pub clarity: f64,
    pub overall: f64,
    pub best_choice_rate: f64,
    pub steps: u32,
    /// The objectives met, as their numbers joined by `;` (`1;3`).
    pub objectives_met: String,
    /// How many choices made were safety errors.
    pub safety_errors: u32,
}

const ATTEMPT_COLUMNS: &str = "a.id, a.uuid, t.name, a.scenario, v.title, v.content_hash, a.mode, a.seed,
    a.started_ms, a.ended_ms, a.finish, a.ending, a.empathy, a.clarity, a.overall, a.best_rate, a.steps,
    a.objectives_met, a.safety_errors";

fn attempt_row(store: &Store, r: &Row<'_>) -> Result<AttemptRow, StoreError> {
    let get = |e| store.err(e);
    let started: i64 = r.get(8).map_err(get)?;
    let ended: i64 = r.get(9).map_err(get)?;
    Ok(AttemptRow {
        row: r.get(0).map_err(get)?,
        attempt: r.get(1).map_err(get)?,
        trainee: r.get(2).map_err(get)?,
        scenario: r.get(3).map_err(get)?,
        title: r.get(4).map_err(get)?,
        scenario_version: r.get(5).map_err(get)?,
        mode: r.get(6).map_err(get)?,
        seed: r.get::<_, i64>(7).map_err(get)?.cast_unsigned(),
        started: store.time(started)?,
        ended: store.time(ended)?,
        seconds: (ended - started) as f64 / 1000.0,
        outcome: r.get(10).map_err(get)?,
        ending: r.get(11).map_err(get)?,
        empathy: r.get(12).map_err(get)?,
        clarity: r.get(13).map_err(get)?,
        overall: r.get(14).map_err(get)?,
        best_choice_rate: r.get(15).map_err(get)?,
        steps: r.get(16).map_err(get)?,
        objectives_met: r.get(17).map_err(get)?,
        safety_errors: r.get(18).map_err(get)?,
    })
}

/// Calls `each` for every attempt the filter takes, oldest first.
pub fn for_each_attempt(
    store: &Store,
    filter: &Filter,
    mut each: impl FnMut(AttemptRow) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let (cond, values) = filter.sql();
    let sql = format!(
        "SELECT {ATTEMPT_COLUMNS} FROM attempts a JOIN trainees t ON t.id = a.trainee
         JOIN versions v ON v.id = a.version WHERE {cond} ORDER BY a.started_ms, a.id"
    );
    let mut stmt = store.conn().prepare(&sql).map_err(|e| store.err(e))?;
    let mut rows = stmt.query(params_from_iter(values)).map_err(|e| store.err(e))?;
    while let Some(r) = rows.next().map_err(|e| store.err(e))? {
        each(attempt_row(store, r)?)?;
    }
    Ok(())
}

/// Every attempt the filter takes, oldest first (a trainee's history and trend).
pub fn attempts(store: &Store, filter: &Filter) -> Result<Vec<AttemptRow>, StoreError> {
    let mut out = Vec::new();
    for_each_attempt(store, filter, |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// Every scenario with at least one attempt, by id.
pub fn scenarios(store: &Store) -> Result<Vec<String>, StoreError> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT scenario FROM scenario_keys ORDER BY scenario")
        .map_err(|e| store.err(e))?;
    let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| store.err(e))?;
    rows.collect::<Result<_, _>>().map_err(|e| store.err(e))
}

/// A scenario's summary over the attempts a filter takes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScenarioSummary {
    pub scenario: String,
    /// The title of the newest version played.
    pub title: String,
    pub attempts: u32,
    pub abandoned: u32,
    /// Completed attempts by overall score: `[0,10)`, `[10,20)`, ... `[90,100]`.
    pub histogram: [u32; 10],
    pub mean_overall: Option<f64>,
    /// Each ending reached, with its outcome and how often, most frequent first.
    pub endings: Vec<EndingCount>,
    /// Each objective of the newest version played, and how many completed
    /// attempts met it.
    pub objectives: Vec<ObjectiveCount>,
    /// Completed attempts with at least one safety error.
    pub with_safety_errors: u32,
    /// Nodes in order of how often a cue there was missed, then by visits.
    pub nodes: Vec<NodeChoices>,
}

/// How often one objective was met.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveCount {
    /// 1-based, as `meets` numbers it.
    pub n: usize,
    pub text: String,
    /// Completed attempts that met it.
    pub met: u32,
    /// Completed attempts in all.
    pub of: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingCount {
    pub ending: String,
    pub outcome: String,
    pub count: u32,
}

/// What people said at one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeChoices {
    pub node: String,
    /// The patient's line (the newest version's first variant).
    pub patient: String,
    pub has_cue: bool,
    pub visits: u32,
    /// Steps here that were missed opportunities (a cue not met with empathy).
    pub missed: u32,
    /// Each choice taken, most taken first; a silence is said as "(no answer in time)".
    pub choices: Vec<ChoiceCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceCount {
    pub say: String,
    pub empathy: i64,
    pub clarity: i64,
    /// Whether it was the best one on offer when picked (most of the time).
    pub best: bool,
    pub count: u32,
}

/// Loads each stored scenario version once.
#[derive(Default)]
struct Versions {
    scripts: HashMap<i64, Option<Script>>,
}

impl Versions {
    fn get(&mut self, store: &Store, id: i64) -> Result<Option<&Script>, StoreError> {
        let slot = match self.scripts.entry(id) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let (scenario, source): (String, String) = store
                    .conn()
                    .query_row("SELECT scenario, source FROM versions WHERE id = ?1", [id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .map_err(|e| store.err(e))?;
                v.insert(recorded(&format!("{scenario} (as recorded)"), &source))
            }
        };
        Ok(slot.as_ref())
    }
}

/// The summary of one scenario.
pub fn scenario(store: &Store, filter: &Filter) -> Result<ScenarioSummary, StoreError> {
    let Some(id) = filter.scenario.clone() else {
        return Err(StoreError::Usage("a scenario summary needs a scenario".into()));
    };
    let (cond, values) = filter.sql();
    let mut s = ScenarioSummary { scenario: id, ..ScenarioSummary::default() };
    let mut newest: Option<i64> = None;
    let (mut sum, mut done) = (0.0, 0u32);
    let mut endings: HashMap<(String, String), u32> = HashMap::new();
    let mut met_counts: Vec<u32> = Vec::new();
    {
        let sql = format!(
            "SELECT a.finish, a.ending, a.overall, a.version, a.objectives_met, a.safety_errors FROM attempts a
             WHERE {cond} ORDER BY a.started_ms"
        );
        let mut stmt = store.conn().prepare(&sql).map_err(|e| store.err(e))?;
        let mut rows = stmt.query(params_from_iter(values.iter())).map_err(|e| store.err(e))?;
        while let Some(r) = rows.next().map_err(|e| store.err(e))? {
            let finish: String = r.get(0).map_err(|e| store.err(e))?;
            let ending: Option<String> = r.get(1).map_err(|e| store.err(e))?;
            let overall: f64 = r.get(2).map_err(|e| store.err(e))?;
            newest = Some(r.get(3).map_err(|e| store.err(e))?);
            s.attempts += 1;
            if finish == "abandoned" {
                s.abandoned += 1;
                continue;
            }
            done += 1;
            sum += overall;
            let met: String = r.get(4).map_err(|e| store.err(e))?;
            for n in crate::split_objectives(&met).unwrap_or_default() {
                if met_counts.len() < n {
                    met_counts.resize(n, 0);
                }
                met_counts[n - 1] += 1;
            }
            s.with_safety_errors += u32::from(r.get::<_, u32>(5).map_err(|e| store.err(e))? > 0);
            s.histogram[((overall / 10.0).floor().max(0.0) as usize).min(9)] += 1;
            *endings.entry((ending.unwrap_or_default(), finish)).or_default() += 1;
        }
    }
    s.mean_overall = (done > 0).then(|| (sum / f64::from(done) * 10.0).round() / 10.0);
    s.endings = endings.into_iter().map(|((ending, outcome), count)| EndingCount { ending, outcome, count }).collect();
    s.endings.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.ending.cmp(&b.ending)));

    let mut versions = Versions::default();
    if let Some(v) = newest {
        s.title = store
            .conn()
            .query_row("SELECT title FROM versions WHERE id = ?1", [v], |r| r.get(0))
            .map_err(|e| store.err(e))?;
        if let Some(script) = versions.get(store, v)? {
            s.objectives = script
                .scenario()
                .objectives
                .iter()
                .enumerate()
                .map(|(i, text)| ObjectiveCount {
                    n: i + 1,
                    text: text.clone(),
                    met: met_counts.get(i).copied().unwrap_or(0),
                    of: done,
                })
                .collect();
        }
    }
    // Steps counted by version, node and choice; the words come from each
    // version. Over all time, the counts kept on every write; otherwise one
    // pass over the steps the filter takes.
    let mut node_names = Names::default();
    let mut groups: HashMap<(i64, usize, Option<i64>), [u32; 3]> = HashMap::new();
    let kept = !filter.has_dates() && filter.trainee.is_none();
    {
        let (sql, values) = if kept {
            (
                "SELECT c.version, c.node, nullif(c.chosen, -1), c.steps, c.missed, c.best
                 FROM choice_counts c JOIN versions v ON v.id = c.version WHERE v.scenario = ?1"
                    .to_owned(),
                vec![Value::Text(s.scenario.clone())],
            )
        } else {
            (
                format!(
                    "SELECT a.version, st.node, st.chosen, 1, st.missed, st.best
                     FROM attempts a JOIN steps st ON st.attempt = a.id WHERE {cond}"
                ),
                values.clone(),
            )
        };
        let mut stmt = store.conn().prepare(&sql).map_err(|e| store.err(e))?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(|e| store.err(e))?;
        while let Some(r) = rows.next().map_err(|e| store.err(e))? {
            let e = |e| store.err(e);
            let version: i64 = r.get(0).map_err(e)?;
            let node = node_names.get_str(r.get_ref(1).map_err(e)?.as_str().map_err(|x| e(x.into()))?);
            let chosen: Option<i64> = r.get(2).map_err(e)?;
            let g = groups.entry((version, node, chosen)).or_default();
            g[0] += r.get::<_, u32>(3).map_err(e)?;
            g[1] += r.get::<_, u32>(4).map_err(e)?;
            g[2] += r.get::<_, u32>(5).map_err(e)?;
        }
    }
    let groups: HashMap<(i64, String, Option<i64>), [u32; 3]> =
        groups.into_iter().map(|((v, n, c), g)| ((v, node_names.list[n].clone(), c), g)).collect();
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut nodes: Vec<NodeChoices> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for ((version, node, chosen), [count, missed, best]) in groups {
        let i = *at.entry(node.clone()).or_insert_with(|| {
            nodes.push(NodeChoices {
                node: node.clone(),
                patient: String::new(),
                has_cue: false,
                visits: 0,
                missed: 0,
                choices: Vec::new(),
            });
            nodes.len() - 1
        });
        let script = versions.get(store, version)?;
        let n = script.and_then(|sc| sc.scenario().nodes.position(&node).map(|p| (sc, p)));
        let entry = &mut nodes[i];
        entry.visits += count;
        entry.missed += missed;
        let (say, empathy, clarity) = match (chosen, n) {
            (None, _) => ("(no answer in time)".to_owned(), 0, 0),
            (Some(c), Some((sc, p))) => match sc.node(p).choices.get(c as usize) {
                Some(ch) => (ch.say.clone(), ch.empathy, ch.clarity),
                None => (format!("(choice {} of a changed version)", c + 1), 0, 0),
            },
            (Some(c), None) => (format!("(choice {} of a changed version)", c + 1), 0, 0),
        };
        if let Some((sc, p)) = n {
            entry.has_cue |= sc.node(p).cue.is_some();
            if entry.patient.is_empty() || Some(version) == newest {
                entry.patient = sc.node(p).says.first().cloned().unwrap_or_default();
            }
        }
        match entry.choices.iter_mut().find(|c| c.say == say) {
            Some(c) => {
                c.count += count;
                c.best = c.best || best * 2 > count;
            }
            None => entry.choices.push(ChoiceCount { say, empathy, clarity, best: best * 2 > count, count }),
        }
    }
    for n in &mut nodes {
        n.choices.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.say.cmp(&b.say)));
    }
    nodes.sort_by(|a, b| {
        let rate = |n: &NodeChoices| f64::from(n.missed) / f64::from(n.visits.max(1));
        rate(b).total_cmp(&rate(a)).then_with(|| b.visits.cmp(&a.visits)).then_with(|| a.node.cmp(&b.node))
    });
    s.nodes = nodes;
    Ok(s)
}

/// The CSV header of [`write_attempts_csv`].
pub const ATTEMPT_HEADER: [&str; 20] = [
    "attempt",
    "trainee",
    "scenario",
    "title",
    "scenario_version",
    "mode",
    "seed",
    "started",
    "started_local_date",
    "ended",
    "seconds",
    "outcome",
    "ending",
    "empathy",
    "clarity",
    "overall",
    "best_choice_rate",
    "steps",
    "objectives_met",
    "safety_errors",
];

/// A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`,
/// tab or carriage return first) gets a leading `'`, so it is shown as text
/// and never run (OWASP, CSV injection). Other text is written as it is.
pub fn safe_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A score as the CSV writes it: one decimal, as scores are defined.
fn score_cell(x: f64) -> String {
    format!("{x:.1}")
}

/// The local calendar day of a time, as `YYYY-MM-DD` (the machine's time zone).
fn local_date(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::system()).date().to_string()
}

/// Writes one CSV row per attempt (with a header). Returns the number of rows.
/// Text that a spreadsheet would run as a formula is neutralised; an abandoned
/// attempt has its scores left blank, so that a spreadsheet's average of a
/// column counts only attempts that were finished.
pub fn write_attempts_csv(store: &Store, filter: &Filter, out: impl Write) -> Result<u64, StoreError> {
    let mut w = csv::WriterBuilder::new().has_headers(false).terminator(csv::Terminator::CRLF).from_writer(out);
    let io = |e: csv::Error| StoreError::Export(format!("the CSV: {e}"));
    w.write_record(ATTEMPT_HEADER).map_err(io)?;
    let mut n = 0;
    for_each_attempt(store, filter, |r| {
        n += 1;
        let scored = r.outcome != "abandoned";
        let score = |x: f64| if scored { score_cell(x) } else { String::new() };
        w.write_record([
            r.attempt.clone(),
            safe_cell(&r.trainee).into_owned(),
            safe_cell(&r.scenario).into_owned(),
            safe_cell(&r.title).into_owned(),
            r.scenario_version.clone(),
            r.mode.clone(),
            r.seed.to_string(),
            r.started.to_string(),
            local_date(r.started),
            r.ended.to_string(),
            format!("{:.3}", r.seconds),
            r.outcome.clone(),
            r.ending.as_deref().map(|e| safe_cell(e).into_owned()).unwrap_or_default(),
            score(r.empathy),
            score(r.clarity),
            score(r.overall),
            score(r.best_choice_rate),
            r.steps.to_string(),
            r.objectives_met.clone(),
            r.safety_errors.to_string(),
        ])
        .map_err(io)
    })?;
    w.flush().map_err(|e| StoreError::Export(format!("the CSV: {e}")))?;
    Ok(n)
}

/// The CSV header of [`write_steps_csv`].
pub const STEP_HEADER: [&str; 20] = [
    "attempt",
    "trainee",
    "scenario",
    "step",
    "node",
    "patient",
    "offered",
    "chosen",
    "said",
    "empathy",
    "clarity",
    "best",
    "missed_opportunity",
    "better",
    "distress",
    "trust",
    "at",
    "safety_error",
    "chosen_shown",
    "typed",
];

/// Writes one CSV row per step (with a header): the patient's line, the offered
/// choices (`|`-separated, in the order shown), what was said and how it rated.
/// `chosen` is the chosen line's position in the file and `chosen_shown` its
/// position in `offered` (both 1-based, empty for a silence), so the two join.
/// Text is neutralised as in [`write_attempts_csv`].
pub fn write_steps_csv(store: &Store, filter: &Filter, out: impl Write) -> Result<u64, StoreError> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let io = |e: csv::Error| StoreError::Export(format!("the CSV: {e}"));
    w.write_record(STEP_HEADER).map_err(io)?;
    let (cond, values) = filter.sql();
    let sql = format!(
        "SELECT a.uuid, t.name, a.scenario, a.version, st.n, st.node, st.variant, st.reaction, st.offered, st.chosen,
                st.empathy, st.clarity, st.best, st.missed, st.distress, st.trust, st.at_ms, st.safety_error, st.typed
         FROM attempts a JOIN trainees t ON t.id = a.trainee JOIN steps st ON st.attempt = a.id
         WHERE {cond} ORDER BY a.started_ms, a.id, st.n"
    );
    let mut versions = Versions::default();
    let mut stmt = store.conn().prepare(&sql).map_err(|e| store.err(e))?;
    let mut rows = stmt.query(params_from_iter(values)).map_err(|e| store.err(e))?;
    let mut n = 0;
    while let Some(r) = rows.next().map_err(|e| store.err(e))? {
        let e = |e| store.err(e);
        let version: i64 = r.get(3).map_err(e)?;
        let step: i64 = r.get(4).map_err(e)?;
        let node: String = r.get(5).map_err(e)?;
        let variant = usize::try_from(r.get::<_, i64>(6).map_err(e)?).unwrap_or(usize::MAX);
        let reaction: Option<String> = r.get(7).map_err(e)?;
        let offered: String = r.get(8).map_err(e)?;
        let chosen = r.get::<_, Option<i64>>(9).map_err(e)?.and_then(|c| usize::try_from(c).ok());
        let offered: Vec<usize> = offered.split(',').filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
        let script = versions.get(store, version)?;
        let at = script.and_then(|sc| sc.scenario().nodes.position(&node).map(|p| (sc, p)));
        let say = |c: usize| at.and_then(|(sc, p)| sc.node(p).choices.get(c)).map_or(String::new(), |c| c.say.clone());
        let patient =
            reaction.or_else(|| at.and_then(|(sc, p)| sc.node(p).says.get(variant).cloned())).unwrap_or_default();
        let better = match at {
            Some((sc, p)) if !r.get::<_, bool>(12).map_err(e)? => {
                // Only positions the version has (a row changed by hand may not fit).
                let fits: Vec<usize> = offered.iter().copied().filter(|&o| o < sc.node(p).choices.len()).collect();
                best_of(sc, p, &fits).map(say)
            }
            _ => None,
        };
        let at_ms: i64 = r.get(16).map_err(e)?;
        w.write_record([
            r.get::<_, String>(0).map_err(e)?,
            safe_cell(&r.get::<_, String>(1).map_err(e)?).into_owned(),
            safe_cell(&r.get::<_, String>(2).map_err(e)?).into_owned(),
            (step + 1).to_string(),
            node.clone(),
            safe_cell(&patient).into_owned(),
            safe_cell(&offered.iter().map(|&o| say(o)).collect::<Vec<_>>().join(" | ")).into_owned(),
            chosen.map_or(String::new(), |c| (c + 1).to_string()),
            chosen.map_or("(no answer in time)".to_owned(), |c| safe_cell(&say(c)).into_owned()),
            r.get::<_, i64>(10).map_err(e)?.to_string(),
            r.get::<_, i64>(11).map_err(e)?.to_string(),
            r.get::<_, bool>(12).map_err(e)?.to_string(),
            r.get::<_, bool>(13).map_err(e)?.to_string(),
            better.map(|b| safe_cell(&b).into_owned()).unwrap_or_default(),
            r.get::<_, i64>(14).map_err(e)?.to_string(),
            r.get::<_, i64>(15).map_err(e)?.to_string(),
            store.time(at_ms)?.to_string(),
            r.get::<_, bool>(17).map_err(e)?.to_string(),
            chosen.and_then(|c| offered.iter().position(|&o| o == c)).map_or(String::new(), |p| (p + 1).to_string()),
            r.get::<_, Option<String>>(18).map_err(e)?.map(|t| safe_cell(&t).into_owned()).unwrap_or_default(),
        ])
        .map_err(io)?;
        n += 1;
    }
    w.flush().map_err(|e| StoreError::Export(format!("the CSV: {e}")))?;
    Ok(n)
}
