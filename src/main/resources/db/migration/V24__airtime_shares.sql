-- Fair airtime on shared screens (docs/ARCHITECTURE.md, "Fair airtime"): a screen or a
-- screen group gives institutions a share of the seconds on screen. Shares are set per
-- institution, because the model has no institution category; each 1-100 %, together at
-- most 100 % (checked by the screen service, which says which field is wrong). A screen's
-- own shares override its groups'. No rows: the playlist order, as before.
CREATE TABLE screen_airtime_share (
    screen_id      bigint  NOT NULL REFERENCES screen(id) ON DELETE CASCADE,
    institution_id bigint  NOT NULL REFERENCES institution(id) ON DELETE CASCADE,
    percent        integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
    PRIMARY KEY (screen_id, institution_id)
);

CREATE TABLE screen_group_airtime_share (
    group_id       bigint  NOT NULL REFERENCES screen_group(id) ON DELETE CASCADE,
    institution_id bigint  NOT NULL REFERENCES institution(id) ON DELETE CASCADE,
    percent        integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
    PRIMARY KEY (group_id, institution_id)
);
