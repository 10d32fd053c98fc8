-- What a dossier owes (issue 19): the bill computed at acceptance from the
-- version's fee lines (its detail is in the accepted event's data, field
-- "fees"), kept as totals for the payment pages, reports and indicators
-- 3.5 and 3.6. All in đồng; 0 when nothing is owed or fees are not stated.
ALTER TABLE dossiers ADD COLUMN fee_total BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN fee_due_intake BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN fee_due_result BIGINT NOT NULL DEFAULT 0;
