//! The SQLite store of attempts: opening (and refusing files that are not ours),
//! versioned migrations, durable one-transaction writes, reading attempts back,
//! the educator passphrase and the xAPI send queue.
//!
//! WAL journal, `synchronous = FULL`: once [`Store::record`] returns, the attempt
//! survives a crash or a kill. Writers take the lock up front (`BEGIN IMMEDIATE`)
//! and wait for each other, so two processes can record at once.

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use jiff::Timestamp;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use uuid::Uuid;

use crate::{Attempt, Finish, Mode, Step, summary};

/// The file name inside the data folder.
pub const FILE_NAME: &str = "bedside.sqlite3";

/// The schema version this program writes; `PRAGMA user_version` holds the file's.
pub const SCHEMA_VERSION: i64 = 3;

/// Each migration takes the schema from its index to the next version.
const MIGRATIONS: &[&str] =
    &[include_str!("schema_v1.sql"), include_str!("schema_v2.sql"), include_str!("schema_v3.sql")];

/// The first 16 bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What can go wrong with the store. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is not a Bedside records database ({detail}); it was left untouched. Move it aside or choose another folder with --data"
    )]
    NotADatabase { path: PathBuf, detail: String },
    #[error(
        "{path} is damaged ({detail}); it was left untouched. Restore it from a backup, or move it aside to start a new one"
    )]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer Bedside (schema version {found}; this program knows up to {known}); it was left untouched. Update Bedside to read it"
    )]
    Newer { path: PathBuf, found: i64, known: i64 },
    #[error("cannot use {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("{path}: a stored record does not read back ({what})")]
    BadRecord { path: PathBuf, what: String },
    #[error("no attempt {id} in {path}")]
    NoSuchAttempt { path: PathBuf, id: String },
    /// An export could not be written (the disk, a closed pipe): the records are fine.
    #[error("cannot write the export: {0}")]
    Export(String),
    /// A report asked for in a way that cannot be answered.
    #[error("{0}")]
    Usage(String),
}

/// Why the educator passphrase was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    #[error("no educator passphrase has been set yet")]
    NotSet,
    #[error("that is not the educator passphrase")]
    Wrong,
    #[error("the educator passphrase is already set")]
    AlreadySet,
    #[error("an educator passphrase needs at least {0} characters")]
    TooShort(usize),
    #[error("the stored passphrase hash cannot be read ({0})")]
    Stored(String),
}

/// The meta key of the educator's choice to send typed replies to the LRS.
const SHARE_TYPED: &str = "share_typed";

/// Fewest characters in an educator passphrase.
pub const MIN_PASSPHRASE: usize = 8;

/// The records database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

/// The platform's data folder for Bedside (e.g. `~/.local/share/bedside`).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Bedside", "bedside").map(|d| d.data_dir().to_path_buf())
}

impl Store {
    /// Opens (creating if needed) the store in a data folder.
    pub fn open_dir(dir: &Path) -> Result<Store, StoreError> {
        Store::open(&dir.join(FILE_NAME))
    }

