//! Writing attempts (one transaction each, with the cohort summary) and reading them back.

use rusqlite::{OptionalExtension, TransactionBehavior, params};
use uuid::Uuid;

use super::{Store, StoreError, classify, summaries};
use crate::{Attempt, Finish, Mode, Origin, Step};
use bedside_core::play::skills::Skills;

impl Store {
    /// Writes one attempt, its steps and the cohort summary in one transaction;
    /// durable when this returns. With `queue_xapi` the attempt also joins the
    /// queue of statements to send. Returns the attempt's row id.
    pub fn record(&mut self, a: &Attempt, queue_xapi: bool) -> Result<i64, StoreError> {
        let ids = self.record_all(std::slice::from_ref(a), queue_xapi)?;
        Ok(ids[0])
    }

    /// Writes several attempts in one transaction (an import, or filling a
    /// benchmark): all or none of them are kept.
    pub fn record_all(&mut self, attempts: &[Attempt], queue_xapi: bool) -> Result<Vec<i64>, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| classify(&path, e))?;
        let mut ids = Vec::with_capacity(attempts.len());
        for a in attempts {
            ids.push(insert(&tx, a, queue_xapi).map_err(|e| classify(&path, e))?);
        }
        tx.commit().map_err(|e| classify(&path, e))?;
        Ok(ids)
    }

    /// Reads one attempt back in full, by row id.
    pub fn attempt(&self, id: i64) -> Result<Attempt, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT a.uuid, t.name, a.scenario, v.title, v.content_hash, v.source, a.mode, a.seed, a.started_ms,
                        a.ended_ms, a.finish, a.ending, a.empathy, a.clarity, a.overall, a.best_rate,
                        a.objectives_met, a.safety_errors, a.origin, a.skills
                 FROM attempts a JOIN trainees t ON t.id = a.trainee JOIN versions v ON v.id = a.version
                 WHERE a.id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, i64>(7)?,
                        (r.get::<_, i64>(8)?, r.get::<_, i64>(9)?),
                        (r.get::<_, String>(10)?, r.get::<_, Option<String>>(11)?),
                        (r.get::<_, f64>(12)?, r.get::<_, f64>(13)?, r.get::<_, f64>(14)?, r.get::<_, f64>(15)?),
                        (r.get::<_, String>(16)?, r.get::<_, u32>(17)?, r.get::<_, String>(18)?),
                        r.get::<_, Option<Vec<u8>>>(19)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::NoSuchAttempt { path: self.path.clone(), id: id.to_string() })?;
        let (uuid, trainee, scenario, title, content_hash, source, mode, seed, times, finish, scores, results, skills) =
            row;
        Ok(Attempt {
            id: Uuid::parse_str(&uuid).map_err(|_| self.bad(format!("attempt {id} has the id {uuid:?}")))?,
            trainee,
            scenario,
            title,
            content_hash,
            source,
            mode: Mode::from_key(&mode).ok_or_else(|| self.bad(format!("attempt {id} has the mode {mode:?}")))?,
            seed: seed.cast_unsigned(),
            started: self.time(times.0)?,
            ended: self.time(times.1)?,
            finish: Finish::from_key(&finish.0, finish.1)
                .ok_or_else(|| self.bad(format!("attempt {id} has the outcome {:?}", finish.0)))?,
            empathy: scores.0,
            clarity: scores.1,
            overall: scores.2,
            best_choice_rate: scores.3,
            objectives_met: crate::split_objectives(&results.0)
                .ok_or_else(|| self.bad(format!("attempt {id} has the objectives {:?}", results.0)))?,
            safety_errors: results.1,
            steps: self.steps(id)?,
            origin: Origin::from_key(&results.2)
                .ok_or_else(|| self.bad(format!("attempt {id} has the origin {:?}", results.2)))?,
            skills: skills
                .map(|b| {
                    Skills::from_bytes(&b)
                        .ok_or_else(|| self.bad(format!("attempt {id} has a skills profile that does not read")))
                })
                .transpose()?,
        })
    }

    fn steps(&self, attempt: i64) -> Result<Vec<Step>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT node, variant, reaction, offered, chosen, empathy, clarity, best, missed, distress, trust,
                        escalated, at_ms, safety_error, typed, said
                 FROM steps WHERE attempt = ?1 ORDER BY n",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([attempt], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    [r.get::<_, i64>(5)?, r.get(6)?, r.get(9)?, r.get(10)?],
                    [r.get::<_, bool>(7)?, r.get(8)?, r.get(11)?, r.get(13)?],
                    r.get::<_, i64>(12)?,
                    (r.get::<_, Option<String>>(14)?, r.get::<_, Option<String>>(15)?),
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut steps = Vec::new();
        for row in rows {
            let (
                node,
                variant,
                reaction,
                offered,
                chosen,
                [empathy, clarity, distress, trust],
                [best, missed, escalated, safety_error],
                at,
                (typed, said),
            ) = row.map_err(|e| self.err(e))?;
            let bad = || self.bad(format!("a step of attempt {attempt} does not read back"));
            steps.push(Step {
                node,
                variant: usize::try_from(variant).map_err(|_| bad())?,
                reaction,
                offered: split_positions(&offered).ok_or_else(bad)?,
                chosen: chosen.map(usize::try_from).transpose().map_err(|_| bad())?,
                empathy,
                clarity,
                best,
                missed,
                distress,
                trust,
                escalated,
                safety_error,
                typed,
                said,
                at: self.time(at)?,
            });
        }
        Ok(steps)
    }
}

