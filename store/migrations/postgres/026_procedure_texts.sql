-- What the catalogue publishes for citizens as text, under the National
-- Public Service Portal's headings: đối tượng thực hiện, trình tự thực
-- hiện, cách thức thực hiện, cơ quan thực hiện. Versions published before
-- this say nothing of them.
ALTER TABLE procedure_versions ADD COLUMN applicants TEXT NOT NULL DEFAULT '';
ALTER TABLE procedure_versions ADD COLUMN sequence TEXT NOT NULL DEFAULT '';
ALTER TABLE procedure_versions ADD COLUMN channels TEXT NOT NULL DEFAULT '';
ALTER TABLE procedure_versions ADD COLUMN agency TEXT NOT NULL DEFAULT '';
