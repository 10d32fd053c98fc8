-- How many linked parts a dossier has: reading a dossier skips the parts
-- query when it has none (almost always), which the lookup budget needs.
ALTER TABLE dossiers ADD COLUMN parts INTEGER NOT NULL DEFAULT 0;
UPDATE dossiers SET parts = (SELECT COUNT(*) FROM dossier_parts p WHERE p.dossier_id = dossiers.id)
    WHERE id IN (SELECT dossier_id FROM dossier_parts);
