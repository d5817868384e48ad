-- Proof of play is taken only for messages a screen's kiosks were sent: a device token
-- must not be able to book plays of messages its screen never had (README "Security").
-- Each manifest built for a screen records the messages in it.
CREATE TABLE screen_sent_announcement (
    screen_id       bigint      NOT NULL REFERENCES screen(id) ON DELETE CASCADE,
    announcement_id bigint      NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
    last_sent_at    timestamptz NOT NULL,
    PRIMARY KEY (screen_id, announcement_id)
);
CREATE INDEX screen_sent_announcement_announcement_idx ON screen_sent_announcement(announcement_id);

-- What screens have already reported playing was sent to them before this table existed.
INSERT INTO screen_sent_announcement (screen_id, announcement_id, last_sent_at)
SELECT screen_id, announcement_id, max(started_at) FROM play GROUP BY screen_id, announcement_id;
