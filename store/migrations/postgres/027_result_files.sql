-- The electronic result of a dossier (issue 15): the file an officer
-- attaches when recording the result, for the citizen who chose to receive
-- it online to download from their page. Linked to the event that recorded
-- the result (dossier_id, seq); the content is in the file store under its
-- SHA-256, like the citizens' uploads.
CREATE TABLE result_files (
    id BIGSERIAL PRIMARY KEY,
    dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
    seq INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX result_files_dossier ON result_files (dossier_id, seq);
