-- Pushing result links to the citizen's national data store (issue 18,
-- item 5; indicator 4.4): a result the store refuses, or that fails while
-- the store is down, is tried again later, each time after a longer wait
-- (push_after, ms), so that one result failing again and again never
-- holds back the others. push_attempts counts the failures.
ALTER TABLE issued_results ADD COLUMN push_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE issued_results ADD COLUMN push_after BIGINT NOT NULL DEFAULT 0;
