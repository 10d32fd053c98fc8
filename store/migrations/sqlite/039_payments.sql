-- Payments and electronic receipts (issue 19, items 3–5; docs/payments.md).
-- A payment is one request for what a dossier owes at one stage (intake or
-- result), paid in cash at the counter or through a gateway. Amounts in
-- đồng; instants in ms. order_id is the gateway-safe reference, unique.
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    dossier_id BIGINT NOT NULL,
    unit_id BIGINT NOT NULL,
    stage TEXT NOT NULL,
    amount BIGINT NOT NULL,
    order_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT '',
    requested_by TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL DEFAULT 0,
    transaction_no TEXT NOT NULL DEFAULT '',
    bank_code TEXT NOT NULL DEFAULT '',
    paid_at BIGINT NOT NULL DEFAULT 0,
    received_by TEXT NOT NULL DEFAULT '',
    closed_by TEXT NOT NULL DEFAULT '',
    closed_at BIGINT NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payments_dossier ON payments (dossier_id, stage);
CREATE INDEX payments_requested ON payments (method, requested_at);
CREATE INDEX payments_paid ON payments (method, paid_at);
-- One open request per dossier and stage; one payment per gateway transaction.
CREATE UNIQUE INDEX payments_open ON payments (dossier_id, stage) WHERE state = 'requested';
CREATE UNIQUE INDEX payments_transaction ON payments (method, transaction_no) WHERE transaction_no <> '';

-- Receipts (biên lai): immutable; a cancellation or a refund is a new
-- receipt naming the one it concerns. The number series runs per unit and
-- year without gaps: receipt_counters is updated in the transaction that
-- issues the receipt.
CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    unit_id BIGINT NOT NULL,
    year INTEGER NOT NULL,
    series TEXT NOT NULL,
    number BIGINT NOT NULL,
    kind TEXT NOT NULL,
    payment_id BIGINT NOT NULL REFERENCES payments (id),
    refers_to BIGINT NOT NULL DEFAULT 0,
    amount BIGINT NOT NULL,
    payer_name TEXT NOT NULL,
    dossier_code TEXT NOT NULL,
    method TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL DEFAULT '',
    UNIQUE (unit_id, year, number)
);
CREATE INDEX receipts_payment ON receipts (payment_id);
CREATE TABLE receipt_counters (
    unit_id BIGINT NOT NULL,
    year INTEGER NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (unit_id, year)
);

-- Every verified gateway notification or return, as it came (no secret is
-- in a Result), with the ledger's verdict: the audit of what the gateways said.
CREATE TABLE payment_notifications (
    id INTEGER PRIMARY KEY,
    gateway TEXT NOT NULL,
    order_id TEXT NOT NULL,
    amount BIGINT NOT NULL,
    transaction_no TEXT NOT NULL,
    bank_code TEXT NOT NULL,
    paid INTEGER NOT NULL,
    response_code TEXT NOT NULL,
    paid_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    payment_id BIGINT NOT NULL DEFAULT 0,
    verdict TEXT NOT NULL
);
CREATE INDEX payment_notifications_order ON payment_notifications (order_id);
