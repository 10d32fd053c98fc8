-- Administrative reform (issue 8): the yearly plans with their contents and
-- tasks (and each task's progress notes), and the register of directive
-- documents, linked to the tasks they serve.
CREATE TABLE reform_plans (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    issued_on BIGINT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    UNIQUE (unit_id, year)
);
CREATE TABLE reform_contents (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES reform_plans(id),
    seq INTEGER NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE reform_tasks (
    id INTEGER PRIMARY KEY,
    content_id BIGINT NOT NULL REFERENCES reform_contents(id),
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    owner_unit_id BIGINT NOT NULL REFERENCES units(id),
    due_on BIGINT NOT NULL,
    status TEXT NOT NULL,
    done_on BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX reform_tasks_owner ON reform_tasks (owner_unit_id, status, due_on);
CREATE TABLE reform_task_notes (
    id INTEGER PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES reform_tasks(id),
    at BIGINT NOT NULL,
    author_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX reform_task_notes_task ON reform_task_notes (task_id, at);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    type TEXT NOT NULL,
    issued_on BIGINT NOT NULL,
    issuer TEXT NOT NULL,
    summary TEXT NOT NULL,
    search_key TEXT NOT NULL,
    attachment TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    unit_id BIGINT NOT NULL REFERENCES units(id),
    UNIQUE (unit_id, number)
);
CREATE INDEX documents_issued ON documents (issued_on);
CREATE TABLE document_tasks (
    document_id BIGINT NOT NULL REFERENCES documents(id),
    task_id BIGINT NOT NULL REFERENCES reform_tasks(id),
    PRIMARY KEY (document_id, task_id)
);
