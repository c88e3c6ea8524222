//! The roster: the trainees an educator expects, by name (one person per name
//! whatever its case or spacing) with an optional staff ID, imported from a CSV
//! file (all rows or none) or added one at a time.

use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::{Store, StoreError, classify};
use crate::trainee_key;

/// One person on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterEntry {
    pub name: String,
    pub staff_id: Option<String>,
}

/// Why a roster file was not taken. Nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("the roster file is empty; it needs a `name` column (and may have `staff_id`), one trainee per row")]
    Empty,
    #[error("the roster file has no `name` column (its header is: {0})")]
    NoNameColumn(String),
    #[error("line {line}: {why}")]
    Row { line: u64, why: String },
    #[error("the roster file does not read as CSV: {0}")]
    Csv(String),
}

impl Store {
    /// Imports a roster from CSV text with a header row: a `name` column and
    /// an optional `staff_id` column (any case; `staff id`, `id` also do).
    /// Every row is checked first; one bad row (no name, a staff ID given
    /// twice, a staff ID already someone else's) and nothing is stored, and
    /// every problem is listed. People already on the roster are updated (a
    /// staff ID is added, never silently changed). Returns how many rows were taken.
    pub fn import_roster(&mut self, csv_text: &str) -> Result<Result<usize, Vec<RosterError>>, StoreError> {
        let entries = match parse_roster(csv_text) {
            Ok(e) => e,
            Err(problems) => return Ok(Err(problems)),
        };
        let mut problems = Vec::new();
        for (line, e) in &entries {
            if let Some(id) = &e.staff_id
                && let Some(owner) = self.roster_owner(id)?
                && owner != trainee_key(&e.name)
            {
                problems.push(RosterError::Row {
                    line: *line,
                    why: format!("staff ID {id:?} is already on the roster for someone else ({owner})"),
                });
            }
            if let (Some(id), Some(old)) = (&e.staff_id, self.roster_entry(&e.name)?.and_then(|r| r.staff_id))
                && *id != old
            {
                problems.push(RosterError::Row {
                    line: *line,
                    why: format!(
                        "{} is on the roster with staff ID {old:?}, not {id:?}; remove them first to change it",
                        e.name
                    ),
                });
            }
        }
        if !problems.is_empty() {
            return Ok(Err(problems));
        }
        let path = self.path.clone();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(|e| classify(&path, e))?;
        for (_, e) in &entries {
            put(&tx, e).map_err(|e| classify(&path, e))?;
        }
        tx.commit().map_err(|e| classify(&path, e))?;
        Ok(Ok(entries.len()))
    }

    /// Adds one person (or gives one already there a staff ID).
    pub fn add_to_roster(&mut self, entry: &RosterEntry) -> Result<Result<(), RosterError>, StoreError> {
        let text = format!(
            "name,staff_id\n{},{}\n",
            csv_field(&entry.name),
            entry.staff_id.as_deref().map(csv_field).unwrap_or_default()
        );
        Ok(self.import_roster(&text)?.map(|_| ()).map_err(|mut p| p.remove(0)))
    }

    /// Takes a person off the roster (their attempts stay). Whether they were on it.
    pub fn remove_from_roster(&mut self, name: &str) -> Result<bool, StoreError> {
        let n = self.conn.execute("DELETE FROM roster WHERE key = ?1", [trainee_key(name)]).map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Everyone on the roster, by name.
    pub fn roster(&self) -> Result<Vec<RosterEntry>, StoreError> {
        let mut stmt =
            self.conn.prepare_cached("SELECT name, staff_id FROM roster ORDER BY key").map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok(RosterEntry { name: r.get(0)?, staff_id: r.get(1)? }))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    fn roster_owner(&self, staff_id: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT key FROM roster WHERE staff_id = ?1", [staff_id], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    fn roster_entry(&self, name: &str) -> Result<Option<RosterEntry>, StoreError> {
        self.conn
            .query_row("SELECT name, staff_id FROM roster WHERE key = ?1", [trainee_key(name)], |r| {
                Ok(RosterEntry { name: r.get(0)?, staff_id: r.get(1)? })
            })
            .optional()
            .map_err(|e| self.err(e))
    }
}

/// Writes one entry: new, or an existing one given a staff ID.
fn put(tx: &rusqlite::Transaction<'_>, e: &RosterEntry) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO roster (key, name, staff_id, added_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key) DO UPDATE SET staff_id = coalesce(roster.staff_id, excluded.staff_id)",
        params![
            trainee_key(&e.name),
            e.name.split_whitespace().collect::<Vec<_>>().join(" "),
            e.staff_id,
            jiff::Timestamp::now().as_millisecond()
        ],
    )?;
    Ok(())
}

/// A field as CSV writes it.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// The rows of a roster file, each with its line number; or every problem found.
fn parse_roster(text: &str) -> Result<Vec<(u64, RosterEntry)>, Vec<RosterError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![RosterError::Empty]);
    }
    let mut r = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|c| c.to_lowercase().replace([' ', '-'], "_")).collect(),
        Err(e) => return Err(vec![RosterError::Csv(e.to_string())]),
    };
    let Some(name_at) = header.iter().position(|c| c == "name" || c == "trainee" || c == "full_name") else {
        return Err(vec![RosterError::NoNameColumn(header.join(", "))]);
    };
    let id_at = header.iter().position(|c| c == "staff_id" || c == "id" || c == "staff_number");
    let mut entries: Vec<(u64, RosterEntry)> = Vec::new();
    let mut problems = Vec::new();
    for row in r.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.push(RosterError::Csv(e.to_string()));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        if row.iter().all(str::is_empty) {
            continue;
        }
        let name = row.get(name_at).unwrap_or_default();
        if name.is_empty() {
            problems.push(RosterError::Row { line, why: "no name".into() });
            continue;
        }
        let staff_id = id_at.and_then(|i| row.get(i)).filter(|s| !s.is_empty()).map(str::to_owned);
        if let Some((first, e)) = entries.iter().find(|(_, e)| trainee_key(&e.name) == trainee_key(name)) {
            if e.staff_id == staff_id || staff_id.is_none() {
                continue; // The same person again: once is enough.
            }
            problems
                .push(RosterError::Row { line, why: format!("{name} is also on line {first}, with another staff ID") });
            continue;
        }
        if let Some(id) = &staff_id
            && let Some((first, _)) = entries.iter().find(|(_, e)| e.staff_id.as_ref() == Some(id))
        {
            problems.push(RosterError::Row { line, why: format!("staff ID {id:?} is also on line {first}") });
            continue;
        }
        entries.push((line, RosterEntry { name: name.to_owned(), staff_id }));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if entries.is_empty() {
        return Err(vec![RosterError::Empty]);
    }
    Ok(entries)
}
