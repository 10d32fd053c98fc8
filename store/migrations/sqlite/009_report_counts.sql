-- Counters of Biểu II.06a by day, month and year (report/tally.go): each
-- dossier adds its counts in the transaction that changes it, so that a
-- year's report reads a few rows per group instead of every dossier.
-- grain: 1 day, 2 month, 3 year; at: the day, month or year's number.
-- They are filled from the dossiers on the first start after this
-- migration (store/report_counts.go).
CREATE TABLE report_counts (
    grain SMALLINT NOT NULL,
    at INTEGER NOT NULL,
    deciding_unit_id BIGINT NOT NULL,
    receiving_unit_id BIGINT NOT NULL,
    procedure_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    accepted INTEGER NOT NULL DEFAULT 0,
    finished INTEGER NOT NULL DEFAULT 0,
    early INTEGER NOT NULL DEFAULT 0,
    on_time INTEGER NOT NULL DEFAULT 0,
    late INTEGER NOT NULL DEFAULT 0,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    overdue INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel)
) WITHOUT ROWID;