/// Inserts one attempt, its steps and its share of the cohort summary (inside a transaction).
/// A version first known only by its hash (a pulled attempt) gets its text when it comes.
pub(super) fn insert(tx: &rusqlite::Transaction<'_>, a: &Attempt, queue_xapi: bool) -> rusqlite::Result<i64> {
    // One person, one trainee: a name that differs only in case or spacing is
    // the trainee already there, shown by the name first seen.
    let key = crate::trainee_key(&a.trainee);
    tx.prepare_cached("INSERT INTO trainees (name, key, created_ms) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")?
        .execute(params![a.trainee, key, a.started.as_millisecond()])?;
    let trainee: i64 = tx.prepare_cached("SELECT id FROM trainees WHERE key = ?1")?.query_row([&key], |r| r.get(0))?;
    tx.prepare_cached(
        "INSERT INTO versions (scenario, content_hash, title, source) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (scenario, content_hash) DO UPDATE SET source = excluded.source, title = excluded.title
               WHERE versions.source = '' AND excluded.source <> ''",
    )?
    .execute(params![a.scenario, a.content_hash, a.title, a.source])?;
    let version: i64 = tx
        .prepare_cached("SELECT id FROM versions WHERE scenario = ?1 AND content_hash = ?2")?
        .query_row([&a.scenario, &a.content_hash], |r| r.get(0))?;
    tx.prepare_cached(
        "INSERT INTO attempts (uuid, trainee, version, scenario, mode, seed, started_ms, ended_ms, finish, ending,
                                   empathy, clarity, overall, best_rate, steps, objectives_met, safety_errors, origin,
                                   skills)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        a.id.to_string(),
        trainee,
        version,
        a.scenario,
        a.mode.key(),
        a.seed.cast_signed(),
        a.started.as_millisecond(),
        a.ended.as_millisecond(),
        a.finish.key(),
        a.finish.ending(),
        a.empathy,
        a.clarity,
        a.overall,
        a.best_choice_rate,
        a.steps.len() as i64,
        crate::join_objectives(&a.objectives_met),
        a.safety_errors,
        a.origin.key(),
        a.skills.map(|s| s.to_bytes()),
    ])?;
    let id = tx.last_insert_rowid();
    {
        let mut step = tx.prepare_cached(
            "INSERT INTO steps (attempt, n, node, variant, reaction, offered, chosen, empathy, clarity, best,
                                        missed, distress, trust, escalated, at_ms, safety_error, typed, said)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?;
        let mut count = tx.prepare_cached(
            "INSERT INTO choice_counts (version, node, chosen, steps, missed, best) VALUES (?1, ?2, ?3, 1, ?4, ?5)
             ON CONFLICT (version, node, chosen) DO UPDATE SET
               steps = steps + 1, missed = missed + excluded.missed, best = best + excluded.best",
        )?;
        for (n, s) in a.steps.iter().enumerate() {
            step.execute(params![
                id,
                n as i64,
                s.node,
                s.variant as i64,
                s.reaction,
                join_positions(&s.offered),
                s.chosen.map(|c| c as i64),
                s.empathy,
                s.clarity,
                s.best,
                s.missed,
                s.distress,
                s.trust,
                s.escalated,
                s.at.as_millisecond(),
                s.safety_error,
                s.typed,
                s.said,
            ])?;
            count.execute(params![version, s.node, s.chosen.map_or(-1, |c| c as i64), s.missed, s.best])?;
        }
    }
    summaries::add(
        tx,
        trainee,
        &a.scenario,
        &summaries::Entry {
            started_ms: a.started.as_millisecond(),
            added: summaries::added(
                a.finish.key(),
                a.overall,
                a.best_choice_rate,
                a.safety_errors,
                a.objectives_met.len(),
            ),
            skills: a.skills,
        },
    )?;
    if queue_xapi {
        tx.prepare_cached("INSERT INTO xapi_queue (attempt, tries, next_ms) VALUES (?1, 0, 0)")?.execute([id])?;
    }
    Ok(id)
}

