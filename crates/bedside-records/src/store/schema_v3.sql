-- Bedside records, schema version 3: what the nurse typed, in the mode where
-- she replies in her own words (NULL when the step was a choice picked from
-- the list). Personal data: it stays in this owner-only store, and goes to an
-- LRS only when an educator allows it (the meta key `share_typed`).
ALTER TABLE steps ADD COLUMN typed TEXT;
