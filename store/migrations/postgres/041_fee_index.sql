-- Indicators 3.5 and 3.6 (issue 19) read the dossiers that owe something,
-- by acceptance: a partial index keeps that read to the period's
-- fee-bearing dossiers instead of a unit's whole history.
CREATE INDEX dossiers_fee_accepted ON dossiers (accepted_at) WHERE fee_total > 0;
