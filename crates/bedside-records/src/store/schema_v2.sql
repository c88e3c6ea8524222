-- Bedside records, schema version 2: the results that sit beside the scores in
-- scenario format 2. Attempts recorded before it were played with version 1
-- files, which meet no objective and have no hazards, so the defaults are
-- their true values. The cohort cells grow from 32 to 40 bytes (store.rs
-- repacks them in the same transaction).

-- The objectives met on this run, as their numbers joined by `;` (`1;3`).
ALTER TABLE attempts ADD COLUMN objectives_met TEXT NOT NULL DEFAULT '';
-- How many chosen choices had a `hazard`.
ALTER TABLE attempts ADD COLUMN safety_errors INTEGER NOT NULL DEFAULT 0;
-- Whether the choice made at this step had a `hazard`.
ALTER TABLE steps ADD COLUMN safety_error INTEGER NOT NULL DEFAULT 0;
