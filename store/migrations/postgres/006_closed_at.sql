-- When a dossier ended without a result (withdrawn or stopped): the
-- statistics count it in the period it ended (issue 5).
ALTER TABLE dossiers ADD COLUMN closed_at BIGINT NOT NULL DEFAULT 0;
-- A closed dossier whose closing event is missing (bulk-loaded data) is
-- taken as closed when it was accepted, rather than left open forever.
UPDATE dossiers SET closed_at = COALESCE((SELECT MAX(e.at) FROM events e
    WHERE e.dossier_id = dossiers.id AND e.type IN ('withdrawn', 'stopped')), accepted_at)
    WHERE state IN ('withdrawn', 'stopped');
CREATE INDEX dossiers_accepted ON dossiers (accepted_at);
