-- The station's next trains (issue 15, README "Departures at the station").
-- Where a screen shows them: off, as a zone of the side column, or as a slide of its own.
ALTER TABLE screen ADD COLUMN departures text NOT NULL DEFAULT 'off'
    CHECK (departures IN ('off', 'zone', 'slide'));

-- What the cluster last fetched, one row per source ('timetable', 'realtime'): stored here
-- so every server builds the same board, whichever server's job fetched it. data is the
-- part that serves the configured stop (departures.Timetable / Realtime, encoded); the
-- validators make the next timetable fetch conditional; problem_* is the last failure, as
-- a message key and its arguments, cleared by the next success.
CREATE TABLE departure_source (
    kind            text PRIMARY KEY CHECK (kind IN ('timetable', 'realtime')),
    stop_id         text,
    data            text,
    data_at         timestamptz,
    fetched_at      timestamptz,
    checked_at      timestamptz,
    etag            text,
    last_modified   text,
    problem_key     text,
    problem_args    text[],
    problem_at      timestamptz
);
