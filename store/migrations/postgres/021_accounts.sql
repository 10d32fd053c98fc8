-- Accounts (issue 9): a TOTP second factor with recovery codes, sessions
-- that wait for it, and login failures counted per name and address.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_pending TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN factor_failures INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, code_hash)
);
CREATE TABLE login_failures (
    username TEXT NOT NULL,
    source TEXT NOT NULL,
    failures INTEGER NOT NULL,
    first_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL,
    PRIMARY KEY (username, source)
);
