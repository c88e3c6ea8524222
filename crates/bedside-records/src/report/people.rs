//! Who is doing what: the roster against the records (who never started, when
//! each was last active, attempts finished and abandoned), and competency
//! against the pass rules (who meets them, and when they first did).

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use rusqlite::params_from_iter;
use serde::Serialize;

use super::{Filter, for_each_attempt};
use crate::store::{PassRule, Store, StoreError};
use crate::summary;

/// One person: on the roster, or with attempts (or both).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RosterRow {
    pub name: String,
    pub staff_id: Option<String>,
    /// On the roster (false: has attempts but was never added).
    pub on_roster: bool,
    pub attempts: u32,
    pub finished: u32,
    pub abandoned: u32,
    /// Scenarios attempted.
    pub scenarios: u32,
    /// When the last attempt started; None: never started.
    pub last_active: Option<Timestamp>,
}

/// The roster against the records: everyone on it (those who never started
/// included), then anyone with attempts who is not on it, each by name.
pub fn roster_status(store: &Store, filter: &Filter) -> Result<Vec<RosterRow>, StoreError> {
    let e = |e| store.err(e);
    // key -> (name, attempts, finished, scenarios, last ms)
    let mut seen: HashMap<String, (String, u32, u32, u32, i64)> = HashMap::new();
    if !filter.narrows() && filter.scenario.is_none() {
        let mut stmt = store
            .conn()
            .prepare_cached("SELECT t.key, t.name, c.cells FROM cohort c JOIN trainees t ON t.id = c.trainee")
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let blob = r.get_ref(2).map_err(e)?.as_blob().map_err(|x| e(x.into()))?;
            let cells: Vec<summary::Packed> = summary::decode(blob).collect();
            let attempts = cells.iter().map(|c| c.attempts).sum();
            let finished = cells.iter().map(|c| c.completed).sum();
            let last = cells.iter().map(|c| c.last_ms).max().unwrap_or(i64::MIN);
            seen.insert(r.get(0).map_err(e)?, (r.get(1).map_err(e)?, attempts, finished, cells.len() as u32, last));
        }
    } else {
        let (cond, values) = filter.sql();
        let sql = format!(
            "SELECT t.key, t.name, count(*), sum(a.finish <> 'abandoned'), count(DISTINCT a.scenario), max(a.started_ms)
             FROM attempts a JOIN trainees t ON t.id = a.trainee WHERE {cond} GROUP BY t.id"
        );
        let mut stmt = store.conn().prepare(&sql).map_err(e)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            seen.insert(
                r.get(0).map_err(e)?,
                (
                    r.get(1).map_err(e)?,
                    r.get(2).map_err(e)?,
                    r.get(3).map_err(e)?,
                    r.get(4).map_err(e)?,
                    r.get(5).map_err(e)?,
                ),
            );
        }
    }
    let mut out = Vec::new();
    let row = |name: String,
               staff_id,
               on_roster,
               s: Option<&(String, u32, u32, u32, i64)>|
     -> Result<RosterRow, StoreError> {
        let (attempts, finished, scenarios, last) = s.map_or((0, 0, 0, None), |s| (s.1, s.2, s.3, Some(s.4)));
        Ok(RosterRow {
            name,
            staff_id,
            on_roster,
            attempts,
            finished,
            abandoned: attempts - finished,
            scenarios,
            last_active: last.map(|ms| store.time(ms)).transpose()?,
        })
    };
    for r in store.roster()? {
        let key = crate::trainee_key(&r.name);
        let s = seen.remove(&key);
        out.push(row(r.name, r.staff_id, true, s.as_ref())?);
    }
    let mut rest: Vec<_> = seen.into_values().collect();
    rest.sort_by_cached_key(|r| r.0.to_lowercase());
    for s in rest {
        out.push(row(s.0.clone(), None, false, Some(&s))?);
    }
    Ok(out)
}

/// One trainee against one scenario's pass rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyRow {
    pub trainee: String,
    pub scenario: String,
    /// The attempts the rule judges (in assessment mode only, if it says so).
    pub judged: u32,
    /// How many of them passed.
    pub passed: u32,
    /// When the first passing attempt started; None: not yet.
    pub first_passed: Option<Timestamp>,
    /// The best overall score among the judged attempts.
    pub best: Option<f64>,
}

/// Competency: every rule, and each trainee's standing against the rule of
/// each scenario they attempted (and, for a scenario with a rule of its own,
/// everyone on the roster, started or not).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Competency {
    pub rules: Vec<PassRule>,
    pub rows: Vec<CompetencyRow>,
}

pub fn competency(store: &Store, filter: &Filter) -> Result<Competency, StoreError> {
    let rules = store.pass_rules()?;
    let library = rules.iter().find(|r| r.scenario.is_none()).cloned();
    let own: HashMap<&str, &PassRule> = rules.iter().filter_map(|r| Some((r.scenario.as_deref()?, r))).collect();
    let mut rows: BTreeMap<(String, String), CompetencyRow> = BTreeMap::new();
    for_each_attempt(store, filter, |a| {
        let Some(rule) = own.get(a.scenario.as_str()).copied().or(library.as_ref()) else { return Ok(()) };
        let key = crate::trainee_key(&a.trainee);
        let row = rows.entry((key, a.scenario.clone())).or_insert_with(|| CompetencyRow {
            trainee: a.trainee.clone(),
            scenario: a.scenario.clone(),
            judged: 0,
            passed: 0,
            first_passed: None,
            best: None,
        });
        if rule.judges(&a.mode) {
            row.judged += 1;
            if a.outcome != "abandoned" {
                row.best = Some(row.best.map_or(a.overall, |b| b.max(a.overall)));
            }
            if rule.passes(&a.mode, &a.outcome, a.overall, a.safety_errors) {
                row.passed += 1;
                row.first_passed = Some(row.first_passed.map_or(a.started, |f| f.min(a.started)));
            }
        }
        Ok(())
    })?;
    // Everyone on the roster against each scenario with a rule of its own.
    if filter.trainee.is_none() {
        for person in store.roster()? {
            for scenario in own.keys().filter(|s| filter.scenario.as_deref().is_none_or(|f| f == **s)) {
                rows.entry((crate::trainee_key(&person.name), (*scenario).to_owned())).or_insert_with(|| {
                    CompetencyRow {
                        trainee: person.name.clone(),
                        scenario: (*scenario).to_owned(),
                        judged: 0,
                        passed: 0,
                        first_passed: None,
                        best: None,
                    }
                });
            }
        }
    }
    Ok(Competency { rules, rows: rows.into_values().collect() })
}
