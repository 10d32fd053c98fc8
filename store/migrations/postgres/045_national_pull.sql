-- The pull fallback for dossiers filed on the national portal (issue 20
-- item 2, adapter/partner/dvcqg/pull.go): where motcua stopped reading the
-- national side's list of dossiers filed for the province. cursor is the
-- national side's own (opaque) continuation; pulled_at (ms) the last round
-- that read a page, last_error the last round's failure ('' when it went
-- through), for the operators.
CREATE TABLE national_pull (
    source TEXT PRIMARY KEY,
    cursor TEXT NOT NULL DEFAULT '',
    pulled_at BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
