-- Core content model of Campus Signage. Instants are timestamptz; wall-clock
-- rules (schedule entries) are local dates and times in the campus time zone.

CREATE TABLE institution (
    id          bigserial PRIMARY KEY,
    slug        text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    colour      text        NOT NULL DEFAULT '#1d3557',
    logo_media_id bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_user (
    id            bigserial PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    display_name  text        NOT NULL,
    password_hash text,
    roles         text[]      NOT NULL DEFAULT '{}',
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_user_institution (
    staff_user_id  bigint NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
    institution_id bigint NOT NULL REFERENCES institution(id) ON DELETE CASCADE,
    PRIMARY KEY (staff_user_id, institution_id)
);

-- Personal API tokens for automation; only a hash of the secret is kept.
CREATE TABLE api_token (
    id            bigserial PRIMARY KEY,
    staff_user_id bigint      NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
    name          text        NOT NULL,
    token_hash    text        NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

-- One-time links for the first administrator (and later invitations).
CREATE TABLE setup_token (
    id          bigserial PRIMARY KEY,
    token_hash  text        NOT NULL UNIQUE,
    purpose     text        NOT NULL,
    staff_user_id bigint REFERENCES staff_user(id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

CREATE TABLE media (
    id             bigserial PRIMARY KEY,
    sha256         text        NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type   text        NOT NULL,
    extension      text        NOT NULL,
    bytes          bigint      NOT NULL CHECK (bytes >= 0),
    width          integer,
    height         integer,
    duration_ms    bigint,
    original_name  text,
    alt_text       text,
    institution_id bigint REFERENCES institution(id),
    uploaded_by    text,
    created_at     timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE institution ADD CONSTRAINT institution_logo_fk FOREIGN KEY (logo_media_id) REFERENCES media(id);

CREATE TABLE announcement (
    id                bigserial PRIMARY KEY,
    slug              text        NOT NULL UNIQUE,
    institution_id    bigint      NOT NULL REFERENCES institution(id),
    title             text        NOT NULL,
    body_markdown     text        NOT NULL DEFAULT '',
    body_html         text        NOT NULL DEFAULT '',
    language          text        NOT NULL CHECK (language IN ('da', 'en')),
    translation_of_id bigint REFERENCES announcement(id) ON DELETE SET NULL,
    category          text        NOT NULL CHECK (category IN ('education', 'culture', 'youth', 'practical', 'emergency')),
    tags              text[]      NOT NULL DEFAULT '{}',
    media_id          bigint REFERENCES media(id),
    publish_from      timestamptz,
    publish_until     timestamptz,
    duration_seconds  integer     NOT NULL DEFAULT 10 CHECK (duration_seconds BETWEEN 3 AND 300),
    status            text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'archived')),
    rejection_reason  text,
    created_by        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (publish_until IS NULL OR publish_from IS NULL OR publish_until > publish_from)
);
CREATE INDEX announcement_institution_idx ON announcement(institution_id);
CREATE INDEX announcement_status_idx ON announcement(status);

CREATE TABLE playlist (
    id                bigserial PRIMARY KEY,
    slug              text        NOT NULL UNIQUE,
    name              text        NOT NULL,
    institution_id    bigint REFERENCES institution(id),
    rule_categories   text[]      NOT NULL DEFAULT '{}',
    rule_institutions text[]      NOT NULL DEFAULT '{}',
    rule_tags         text[]      NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE playlist_item (
    playlist_id     bigint  NOT NULL REFERENCES playlist(id) ON DELETE CASCADE,
    position        integer NOT NULL,
    announcement_id bigint  NOT NULL REFERENCES announcement(id) ON DELETE CASCADE,
    PRIMARY KEY (playlist_id, position)
);

CREATE TABLE screen_group (
    id                  bigserial PRIMARY KEY,
    slug                text        NOT NULL UNIQUE,
    name                text        NOT NULL,
    default_playlist_id bigint REFERENCES playlist(id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE screen (
    id                  bigserial PRIMARY KEY,
    slug                text        NOT NULL UNIQUE,
    name                text        NOT NULL,
    location            text        NOT NULL DEFAULT '',
    orientation         text        NOT NULL DEFAULT 'landscape' CHECK (orientation IN ('landscape', 'portrait')),
    width_px            integer     NOT NULL DEFAULT 1920 CHECK (width_px > 0),
    height_px           integer     NOT NULL DEFAULT 1080 CHECK (height_px > 0),
    layout              text        NOT NULL DEFAULT 'full' CHECK (layout IN ('full', 'main-side-ticker')),
    languages           text[]      NOT NULL DEFAULT '{da}',
    default_playlist_id bigint REFERENCES playlist(id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE screen_group_member (
    screen_id bigint NOT NULL REFERENCES screen(id) ON DELETE CASCADE,
    group_id  bigint NOT NULL REFERENCES screen_group(id) ON DELETE CASCADE,
    PRIMARY KEY (screen_id, group_id)
);

CREATE TABLE schedule_entry (
    id               bigserial PRIMARY KEY,
    slug             text        NOT NULL UNIQUE,
    playlist_id      bigint      NOT NULL REFERENCES playlist(id) ON DELETE CASCADE,
    target_kind      text        NOT NULL CHECK (target_kind IN ('screen', 'group', 'all')),
    target_screen_id bigint REFERENCES screen(id) ON DELETE CASCADE,
    target_group_id  bigint REFERENCES screen_group(id) ON DELETE CASCADE,
    start_date       date,
    end_date         date,
    days_of_week     text[]      NOT NULL DEFAULT '{}',
    rrule            text,
    start_time       time        NOT NULL,
    end_time         time        NOT NULL,
    priority         integer     NOT NULL DEFAULT 0,
    kind             text        NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'emergency')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
    CHECK ((target_kind = 'screen') = (target_screen_id IS NOT NULL)),
    CHECK ((target_kind = 'group') = (target_group_id IS NOT NULL))
);

-- Who changed what, when; before/after as JSON snapshots of the API view.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    entity_type text        NOT NULL,
    entity_id   bigint,
    action      text        NOT NULL,
    before_json jsonb,
    after_json  jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log(entity_type, entity_id);
