-- Sign-in tokens are stateless JWTs, so a password change or a deactivation cannot list
-- every session it must end. Instead the account records when its sessions ended: a
-- token issued before that moment is refused, except the one session that made the
-- change (a person who changes their password stays signed in where they did it).
ALTER TABLE staff_user ADD COLUMN sessions_ended_at timestamptz;
ALTER TABLE staff_user ADD COLUMN session_kept text;
