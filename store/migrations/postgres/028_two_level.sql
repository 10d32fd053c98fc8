-- Two-level government (issue 17, Decree 118/2025/NĐ-CP). A dossier keeps
-- three units apart: where it was received, which unit decides (both
-- existed), and where the result is returned (0: the receiving unit); the
-- commune competence was decided on; and whether it was received for
-- another authority, which takes it out of the receiving unit's worklist
-- once handed on.
ALTER TABLE dossiers ADD COLUMN return_unit_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN locality_unit_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN for_other INTEGER NOT NULL DEFAULT 0;
DROP INDEX dossiers_receiving_due;
CREATE INDEX dossiers_receiving_due ON dossiers (receiving_unit_id, for_other, state, due_at);
-- The competence rule of a procedure version (motcua.Competence).
ALTER TABLE procedure_versions ADD COLUMN competence TEXT NOT NULL DEFAULT '';
-- A part is linked handling, or the dossier or its result moving between
-- the receiving centre and the deciding unit, with how it travels.
ALTER TABLE dossier_parts ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE dossier_parts ADD COLUMN means TEXT NOT NULL DEFAULT '';
-- The provincial chairman's lists of procedures received regardless of
-- administrative boundary, each row one procedure from one decision.
CREATE TABLE boundary_free_listings (
    id BIGSERIAL PRIMARY KEY,
    procedure_code TEXT NOT NULL,
    decision TEXT NOT NULL,
    decided_on BIGINT NOT NULL DEFAULT 0,
    valid_from BIGINT NOT NULL,
    valid_to BIGINT NOT NULL DEFAULT 0,
    UNIQUE (procedure_code, decision)
);
-- Who takes over a dissolved unit's competence, by field ('' for every
-- other field); successor_id 0 is the commune of each dossier's locality.
CREATE TABLE unit_successions (
    id BIGSERIAL PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    field TEXT NOT NULL DEFAULT '',
    successor_id BIGINT NOT NULL DEFAULT 0,
    valid_from BIGINT NOT NULL,
    basis TEXT NOT NULL,
    UNIQUE (unit_id, field)
);
