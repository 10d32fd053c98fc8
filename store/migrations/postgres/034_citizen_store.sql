-- The citizen's store (issue 18, item 5): what a person once gave or
-- received is kept under their identity number and reused instead of asked
-- for again. A component's file records where it came from: scanned at the
-- counter (scan) or uploaded online (upload), reused from what the
-- one-stop already held (reused, source names it), or taken from the
-- national data store (national, source is the store's document id);
-- valid_until (0: no end) bounds its reuse. An issued result has its
-- validity too, and pushed_at: when its link reached the citizen's national
-- data store (indicator 4.4).
ALTER TABLE component_files ADD COLUMN origin TEXT NOT NULL DEFAULT 'scan';
ALTER TABLE component_files ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE component_files ADD COLUMN valid_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE submission_files ADD COLUMN origin TEXT NOT NULL DEFAULT 'upload';
ALTER TABLE submission_files ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE submission_files ADD COLUMN valid_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE issued_results ADD COLUMN valid_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE issued_results ADD COLUMN pushed_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX dossiers_applicant_id_number ON dossiers (applicant_id_number);
CREATE INDEX issued_results_unpushed ON issued_results (pushed_at, id);
