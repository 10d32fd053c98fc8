-- Fees as data (issue 19): a version's fee lines as a JSON array of
-- motcua.FeeLine. '' means the version does not state its fees as lines
-- (the text note in fees is all it says); '[]' states that it is free.
ALTER TABLE procedure_versions ADD COLUMN fee_lines TEXT NOT NULL DEFAULT '';
