-- A key the intake form (or an API client's Idempotency-Key) sends once per
-- dossier, so a double-click or a retried request accepts one dossier.
ALTER TABLE dossiers ADD COLUMN intake_key TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX dossiers_intake_key ON dossiers (intake_key) WHERE intake_key <> '';