    /// Opens the database at `path`, creating it (owner-only) if missing and
    /// bringing its schema up to date. A file that is not a SQLite database, is
    /// damaged, or has a newer schema is an error and is not written to.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let io = |source| StoreError::Io { path: path.to_owned(), source };
        check_header(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(io)?;
        }
        create_private_file(path).map_err(io)?;
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| classify(path, e))?;
        let mut store = Store { conn, path: path.to_owned() };
        store.conn.busy_timeout(Duration::from_secs(30)).map_err(|e| store.err(e))?;
        // The version and the tables, read in one statement so that both come
        // from the same moment (another process may be creating the schema).
        // Reading the schema also finds a damaged first page before anything
        // is written; tables without our version number belong to another program.
        let (found, tables): (i64, i64) = store
            .conn
            .query_row(
                "SELECT user_version, (SELECT count(*) FROM sqlite_schema) FROM pragma_user_version()",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| store.err(e))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::Newer { path: path.to_owned(), found, known: SCHEMA_VERSION });
        }
        if found == 0 && tables > 0 {
            return Err(StoreError::NotADatabase {
                path: path.to_owned(),
                detail: format!("it is an SQLite database of another program, with {tables} tables of its own"),
            });
        }
        // SQLite leaves the journal mode as it was while another process is in
        // the middle of a transaction on the file (creating it, say), and when
        // two processes switch a new file at once one of them is told "busy"
        // at once (its busy handler is not asked, to avoid a deadlock): wait
        // and try again, as long as the busy timeout.
        let mut tries = 0;
        loop {
            let mode = match store.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
                Ok(mode) => mode,
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) && tries < 300 => "busy".to_owned(),
                Err(e) => return Err(store.err(e)),
            };
            if mode.eq_ignore_ascii_case("wal") {
                break;
            }
            tries += 1;
            if tries > 300 {
                return Err(StoreError::Damaged {
                    path: path.to_owned(),
                    detail: format!("its journal mode stays {mode} (is another program holding it?)"),
                });
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        store.conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;").map_err(|e| store.err(e))?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Turns a SQLite error into a store error naming this file.
    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    pub(crate) fn bad(&self, what: impl Into<String>) -> StoreError {
        StoreError::BadRecord { path: self.path.clone(), what: what.into() }
    }

    /// Runs the migrations the file has not had, each in its own transaction.
    /// Another process may migrate at the same moment; the version is read again
    /// under the write lock.
    fn migrate(&mut self) -> Result<(), StoreError> {
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| classify(&self.path, e))?;
            let v: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| classify(&self.path, e))?;
            if v > SCHEMA_VERSION {
                return Err(StoreError::Newer { path: self.path.clone(), found: v, known: SCHEMA_VERSION });
            }
            let Some(sql) = usize::try_from(v).ok().and_then(|i| MIGRATIONS.get(i)) else {
                return Ok(());
            };
            tx.execute_batch(sql).map_err(|e| classify(&self.path, e))?;
            if v + 1 == 2 {
                repack_cohort_v2(&tx).map_err(|e| classify(&self.path, e))?;
            }
            tx.pragma_update(None, "user_version", v + 1).map_err(|e| classify(&self.path, e))?;
            tx.commit().map_err(|e| classify(&self.path, e))?;
        }
    }

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
                        a.objectives_met, a.safety_errors
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
                        (r.get::<_, String>(16)?, r.get::<_, u32>(17)?),
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::NoSuchAttempt { path: self.path.clone(), id: id.to_string() })?;
        let (uuid, trainee, scenario, title, content_hash, source, mode, seed, times, finish, scores, results) = row;
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
        })
    }

    fn steps(&self, attempt: i64) -> Result<Vec<Step>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT node, variant, reaction, offered, chosen, empathy, clarity, best, missed, distress, trust,
                        escalated, at_ms, safety_error, typed
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
                    r.get::<_, Option<String>>(14)?,
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
                typed,
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
                at: self.time(at)?,
            });
        }
        Ok(steps)
    }

    pub(crate) fn time(&self, ms: i64) -> Result<Timestamp, StoreError> {
        Timestamp::from_millisecond(ms).map_err(|_| self.bad(format!("the time {ms} is out of range")))
    }

    /// How many attempts the store holds.
    pub fn count(&self) -> Result<i64, StoreError> {
        self.conn.query_row("SELECT count(*) FROM attempts", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// Whether an educator passphrase has been set.
    pub fn has_educator(&self) -> Result<bool, StoreError> {
        Ok(self.meta("educator_passphrase")?.is_some())
    }

    /// Sets the educator passphrase the first time; refused once one is set.
    pub fn set_educator(&mut self, passphrase: &str) -> Result<Result<(), AccessError>, StoreError> {
        if passphrase.chars().count() < MIN_PASSPHRASE {
            return Ok(Err(AccessError::TooShort(MIN_PASSPHRASE)));
        }
        let hash = match Argon2::default().hash_password(passphrase.as_bytes()) {
            Ok(h) => h.to_string(),
            Err(e) => return Ok(Err(AccessError::Stored(e.to_string()))),
        };
        let n = self
            .conn
            .execute(
                "INSERT INTO meta (key, value) VALUES ('educator_passphrase', ?1) ON CONFLICT (key) DO NOTHING",
                [hash],
            )
            .map_err(|e| self.err(e))?;
        Ok(if n == 1 { Ok(()) } else { Err(AccessError::AlreadySet) })
    }

    /// Checks the educator passphrase against the stored Argon2id hash.
    pub fn check_educator(&self, passphrase: &str) -> Result<Result<(), AccessError>, StoreError> {
        let Some(stored) = self.meta("educator_passphrase")? else {
            return Ok(Err(AccessError::NotSet));
        };
        let hash = match PasswordHash::new(&stored) {
            Ok(h) => h,
            Err(e) => return Ok(Err(AccessError::Stored(e.to_string()))),
        };
        Ok(Argon2::default().verify_password(passphrase.as_bytes(), &hash).map_err(|_| AccessError::Wrong))
    }

    /// Whether an educator allows typed replies to go to the LRS (they are
    /// personal data; off unless set).
    pub fn share_typed(&self) -> Result<bool, StoreError> {
        Ok(self.meta(SHARE_TYPED)?.as_deref() == Some("yes"))
    }

    /// Allows or stops sending typed replies to the LRS. The caller checks the
    /// educator passphrase first.
    pub fn set_share_typed(&mut self, share: bool) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SHARE_TYPED, if share { "yes" } else { "no" }],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Puts every attempt not already waiting on the xAPI send queue (to send
    /// the whole history to a new LRS). Returns how many were added.
    pub fn queue_xapi_all(&mut self) -> Result<usize, StoreError> {
        self.conn
            .execute(
                "INSERT INTO xapi_queue (attempt, tries, next_ms) SELECT id, 0, 0 FROM attempts WHERE true
                 ON CONFLICT (attempt) DO NOTHING",
                [],
            )
            .map_err(|e| self.err(e))
    }

    /// Attempts waiting to be sent whose next try is due at `now`, oldest first.
    pub fn xapi_due(&self, now: Timestamp, limit: usize) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT attempt FROM xapi_queue WHERE next_ms <= ?1 ORDER BY attempt LIMIT ?2")
            .map_err(|e| self.err(e))?;
        let rows =
            stmt.query_map(params![now.as_millisecond(), limit as i64], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// How many attempts wait to be sent, and the last error met, if any.
    pub fn xapi_pending(&self) -> Result<(i64, Option<String>), StoreError> {
        self.conn
            .query_row(
                "SELECT count(*), (SELECT last_error FROM xapi_queue WHERE last_error IS NOT NULL
                                   ORDER BY tries DESC LIMIT 1) FROM xapi_queue",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))
    }

    /// The attempt's statements were accepted: off the queue.
    pub fn xapi_sent(&mut self, attempt: i64) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM xapi_queue WHERE attempt = ?1", [attempt]).map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Sending failed: try again later, waiting longer after each failure (30 s,
    /// doubling, at most an hour).
    pub fn xapi_failed(&mut self, attempt: i64, error: &str, now: Timestamp) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE xapi_queue SET tries = tries + 1, last_error = ?2,
                   next_ms = ?3 + min(3600000, 30000 * (1 << min(tries, 7))) WHERE attempt = ?1",
                params![attempt, error, now.as_millisecond()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}

/// Inserts one attempt, its steps and its share of the cohort summary (inside a transaction).
fn insert(tx: &rusqlite::Transaction<'_>, a: &Attempt, queue_xapi: bool) -> rusqlite::Result<i64> {
    tx.prepare_cached("INSERT INTO trainees (name, created_ms) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING")?
        .execute(params![a.trainee, a.started.as_millisecond()])?;
    let trainee: i64 =
        tx.prepare_cached("SELECT id FROM trainees WHERE name = ?1")?.query_row([&a.trainee], |r| r.get(0))?;
    tx.prepare_cached(
        "INSERT INTO versions (scenario, content_hash, title, source) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (scenario, content_hash) DO NOTHING",
    )?
    .execute(params![a.scenario, a.content_hash, a.title, a.source])?;
    let version: i64 = tx
        .prepare_cached("SELECT id FROM versions WHERE scenario = ?1 AND content_hash = ?2")?
        .query_row([&a.scenario, &a.content_hash], |r| r.get(0))?;
    tx.prepare_cached(
        "INSERT INTO attempts (uuid, trainee, version, scenario, mode, seed, started_ms, ended_ms, finish, ending,
                                   empathy, clarity, overall, best_rate, steps, objectives_met, safety_errors)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
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
    ])?;
    let id = tx.last_insert_rowid();
    {
        let mut step = tx.prepare_cached(
            "INSERT INTO steps (attempt, n, node, variant, reaction, offered, chosen, empathy, clarity, best,
                                        missed, distress, trust, escalated, at_ms, safety_error, typed)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
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
            ])?;
            count.execute(params![version, s.node, s.chosen.map_or(-1, |c| c as i64), s.missed, s.best])?;
        }
    }
    // The trainee's packed cohort row, with this attempt added.
    tx.prepare_cached("INSERT INTO scenario_keys (scenario) VALUES (?1) ON CONFLICT (scenario) DO NOTHING")?
        .execute([&a.scenario])?;
    let key: u32 = tx
        .prepare_cached("SELECT id FROM scenario_keys WHERE scenario = ?1")?
        .query_row([&a.scenario], |r| r.get(0))?;
    let blob: Option<Vec<u8>> = tx
        .prepare_cached("SELECT cells FROM cohort WHERE trainee = ?1")?
        .query_row([trainee], |r| r.get(0))
        .optional()?;
    let mut cells: Vec<summary::Packed> = blob.as_deref().map(|b| summary::decode(b).collect()).unwrap_or_default();
    let overall = (!a.finish.is_abandoned()).then_some(a.overall);
    summary::add(
        &mut cells,
        key,
        summary::Added {
            overall,
            started: a.started.as_millisecond(),
            safety_errors: a.safety_errors,
            objectives_met: a.objectives_met.len(),
        },
    );
    tx.prepare_cached("INSERT INTO cohort (trainee, cells) VALUES (?1, ?2) ON CONFLICT (trainee) DO UPDATE SET cells = excluded.cells")?
        .execute(params![trainee, summary::encode(&cells)])?;
    if queue_xapi {
        tx.prepare_cached("INSERT INTO xapi_queue (attempt, tries, next_ms) VALUES (?1, 0, 0)")?.execute([id])?;
    }
    Ok(id)
}

