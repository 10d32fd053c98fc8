-- The SIPAS questionnaire's other two dimensions (domain.md §12): the
-- assessment of each factor (1–5, 0 unanswered) and the factors the
-- respondent expects improved, as JSON lists.
ALTER TABLE survey_responses ADD COLUMN assessment TEXT NOT NULL DEFAULT '[0,0,0,0,0]';
ALTER TABLE survey_responses ADD COLUMN expectations TEXT NOT NULL DEFAULT '[]';
