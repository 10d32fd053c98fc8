-- Webhooks (issue 7): a client's subscriptions, each with the position in
-- the outbox up to which its deliveries are queued, and the deliveries
-- with their retries; a delivery that keeps failing ends dead, to be
-- replayed by hand.
CREATE TABLE webhooks (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES api_clients(id),
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    types TEXT NOT NULL,
    cursor_tx BIGINT NOT NULL DEFAULT 0,
    cursor_id BIGINT NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
CREATE TABLE webhook_deliveries (
    id BIGSERIAL PRIMARY KEY,
    webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
    outbox_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at BIGINT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    delivered_at BIGINT NOT NULL DEFAULT 0,
    UNIQUE (webhook_id, outbox_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_status ON webhook_deliveries (webhook_id, status);
