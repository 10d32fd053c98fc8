-- Identity at intake (issue 20, indicator 4.5). A portal session signed in
-- through VNeID keeps the personal identification number the provider
-- verified; a submission keeps whether its applicant's number was that
-- one, until the one-stop accepts it. A counter officer's lookup in the
-- national population database is kept for an hour (a later lookup deletes it), so that acceptance
-- can tell (in the store, not from a form field) that the applicant's
-- data came from it.
ALTER TABLE citizen_sessions ADD COLUMN vneid_number TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN vneid INTEGER NOT NULL DEFAULT 0;
CREATE TABLE population_lookups (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    id_number TEXT NOT NULL,
    name TEXT NOT NULL,
    looked_up_at INTEGER NOT NULL
);
CREATE INDEX population_lookups_user ON population_lookups (user_id, id_number, looked_up_at);
