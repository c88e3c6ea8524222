-- Bedside records, schema version 1. Times are Unix milliseconds (UTC).

-- Settings kept with the records: the educator passphrase's Argon2id hash.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE trainees (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL
) STRICT;

-- Each version of a scenario file that was played, with its text, so old
-- attempts can be explained after the file changes.
CREATE TABLE versions (
  id           INTEGER PRIMARY KEY,
  scenario     TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  title        TEXT NOT NULL,
  source       TEXT NOT NULL,
  UNIQUE (scenario, content_hash)
) STRICT;

CREATE TABLE attempts (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  trainee    INTEGER NOT NULL REFERENCES trainees (id),
  version    INTEGER NOT NULL REFERENCES versions (id),
  scenario   TEXT NOT NULL,
  mode       TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),
  seed       INTEGER NOT NULL,
  started_ms INTEGER NOT NULL,
  ended_ms   INTEGER NOT NULL,
  finish     TEXT NOT NULL CHECK (finish IN ('resolved', 'partial', 'unresolved', 'abandoned')),
  ending     TEXT,
  empathy    REAL NOT NULL,
  clarity    REAL NOT NULL,
  overall    REAL NOT NULL,
  best_rate  REAL NOT NULL,
  steps      INTEGER NOT NULL
) STRICT;
CREATE INDEX attempts_by_trainee ON attempts (trainee, started_ms);
CREATE INDEX attempts_by_scenario ON attempts (scenario, started_ms);
CREATE INDEX attempts_by_time ON attempts (started_ms);

-- Every step of every attempt. `offered` holds file positions in the order shown.
CREATE TABLE steps (
  attempt   INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
  n         INTEGER NOT NULL,
  node      TEXT NOT NULL,
  variant   INTEGER NOT NULL,
  reaction  TEXT,
  offered   TEXT NOT NULL,
  chosen    INTEGER,
  empathy   INTEGER NOT NULL,
  clarity   INTEGER NOT NULL,
  best      INTEGER NOT NULL,
  missed    INTEGER NOT NULL,
  distress  INTEGER NOT NULL,
  trust     INTEGER NOT NULL,
  escalated INTEGER NOT NULL,
  at_ms     INTEGER NOT NULL,
  PRIMARY KEY (attempt, n)
) STRICT, WITHOUT ROWID;

-- The cohort table kept up to date on every write, one row per trainee: for
-- each scenario they attempted, attempts, completed ones, best and latest
-- overall score of those completed, packed as 32-byte cells (summary.rs), so
-- the whole table reads in one pass over 10,000 rows instead of 400,000.
CREATE TABLE scenario_keys (
  id       INTEGER PRIMARY KEY,
  scenario TEXT NOT NULL UNIQUE
) STRICT;
CREATE TABLE cohort (
  trainee INTEGER PRIMARY KEY REFERENCES trainees (id),
  cells   BLOB NOT NULL
) STRICT;

-- How often each choice was made at each node of each scenario version
-- (chosen = -1: a silence), with how many of those steps were missed
-- opportunities and best choices; kept on every write, for the scenario page.
CREATE TABLE choice_counts (
  version INTEGER NOT NULL REFERENCES versions (id),
  node    TEXT NOT NULL,
  chosen  INTEGER NOT NULL,
  steps   INTEGER NOT NULL,
  missed  INTEGER NOT NULL,
  best    INTEGER NOT NULL,
  PRIMARY KEY (version, node, chosen)
) STRICT, WITHOUT ROWID;

-- Attempts whose xAPI statements wait to be sent to the LRS.
CREATE TABLE xapi_queue (
  attempt    INTEGER PRIMARY KEY REFERENCES attempts (id),
  tries      INTEGER NOT NULL,
  next_ms    INTEGER NOT NULL,
  last_error TEXT
) STRICT;
