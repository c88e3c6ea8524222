//! The cohort table: each trainee's attempts, best and latest score per scenario.

use std::collections::HashMap;

use rusqlite::{params_from_iter, types::Value};
use serde::Serialize;

use super::Filter;
use crate::store::{Store, StoreError};
use crate::summary;

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
    /// The first completed attempt's overall score.
    pub first: Option<f64>,
    /// How many attempts ended with the patient's concern resolved.
    pub resolved: u32,
    /// The latest completed attempt's outcome (`resolved`, `partial`, `unresolved`).
    pub latest_outcome: Option<&'static str>,
    /// The latest completed attempt's best-choice rate (0 to 100).
    pub latest_best_rate: Option<f64>,
}

impl Cell {
    /// Attempts left part-way.
    pub fn abandoned(&self) -> u32 {
        self.attempts - self.completed
    }
}

/// A packed summary cell as the report shows it.
fn cell(scenario: usize, p: &summary::Packed) -> Cell {
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
        first: summary::score(p.first),
        resolved: p.resolved,
        latest_outcome: match p.latest_outcome {
            summary::RESOLVED => Some("resolved"),
            summary::PARTIAL => Some("partial"),
            summary::UNRESOLVED => Some("unresolved"),
            _ => None,
        },
        latest_best_rate: summary::score(p.latest_rate),
    }
}

/// Interns names in first-seen order.
#[derive(Default)]
pub(super) struct Names {
    pub(super) list: Vec<String>,
    index: HashMap<String, usize>,
}

impl Names {
    pub(super) fn get_str(&mut self, name: &str) -> usize {
        match self.index.get(name) {
            Some(&i) => i,
            None => self.get(name.to_owned()),
        }
    }

    pub(super) fn get(&mut self, name: String) -> usize {
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
    if filter.narrows() {
        let sql = format!(
            "SELECT a.trainee, a.scenario, a.started_ms, a.finish, a.overall, a.best_rate, a.safety_errors,
                    a.objectives_met FROM attempts a
             WHERE {cond} ORDER BY a.started_ms, a.id"
        );
        let mut stmt = store.conn().prepare(&sql).map_err(e)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(e)?;
        let mut at: HashMap<(i64, usize), usize> = HashMap::new();
        // Per (trainee, scenario), one packed cell, added to as the summary is.
        let mut acc: Vec<(i64, usize, Vec<summary::Packed>)> = Vec::new();
        while let Some(r) = rows.next().map_err(e)? {
            let trainee: i64 = r.get(0).map_err(e)?;
            let scenario = scenarios.get_str(r.get_ref(1).map_err(e)?.as_str().map_err(|x| e(x.into()))?);
            let finish: String = r.get(3).map_err(e)?;
            let met = crate::split_objectives(r.get_ref(7).map_err(e)?.as_str().map_err(|x| e(x.into()))?)
                .map_or(0, |m| m.len());
            let added =
                crate::store::added(&finish, r.get(4).map_err(e)?, r.get(5).map_err(e)?, r.get(6).map_err(e)?, met);
            let i = *at.entry((trainee, scenario)).or_insert_with(|| {
                acc.push((trainee, scenario, Vec::new()));
                acc.len() - 1
            });
            summary::add(&mut acc[i].2, 0, summary::Added { started: r.get(2).map_err(e)?, ..added });
        }
        cells.extend(acc.iter().map(|(t, sc, p)| (*t, cell(*sc, &p[0]))));
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
                "SELECT trainee, cells FROM cohort WHERE trainee = (SELECT id FROM trainees WHERE key = ?1)",
                vec![Value::Text(crate::trainee_key(t))],
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
                cells.push((trainee, cell(scenario, &p)));
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
    if filter.narrows() {
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
