-- The purge unlinks: it deletes the households (their references name a
-- letter, so an address) and keeps only these counts, what the participation
-- figures need. One row per buurt, stage and day of starting: the stage is
-- `invited` (never started), the furthest step saved (started, did not
-- submit) or `submitted`; the day (`YYYY-MM-DD`, UTC) is NULL for a
-- household that never started. Test households are not counted.
CREATE TABLE purged_counts (
    buurt TEXT NOT NULL,
    stage TEXT NOT NULL,
    started_on TEXT,
    households INTEGER NOT NULL
);

-- The day the purge ran (one row at most): afterwards the receipts are gone
-- and the receipt check says that the consultation has ended.
CREATE TABLE purged (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    purged_on TEXT NOT NULL
);
