-- A database that `pwe simulate --db` filled: its export says so
-- (SIMULATED.txt), and so does every output made from it.
CREATE TABLE simulated (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seed BIGINT NOT NULL,
    filled_at TEXT NOT NULL
);
