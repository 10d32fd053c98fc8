-- The whole lifecycle (issue 3): the promised date after an apology, the
-- late entry awaiting a leader, and the parts of linked dossiers (liên
-- thông), which give co-ordinating units their scope.
ALTER TABLE dossiers ADD COLUMN promised_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN pending_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN pending_unit_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX dossiers_pending ON dossiers (pending_unit_id) WHERE pending_seq <> 0;
CREATE TABLE dossier_parts (
    dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
    seq INTEGER NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    title TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    returned_at BIGINT NOT NULL DEFAULT 0,
    returned_by BIGINT NOT NULL DEFAULT 0,
    grade TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dossier_id, seq)
);
CREATE INDEX dossier_parts_unit ON dossier_parts (unit_id, returned_at, dossier_id);
-- Leaders receive the daily digest of deadline alerts by e-mail.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
-- One digest per leader per day, even with several app instances.
CREATE TABLE digest_log (
    day TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (day, user_id)
);
-- The secret printed on the receipt and in its QR code: with the code it
-- opens the dossier's public tracking page; the code alone reveals nothing.
ALTER TABLE dossiers ADD COLUMN tracking_secret TEXT NOT NULL DEFAULT '';
-- When the intake step handed the dossier on: the register's "ngày chuyển".
ALTER TABLE dossiers ADD COLUMN sent_at BIGINT NOT NULL DEFAULT 0;
-- The steps each dossier went through, projected from its events: the
-- control slip's rows and the step performance of units and officers.
CREATE TABLE dossier_steps (
    dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
    idx INTEGER NOT NULL,
    step INTEGER NOT NULL,
    unit_id BIGINT NOT NULL,
    giver_id BIGINT NOT NULL,
    holder_id BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    ended_at BIGINT NOT NULL DEFAULT 0,
    ended_by BIGINT NOT NULL DEFAULT 0,
    grade TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dossier_id, idx)
);
CREATE INDEX dossier_steps_ended ON dossier_steps (ended_at, unit_id);
