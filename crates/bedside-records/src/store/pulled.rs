//! What a pull from the LRS keeps: the statements of attempts not yet complete
//! (the inbox), the attempts rebuilt from them, and where the last pull got to.

use std::collections::HashSet;

use jiff::Timestamp;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::attempts::insert;
use super::{Store, StoreError, classify};
use crate::Attempt;

/// The meta key of the pull's high-water mark: the latest `stored` time seen.
const CURSOR: &str = "lrs_cursor";
/// The meta key of the last pull's summary (JSON), for the review page.
const LAST_PULL: &str = "lrs_last_pull";

/// A statement pulled for an attempt that is not complete yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inboxed {
    /// The statement id.
    pub id: String,
    /// The attempt (xAPI registration) it belongs to.
    pub registration: String,
    /// The statement as JSON.
    pub body: String,
}

/// One page of a pull, written in one transaction.
#[derive(Debug, Default)]
pub struct PulledPage {
    /// Statements kept until their attempt is complete.
    pub inbox: Vec<Inboxed>,
    /// Attempts now complete, to record (their inbox rows are removed).
    pub attempts: Vec<Attempt>,
    /// Registrations whose inbox rows go (complete, or found not to read).
    pub drop: Vec<String>,
}

impl Store {
    /// Whether an attempt with this id (an xAPI registration) is in the records,
    /// recorded here or pulled before.
    pub fn has_attempt(&self, uuid: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM attempts WHERE uuid = ?1")
            .and_then(|mut s| s.exists([uuid]))
            .map_err(|e| self.err(e))
    }

    /// The registrations with statements waiting in the inbox.
    pub fn inbox_registrations(&self) -> Result<HashSet<String>, StoreError> {
        let mut stmt =
            self.conn.prepare_cached("SELECT DISTINCT registration FROM lrs_inbox").map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The statements waiting in the inbox for one registration, as JSON.
    pub fn inbox(&self, registration: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM lrs_inbox WHERE registration = ?1 ORDER BY statement")
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([registration], |r| r.get(0)).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The text of a scenario version, if this computer has it (an attempt
    /// played with it was recorded here).
    pub fn version_source(&self, scenario: &str, content_hash: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT source FROM versions WHERE scenario = ?1 AND content_hash = ?2 AND source <> ''")
            .and_then(|mut s| s.query_row([scenario, content_hash], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// Writes one page of a pull in one transaction: the statements still
    /// waiting go in the inbox (a statement already there is kept once), the
    /// complete attempts are recorded (marked as pulled, not queued to send;
    /// one already held is left as it is), and the inbox rows of `drop` go.
    /// Returns how many attempts were added.
    pub fn apply_pulled(&mut self, page: &PulledPage) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let e = |e| classify(&path, e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        let mut added = 0;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT INTO lrs_inbox (statement, registration, body) VALUES (?1, ?2, ?3)
                     ON CONFLICT (statement) DO NOTHING",
                )
                .map_err(e)?;
            for s in &page.inbox {
                put.execute(params![s.id, s.registration, s.body]).map_err(e)?;
            }
            let mut held = tx.prepare_cached("SELECT 1 FROM attempts WHERE uuid = ?1").map_err(e)?;
            for a in &page.attempts {
                // Another pull (the app's and the CLI's at once) may have got here first.
                if !held.exists([a.id.to_string()]).map_err(e)? {
                    insert(&tx, a, false).map_err(e)?;
                    added += 1;
                }
            }
            let mut gone = tx.prepare_cached("DELETE FROM lrs_inbox WHERE registration = ?1").map_err(e)?;
            for r in &page.drop {
                gone.execute([r]).map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        Ok(added)
    }

    /// How many attempts have statements waiting in the inbox (pulled before
    /// their last statement arrived).
    pub fn inbox_attempts(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT count(DISTINCT registration) FROM lrs_inbox", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// The latest `stored` time seen by a finished pull, if any.
    pub fn pull_cursor(&self) -> Result<Option<Timestamp>, StoreError> {
        self.meta(CURSOR)?.map(|t| t.parse().map_err(|_| self.bad(format!("the pull cursor {t:?}")))).transpose()
    }

    /// Moves the pull cursor on, at the end of a pull that read everything.
    pub fn set_pull_cursor(&self, at: Timestamp) -> Result<(), StoreError> {
        self.set_meta(CURSOR, &at.to_string())
    }

    /// The summary of the last pull that finished or failed (JSON), if any.
    pub fn last_pull(&self) -> Result<Option<String>, StoreError> {
        self.meta(LAST_PULL)
    }

    /// Keeps the summary of this pull.
    pub fn set_last_pull(&self, summary: &str) -> Result<(), StoreError> {
        self.set_meta(LAST_PULL, summary)
    }
}
