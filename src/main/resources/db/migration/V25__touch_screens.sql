-- A touch screen (issue 16, README "Touch kiosk"): its kiosk offers "Hvad sker der? /
-- What's on" over the rotation, and its manifest carries the screen's coming week, which
-- other screens are not sent. Off for every screen there is.
ALTER TABLE screen ADD COLUMN touch boolean NOT NULL DEFAULT false;
