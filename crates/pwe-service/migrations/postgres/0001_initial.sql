-- The first schema. A shipped migration is never edited; add a new one.
CREATE TABLE batches (
    batch_id TEXT PRIMARY KEY,
    is_test BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

-- One row per invited household. No address, name, IP or user agent is ever
-- stored: the code only as a keyed hash (HMAC-SHA256), emptied by the purge.
CREATE TABLE households (
    household_ref TEXT PRIMARY KEY,
    code_hash TEXT UNIQUE,
    buurt TEXT NOT NULL,
    batch_id TEXT NOT NULL REFERENCES batches (batch_id),
    is_test BIGINT NOT NULL,
    voided_at TEXT,
    version TEXT,
    option_order TEXT,
    started_at TEXT,
    last_step TEXT,
    draft TEXT,
    draft_saved_at TEXT,
    submitted_at TEXT,
    followup BIGINT NOT NULL DEFAULT 0
);

-- Codes that were voided or replaced, so that they get "voided" rather than "unknown".
CREATE TABLE voided_codes (
    code_hash TEXT PRIMARY KEY,
    household_ref TEXT NOT NULL REFERENCES households (household_ref),
    voided_at TEXT NOT NULL
);

-- Exactly one submitted response per household: the UNIQUE constraint, not the
-- code, is what makes concurrent submits of one code store one response.
CREATE TABLE responses (
    response_id TEXT PRIMARY KEY,
    household_ref TEXT NOT NULL UNIQUE REFERENCES households (household_ref),
    version TEXT NOT NULL,
    buurt TEXT NOT NULL,
    is_test BIGINT NOT NULL,
    started_at TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    receipt TEXT NOT NULL
);

CREATE TABLE response_choices (
    response_id TEXT NOT NULL REFERENCES responses (response_id),
    option_id TEXT NOT NULL,
    level BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (response_id, option_id)
);

CREATE TABLE response_motivations (
    response_id TEXT NOT NULL REFERENCES responses (response_id),
    option_id TEXT NOT NULL,
    stance TEXT NOT NULL,
    text TEXT,
    PRIMARY KEY (response_id, option_id)
);

-- Background, evaluation and follow-up answers; is_text marks free text, which
-- exports leave out unless asked and the purge empties.
CREATE TABLE response_answers (
    response_id TEXT NOT NULL REFERENCES responses (response_id),
    section TEXT NOT NULL,
    question_id TEXT NOT NULL,
    value TEXT,
    is_text BIGINT NOT NULL,
    PRIMARY KEY (response_id, section, question_id)
);
