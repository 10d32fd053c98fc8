-- An idempotency key answers a retry with the first result only when the
-- request is the same: the hash of what was sent first is kept beside the
-- key, and a key reused for a different request is a conflict. Keys are
-- namespaced by their sender (user:, partner:, contact:) or derived by the
-- system (submission:N); rows written before this keep an empty hash.
ALTER TABLE dossiers ADD COLUMN intake_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN key_hash TEXT NOT NULL DEFAULT '';
