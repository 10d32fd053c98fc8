-- The sync of every dossier to the national co-ordination system (issue
-- 20, package adapter/partner/dvcqg): one row per dossier. version is the
-- ledger version to send (written with every event, in the event's
-- transaction), sent_version the last one the national side took; a row
-- whose version moved past sent_version is due once next_attempt_at (ms)
-- has passed. A refusal or an outage keeps the row due, with the reason in
-- last_error and a longer wait after each failed attempt: an outage delays
-- and never loses. synced_at (ms) is the last time it was taken; a dossier
-- synced at least once counts for indicator 1.4.
CREATE TABLE national_sync (
    dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id),
    version INTEGER NOT NULL,
    sent_version INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    synced_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX national_sync_due ON national_sync (next_attempt_at, dossier_id) WHERE version > sent_version;
-- Dossiers already on record are sent once, too.
INSERT INTO national_sync (dossier_id, version) SELECT id, version FROM dossiers;
-- An online submission refused before acceptance is a national record too
-- (TrangThaiHoSo 3, NgayTuChoi), and so is a dossier filed on the national
-- portal while the one-stop waits for the additions it asked for
-- (TrangThaiHoSo 5): the same state, by submission.
CREATE TABLE national_sync_submissions (
    submission_id BIGINT PRIMARY KEY REFERENCES submissions(id),
    version INTEGER NOT NULL,
    sent_version INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    synced_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX national_sync_submissions_due ON national_sync_submissions (next_attempt_at, submission_id) WHERE version > sent_version;
INSERT INTO national_sync_submissions (submission_id, version) SELECT id, 1 FROM submissions WHERE state = 'refused';
-- A dossier filed on the national portal keeps its national code: one
-- submission per code, and its records go back under that code.
ALTER TABLE submissions ADD COLUMN national_code TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX submissions_national_code ON submissions (national_code) WHERE national_code <> '';
-- The national side fetches the files its records link to by SHA-256
-- (motcua.NationalFileURL; store/national_files.go).
CREATE INDEX component_files_sha256 ON component_files (sha256);
CREATE INDEX submission_files_sha256 ON submission_files (sha256);
CREATE INDEX result_files_sha256 ON result_files (sha256);
