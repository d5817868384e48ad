-- A screen on the full layout can show passers-by a band with the date, the time and the
-- next message (kiosk-client/README.md); where people wait, as at the station, they look
-- for it. Off by default: a full-screen slide keeps its whole height elsewhere.
ALTER TABLE screen ADD COLUMN info_band boolean NOT NULL DEFAULT false;
