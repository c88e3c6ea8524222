-- Bedside records, schema version 4: one cohort across many computers. Attempts
-- come back from the Learning Record Store (xapi/pull.rs); the send queue gets
-- claims so that two senders never send the same attempt at once.

-- Where an attempt was recorded: 'local' (this computer) or 'lrs' (pulled).
ALTER TABLE attempts ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'lrs'));
CREATE INDEX attempts_by_origin ON attempts (origin, started_ms);

-- The words of the choice made, for a pulled attempt: its scenario version may
-- not be on this computer (versions.source is then '', filled in if that
-- version is later played here).
ALTER TABLE steps ADD COLUMN said TEXT;

-- Statements pulled from the LRS for attempts whose statements have not all
-- arrived yet (an attempt is stored once its final statement and every step
-- are here), keyed by statement id so that a statement pulled twice is kept once.
CREATE TABLE lrs_inbox (
  statement    TEXT PRIMARY KEY,
  registration TEXT NOT NULL,
  body         TEXT NOT NULL
) STRICT;
CREATE INDEX lrs_inbox_by_registration ON lrs_inbox (registration);

-- A sender's claim on a queued attempt: until claimed_until_ms no other sender
-- takes it; a crashed sender's claim runs out.
ALTER TABLE xapi_queue ADD COLUMN claimed_by TEXT;
ALTER TABLE xapi_queue ADD COLUMN claimed_until_ms INTEGER NOT NULL DEFAULT 0;
