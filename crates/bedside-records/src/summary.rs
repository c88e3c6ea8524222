//! The packed cohort summary: per trainee, one cell per scenario attempted
//! (attempts, completed, best and latest overall score of completed attempts,
//! when the latest of those and the last attempt started), 32 bytes each,
//! little-endian. Scores are kept in tenths, which is exactly how they are
//! rounded, so they read back equal.

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
}

pub const CELL: usize = 32;
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
        }
    })
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
    }
    out
}

/// Adds one attempt (started at `started`; `overall` if it was completed) to a
/// trainee's row.
pub fn add(cells: &mut Vec<Packed>, key: u32, overall: Option<f64>, started: i64) {
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
                last_ms: started,
            });
            cells.len() - 1
        }
    };
    let c = &mut cells[i];
    c.attempts += 1;
    c.last_ms = c.last_ms.max(started);
    if let Some(o) = overall {
        let t = tenths(o);
        c.completed += 1;
        c.best = if c.best == NONE { t } else { c.best.max(t) };
        if started >= c.latest_ms {
            c.latest = t;
            c.latest_ms = started;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_row_reads_back_the_same_cells_and_scores() {
        let mut row = Vec::new();
        add(&mut row, 3, Some(88.3), 100);
        add(&mut row, 3, None, 300);
        add(&mut row, 3, Some(61.7), 200);
        add(&mut row, 7, None, 50);
        let back: Vec<Packed> = decode(&encode(&row)).collect();
        assert_eq!(back, row);
        assert_eq!(back[0].attempts, 3);
        assert_eq!(back[0].completed, 2);
        assert_eq!(score(back[0].best), Some(88.3));
        assert_eq!(score(back[0].latest), Some(61.7), "the latest completed by start time");
        assert_eq!(back[0].last_ms, 300);
        assert_eq!((score(back[1].best), score(back[1].latest)), (None, None));
        for s in [0.0, 0.1, 33.3, 57.1, 99.9, 100.0] {
            assert_eq!(score(tenths(s)), Some(s));
        }
    }
}
