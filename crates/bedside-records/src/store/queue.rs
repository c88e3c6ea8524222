//! The xAPI send queue: attempts waiting for the LRS, retried with a growing wait.

use jiff::Timestamp;
use rusqlite::params;

use super::{Store, StoreError};

impl Store {
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
