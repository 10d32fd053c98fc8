-- Instants are BIGINT milliseconds since the Unix epoch (0 = not yet), so the
-- same SQL text compares and sorts them on SQLite and PostgreSQL alike.
-- Booleans are INTEGER 0/1 for the same reason.
CREATE TABLE units (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES units(id),
    office TEXT NOT NULL DEFAULT '',
    office_hours TEXT NOT NULL DEFAULT '',
    valid_from BIGINT NOT NULL,
    valid_to BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE TABLE grants (
    user_id BIGINT NOT NULL REFERENCES users(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, unit_id, role)
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE calendar_changes (
    id BIGSERIAL PRIMARY KEY,
    day TEXT NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    actor_id BIGINT NOT NULL DEFAULT 0,
    changed_at BIGINT NOT NULL
);
CREATE TABLE fields (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE procedures (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL,
    level TEXT NOT NULL,
    field_id BIGINT NOT NULL REFERENCES fields(id),
    current_version_id BIGINT NOT NULL DEFAULT 0,
    UNIQUE (code, level)
);
CREATE TABLE procedure_versions (
    id BIGSERIAL PRIMARY KEY,
    procedure_id BIGINT NOT NULL REFERENCES procedures(id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    search_key TEXT NOT NULL,
    time_amount DOUBLE PRECISION NOT NULL,
    time_unit TEXT NOT NULL,
    online_level TEXT NOT NULL,
    office TEXT NOT NULL DEFAULT '',
    fees TEXT NOT NULL DEFAULT '',
    legal_basis TEXT NOT NULL DEFAULT '',
    result_type TEXT NOT NULL DEFAULT '',
    documents TEXT NOT NULL,
    steps TEXT NOT NULL,
    effective_from BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (procedure_id, version)
);
CREATE TABLE dossier_counters (
    unit_id BIGINT NOT NULL,
    day TEXT NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (unit_id, day)
);
CREATE TABLE dossiers (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    procedure_id BIGINT NOT NULL REFERENCES procedures(id),
    version_id BIGINT NOT NULL REFERENCES procedure_versions(id),
    receiving_unit_id BIGINT NOT NULL REFERENCES units(id),
    deciding_unit_id BIGINT NOT NULL REFERENCES units(id),
    current_unit_id BIGINT NOT NULL REFERENCES units(id),
    step INTEGER NOT NULL,
    state TEXT NOT NULL,
    channel TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    applicant_key TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    applicant_address TEXT NOT NULL,
    applicant_phone TEXT NOT NULL,
    applicant_email TEXT NOT NULL,
    sets INTEGER NOT NULL,
    documents TEXT NOT NULL,
    accepted_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    step_due_at BIGINT NOT NULL,
    result_at BIGINT NOT NULL DEFAULT 0,
    returned_at BIGINT NOT NULL DEFAULT 0,
    paused_at BIGINT NOT NULL DEFAULT 0,
    version INTEGER NOT NULL
);
CREATE INDEX dossiers_current_due ON dossiers (current_unit_id, state, due_at);
CREATE INDEX dossiers_receiving_due ON dossiers (receiving_unit_id, state, due_at);
CREATE INDEX dossiers_deciding_due ON dossiers (deciding_unit_id, state, due_at);
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    actor_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    UNIQUE (dossier_id, seq)
);
CREATE TABLE intake_refusals (
    id BIGSERIAL PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    procedure_id BIGINT NOT NULL REFERENCES procedures(id),
    applicant_name TEXT NOT NULL,
    applicant_id_number TEXT NOT NULL,
    applicant_address TEXT NOT NULL,
    applicant_phone TEXT NOT NULL,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    actor_id BIGINT NOT NULL
);
-- Every staff read of a dossier's personal data (domain.md §15).
CREATE TABLE access_log (
    id BIGSERIAL PRIMARY KEY,
    actor_id BIGINT NOT NULL,
    dossier_id BIGINT NOT NULL,
    what TEXT NOT NULL,
    at BIGINT NOT NULL
);
