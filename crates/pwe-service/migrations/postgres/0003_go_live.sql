-- Safe to go live: sessions expire, wrong codes are counted for the whole
-- service, and the purge can unlink a response from its household.
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;

-- Wrong codes per minute (UTC, `YYYY-MM-DDTHH:MM`), for the global budget
-- that several instances share. No client address is stored.
CREATE TABLE wrong_codes (
    minute TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);

-- One submitted response per household while the survey runs (UNIQUE); after
-- the purge household_ref is NULL, so no response points at a letter.
ALTER TABLE responses ALTER COLUMN household_ref DROP NOT NULL;
