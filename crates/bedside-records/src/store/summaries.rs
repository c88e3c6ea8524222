//! The summaries kept up to date on every write, so that the educator's views
//! read in one pass however many attempts there are: each trainee's packed
//! cohort cells (summary.rs), each trainee's skills profile, and the cohort's
//! profile by week. Adding one attempt to them, and rebuilding them all from
//! the attempts (the migration to schema version 5).

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use crate::summary;
use bedside_core::play::skills::Skills;

/// What one attempt adds to the summaries.
pub(super) struct Entry {
    pub started_ms: i64,
    pub added: summary::Added,
    pub skills: Option<Skills>,
}

/// The cohort cell's figures of an attempt that ended `finish` (as stored).
pub fn added(finish: &str, overall: f64, best_rate: f64, safety_errors: u32, objectives_met: usize) -> summary::Added {
    let outcome = match finish {
        "resolved" => summary::RESOLVED,
        "partial" => summary::PARTIAL,
        "unresolved" => summary::UNRESOLVED,
        _ => 0,
    };
    summary::Added {
        overall: (outcome != 0).then_some(overall),
        started: 0,
        safety_errors,
        objectives_met,
        outcome,
        best_rate,
    }
}

/// The Monday 00:00 UTC that starts the week of `ms` (Unix ms).
pub fn week_of(ms: i64) -> i64 {
    const DAY: i64 = 86_400_000;
    // 1970-01-01 was a Thursday: Mondays are 4 days after a multiple of 7 days.
    let days = ms.div_euclid(DAY);
    (days - (days - 4).rem_euclid(7)) * DAY
}

/// Adds one attempt by `trainee` at `scenario` to every summary.
pub(super) fn add(tx: &Transaction<'_>, trainee: i64, scenario: &str, e: &Entry) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO scenario_keys (scenario) VALUES (?1) ON CONFLICT (scenario) DO NOTHING")?
        .execute([scenario])?;
    let key: u32 =
        tx.prepare_cached("SELECT id FROM scenario_keys WHERE scenario = ?1")?.query_row([scenario], |r| r.get(0))?;
    let blob: Option<Vec<u8>> = tx
        .prepare_cached("SELECT cells FROM cohort WHERE trainee = ?1")?
        .query_row([trainee], |r| r.get(0))
        .optional()?;
    let mut cells: Vec<summary::Packed> = blob.as_deref().map(|b| summary::decode(b).collect()).unwrap_or_default();
    summary::add(&mut cells, key, summary::Added { started: e.started_ms, ..e.added });
    tx.prepare_cached(
        "INSERT INTO cohort (trainee, cells) VALUES (?1, ?2) ON CONFLICT (trainee) DO UPDATE SET cells = excluded.cells",
    )?
    .execute(params![trainee, summary::encode(&cells)])?;
    if let Some(skills) = &e.skills {
        add_skills(tx, "trainee_skills", "trainee", trainee, skills)?;
        add_skills(tx, "skill_weeks", "week_ms", week_of(e.started_ms), skills)?;
    }
    Ok(())
}

/// Adds a profile to the row `id` of a table of packed profiles.
fn add_skills(tx: &Transaction<'_>, table: &str, column: &str, id: i64, skills: &Skills) -> rusqlite::Result<()> {
    let old: Option<Vec<u8>> = tx
        .prepare_cached(&format!("SELECT skills FROM {table} WHERE {column} = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let mut sum = old.as_deref().and_then(Skills::from_bytes).unwrap_or_default();
    sum.add(skills);
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({column}, skills) VALUES (?1, ?2) ON CONFLICT ({column}) DO UPDATE SET skills = excluded.skills"
    ))?
    .execute(params![id, sum.to_bytes()])?;
    Ok(())
}

/// Rebuilds the cohort cells, the trainees' profiles and the weekly profiles
/// from the attempts (one pass over them, by trainee).
pub(super) fn rebuild(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM cohort; DELETE FROM trainee_skills; DELETE FROM skill_weeks;
         INSERT INTO scenario_keys (scenario) SELECT DISTINCT scenario FROM attempts WHERE true
           ON CONFLICT (scenario) DO NOTHING;",
    )?;
    let mut stmt = tx.prepare(
        "SELECT a.trainee, k.id, a.started_ms, a.finish, a.overall, a.best_rate, a.safety_errors, a.objectives_met, a.skills
         FROM attempts a JOIN scenario_keys k ON k.scenario = a.scenario ORDER BY a.trainee, a.started_ms",
    )?;
    let mut rows = stmt.query([])?;
    let mut current: Option<(i64, Vec<summary::Packed>, Skills)> = None;
    let mut weeks: HashMap<i64, Skills> = HashMap::new();
    let mut put_cells = tx.prepare("INSERT INTO cohort (trainee, cells) VALUES (?1, ?2)")?;
    let mut put_skills = tx.prepare("INSERT INTO trainee_skills (trainee, skills) VALUES (?1, ?2)")?;
    let mut flush = |c: Option<(i64, Vec<summary::Packed>, Skills)>| -> rusqlite::Result<()> {
        if let Some((trainee, cells, skills)) = c {
            put_cells.execute(params![trainee, summary::encode(&cells)])?;
            put_skills.execute(params![trainee, skills.to_bytes()])?;
        }
        Ok(())
    };
    while let Some(r) = rows.next()? {
        let trainee: i64 = r.get(0)?;
        if current.as_ref().is_none_or(|c| c.0 != trainee) {
            flush(current.take())?;
            current = Some((trainee, Vec::new(), Skills::default()));
        }
        let Some((_, cells, profile)) = current.as_mut() else { continue };
        let started: i64 = r.get(2)?;
        let finish: String = r.get(3)?;
        let objectives: String = r.get(7)?;
        let met = crate::split_objectives(&objectives).map_or(0, |m| m.len());
        let a = added(&finish, r.get(4)?, r.get(5)?, r.get(6)?, met);
        summary::add(cells, r.get(1)?, summary::Added { started, ..a });
        if let Some(s) = r.get::<_, Option<Vec<u8>>>(8)?.as_deref().and_then(Skills::from_bytes) {
            profile.add(&s);
            weeks.entry(week_of(started)).or_default().add(&s);
        }
    }
    flush(current.take())?;
    let mut put_week = tx.prepare("INSERT INTO skill_weeks (week_ms, skills) VALUES (?1, ?2)")?;
    for (week, skills) in weeks {
        put_week.execute(params![week, skills.to_bytes()])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::week_of;

    #[test]
    fn a_week_starts_on_monday_at_midnight_utc() {
        // 2026-11-30 was a Monday; 2026-12-06 a Sunday.
        let monday = jiff::Timestamp::from_second(1_795_996_800).unwrap().as_millisecond();
        assert_eq!(jiff::Timestamp::from_millisecond(monday).unwrap().to_string(), "2026-11-30T00:00:00Z");
        assert_eq!(week_of(monday), monday);
        assert_eq!(week_of(monday + 6 * 86_400_000 + 86_399_999), monday);
        assert_eq!(week_of(monday - 1), monday - 7 * 86_400_000);
    }
}