/// Schema version 2 widens the packed cohort cells (summary.rs) from 32 to 40
/// bytes; the attempts before it had no safety errors and met no objectives.
fn repack_cohort_v2(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, Vec<u8>)> = {
        let mut stmt = tx.prepare("SELECT trainee, cells FROM cohort")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let mut update = tx.prepare("UPDATE cohort SET cells = ?2 WHERE trainee = ?1")?;
    for (trainee, old) in rows {
        update.execute(params![trainee, summary::encode(&summary::decode_v1(&old))])?;
    }
    Ok(())
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

/// Refuses a file that exists, is not empty and does not start like a SQLite
/// database, before SQLite (which might write to it) sees it.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(StoreError::Io { path: path.to_owned(), source }),
    };
    let meta = file.metadata().map_err(|source| StoreError::Io { path: path.to_owned(), source })?;
    if meta.is_dir() {
        return Err(StoreError::NotADatabase { path: path.to_owned(), detail: "it is a folder".into() });
    }
    let mut head = [0u8; 16];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(source) => return Err(StoreError::Io { path: path.to_owned(), source }),
        }
    }
    if got == 0 || &head == SQLITE_MAGIC {
        Ok(())
    } else {
        Err(StoreError::NotADatabase {
            path: path.to_owned(),
            detail: "it does not start with the SQLite header".into(),
        })
    }
}

/// Names SQLite's "not a database" and "malformed" errors as such.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path: path.to_owned(), detail: e.to_string() },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged { path: path.to_owned(), detail: e.to_string() },
        _ => StoreError::Sqlite { path: path.to_owned(), source: e },
    }
}

/// Creates the data folder readable by its owner only (if it is new).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Creates an empty database file readable and writable by its owner only, if
/// none is there. SQLite gives its WAL and shared-memory files the same mode.
/// Creates (or empties) an export file that only its owner can read, like the
/// store itself: exports hold the same personal data.
pub fn create_export(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let file = o.open(path)?;
    // An existing file keeps its mode on open: make it owner-only too.
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    Ok(file)
}

fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}
