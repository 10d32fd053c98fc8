-- What a notice is about (a dossier's code, or "submission:N"), so that
-- erasing one dossier's personal data takes its notices and no other's.
ALTER TABLE notifications ADD COLUMN about TEXT NOT NULL DEFAULT '';
CREATE INDEX notifications_about ON notifications (about) WHERE about <> '';
