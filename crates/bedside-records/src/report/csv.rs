//! The CSV exports (RFC 4180): one row per attempt or per step, with text a spreadsheet would run neutralised.

use std::io::Write;

use jiff::Timestamp;
use rusqlite::params_from_iter;

use std::collections::HashMap;

use super::scenario::Versions;
use super::{Filter, for_each_attempt};
use crate::store::{PassRule, Store, StoreError};
use bedside_core::play::score::best_of;
use bedside_core::scenario::Tag;

/// The first columns of [`write_attempts_csv`]'s header; after them come
/// `missed_opportunities`, `staff_id`, `passed` and one `chose_<tag>` column
/// per tag ([`attempt_header`]).
pub const ATTEMPT_HEADER: [&str; 21] = [
    "attempt",
    "trainee",
    "scenario",
    "title",
    "scenario_version",
    "mode",
    "seed",
    "started",
    "started_local_date",
    "ended",
    "seconds",
    "outcome",
    "ending",
    "empathy",
    "clarity",
    "overall",
    "best_choice_rate",
    "steps",
    "objectives_met",
    "safety_errors",
    "origin",
];

/// The header of [`write_attempts_csv`]: [`ATTEMPT_HEADER`], then the
/// cues missed, the trainee's staff ID (from the roster), whether the attempt
/// passed its scenario's pass rule (`yes`, `no`, or empty when no rule judges
/// it), and how many times the choice made showed each tag.
pub fn attempt_header() -> Vec<String> {
    let mut h: Vec<String> = ATTEMPT_HEADER.iter().map(|c| (*c).to_owned()).collect();
    h.extend(["missed_opportunities", "staff_id", "passed"].map(str::to_owned));
    h.extend(Tag::ALL.iter().map(|t| format!("chose_{}", snake(&format!("{t:?}")))));
    h
}

/// `FalseReassurance` as `false_reassurance`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`,
/// tab or carriage return first) gets a leading `'`, so it is shown as text
/// and never run (OWASP, CSV injection). Other text is written as it is.
pub fn safe_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A score as the CSV writes it: one decimal, as scores are defined.
fn score_cell(x: f64) -> String {
    format!("{x:.1}")
}

/// The local calendar day of a time, as `YYYY-MM-DD` (the machine's time zone).
fn local_date(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::system()).date().to_string()
}

/// Writes one CSV row per attempt (with a header). Returns the number of rows.
/// Text that a spreadsheet would run as a formula is neutralised; an abandoned
/// attempt has its scores left blank, so that a spreadsheet's average of a
/// column counts only attempts that were finished.
pub fn write_attempts_csv(store: &Store, filter: &Filter, out: impl Write) -> Result<u64, StoreError> {
    let mut w = csv::WriterBuilder::new().has_headers(false).terminator(csv::Terminator::CRLF).from_writer(out);
    let io = |e: csv::Error| StoreError::Export(format!("the CSV: {e}"));
    w.write_record(attempt_header()).map_err(io)?;
    let staff: HashMap<String, String> =
        store.roster()?.into_iter().filter_map(|e| Some((crate::trainee_key(&e.name), e.staff_id?))).collect();
    let mut rules: HashMap<String, Option<PassRule>> = HashMap::new();
    let mut n = 0;
    for_each_attempt(store, filter, |r| {
        n += 1;
        let rule = match rules.get(&r.scenario) {
            Some(rule) => rule.clone(),
            None => {
                let rule = store.pass_rule_for(&r.scenario)?;
                rules.insert(r.scenario.clone(), rule.clone());
                rule
            }
        };
        let passed = match rule.filter(|rule| rule.judges(&r.mode)) {
            Some(rule) if rule.passes(&r.mode, &r.outcome, r.overall, r.safety_errors) => "yes",
            Some(_) => "no",
            None => "",
        };
        let scored = r.outcome != "abandoned";
        let score = |x: f64| if scored { score_cell(x) } else { String::new() };
        let cells = [
            r.attempt.clone(),
            safe_cell(&r.trainee).into_owned(),
            safe_cell(&r.scenario).into_owned(),
            safe_cell(&r.title).into_owned(),
            r.scenario_version.clone(),
            r.mode.clone(),
            r.seed.to_string(),
            r.started.to_string(),
            local_date(r.started),
            r.ended.to_string(),
            format!("{:.3}", r.seconds),
            r.outcome.clone(),
            r.ending.as_deref().map(|e| safe_cell(e).into_owned()).unwrap_or_default(),
            score(r.empathy),
            score(r.clarity),
            score(r.overall),
            score(r.best_choice_rate),
            r.steps.to_string(),
            r.objectives_met.clone(),
            r.safety_errors.to_string(),
            r.origin.clone(),
        ]
        .into_iter()
        .chain([
            r.missed_opportunities.map_or(String::new(), |m| m.to_string()),
            staff.get(&crate::trainee_key(&r.trainee)).map(|s| safe_cell(s).into_owned()).unwrap_or_default(),
            passed.to_owned(),
        ])
        .chain(Tag::ALL.iter().map(|&t| r.skills.map_or(String::new(), |s| s.tag(t).chosen.to_string())));
        w.write_record(cells).map_err(io)
    })?;
    w.flush().map_err(|e| StoreError::Export(format!("the CSV: {e}")))?;
    Ok(n)
}

