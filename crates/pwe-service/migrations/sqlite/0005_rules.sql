-- The rules of the survey as served at its first start (pwe_core's
-- Survey::rules_lines, one per line): a later start with other rules is
-- refused, so that the task cannot change under residents' feet.
CREATE TABLE survey_rules (
    survey_id TEXT PRIMARY KEY,
    rules TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
