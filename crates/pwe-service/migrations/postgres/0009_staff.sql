-- Personal staff accounts instead of one shared token: a role each and an
-- argon2id hash of the password. The audit log records who did what (sign-in,
-- each paper or assisted entry, exports, publication, reissue, purge); at the
-- purge it shrinks to counts per account and action (audit_counts). An
-- official's session now belongs to an account; sessions of the shared
-- token end here.
CREATE TABLE staff (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('desk', 'researcher', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE audit (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    account TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE audit_counts (
    account TEXT NOT NULL,
    action TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (account, action)
);
DELETE FROM admin_sessions;
ALTER TABLE admin_sessions ADD COLUMN account TEXT NOT NULL DEFAULT '';
