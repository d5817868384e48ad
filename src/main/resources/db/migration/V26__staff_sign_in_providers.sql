-- Sign-in with the municipality's account (OpenID Connect, README "Sign-in with the
-- municipality's account"). A staff member who signs in through a provider is known by
-- the provider's name (the client's name in the settings) and the ID token's subject,
-- which stay the same when the person's name, e-mail or groups change. Such an account
-- has no local password.
CREATE TABLE staff_sign_in_provider (
    staff_user_id bigint      NOT NULL PRIMARY KEY REFERENCES staff_user(id) ON DELETE CASCADE,
    provider      text        NOT NULL,
    subject       text        NOT NULL,
    last_sign_in  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (provider, subject)
);

-- The nonce of every ID token that signed someone in, kept a day (retention
-- "sign-in-nonces"): an authorization code or ID token replayed with its state and
-- nonce cookies brings the same nonce again and is refused. The provider's session id
-- (the ID token's "sid"), when it sends one, lets a back-channel logout that names only
-- the session find the person.
CREATE TABLE staff_sign_in_nonce (
    nonce            text        NOT NULL PRIMARY KEY,
    provider         text        NOT NULL,
    subject          text        NOT NULL,
    provider_session text,
    used_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_sign_in_nonce_used_at ON staff_sign_in_nonce (used_at);
CREATE INDEX staff_sign_in_nonce_session ON staff_sign_in_nonce (provider, provider_session);
