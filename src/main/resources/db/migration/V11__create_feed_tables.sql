-- Event feeds: the institutions' calendars (iCalendar by URL or uploaded file) and news
-- (RSS/Atom by URL) imported as announcements. Each event occurrence is one announcement,
-- found again on the next import by (feed, UID, recurrence id).

CREATE TABLE feed_source (
    id                bigserial PRIMARY KEY,
    slug              text        NOT NULL UNIQUE,
    name              text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('ics-url', 'ics-file', 'rss-url')),
    url               text,
    uploaded_content  text,
    institution_id    bigint      NOT NULL REFERENCES institution(id),
    category          text        NOT NULL CHECK (category IN ('education', 'culture', 'youth', 'practical', 'emergency')),
    language          text        NOT NULL CHECK (language IN ('da', 'en')),
    template          text        NOT NULL,
    lead_time_days    integer     NOT NULL DEFAULT 7 CHECK (lead_time_days BETWEEN 0 AND 365),
    show_until        text        NOT NULL DEFAULT 'start' CHECK (show_until IN ('start', 'end')),
    auto_approve      boolean     NOT NULL DEFAULT false,
    refresh_minutes   integer     NOT NULL DEFAULT 60 CHECK (refresh_minutes BETWEEN 5 AND 10080),
    duration_seconds  integer     NOT NULL DEFAULT 10 CHECK (duration_seconds BETWEEN 3 AND 300),
    -- conditional requests: what the server sent last time
    etag              text,
    last_modified     text,
    -- the last import: never, running, ok, unchanged (304) or failed
    import_status     text        NOT NULL DEFAULT 'never' CHECK (import_status IN ('never', 'running', 'ok', 'unchanged', 'failed')),
    import_started_at timestamptz,
    imported_at       timestamptz,
    items_processed   integer     NOT NULL DEFAULT 0,
    items_total       integer     NOT NULL DEFAULT 0,
    error             text,
    error_line        integer,
    failed_at         timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'ics-file') = (url IS NULL))
);

CREATE TABLE feed_item (
    id              bigserial PRIMARY KEY,
    feed_id         bigint      NOT NULL REFERENCES feed_source(id) ON DELETE CASCADE,
    uid             text        NOT NULL,
    -- '' for a single event; the occurrence's start (UTC, RFC 5545 form) for a recurring one
    recurrence_id   text        NOT NULL DEFAULT '',
    announcement_id bigint      NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz,
    -- what the announcement was made from; an import with the same hash leaves it alone
    content_hash    text        NOT NULL,
    UNIQUE (feed_id, uid, recurrence_id)
);
CREATE INDEX feed_item_announcement_idx ON feed_item(announcement_id);
