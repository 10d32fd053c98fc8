-- Standard workflows (issue 4): the province publishes each procedure's
-- workflow; units adopt the procedures they apply, from a date, and fill
-- in only what the template leaves open: their own officers per step.
-- A procedure nobody has adopted applies at every unit of its level.
CREATE TABLE adoptions (
    procedure_id BIGINT NOT NULL REFERENCES procedures(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    adopted_from BIGINT NOT NULL,
    actor_id BIGINT NOT NULL,
    PRIMARY KEY (procedure_id, unit_id)
);
CREATE INDEX adoptions_unit ON adoptions (unit_id);
CREATE TABLE step_officers (
    procedure_id BIGINT NOT NULL REFERENCES procedures(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    step_name TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (procedure_id, unit_id, step_name, user_id)
);
