-- The images of a feed's events, stored as media: one row per feed and image URL, so the
-- same picture on every occurrence of a series is fetched once, and not again on the next
-- import while the URL stays the same and its media is still there. An image that could
-- not be used keeps the reason, for the feed's page, and is tried again on the next import.
CREATE TABLE feed_image (
    id          bigserial PRIMARY KEY,
    feed_id     bigint      NOT NULL REFERENCES feed_source(id) ON DELETE CASCADE,
    url         text        NOT NULL,
    -- the first event that showed it, to say on the feed's page which image failed
    event_title text        NOT NULL,
    -- a media file deleted by an administrator is simply fetched again
    media_id    bigint      REFERENCES media(id) ON DELETE SET NULL,
    error       text,
    checked_at  timestamptz NOT NULL,
    UNIQUE (feed_id, url)
);
