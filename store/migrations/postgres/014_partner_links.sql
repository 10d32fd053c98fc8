-- Dossiers forwarded to specialised systems (issue 7): which partner holds
-- which dossier under which reference, until its result comes back; and
-- each bridge's position in the event feed.
CREATE TABLE partner_links (
    client_id BIGINT NOT NULL REFERENCES api_clients(id),
    dossier_code TEXT NOT NULL,
    reference TEXT NOT NULL,
    forwarded_at BIGINT NOT NULL,
    closed_at BIGINT NOT NULL DEFAULT 0,
    result TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (client_id, dossier_code)
);
CREATE INDEX partner_links_open ON partner_links (client_id) WHERE closed_at = 0;
CREATE TABLE partner_cursors (
    client_id BIGINT PRIMARY KEY REFERENCES api_clients(id),
    cursor_tx BIGINT NOT NULL,
    cursor_id BIGINT NOT NULL
);
