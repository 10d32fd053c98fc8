-- Electronic results with a result code (issue 18): each issued result
-- names its immutable file (result_files), the unit that issued it and
-- when, and the public code printed with the QR code of /xac-minh. A
-- correction is a new row that supersedes an older one (both kept, with
-- who, when and why); a leader may revoke a result with a reason.
CREATE TABLE issued_results (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
    result_file_id BIGINT NOT NULL REFERENCES result_files(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    issued_at BIGINT NOT NULL,
    issued_by BIGINT REFERENCES users(id), -- NULL for a connected system
    supersedes_id BIGINT REFERENCES issued_results(id),
    reason TEXT NOT NULL DEFAULT '',
    superseded_by_id BIGINT REFERENCES issued_results(id),
    revoked_at BIGINT,
    revoked_by BIGINT REFERENCES users(id),
    revoke_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX issued_results_dossier ON issued_results (dossier_id, id);
-- One correction per result: two officers superseding the same result at
-- once cannot both succeed.
CREATE UNIQUE INDEX issued_results_supersedes ON issued_results (supersedes_id);
