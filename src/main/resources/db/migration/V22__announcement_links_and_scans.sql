-- Links and QR codes (README "Links and QR codes", docs/LINKS.md).
--
-- A message may carry one web address that passers-by can take with them. It is part of
-- the message's content: approved with it, and a change of it sends the message back for
-- approval like any other edit. The address is checked by the server (https or http,
-- absolute, no user name or password, at most 500 characters); the check is repeated here
-- as a last guard for the length.
ALTER TABLE announcement
    ADD COLUMN link text CHECK (link IS NULL OR char_length(link) BETWEEN 1 AND 500);

-- The short address a screen's QR code points at: /go/{code}. One code per message and
-- screen, so scans are counted per screen; random, so one code does not lead to another.
CREATE TABLE go_link (
    code            text        PRIMARY KEY CHECK (code ~ '^[a-z0-9]{6,16}$'),
    announcement_id bigint      NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
    screen_id       bigint      NOT NULL REFERENCES screen(id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (announcement_id, screen_id)
);

-- Scans counted per message, screen and hour: a counter, nothing about who scanned. There
-- is deliberately no column for an address, a browser, a device or a cookie
-- (ScanPrivacyTest reads this table's columns from the catalog).
CREATE TABLE link_scan (
    announcement_id bigint      NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
    screen_id       bigint      NOT NULL REFERENCES screen(id) ON DELETE CASCADE,
    hour            timestamptz NOT NULL CHECK (date_trunc('hour', hour) = hour),
    scans           integer     NOT NULL CHECK (scans > 0),
    PRIMARY KEY (announcement_id, screen_id, hour)
);
