-- PAR Index self-assessment (issue 8): each year's tree of criteria with
-- their maximum points, set by the province, and each unit's scores with
-- their evidence.
CREATE TABLE par_criteria (
    year INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    max_points DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (year, code)
);
CREATE TABLE par_scores (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    year INTEGER NOT NULL,
    code TEXT NOT NULL,
    points DOUBLE PRECISION NOT NULL,
    evidence TEXT NOT NULL,
    scored_by BIGINT NOT NULL,
    scored_at BIGINT NOT NULL,
    PRIMARY KEY (unit_id, year, code)
);
