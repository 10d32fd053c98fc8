-- The scans of a dossier's components (issue 18): for each component
-- received at the counter or by post, the file the officer attached at
-- intake or later the same day, with who and when. A component attached
-- again keeps both rows; the newest counts. The content is in the file
-- store under its SHA-256, like the citizens' uploads and the results.
CREATE TABLE component_files (
    id INTEGER PRIMARY KEY,
    dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
    component INTEGER NOT NULL,
    document TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    pages INTEGER NOT NULL DEFAULT 0,
    by_id BIGINT NOT NULL,
    by_name TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX component_files_dossier ON component_files (dossier_id, component);
