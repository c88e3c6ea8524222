//! The packed cohort summary: per trainee, one cell per scenario attempted
//! (attempts, completed, first, best and latest overall score of completed
//! attempts, when the first and latest of those and the last attempt started,
//! safety errors over all attempts, how many were resolved, and the latest
//! completed one's outcome, best-choice rate and objectives met), 56 bytes
//! each, little-endian. Scores are kept in tenths, which is exactly how they
//! are rounded, so they read back equal. Schema version 1 had 32-byte cells
//! ([`decode_v1`]); versions 2 to 4 had 40-byte ones, rebuilt from the attempts
//! by the migration to version 5.

/// One scenario's figures for one trainee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Packed {
    /// The scenario's key in `scenario_keys`.
    pub key: u32,
    pub attempts: u32,
    pub completed: u32,
    /// Best and latest overall, in tenths; [`NONE`] when no attempt was completed.
    pub best: u16,
    pub latest: u16,
    pub latest_ms: i64,
    pub last_ms: i64,
    /// Safety errors over all the trainee's attempts at the scenario.
    pub safety_errors: u32,
    /// Objectives met by the latest completed attempt.
    pub latest_met: u16,
    /// The latest completed attempt's outcome: [`RESOLVED`], [`PARTIAL`] or [`UNRESOLVED`] (0 when none).
    pub latest_outcome: u8,
    /// The first completed attempt's overall, in tenths, and when it started.
    pub first: u16,
    pub first_ms: i64,
    /// The latest completed attempt's best-choice rate, in tenths of a percent.
    pub latest_rate: u16,
    /// How many attempts ended resolved.
    pub resolved: u32,
}

pub const RESOLVED: u8 = 1;
pub const PARTIAL: u8 = 2;
pub const UNRESOLVED: u8 = 3;

pub const CELL: usize = 56;
/// The cell size of schema version 1.
pub const CELL_V1: usize = 32;
pub const NONE: u16 = u16::MAX;

/// A score (0 to 100, one decimal) in tenths.
pub fn tenths(score: f64) -> u16 {
    (score * 10.0).round().clamp(0.0, 1000.0) as u16
}

/// Tenths back to the score; None for [`NONE`].
pub fn score(tenths: u16) -> Option<f64> {
    (tenths != NONE).then(|| f64::from(tenths) / 10.0)
}

/// The cells of a packed row (a trailing partial cell is ignored).
pub fn decode(blob: &[u8]) -> impl Iterator<Item = Packed> + '_ {
    blob.chunks_exact(CELL).map(|c| {
        let mut p = cell_v1(c);
        p.safety_errors = u32::from_le_bytes([c[32], c[33], c[34], c[35]]);
        p.latest_met = u16::from_le_bytes([c[36], c[37]]);
        p.latest_outcome = c[38];
        p.first = u16::from_le_bytes([c[40], c[41]]);
        p.latest_rate = u16::from_le_bytes([c[42], c[43]]);
        p.resolved = u32::from_le_bytes([c[44], c[45], c[46], c[47]]);
        let mut b = [0u8; 8];
        b.copy_from_slice(&c[48..56]);
        p.first_ms = i64::from_le_bytes(b);
        p
    })
}

/// The cells of a row packed by schema version 1 (32 bytes each).
pub fn decode_v1(blob: &[u8]) -> Vec<Packed> {
    blob.chunks_exact(CELL_V1).map(cell_v1).collect()
}

/// The first 32 bytes of a cell, as both versions lay them out.
fn cell_v1(c: &[u8]) -> Packed {
    let u32_at = |i: usize| u32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
    let u16_at = |i: usize| u16::from_le_bytes([c[i], c[i + 1]]);
    let i64_at = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&c[i..i + 8]);
        i64::from_le_bytes(b)
    };
    Packed {
        key: u32_at(0),
        attempts: u32_at(4),
        completed: u32_at(8),
        best: u16_at(12),
        latest: u16_at(14),
        latest_ms: i64_at(16),
        last_ms: i64_at(24),
        safety_errors: 0,
        latest_met: 0,
        latest_outcome: 0,
        first: NONE,
        first_ms: i64::MAX,
        latest_rate: NONE,
        resolved: 0,
    }
}

pub fn encode(cells: &[Packed]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cells.len() * CELL);
    for c in cells {
        out.extend_from_slice(&c.key.to_le_bytes());
        out.extend_from_slice(&c.attempts.to_le_bytes());
        out.extend_from_slice(&c.completed.to_le_bytes());
        out.extend_from_slice(&c.best.to_le_bytes());
        out.extend_from_slice(&c.latest.to_le_bytes());
        out.extend_from_slice(&c.latest_ms.to_le_bytes());
        out.extend_from_slice(&c.last_ms.to_le_bytes());
        out.extend_from_slice(&c.safety_errors.to_le_bytes());
        out.extend_from_slice(&c.latest_met.to_le_bytes());
        out.extend_from_slice(&[c.latest_outcome, 0]);
        out.extend_from_slice(&c.first.to_le_bytes());
        out.extend_from_slice(&c.latest_rate.to_le_bytes());
        out.extend_from_slice(&c.resolved.to_le_bytes());
        out.extend_from_slice(&c.first_ms.to_le_bytes());
    }
    out
}

