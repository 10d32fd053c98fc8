-- The transactional outbox (issue 7): every ledger event's outgoing
-- message, written in the event's transaction, read by the event feed and
-- delivered to webhooks. tx_id is the writing transaction's id: the feed
-- returns only rows of transactions older than every one still running,
-- in (tx_id, id) order, so a reader following its cursor never skips a
-- row that commits late.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    tx_id BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
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
