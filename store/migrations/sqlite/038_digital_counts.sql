-- Counters of the digital dossier indicators 4.1–4.4 (Decision 766 group
-- 4; docs/digital-indicators.md), kept like report_counts: a year's
-- figures read a few rows per group instead of judging every dossier.
-- dossier_digital is what each dossier counts now: the day it was
-- accepted (the indicators' period), its group, and for each indicator
-- whether it is in the denominator and in the numerator, as bits
-- (store/digital_counts.go: 1 in 4.1, 2 meets 4.1, 4 in 4.2, 8 meets
-- 4.2, and so on). A write that changes a fact takes the old record's
-- counts away and adds the new one's in its own transaction.
-- digital_counts sums the records by day, month and year of acceptance
-- (grain 1, 2, 3) and group. Both are filled from the dossiers on the
-- first start after this migration.
CREATE TABLE dossier_digital (
    dossier_id BIGINT PRIMARY KEY,
    day INTEGER NOT NULL,
    deciding_unit_id BIGINT NOT NULL,
    receiving_unit_id BIGINT NOT NULL,
    procedure_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    facts INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE digital_counts (
    grain SMALLINT NOT NULL,
    at INTEGER NOT NULL,
    deciding_unit_id BIGINT NOT NULL,
    receiving_unit_id BIGINT NOT NULL,
    procedure_id BIGINT NOT NULL,
    channel TEXT NOT NULL,
    in_41 INTEGER NOT NULL DEFAULT 0,
    met_41 INTEGER NOT NULL DEFAULT 0,
    in_42 INTEGER NOT NULL DEFAULT 0,
    met_42 INTEGER NOT NULL DEFAULT 0,
    in_43 INTEGER NOT NULL DEFAULT 0,
    met_43 INTEGER NOT NULL DEFAULT 0,
    in_44 INTEGER NOT NULL DEFAULT 0,
    met_44 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel)
) WITHOUT ROWID;
