-- Facts about this installation that outlive any one server process, e.g. when the
-- content pack was first imported (so deleting every institution does not re-import it).
CREATE TABLE installation_state (
    key        text PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
