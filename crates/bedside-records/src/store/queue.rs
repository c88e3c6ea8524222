//! The xAPI send queue: attempts waiting for the LRS, retried with a growing wait.

use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

impl Store {
    /// Puts every attempt recorded on this computer not already waiting on the
    /// xAPI send queue (to send the whole history to a new LRS). Attempts pulled
    /// from the LRS are not sent back: the computer that recorded them sends
    /// them. Returns how many were added.
    pub fn queue_xapi_all(&mut self) -> Result<usize, StoreError> {
        self.conn
            .execute(
                "INSERT INTO xapi_queue (attempt, tries, next_ms) SELECT id, 0, 0 FROM attempts WHERE origin = 'local'
                 ON CONFLICT (attempt) DO NOTHING",
                [],
            )
            .map_err(|e| self.err(e))
    }

    /// Claims, for `claimant` until `now + lease`, the first attempt after
    /// `after` (a row id; 0 for the start) whose next try is due by `due_by` and
    /// that no other sender holds. One statement, so two senders (the app and
    /// the CLI, or two windows) never take the same attempt; a sender that
    /// crashed holds its claim only until the lease runs out. None when no
    /// attempt is left.
    pub fn xapi_claim(
        &mut self,
        after: i64,
        due_by: Timestamp,
        now: Timestamp,
        lease: Duration,
        claimant: &str,
    ) -> Result<Option<i64>, StoreError> {
        let now_ms = now.as_millisecond();
        let until = now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        self.conn
            .query_row(
                "UPDATE xapi_queue SET claimed_by = ?4, claimed_until_ms = ?5
                 WHERE attempt = (SELECT attempt FROM xapi_queue
                                  WHERE attempt > ?1 AND next_ms <= ?2 AND claimed_until_ms <= ?3
                                  ORDER BY attempt LIMIT 1)
                 RETURNING attempt",
                params![after, due_by.as_millisecond(), now_ms, claimant, until],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
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
    /// doubling, at most an hour). The sender's claim is given up.
    pub fn xapi_failed(&mut self, attempt: i64, error: &str, now: Timestamp) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE xapi_queue SET tries = tries + 1, last_error = ?2, claimed_by = NULL, claimed_until_ms = 0,
                   next_ms = ?3 + min(3600000, 30000 * (1 << min(tries, 7))) WHERE attempt = ?1",
                params![attempt, error, now.as_millisecond()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// This records folder's station id: a random UUID made on first use, that
    /// names the computer (not a person) in the statements saying it delivered
    /// an attempt to the LRS.
    pub fn station(&mut self) -> Result<String, StoreError> {
        if let Some(id) = self.meta(STATION)? {
            return Ok(id);
        }
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
                [STATION, &uuid::Uuid::new_v4().to_string()],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.meta(STATION)?.unwrap_or_default())
    }
}

/// The meta key of the station id.
const STATION: &str = "station";
