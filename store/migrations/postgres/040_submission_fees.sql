-- What an online filing asks that the fee lines count (issue 19): the
-- copies and pages the citizen asks for; the bill is computed when the
-- one-stop accepts the submission (the accepted event keeps it).
ALTER TABLE submissions ADD COLUMN fee_copies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN fee_pages INTEGER NOT NULL DEFAULT 0;
