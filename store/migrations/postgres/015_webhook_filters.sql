-- A subscription may narrow its client's scope (issue 7): to some units
-- (and those below them) and some procedures (named by code; fields are
-- resolved to their procedures when subscribing). Empty lists narrow nothing.
ALTER TABLE webhooks ADD COLUMN unit_codes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE webhooks ADD COLUMN procedure_codes TEXT NOT NULL DEFAULT '[]';
