//! One scenario's summary: score spread, endings, objectives, and the choices made at each node.

use std::collections::HashMap;

use rusqlite::{params_from_iter, types::Value};
use serde::Serialize;

use super::Filter;
use super::cohort::Names;
use crate::store::{Store, StoreError};
use bedside_core::play::script::Script;
use bedside_core::scenario::load::recorded;

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
pub(super) struct Versions {
    scripts: HashMap<i64, Option<Script>>,
}

impl Versions {
    pub(super) fn get(&mut self, store: &Store, id: i64) -> Result<Option<&Script>, StoreError> {
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
            // Every ending of the newest version is listed, those nobody reached with 0.
            for (id, ending) in script.scenario().endings.iter() {
                let outcome = crate::Finish::Ended { ending: id.to_owned(), outcome: ending.outcome }.key().to_owned();
                if !s.endings.iter().any(|e| e.ending == id) {
                    s.endings.push(EndingCount { ending: id.to_owned(), outcome, count: 0 });
                }
            }
        }
    }
    // Steps counted by version, node and choice; the words come from each
    // version. Over all time, the counts kept on every write; otherwise one
    // pass over the steps the filter takes.
    let mut node_names = Names::default();
    let mut groups: HashMap<(i64, usize, Option<i64>), [u32; 3]> = HashMap::new();
    let kept = !filter.narrows() && filter.trainee.is_none();
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
