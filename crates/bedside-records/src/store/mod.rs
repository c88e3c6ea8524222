//! The SQLite store of attempts: opening (and refusing files that are not ours),
//! versioned migrations and the settings kept with the records.
//!
//! `attempts` writes and reads attempts, `educator` holds the passphrase and the
//! educator's settings, `queue` the xAPI send queue, `pulled` what a pull from
//! the LRS keeps, `summaries` what is kept up to date on every write, `roster`
//! the trainees expected, `rules` the competency rules.
//!
//! WAL journal, `synchronous = FULL`: once [`Store::record`] returns, the attempt
//! survives a crash or a kill. Writers take the lock up front (`BEGIN IMMEDIATE`)
//! and wait for each other, so two processes can record at once.

mod attempts;
mod educator;
mod pulled;
mod queue;
mod roster;
mod rules;
mod summaries;

pub use summaries::{added, week_of};

pub use educator::{AccessError, MIN_PASSPHRASE};
pub use pulled::{Inboxed, PulledPage};
pub use roster::{RosterEntry, RosterError};
pub use rules::PassRule;

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::summary;

/// The file name inside the data folder.
pub const FILE_NAME: &str = "bedside.sqlite3";

/// The schema version this program writes; `PRAGMA user_version` holds the file's.
pub const SCHEMA_VERSION: i64 = 5;

/// Each migration takes the schema from its index to the next version.
const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
];

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
            if v + 1 == 5 {
                migrate_v5(&tx).map_err(|e| classify(&self.path, e))?;
            }
            tx.pragma_update(None, "user_version", v + 1).map_err(|e| classify(&self.path, e))?;
            tx.commit().map_err(|e| classify(&self.path, e))?;
        }
    }

    pub(crate) fn time(&self, ms: i64) -> Result<Timestamp, StoreError> {
        Timestamp::from_millisecond(ms).map_err(|_| self.bad(format!("the time {ms} is out of range")))
    }

    /// How many attempts the store holds.
    pub fn count(&self) -> Result<i64, StoreError> {
        self.conn.query_row("SELECT count(*) FROM attempts", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// A setting kept with the records.
    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Sets a setting kept with the records.
    pub(crate) fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
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

/// Schema version 5: one trainee per person (names differing only in case or
/// spacing merged into the first), each attempt's skills profile worked out
/// from its stored scenario version, and every summary rebuilt.
fn migrate_v5(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let trainees: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, name FROM trainees ORDER BY id")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let mut first: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for (id, name) in trainees {
        let key = crate::trainee_key(&name);
        match first.get(&key) {
            Some(&keep) => {
                tx.execute("UPDATE attempts SET trainee = ?1 WHERE trainee = ?2", params![keep, id])?;
                tx.execute("DELETE FROM cohort WHERE trainee = ?1", [id])?;
                tx.execute("DELETE FROM trainees WHERE id = ?1", [id])?;
            }
            None => {
                tx.execute("UPDATE trainees SET key = ?1 WHERE id = ?2", params![key, id])?;
                first.insert(key, id);
            }
        }
    }
    tx.execute_batch("CREATE UNIQUE INDEX trainees_by_key ON trainees (key);")?;
    attempts::fill_skills(tx)?;
    summaries::rebuild(tx)
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

/// Creates an empty database file readable and writable by its owner only, if
/// none is there. SQLite gives its WAL and shared-memory files the same mode.
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
