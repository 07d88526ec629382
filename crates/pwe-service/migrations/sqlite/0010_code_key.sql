-- The fingerprint of the key the code hashes are made with, recorded at the
-- database's first use with a key, and where that key came from (an
-- environment variable's or a file's name, never the key). A command run
-- with another key is refused: codes it made or checked would not work.
CREATE TABLE code_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    source TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
