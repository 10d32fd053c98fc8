-- The transactional outbox (issue 7): every ledger event's outgoing
-- message, written in the event's transaction, read by the event feed and
-- delivered to webhooks. tx_id orders the feed by commit on PostgreSQL
-- (0 on SQLite, whose single writer commits in id order).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    tx_id BIGINT NOT NULL DEFAULT 0,
    event_id BIGINT NOT NULL,
    dossier_id BIGINT NOT NULL,
    receiving_unit_id BIGINT NOT NULL,
    deciding_unit_id BIGINT NOT NULL,
    procedure_id BIGINT NOT NULL,
    type TEXT NOT NULL,
    at BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX outbox_feed ON outbox (tx_id, id);
