-- Sign-in tokens are stateless JWTs. Each carries a session id; signing out records it
-- here until the token would have expired anyway, and a token whose session is listed
-- is refused.
CREATE TABLE staff_sign_out (
    session_id text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX staff_sign_out_expires_at ON staff_sign_out (expires_at);
