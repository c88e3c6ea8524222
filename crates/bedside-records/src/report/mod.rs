//! What educators read from the store: the cohort table, a trainee's attempts,
//! a scenario's summary (score spread, endings, choices per node), and the
//! CSV (RFC 4180, one row per attempt or per step) and JSON forms of them.
//!
//! `cohort` holds the table of trainees by scenarios, `scenario` one scenario's
//! summary, and `csv` the exports; the filter and the attempt rows they share are here.

mod cohort;
mod csv;
mod people;
mod scenario;
mod skills;

pub use cohort::{Cell, Cohort, cohort};
pub use csv::{ATTEMPT_HEADER, STEP_HEADER, attempt_header, safe_cell, write_attempts_csv, write_steps_csv};
pub use people::{Competency, CompetencyRow, RosterRow, competency, roster_status};
pub use scenario::{ChoiceCount, EndingCount, NodeChoices, ObjectiveCount, ScenarioSummary, scenario};
pub use skills::{CueRow, Moment, Profile, TagRow, missed_moments, profile, skills_by_week, trainee_skill_trend};

use jiff::Timestamp;
use rusqlite::{Row, params_from_iter, types::Value};
use serde::Serialize;

use crate::store::{Store, StoreError};
use crate::{Mode, Origin};
use bedside_core::play::skills::Skills;

/// Which attempts a report covers: started in `[from, to)`, of one scenario, of
/// one trainee. Empty means all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub scenario: Option<String>,
    pub trainee: Option<String>,
    /// Only attempts recorded on this computer, or only those pulled from the LRS.
    pub origin: Option<Origin>,
    /// Only practice, or only assessment attempts.
    pub mode: Option<Mode>,
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
            conds.push(format!("a.trainee = (SELECT id FROM trainees WHERE key = ?{})", values.len() + 1));
            values.push(Value::Text(crate::trainee_key(t)));
        }
        if let Some(m) = self.mode {
            conds.push(format!("a.mode = ?{}", values.len() + 1));
            values.push(Value::Text(m.key().to_owned()));
        }
        if let Some(o) = self.origin {
            conds.push(format!("a.origin = ?{}", values.len() + 1));
            values.push(Value::Text(o.key().to_owned()));
        }
        (conds.join(" AND "), values)
    }

    /// Whether the filter takes only some of a trainee's attempts at a
    /// scenario, so that the summary kept on every write does not answer it.
    fn narrows(&self) -> bool {
        self.from.is_some() || self.to.is_some() || self.origin.is_some() || self.mode.is_some()
    }
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
    /// `local` (recorded on this computer) or `lrs` (pulled from the LRS).
    pub origin: String,
    /// Cues missed (None when the attempt's skills profile is not known).
    pub missed_opportunities: Option<u32>,
    /// The attempt's skills profile, if known.
    #[serde(skip)]
    pub skills: Option<Skills>,
}

const ATTEMPT_COLUMNS: &str = "a.id, a.uuid, t.name, a.scenario, v.title, v.content_hash, a.mode, a.seed,
    a.started_ms, a.ended_ms, a.finish, a.ending, a.empathy, a.clarity, a.overall, a.best_rate, a.steps,
    a.objectives_met, a.safety_errors, a.origin, a.skills";

fn attempt_row(store: &Store, r: &Row<'_>) -> Result<AttemptRow, StoreError> {
    let get = |e| store.err(e);
    let skills = r
        .get_ref(20)
        .map_err(get)?
        .as_blob_or_null()
        .map_err(|x| get(x.into()))?
        .map(|b| Skills::from_bytes(b).ok_or_else(|| store.bad("an attempt's skills profile does not read")))
        .transpose()?;
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
        origin: r.get(19).map_err(get)?,
        missed_opportunities: skills.map(|s| s.cues.iter().map(|c| c.missed).sum()),
        skills,
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
