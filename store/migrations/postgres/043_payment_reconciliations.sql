-- The daily reconciliation of online payments with each gateway (issue 19,
-- item 5; docs/payments.md): one run per day and gateway, a re-run
-- replacing it, and its differences as rows so that each unit's leader
-- reads the lines of the payments the unit collected (unit_id 0: a
-- gateway transaction for an order no unit made). Amounts in đồng;
-- instants in ms; day is yyyy-mm-dd in Vietnam.
CREATE TABLE payment_reconciliations (
    id BIGSERIAL PRIMARY KEY,
    day TEXT NOT NULL,
    gateway TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    run_by TEXT NOT NULL,
    checked INTEGER NOT NULL,
    matched INTEGER NOT NULL,
    differences INTEGER NOT NULL,
    UNIQUE (day, gateway)
);
CREATE TABLE payment_reconciliation_rows (
    id BIGSERIAL PRIMARY KEY,
    reconciliation_id BIGINT NOT NULL REFERENCES payment_reconciliations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    order_id TEXT NOT NULL,
    dossier_code TEXT NOT NULL DEFAULT '',
    unit_id BIGINT NOT NULL DEFAULT 0,
    ledger_state TEXT NOT NULL DEFAULT '',
    ledger_amount BIGINT NOT NULL DEFAULT 0,
    gateway_state TEXT NOT NULL DEFAULT '',
    gateway_amount BIGINT NOT NULL DEFAULT 0,
    transaction_no TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payment_reconciliation_rows_run ON payment_reconciliation_rows (reconciliation_id, unit_id);

-- The requests whose order expired without a notification, which serve's
-- job asks the gateways about (DB.ExpiredRequests).
CREATE INDEX payments_expiring ON payments (expires_at) WHERE state = 'requested';
