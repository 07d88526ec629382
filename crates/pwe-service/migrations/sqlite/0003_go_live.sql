-- Safe to go live: sessions expire, wrong codes are counted for the whole
-- service, and the purge can unlink a response from its household.
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;

-- Wrong codes per minute (UTC, `YYYY-MM-DDTHH:MM`), for the global budget
-- that several instances share. No client address is stored.
CREATE TABLE wrong_codes (
    minute TEXT PRIMARY KEY,
    n INTEGER NOT NULL
);

-- One submitted response per household while the survey runs (UNIQUE); after
-- the purge household_ref is NULL, so no response points at a letter.
-- SQLite cannot drop NOT NULL, so the table is made anew under its own name
-- (the answer tables keep referring to it). Foreign keys are checked at the
-- commit: dropping the table leaves its answers without a parent until the
-- same rows are back.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE responses_copy AS SELECT * FROM responses;
DROP TABLE responses;
CREATE TABLE responses (
    response_id TEXT PRIMARY KEY,
    household_ref TEXT UNIQUE REFERENCES households (household_ref),
    version TEXT NOT NULL,
    buurt TEXT NOT NULL,
    is_test INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    receipt TEXT NOT NULL
);
INSERT INTO responses
    SELECT response_id, household_ref, version, buurt, is_test, started_at, submitted_at, receipt
    FROM responses_copy;
DROP TABLE responses_copy;
