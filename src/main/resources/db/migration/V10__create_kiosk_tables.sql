-- Kiosk devices: pairing by a short code, device tokens (only their SHA-256 is kept),
-- heartbeats, each screen's online/offline status, and proof of play. Deleting a screen
-- deletes its devices and everything they reported.

CREATE TABLE device (
    id           bigserial PRIMARY KEY,
    screen_id    bigint      NOT NULL REFERENCES screen(id) ON DELETE CASCADE,
    -- Empty from the claim until the kiosk collects its token on its next poll.
    token_hash   text UNIQUE,
    user_agent   text        NOT NULL DEFAULT '',
    address      text        NOT NULL DEFAULT '',
    paired_at    timestamptz NOT NULL,
    paired_by    text        NOT NULL,
    last_seen_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   text
);
-- A screen plays what one kiosk shows: pairing another revokes the one before.
CREATE UNIQUE INDEX device_one_active_per_screen ON device(screen_id) WHERE revoked_at IS NULL;

CREATE TABLE kiosk_pairing (
    id               bigserial PRIMARY KEY,
    public_id        text        NOT NULL UNIQUE,
    code             text        NOT NULL UNIQUE,
    poll_secret_hash text        NOT NULL,
    user_agent       text        NOT NULL DEFAULT '',
    address          text        NOT NULL,
    requested_at     timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    claimed_at       timestamptz,
    claimed_by       text,
    device_id        bigint REFERENCES device(id) ON DELETE CASCADE,
    CHECK (expires_at > requested_at)
);
CREATE INDEX kiosk_pairing_open_idx ON kiosk_pairing(address, expires_at) WHERE claimed_at IS NULL;

CREATE TABLE heartbeat (
    id               bigserial PRIMARY KEY,
    device_id        bigint      NOT NULL REFERENCES device(id) ON DELETE CASCADE,
    screen_id        bigint      NOT NULL REFERENCES screen(id) ON DELETE CASCADE,
    received_at      timestamptz NOT NULL,
    client_version   text,
    uptime_seconds   bigint,
    current_slide_id text,
    manifest_etag    text,
    js_heap_bytes    bigint,
    cache_bytes      bigint,
    clock_offset_ms  bigint,
    recent_errors    text[]      NOT NULL DEFAULT '{}'
);
CREATE INDEX heartbeat_device_idx ON heartbeat(device_id, id);
CREATE INDEX heartbeat_screen_idx ON heartbeat(screen_id, id);
CREATE INDEX heartbeat_received_idx ON heartbeat(received_at);

-- Online from the first heartbeat; offline only once none has come for the grace period.
-- The since columns record the last change each way, so a sweep that runs again, or a
-- late heartbeat, never records a change twice.
CREATE TABLE screen_status (
    screen_id         bigint PRIMARY KEY REFERENCES screen(id) ON DELETE CASCADE,
    online            boolean     NOT NULL,
    online_since      timestamptz,
    offline_since     timestamptz,
    last_heartbeat_at timestamptz NOT NULL
);
CREATE INDEX screen_status_online_idx ON screen_status(last_heartbeat_at) WHERE online;

-- A batch of plays is taken once per (device, seq): a resent batch finds its row and adds nothing.
CREATE TABLE play_batch (
    device_id   bigint      NOT NULL REFERENCES device(id) ON DELETE CASCADE,
    seq         bigint      NOT NULL,
    received_at timestamptz NOT NULL,
    plays       integer     NOT NULL,
    PRIMARY KEY (device_id, seq)
);

CREATE TABLE play (
    id              bigserial PRIMARY KEY,
    device_id       bigint      NOT NULL,
    batch_seq       bigint      NOT NULL,
    screen_id       bigint      NOT NULL REFERENCES screen(id) ON DELETE CASCADE,
    announcement_id bigint      NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
    language        text CHECK (language IN ('da', 'en')),
    started_at      timestamptz NOT NULL,
    duration_ms     integer     NOT NULL CHECK (duration_ms >= 0),
    FOREIGN KEY (device_id, batch_seq) REFERENCES play_batch(device_id, seq) ON DELETE CASCADE
);
CREATE INDEX play_started_idx ON play(started_at);
CREATE INDEX play_announcement_idx ON play(announcement_id);
