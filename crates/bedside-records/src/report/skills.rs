//! Skills, not only scores: the skills profile of a trainee, of the cohort or
//! of any filter (each skill's use when it was on offer, each fault's choice,
//! each emotion's cues missed), its trend over time, and the moments most
//! often missed across every scenario.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use rusqlite::{params_from_iter, types::Value};
use serde::Serialize;

use super::Filter;
use super::scenario::Versions;
use crate::store::{Store, StoreError, week_of};
use bedside_core::play::skills::Skills;
use bedside_core::scenario::{Emotion, Tag};

/// One tag's use: how often a choice showing it was on offer, and chosen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagRow {
    /// The tag as the format spells it (`Naming`).
    pub tag: String,
    /// In plain words (`Naming the emotion`).
    pub name: &'static str,
    /// A fault (`Dismissing`) rather than a skill.
    pub harmful: bool,
    pub offered: u32,
    pub chosen: u32,
    /// Chosen when on offer, in percent; None when never on offer.
    pub rate: Option<f64>,
}

/// One emotion's cues: how often the patient showed it, and how often the
/// nurse missed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CueRow {
    pub emotion: &'static str,
    pub cued: u32,
    pub missed: u32,
    /// Missed, in percent; None when never cued.
    pub rate: Option<f64>,
}

/// A skills profile as a report shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Profile {
    /// Attempts counted.
    pub attempts: u64,
    /// Skills: how often each was used when on offer.
    pub skills: Vec<TagRow>,
    /// Faults: how often each was chosen when on offer.
    pub faults: Vec<TagRow>,
    /// Cues by emotion, and how often they were missed.
    pub cues: Vec<CueRow>,
}

fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

impl Profile {
    /// The rows of a tally: every tag that was ever on offer, every emotion ever cued.
    pub fn of(skills: &Skills, attempts: u64) -> Profile {
        let mut p = Profile { attempts, ..Profile::default() };
        for t in Tag::ALL {
            let c = skills.tag(t);
            if c.offered == 0 {
                continue;
            }
            let row = TagRow {
                tag: format!("{t:?}"),
                name: t.plain(),
                harmful: t.is_harmful(),
                offered: c.offered,
                chosen: c.chosen,
                rate: percent(c.chosen, c.offered),
            };
            if t.is_harmful() { p.faults.push(row) } else { p.skills.push(row) }
        }
        for e in Emotion::ALL {
            let c = skills.cue(e);
            if c.cued > 0 {
                p.cues.push(CueRow {
                    emotion: e.name(),
                    cued: c.cued,
                    missed: c.missed,
                    rate: percent(c.missed, c.cued),
                });
            }
        }
        p
    }
}

/// The skills profile of the attempts a filter takes. Without dates, origin,
/// mode or scenario it reads the profiles kept per trainee on every write.
pub fn profile(store: &Store, filter: &Filter) -> Result<Profile, StoreError> {
    let e = |e| store.err(e);
    let mut sum = Skills::default();
    if !filter.narrows() && filter.scenario.is_none() {
        let (sql, values) = match &filter.trainee {
            Some(t) => (
                "SELECT skills FROM trainee_skills WHERE trainee = (SELECT id FROM trainees WHERE key = ?1)",
                vec![Value::Text(crate::trainee_key(t))],
            ),
            None => ("SELECT skills FROM trainee_skills", Vec::new()),
        };
        let mut stmt = store.conn().prepare_cached(sql).map_err(e)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let blob = r.get_ref(0).map_err(e)?.as_blob().map_err(|x| e(x.into()))?;
            sum.add(&Skills::from_bytes(blob).ok_or_else(|| store.bad("a trainee's skills profile does not read"))?);
        }
    } else {
        let (cond, values) = filter.sql();
        let sql = format!("SELECT a.skills FROM attempts a WHERE {cond} AND a.skills IS NOT NULL");
        let mut stmt = store.conn().prepare(&sql).map_err(e)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let blob = r.get_ref(0).map_err(e)?.as_blob().map_err(|x| e(x.into()))?;
            sum.add(&Skills::from_bytes(blob).ok_or_else(|| store.bad("an attempt's skills profile does not read"))?);
        }
    }
    let (cond, values) = filter.sql();
    let attempts: i64 = store
        .conn()
        .query_row(&format!("SELECT count(*) FROM attempts a WHERE {cond}"), params_from_iter(values), |r| r.get(0))
        .map_err(e)?;
    Ok(Profile::of(&sum, attempts.unsigned_abs()))
}

/// Each attempt's profile, oldest first, with when it started and its
/// scenario (a trainee's trend; attempts without a profile are left out).
pub fn trainee_skill_trend(store: &Store, filter: &Filter) -> Result<Vec<(Timestamp, String, Skills)>, StoreError> {
    let e = |e| store.err(e);
    let (cond, values) = filter.sql();
    let sql = format!(
        "SELECT a.started_ms, a.scenario, a.skills FROM attempts a WHERE {cond} AND a.skills IS NOT NULL
         ORDER BY a.started_ms, a.id"
    );
    let mut stmt = store.conn().prepare(&sql).map_err(e)?;
    let mut rows = stmt.query(params_from_iter(values)).map_err(e)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(e)? {
        let blob = r.get_ref(2).map_err(e)?.as_blob().map_err(|x| e(x.into()))?;
        let skills = Skills::from_bytes(blob).ok_or_else(|| store.bad("an attempt's skills profile does not read"))?;
        out.push((store.time(r.get(0).map_err(e)?)?, r.get(1).map_err(e)?, skills));
    }
    Ok(out)
}