/// What one attempt adds to a trainee's cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Added {
    /// The overall score, if the attempt was completed.
    pub overall: Option<f64>,
    /// When it started (Unix ms).
    pub started: i64,
    pub safety_errors: u32,
    pub objectives_met: usize,
    /// [`RESOLVED`], [`PARTIAL`] or [`UNRESOLVED`]; 0 for an abandoned attempt.
    pub outcome: u8,
    /// The best-choice rate (0 to 100).
    pub best_rate: f64,
}

/// Adds one attempt to a trainee's row.
pub fn add(cells: &mut Vec<Packed>, key: u32, a: Added) {
    let i = match cells.iter().position(|c| c.key == key) {
        Some(i) => i,
        None => {
            cells.push(Packed {
                key,
                attempts: 0,
                completed: 0,
                best: NONE,
                latest: NONE,
                latest_ms: i64::MIN,
                last_ms: a.started,
                safety_errors: 0,
                latest_met: 0,
                latest_outcome: 0,
                first: NONE,
                first_ms: i64::MAX,
                latest_rate: NONE,
                resolved: 0,
            });
            cells.len() - 1
        }
    };
    let c = &mut cells[i];
    c.attempts += 1;
    c.last_ms = c.last_ms.max(a.started);
    c.safety_errors = c.safety_errors.saturating_add(a.safety_errors);
    c.resolved += u32::from(a.outcome == RESOLVED);
    if let Some(o) = a.overall {
        let t = tenths(o);
        c.completed += 1;
        c.best = if c.best == NONE { t } else { c.best.max(t) };
        if a.started >= c.latest_ms {
            c.latest = t;
            c.latest_ms = a.started;
            c.latest_met = u16::try_from(a.objectives_met).unwrap_or(u16::MAX);
            c.latest_outcome = a.outcome;
            c.latest_rate = tenths(a.best_rate);
        }
        if a.started < c.first_ms {
            c.first = t;
            c.first_ms = a.started;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(overall: Option<f64>, started: i64, safety_errors: u32, objectives_met: usize) -> Added {
        let outcome = match overall {
            None => 0,
            Some(o) if o >= 80.0 => RESOLVED,
            Some(_) => UNRESOLVED,
        };
        Added { overall, started, safety_errors, objectives_met, outcome, best_rate: overall.unwrap_or(0.0) / 2.0 }
    }

    #[test]
    fn a_packed_row_reads_back_the_same_cells_and_scores() {
        let mut row = Vec::new();
        add(&mut row, 3, attempt(Some(88.3), 100, 1, 2));
        add(&mut row, 3, attempt(None, 300, 2, 0));
        add(&mut row, 3, attempt(Some(61.7), 200, 0, 3));
        add(&mut row, 7, attempt(None, 50, 0, 0));
        let back: Vec<Packed> = decode(&encode(&row)).collect();
        assert_eq!(back, row);
        assert_eq!(back[0].attempts, 3);
        assert_eq!(back[0].completed, 2);
        assert_eq!(score(back[0].best), Some(88.3));
        assert_eq!(score(back[0].latest), Some(61.7), "the latest completed by start time");
        assert_eq!(back[0].last_ms, 300);
        assert_eq!(back[0].safety_errors, 3, "safety errors over every attempt, abandoned ones too");
        assert_eq!(back[0].latest_met, 3, "objectives met by the latest completed attempt");
        assert_eq!((score(back[1].best), score(back[1].latest)), (None, None));
        assert_eq!(score(back[0].first), Some(88.3), "the first completed by start time");
        assert_eq!(back[0].first_ms, 100);
        assert_eq!(back[0].resolved, 1);
        assert_eq!(back[0].latest_outcome, UNRESOLVED, "the latest completed one's outcome");
        assert_eq!(score(back[0].latest_rate), Some(30.9), "the latest completed one's best-choice rate");
        assert_eq!((score(back[1].first), back[1].resolved, back[1].latest_outcome), (None, 0, 0));
        for s in [0.0, 0.1, 33.3, 57.1, 99.9, 100.0] {
            assert_eq!(score(tenths(s)), Some(s));
        }
    }

    #[test]
    fn a_row_packed_by_schema_version_one_reads_with_no_safety_errors_or_objectives() {
        let mut row = Vec::new();
        add(&mut row, 3, attempt(Some(88.3), 100, 0, 0));
        add(&mut row, 9, attempt(Some(40.0), 400, 0, 0));
        // The version 1 layout: the first 32 bytes of each cell.
        let v1: Vec<u8> = encode(&row).chunks_exact(CELL).flat_map(|c| c[..CELL_V1].to_vec()).collect();
        let back = decode_v1(&v1);
        assert_eq!(back.len(), 2);
        for (b, r) in back.iter().zip(&row) {
            assert_eq!(
                (b.key, b.attempts, b.completed, b.best, b.latest, b.latest_ms, b.last_ms),
                (r.key, r.attempts, r.completed, r.best, r.latest, r.latest_ms, r.last_ms)
            );
            assert_eq!((b.safety_errors, b.latest_met, b.resolved), (0, 0, 0));
        }
    }
}
