//! Competency rules: what an attempt must be to count as a pass, for one
//! scenario or for every scenario without a rule of its own, with who set the
//! rule and when.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Store, StoreError};

/// The scope of the rule for every scenario without one of its own.
const LIBRARY: &str = "*";

/// A pass rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassRule {
    /// The scenario it is for; None for every scenario without a rule of its own.
    pub scenario: Option<String>,
    /// Only attempts in assessment mode count.
    pub assessment_only: bool,
    /// The attempt must end with the patient's concern resolved.
    pub resolved: bool,
    /// The least overall score (0 to 100).
    pub min_overall: f64,
    /// The attempt must make no safety error.
    pub no_safety_errors: bool,
    /// Who set it, and when.
    pub set_by: String,
    pub set_at: Timestamp,
}

impl PassRule {
    /// Whether an attempt with these results passes. An abandoned attempt never does.
    pub fn passes(&self, mode: &str, outcome: &str, overall: f64, safety_errors: u32) -> bool {
        outcome != "abandoned"
            && (!self.assessment_only || mode == "assessment")
            && (!self.resolved || outcome == "resolved")
            && overall >= self.min_overall
            && (!self.no_safety_errors || safety_errors == 0)
    }

    /// Whether an attempt in this mode is judged by the rule at all.
    pub fn judges(&self, mode: &str) -> bool {
        !self.assessment_only || mode == "assessment"
    }

    /// The rule in words: "in assessment mode, resolved, overall at least 70, no safety error".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.assessment_only {
            parts.push("in assessment mode".to_owned());
        }
        if self.resolved {
            parts.push("resolved".to_owned());
        }
        parts.push(format!("overall at least {}", self.min_overall));
        if self.no_safety_errors {
            parts.push("no safety error".to_owned());
        }
        parts.join(", ")
    }
}

impl Store {
    /// Sets the rule for its scope (a scenario, or the whole library), replacing any.
    pub fn set_pass_rule(&mut self, rule: &PassRule) -> Result<(), StoreError> {
        if !(0.0..=100.0).contains(&rule.min_overall) {
            return Err(StoreError::Usage(format!("a pass mark is from 0 to 100, not {}", rule.min_overall)));
        }
        self.conn
            .execute(
                "INSERT INTO pass_rules (scope, assessment_only, resolved, min_overall, no_safety_errors, set_by, set_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (scope) DO UPDATE SET assessment_only = excluded.assessment_only,
                   resolved = excluded.resolved, min_overall = excluded.min_overall,
                   no_safety_errors = excluded.no_safety_errors, set_by = excluded.set_by, set_ms = excluded.set_ms",
                params![
                    rule.scenario.as_deref().unwrap_or(LIBRARY),
                    rule.assessment_only,
                    rule.resolved,
                    rule.min_overall,
                    rule.no_safety_errors,
                    rule.set_by,
                    rule.set_at.as_millisecond()
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Removes the rule of a scope. Whether there was one.
    pub fn remove_pass_rule(&mut self, scenario: Option<&str>) -> Result<bool, StoreError> {
        let n = self
            .conn
            .execute("DELETE FROM pass_rules WHERE scope = ?1", [scenario.unwrap_or(LIBRARY)])
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Every rule: the library's first, then by scenario.
    pub fn pass_rules(&self) -> Result<Vec<PassRule>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT scope, assessment_only, resolved, min_overall, no_safety_errors, set_by, set_ms
                 FROM pass_rules ORDER BY scope <> '*', scope",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], row).map_err(|e| self.err(e))?;
        let rules: Vec<(PassRule, i64)> = rows.collect::<Result<_, _>>().map_err(|e| self.err(e))?;
        rules.into_iter().map(|r| self.stamped(r)).collect()
    }

    /// The rule an attempt at `scenario` is judged by: its own, or the library's.
    pub fn pass_rule_for(&self, scenario: &str) -> Result<Option<PassRule>, StoreError> {
        let found: Option<(PassRule, i64)> = self
            .conn
            .query_row(
                "SELECT scope, assessment_only, resolved, min_overall, no_safety_errors, set_by, set_ms
                 FROM pass_rules WHERE scope IN (?1, '*') ORDER BY scope = '*' LIMIT 1",
                [scenario],
                row,
            )
            .optional()
            .map_err(|e| self.err(e))?;
        found.map(|r| self.stamped(r)).transpose()
    }

    /// A rule read back, with the time it was set.
    fn stamped(&self, (mut rule, ms): (PassRule, i64)) -> Result<PassRule, StoreError> {
        rule.set_at = self.time(ms)?;
        Ok(rule)
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(PassRule, i64)> {
    let scope: String = r.get(0)?;
    Ok((
        PassRule {
            scenario: (scope != LIBRARY).then_some(scope),
            assessment_only: r.get(1)?,
            resolved: r.get(2)?,
            min_overall: r.get(3)?,
            no_safety_errors: r.get(4)?,
            set_by: r.get(5)?,
            set_at: Timestamp::UNIX_EPOCH,
        },
        r.get(6)?,
    ))
}