/// Offered positions as stored: `2,0,1`.
fn join_positions(p: &[usize]) -> String {
    p.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

fn split_positions(s: &str) -> Option<Vec<usize>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(',').map(|p| p.parse().ok()).collect()
}

/// Works out the skills profile of every attempt that has none, from its
/// stored scenario version (the migration to schema version 5). Attempts
/// whose version no longer loads, or has no text here, keep none.
pub(super) fn fill_skills(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let versions: Vec<(i64, String, String)> = {
        let mut stmt = tx.prepare("SELECT id, scenario, source FROM versions WHERE source <> ''")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let mut attempts = tx.prepare("SELECT id FROM attempts WHERE version = ?1 AND skills IS NULL")?;
    let mut steps = tx.prepare(
        "SELECT node, variant, reaction, offered, chosen, distress, trust, escalated FROM steps WHERE attempt = ?1 ORDER BY n",
    )?;
    let mut put = tx.prepare("UPDATE attempts SET skills = ?2 WHERE id = ?1")?;
    for (version, scenario, source) in versions {
        let Some(script) = bedside_core::scenario::load::recorded(&format!("{scenario} (as recorded)"), &source) else {
            continue;
        };
        let ids: Vec<i64> = attempts.query_map([version], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let stored: Vec<Step> = steps
                .query_map([id], |r| {
                    Ok(Step {
                        node: r.get(0)?,
                        variant: usize::try_from(r.get::<_, i64>(1)?).unwrap_or(usize::MAX),
                        reaction: r.get(2)?,
                        offered: split_positions(&r.get::<_, String>(3)?).unwrap_or_default(),
                        chosen: r.get::<_, Option<i64>>(4)?.and_then(|c| usize::try_from(c).ok()),
                        empathy: 0,
                        clarity: 0,
                        best: false,
                        missed: false,
                        distress: r.get(5)?,
                        trust: r.get(6)?,
                        escalated: r.get(7)?,
                        safety_error: false,
                        typed: None,
                        said: None,
                        at: jiff::Timestamp::UNIX_EPOCH,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            if let Some(records) = crate::step_records(&script, &stored) {
                let scores = bedside_core::play::score::score(&script, &records);
                put.execute(params![id, Skills::of_run(&script, &scores).to_bytes()])?;
            }
        }
    }
    Ok(())
}
