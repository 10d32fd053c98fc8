-- The catalogue governed by decisions (issue 4). A decision (number and
-- symbol, signing date, issuer, effective date) adds, amends or repeals
-- procedure versions; publishing it makes them immutable and in force from
-- its effective date. Each version records what its decision did: 'add',
-- 'amend' or 'repeal'; from a repeal's effective date the procedure takes
-- no new dossiers.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    issuer TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    effective_from BIGINT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    published_at BIGINT NOT NULL DEFAULT 0,
    actor_id BIGINT NOT NULL DEFAULT 0,
    UNIQUE (number, issuer)
);
ALTER TABLE procedure_versions ADD COLUMN decision_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE procedure_versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'add';
UPDATE procedure_versions SET kind = 'amend' WHERE version > 1;
ALTER TABLE procedure_versions ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE procedure_versions ADD COLUMN online_from BIGINT NOT NULL DEFAULT 0;
CREATE INDEX procedure_versions_in_force ON procedure_versions (procedure_id, status, effective_from);
CREATE INDEX procedure_versions_decision ON procedure_versions (decision_id);
