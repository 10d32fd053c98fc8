-- Personal-data retention (issue 9): per procedure, how long after a
-- dossier closed its applicant's data are kept; erased_at marks a dossier
-- whose personal data were erased (its figures stay in the statistics).
CREATE TABLE retention (
    procedure_code TEXT PRIMARY KEY,
    months INTEGER NOT NULL,
    set_at BIGINT NOT NULL
);
ALTER TABLE dossiers ADD COLUMN erased_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE intake_refusals ADD COLUMN erased_at BIGINT NOT NULL DEFAULT 0;
