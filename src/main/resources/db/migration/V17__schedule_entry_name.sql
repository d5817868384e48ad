-- Staff read entries by name; the slug stays for addresses. Existing entries are named
-- after what they show and where ("Uddannelse – Albertslund Station"), the words the
-- service gives an entry created without a name, so old and new entries read alike; an
-- entry whose playlist or target cannot be named keeps its slug as its name.
ALTER TABLE schedule_entry ADD COLUMN name text;

UPDATE schedule_entry e
SET name = left(coalesce(
        (SELECT p.name FROM playlist p WHERE p.id = e.playlist_id) || ' – ' || CASE e.target_kind
            WHEN 'screen' THEN (SELECT s.name FROM screen s WHERE s.id = e.target_screen_id)
            WHEN 'group' THEN (SELECT g.name FROM screen_group g WHERE g.id = e.target_group_id)
            ELSE 'Alle skærme'
        END,
        e.slug), 120);

ALTER TABLE schedule_entry ALTER COLUMN name SET NOT NULL;
ALTER TABLE schedule_entry ADD CONSTRAINT schedule_entry_name_length CHECK (char_length(name) BETWEEN 1 AND 120);
