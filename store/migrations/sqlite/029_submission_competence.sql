-- Online filing offers the counter's choice (issue 17, Decree
-- 118/2025/NĐ-CP): the commune of residence, of the land or business, or
-- the unit chosen, as the procedure's competence rule reads them, and
-- where the applicant collects the result (0: where it is filed).
ALTER TABLE submissions ADD COLUMN residence_unit_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN location_unit_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN chosen_unit_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN return_unit_id BIGINT NOT NULL DEFAULT 0;
