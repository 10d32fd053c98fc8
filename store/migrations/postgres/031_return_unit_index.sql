-- A result ready at a place of return the applicant chose comes into that
-- unit's worklist (store/worklist_query.go): its branch reads this index.
CREATE INDEX dossiers_return_due ON dossiers (return_unit_id, state, due_at);
