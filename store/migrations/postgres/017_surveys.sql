-- SIPAS surveys (issue 8): campaigns over a period and a unit's subtree;
-- their answers are the portal's ratings in that period and scope, and the
-- paper forms keyed in here.
CREATE TABLE surveys (
    id BIGSERIAL PRIMARY KEY,
    title TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    from_at BIGINT NOT NULL,
    to_at BIGINT NOT NULL,
    planned INTEGER NOT NULL
);
CREATE TABLE survey_responses (
    id BIGSERIAL PRIMARY KEY,
    survey_id BIGINT NOT NULL REFERENCES surveys(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    access_score INTEGER NOT NULL,
    procedure_score INTEGER NOT NULL,
    official_score INTEGER NOT NULL,
    result_score INTEGER NOT NULL,
    feedback_score INTEGER NOT NULL,
    comment TEXT NOT NULL,
    keyed_by BIGINT NOT NULL,
    keyed_at BIGINT NOT NULL
);
CREATE INDEX survey_responses_survey ON survey_responses (survey_id, unit_id);
