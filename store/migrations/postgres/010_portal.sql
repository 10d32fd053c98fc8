-- The citizen portal (issue 6): one-time codes that prove an e-mail
-- address or phone number, the citizens' sessions, online submissions and
-- their files, the notices sent by e-mail and SMS, ratings and the
-- leaders' review of unsatisfied ones.
CREATE TABLE otp_codes (
    id BIGSERIAL PRIMARY KEY,
    contact TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX otp_codes_contact ON otp_codes (contact, created_at);
CREATE TABLE citizen_sessions (
    token_hash TEXT PRIMARY KEY,
    contact TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE submissions (
    id BIGSERIAL PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    contact TEXT NOT NULL,
    procedure_id BIGINT NOT NULL REFERENCES procedures(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    applicant_name TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    applicant_address TEXT NOT NULL,
    applicant_phone TEXT NOT NULL,
    applicant_email TEXT NOT NULL,
    note TEXT NOT NULL,
    delivery TEXT NOT NULL,
    delivery_to TEXT NOT NULL,
    state TEXT NOT NULL,
    missing TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL DEFAULT '',
    dossier_id BIGINT NOT NULL DEFAULT 0,
    decided_by BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX submissions_queue ON submissions (unit_id, state, created_at);
CREATE INDEX submissions_contact ON submissions (contact, created_at);
CREATE INDEX submissions_dossier ON submissions (dossier_id) WHERE dossier_id <> 0;
CREATE TABLE submission_files (
    id BIGSERIAL PRIMARY KEY,
    submission_id BIGINT NOT NULL REFERENCES submissions(id),
    document TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX submission_files_submission ON submission_files (submission_id);
-- Notices wait here, written in the transaction of what they announce,
-- until a sender delivers them (retrying with backoff).
CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    -- a one-time code: its text is blanked once sent
    sensitive INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_due ON notifications (next_at) WHERE sent_at = 0;
CREATE TABLE ratings (
    dossier_id BIGINT PRIMARY KEY REFERENCES dossiers(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    access_score INTEGER NOT NULL,
    procedure_score INTEGER NOT NULL,
    official_score INTEGER NOT NULL,
    result_score INTEGER NOT NULL,
    feedback_score INTEGER NOT NULL,
    comment TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX ratings_unit ON ratings (unit_id, at);
CREATE TABLE reviews (
    id BIGSERIAL PRIMARY KEY,
    dossier_id BIGINT NOT NULL UNIQUE REFERENCES dossiers(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    opened_at BIGINT NOT NULL,
    closed_at BIGINT NOT NULL DEFAULT 0,
    closed_by BIGINT NOT NULL DEFAULT 0,
    response TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reviews_open ON reviews (unit_id) WHERE closed_at = 0;
