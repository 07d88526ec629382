-- Running the consultation: how each response came in (online, or a paper
-- form or assisted answer entered by an official through /beheer), and the
-- officials' sessions on /beheer (a random token, stored only as its hash).
ALTER TABLE responses ADD COLUMN channel TEXT NOT NULL DEFAULT 'online';
ALTER TABLE sessions ADD COLUMN channel TEXT NOT NULL DEFAULT 'online';
CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
