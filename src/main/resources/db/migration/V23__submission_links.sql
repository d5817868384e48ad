-- Submission links (README "Submission links"): groups without staff accounts (youth clubs,
-- student councils, associations) send messages for approval through a secret link.
--
-- Only the SHA-256 of each secret is kept, as for setup links: the address is shown once,
-- when the link is made. A link belongs to one institution, whose approvers see what
-- comes through it; it expires, can be revoked, and takes at most weekly_limit messages
-- in any seven days.
CREATE TABLE submission_link (
    id             bigserial   PRIMARY KEY,
    token_hash     text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    group_name     text        NOT NULL CHECK (char_length(group_name) BETWEEN 1 AND 100),
    institution_id bigint      NOT NULL REFERENCES institution(id),
    weekly_limit   integer     NOT NULL CHECK (weekly_limit BETWEEN 1 AND 100),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per message sent through a link: which link, which message, and the hash of
-- the receipt's own secret address. Deliberately nothing about the sender: no address,
-- browser or cookie (SubmissionPrivacyTest reads these columns from the catalog); what
-- they typed is the message itself.
CREATE TABLE submission (
    id              bigserial   PRIMARY KEY,
    link_id         bigint      NOT NULL REFERENCES submission_link(id) ON DELETE CASCADE,
    announcement_id bigint      REFERENCES announcement(id) ON DELETE SET NULL,
    receipt_hash    text        NOT NULL UNIQUE CHECK (receipt_hash ~ '^[0-9a-f]{64}$'),
    submitted_at    timestamptz NOT NULL
);
CREATE INDEX submission_link_time_idx ON submission(link_id, submitted_at);
CREATE INDEX submission_announcement_idx ON submission(announcement_id);
