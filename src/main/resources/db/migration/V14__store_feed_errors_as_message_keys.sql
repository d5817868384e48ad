-- Why a feed's import failed, and why an event's image was not used, are stored as a
-- message key and its arguments, so the feed's page says it in the reader's language and
-- the API in English. The English text in "error" was written by earlier versions; it is
-- shown as it was stored, and a new failure clears it.

ALTER TABLE feed_source
    ADD COLUMN error_key  text,
    ADD COLUMN error_args text[] NOT NULL DEFAULT '{}';

ALTER TABLE feed_image
    ADD COLUMN error_key  text,
    ADD COLUMN error_args text[] NOT NULL DEFAULT '{}';
