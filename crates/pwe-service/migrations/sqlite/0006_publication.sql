-- When the operator published the results (`pwe results publish`): the public
-- results page shows them only then, unless the survey says at-close.
CREATE TABLE publication (
    survey_id TEXT PRIMARY KEY,
    published_at TEXT NOT NULL
);