/// The profile week by week (weeks from Monday 00:00 UTC), oldest first. The
/// whole cohort reads the weekly sums kept on every write.
pub fn skills_by_week(store: &Store, filter: &Filter) -> Result<Vec<(Timestamp, Skills)>, StoreError> {
    let e = |e| store.err(e);
    let mut weeks: BTreeMap<i64, Skills> = BTreeMap::new();
    if !filter.narrows() && filter.scenario.is_none() && filter.trainee.is_none() {
        let mut stmt = store.conn().prepare_cached("SELECT week_ms, skills FROM skill_weeks").map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let blob = r.get_ref(1).map_err(e)?.as_blob().map_err(|x| e(x.into()))?;
            let s = Skills::from_bytes(blob).ok_or_else(|| store.bad("a week's skills profile does not read"))?;
            weeks.insert(r.get(0).map_err(e)?, s);
        }
    } else {
        for (at, _, s) in trainee_skill_trend(store, filter)? {
            weeks.entry(week_of(at.as_millisecond())).or_default().add(&s);
        }
    }
    weeks.into_iter().map(|(ms, s)| Ok((store.time(ms)?, s))).collect()
}

/// A moment where a cue is often missed: one node of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moment {
    pub scenario: String,
    pub title: String,
    pub node: String,
    /// The emotion the patient cues there, and the node's first line.
    pub emotion: Option<&'static str>,
    pub patient: String,
    /// How often the node was reached, and the cue missed.
    pub visits: u32,
    pub missed: u32,
    /// Missed, in percent.
    pub rate: f64,
}

/// The moments where cues are most often missed across every scenario the
/// filter takes, most misses first, among nodes reached at least
/// `min_visits` times (so that one visit does not top the list).
pub fn missed_moments(store: &Store, filter: &Filter, min_visits: u32) -> Result<Vec<Moment>, StoreError> {
    let e = |e| store.err(e);
    // (scenario, node) -> (visits, missed), and the newest version of each scenario.
    let mut counts: HashMap<(String, String), (u32, u32)> = HashMap::new();
    let mut newest: HashMap<String, i64> = HashMap::new();
    let (sql, values) = if filter.narrows() || filter.trainee.is_some() {
        let (cond, values) = filter.sql();
        (
            format!(
                "SELECT a.scenario, st.node, count(*), sum(st.missed), max(a.version)
                 FROM steps st JOIN attempts a ON a.id = st.attempt WHERE {cond} GROUP BY a.scenario, st.node"
            ),
            values,
        )
    } else {
        let mut values = Vec::new();
        let cond = match &filter.scenario {
            Some(s) => {
                values.push(Value::Text(s.clone()));
                "v.scenario = ?1"
            }
            None => "true",
        };
        (
            format!(
                "SELECT v.scenario, c.node, sum(c.steps), sum(c.missed), max(v.id)
                 FROM choice_counts c JOIN versions v ON v.id = c.version WHERE {cond} GROUP BY v.scenario, c.node"
            ),
            values,
        )
    };
    {
        let mut stmt = store.conn().prepare(&sql).map_err(e)?;
        let mut rows = stmt.query(params_from_iter(values)).map_err(e)?;
        while let Some(r) = rows.next().map_err(e)? {
            let scenario: String = r.get(0).map_err(e)?;
            let version: i64 = r.get(4).map_err(e)?;
            let v = newest.entry(scenario.clone()).or_insert(version);
            *v = (*v).max(version);
            counts.insert((scenario, r.get(1).map_err(e)?), (r.get(2).map_err(e)?, r.get(3).map_err(e)?));
        }
    }
    let mut versions = Versions::default();
    let mut out = Vec::new();
    for ((scenario, node), (visits, missed)) in counts {
        if visits < min_visits.max(1) || missed == 0 {
            continue;
        }
        let script = match newest.get(&scenario) {
            Some(&v) => versions.get(store, v)?,
            None => None,
        };
        let at = script.and_then(|s| s.scenario().nodes.position(&node).map(|n| s.node(n)));
        out.push(Moment {
            title: script.map_or_else(|| scenario.clone(), |s| s.scenario().title.clone()),
            scenario,
            node,
            emotion: at.and_then(|n| n.cue).map(|c| c.emotion().name()),
            patient: at.and_then(|n| n.says.first().cloned()).unwrap_or_default(),
            visits,
            missed,
            rate: percent(missed, visits).unwrap_or(0.0),
        });
    }
    out.sort_by(|a, b| {
        b.missed
            .cmp(&a.missed)
            .then(b.rate.total_cmp(&a.rate))
            .then_with(|| (&a.scenario, &a.node).cmp(&(&b.scenario, &b.node)))
    });
    Ok(out)
}