/// The CSV header of [`write_steps_csv`].
pub const STEP_HEADER: [&str; 20] = [
    "attempt",
    "trainee",
    "scenario",
    "step",
    "node",
    "patient",
    "offered",
    "chosen",
    "said",
    "empathy",
    "clarity",
    "best",
    "missed_opportunity",
    "better",
    "distress",
    "trust",
    "at",
    "safety_error",
    "chosen_shown",
    "typed",
];

/// Writes one CSV row per step (with a header): the patient's line, the offered
/// choices (`|`-separated, in the order shown), what was said and how it rated.
/// `chosen` is the chosen line's position in the file and `chosen_shown` its
/// position in `offered` (both 1-based, empty for a silence), so the two join.
/// Text is neutralised as in [`write_attempts_csv`].
pub fn write_steps_csv(store: &Store, filter: &Filter, out: impl Write) -> Result<u64, StoreError> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let io = |e: csv::Error| StoreError::Export(format!("the CSV: {e}"));
    w.write_record(STEP_HEADER).map_err(io)?;
    let (cond, values) = filter.sql();
    let sql = format!(
        "SELECT a.uuid, t.name, a.scenario, a.version, st.n, st.node, st.variant, st.reaction, st.offered, st.chosen,
                st.empathy, st.clarity, st.best, st.missed, st.distress, st.trust, st.at_ms, st.safety_error, st.typed,
                st.said
         FROM attempts a JOIN trainees t ON t.id = a.trainee JOIN steps st ON st.attempt = a.id
         WHERE {cond} ORDER BY a.started_ms, a.id, st.n"
    );
    let mut versions = Versions::default();
    let mut stmt = store.conn().prepare(&sql).map_err(|e| store.err(e))?;
    let mut rows = stmt.query(params_from_iter(values)).map_err(|e| store.err(e))?;
    let mut n = 0;
    while let Some(r) = rows.next().map_err(|e| store.err(e))? {
        let e = |e| store.err(e);
        let version: i64 = r.get(3).map_err(e)?;
        let step: i64 = r.get(4).map_err(e)?;
        let node: String = r.get(5).map_err(e)?;
        let variant = usize::try_from(r.get::<_, i64>(6).map_err(e)?).unwrap_or(usize::MAX);
        let reaction: Option<String> = r.get(7).map_err(e)?;
        let offered: String = r.get(8).map_err(e)?;
        let chosen = r.get::<_, Option<i64>>(9).map_err(e)?.and_then(|c| usize::try_from(c).ok());
        let offered: Vec<usize> = offered.split(',').filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
        let script = versions.get(store, version)?;
        let at = script.and_then(|sc| sc.scenario().nodes.position(&node).map(|p| (sc, p)));
        let say = |c: usize| at.and_then(|(sc, p)| sc.node(p).choices.get(c)).map_or(String::new(), |c| c.say.clone());
        let patient =
            reaction.or_else(|| at.and_then(|(sc, p)| sc.node(p).says.get(variant).cloned())).unwrap_or_default();
        let better = match at {
            Some((sc, p)) if !r.get::<_, bool>(12).map_err(e)? => {
                // Only positions the version has (a row changed by hand may not fit).
                let fits: Vec<usize> = offered.iter().copied().filter(|&o| o < sc.node(p).choices.len()).collect();
                best_of(sc, p, &fits).map(say)
            }
            _ => None,
        };
        let at_ms: i64 = r.get(16).map_err(e)?;
        w.write_record([
            r.get::<_, String>(0).map_err(e)?,
            safe_cell(&r.get::<_, String>(1).map_err(e)?).into_owned(),
            safe_cell(&r.get::<_, String>(2).map_err(e)?).into_owned(),
            (step + 1).to_string(),
            node.clone(),
            safe_cell(&patient).into_owned(),
            safe_cell(&offered.iter().map(|&o| say(o)).collect::<Vec<_>>().join(" | ")).into_owned(),
            chosen.map_or(String::new(), |c| (c + 1).to_string()),
            chosen
                .map_or(Ok("(no answer in time)".to_owned()), |c| {
                    // A pulled attempt whose scenario text is not here kept the words.
                    let words = Some(say(c))
                        .filter(|w| !w.is_empty())
                        .map_or_else(|| r.get::<_, Option<String>>(19), |w| Ok(Some(w)));
                    words.map(|w| safe_cell(&w.unwrap_or_default()).into_owned())
                })
                .map_err(e)?,
            r.get::<_, i64>(10).map_err(e)?.to_string(),
            r.get::<_, i64>(11).map_err(e)?.to_string(),
            r.get::<_, bool>(12).map_err(e)?.to_string(),
            r.get::<_, bool>(13).map_err(e)?.to_string(),
            better.map(|b| safe_cell(&b).into_owned()).unwrap_or_default(),
            r.get::<_, i64>(14).map_err(e)?.to_string(),
            r.get::<_, i64>(15).map_err(e)?.to_string(),
            store.time(at_ms)?.to_string(),
            r.get::<_, bool>(17).map_err(e)?.to_string(),
            chosen.and_then(|c| offered.iter().position(|&o| o == c)).map_or(String::new(), |p| (p + 1).to_string()),
            r.get::<_, Option<String>>(18).map_err(e)?.map(|t| safe_cell(&t).into_owned()).unwrap_or_default(),
        ])
        .map_err(io)?;
        n += 1;
    }
    w.flush().map_err(|e| StoreError::Export(format!("the CSV: {e}")))?;
    Ok(n)
}
