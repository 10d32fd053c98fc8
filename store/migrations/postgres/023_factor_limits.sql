-- Second-factor guesses are counted per account, across sessions (a new
-- password login must not reset them), and a pending enrolment's secret
-- belongs to the session that asked for it.
ALTER TABLE users ADD COLUMN factor_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN factor_locked_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN totp_pending TEXT NOT NULL DEFAULT '';
