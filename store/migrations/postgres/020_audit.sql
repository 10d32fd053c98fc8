-- The audit trail (issue 9): every change and every staff read of personal
-- data, hash-chained. Ids are given by the writer from audit_head, which
-- every audited transaction locks, so they run without gaps in chain order.
CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    detail TEXT NOT NULL,
    prev TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object);
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    last_id BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, '');
-- Reads logged before the trail existed join it unsealed; the first start
-- after this migration seals them (store/audit.go).
INSERT INTO audit_log (id, at, actor, source, action, object, detail, prev, hash)
SELECT l.id, l.at, 'user:' || CAST(l.actor_id AS TEXT) || ' ' || COALESCE(u.username, ''), '', l.what || '.read',
    CASE WHEN l.what = 'submission' THEN 'submission:' || CAST(l.dossier_id AS TEXT) ELSE COALESCE(d.code, '') END, '', '', ''
FROM access_log l LEFT JOIN users u ON u.id = l.actor_id LEFT JOIN dossiers d ON d.id = l.dossier_id;
DROP TABLE access_log;
