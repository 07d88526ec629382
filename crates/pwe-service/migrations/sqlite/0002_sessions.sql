-- Browser sessions: a random token in an HttpOnly cookie, stored only as its
-- SHA-256 hash, bound to one household, with the CSRF token of its forms.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    household_ref TEXT NOT NULL REFERENCES households (household_ref),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL
);
