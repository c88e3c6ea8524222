-- Bedside records, schema version 5: what an educator needs beside the scores.
-- The migration (store/mod.rs) also merges trainees whose names differ only in
-- case or spacing, works out each attempt's skills profile from its stored
-- scenario version, and rebuilds the summaries below and the cohort cells
-- (now 56 bytes, summary.rs) from the attempts.

-- One person, one trainee: the name in lower case with single spaces
-- (lib.rs trainee_key). The first name seen is the one shown.
ALTER TABLE trainees ADD COLUMN key TEXT;

-- Each attempt's skills profile (bedside-core play/skills.rs: per tag, how
-- often on offer and chosen; per emotion, cues and cues missed), packed as
-- little-endian u32s; NULL when it cannot be worked out.
ALTER TABLE attempts ADD COLUMN skills BLOB;

-- The sum of each trainee's attempts' profiles, kept on every write.
CREATE TABLE trainee_skills (
  trainee INTEGER PRIMARY KEY REFERENCES trainees (id),
  skills  BLOB NOT NULL
) STRICT;

-- The cohort's profile by week (attempts started in the week from Monday
-- 00:00 UTC, as Unix ms), kept on every write, for the plot over time.
CREATE TABLE skill_weeks (
  week_ms INTEGER PRIMARY KEY,
  skills  BLOB NOT NULL
) STRICT;

-- The roster: the trainees an educator expects, by the same key as
-- `trainees`, with the name to show and an optional staff ID.
CREATE TABLE roster (
  key      TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  staff_id TEXT UNIQUE,
  added_ms INTEGER NOT NULL
) STRICT;

-- Competency rules: for one scenario, or '*' for every scenario without a
-- rule of its own. An attempt passes when it was completed, and (as the rule
-- says) played in assessment mode, resolved, scored at least min_overall and
-- made no safety error. Who set it and when are kept.
CREATE TABLE pass_rules (
  scope            TEXT PRIMARY KEY,
  assessment_only  INTEGER NOT NULL,
  resolved         INTEGER NOT NULL,
  min_overall      REAL NOT NULL,
  no_safety_errors INTEGER NOT NULL,
  set_by           TEXT NOT NULL,
  set_ms           INTEGER NOT NULL
) STRICT;
