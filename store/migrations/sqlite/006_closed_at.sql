-- When a dossier ended without a result (withdrawn or stopped): the
-- statistics count it in the period it ended (issue 5).
ALTER TABLE dossiers ADD COLUMN closed_at BIGINT NOT NULL DEFAULT 0;
UPDATE dossiers SET closed_at = (SELECT MAX(e.at) FROM events e WHERE e.dossier_id = dossiers.id AND e.type IN ('withdrawn', 'stopped'))
    WHERE state IN ('withdrawn', 'stopped');
CREATE INDEX dossiers_accepted ON dossiers (accepted_at);
