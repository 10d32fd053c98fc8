-- API clients (issue 7): external systems with keys stored hashed, a scope
-- (units, procedures, actions) and a rate; a key can be rotated with the
-- old one honoured for a grace period. Every call is audited.
CREATE TABLE api_clients (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    previous_hash TEXT NOT NULL DEFAULT '',
    previous_until BIGINT NOT NULL DEFAULT 0,
    units TEXT NOT NULL,
    procedures TEXT NOT NULL,
    actions TEXT NOT NULL,
    rate_per_minute INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX api_clients_previous ON api_clients (previous_hash) WHERE previous_hash <> '';
CREATE TABLE api_calls (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    address TEXT NOT NULL
);
CREATE INDEX api_calls_client ON api_calls (client_id, at);
