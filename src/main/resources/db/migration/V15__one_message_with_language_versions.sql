-- One message holds its language versions (docs/MESSAGES.md). Until now a Danish and an
-- English slide were two announcements, the second pointing at the first through
-- translation_of_id: two approvals, two playlist items, two slides in the loop. From here
-- an announcement keeps its main text (title, body, language) and its other languages in
-- "translations", a JSON list of {language, title, bodyMarkdown, bodyHtml}.
--
-- A pair becomes one message when both halves are at the same point of the workflow, of
-- the same institution and share the publish window; the original's row stays (its slug,
-- id and links keep working) and takes the translation's text. Nothing else is lost:
--   * display time: the two are added (at most 300 s), so each language keeps its time;
--   * picture: the original's, or the translation's when the original had none (a picture
--     only the translation had stays in the media library either way);
--   * tags: both sets;
--   * plays, playlist items, feed items and audit history follow to the message; a
--     playlist that held both keeps one item, where the original stood.
-- A pair that does not agree (one approved and one waiting, other windows) stays two
-- messages of one language each, as it played before, no longer linked; the page of each
-- says what it is, and staff can add the other language to one of them and archive the other.

ALTER TABLE announcement ADD COLUMN translations jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(translations) = 'array');

CREATE TEMPORARY TABLE joined ON COMMIT DROP AS
SELECT t.id AS translation_id, o.id AS original_id
FROM announcement t
JOIN announcement o ON o.id = t.translation_of_id
WHERE t.status = o.status
  AND t.institution_id = o.institution_id
  AND t.language <> o.language
  AND t.publish_from IS NOT DISTINCT FROM o.publish_from
  AND t.publish_until IS NOT DISTINCT FROM o.publish_until;

UPDATE announcement o
SET translations = o.translations || jsonb_build_array(jsonb_build_object(
        'language', t.language, 'title', t.title, 'bodyMarkdown', t.body_markdown, 'bodyHtml', t.body_html)),
    duration_seconds = LEAST(300, o.duration_seconds + t.duration_seconds),
    media_id = COALESCE(o.media_id, t.media_id),
    tags = ARRAY(SELECT DISTINCT tag FROM unnest(o.tags || t.tags) AS tag ORDER BY tag)
FROM joined j
JOIN announcement t ON t.id = j.translation_id
WHERE o.id = j.original_id;

UPDATE play p SET announcement_id = j.original_id FROM joined j WHERE p.announcement_id = j.translation_id;
UPDATE feed_item f SET announcement_id = j.original_id FROM joined j WHERE f.announcement_id = j.translation_id;

DELETE FROM playlist_item i
USING joined j
WHERE i.announcement_id = j.translation_id
  AND EXISTS (SELECT 1 FROM playlist_item o WHERE o.playlist_id = i.playlist_id AND o.announcement_id = j.original_id);
UPDATE playlist_item i SET announcement_id = j.original_id FROM joined j WHERE i.announcement_id = j.translation_id;

UPDATE audit_log a SET entity_id = j.original_id
FROM joined j
WHERE a.entity_type = 'announcement' AND a.entity_id = j.translation_id;
INSERT INTO audit_log (actor, entity_type, entity_id, action, before_json, after_json)
SELECT 'system', 'announcement', j.original_id, 'join', jsonb_build_object('translation', t.slug), NULL
FROM joined j JOIN announcement t ON t.id = j.translation_id;

DELETE FROM announcement a USING joined j WHERE a.id = j.translation_id;

ALTER TABLE announcement DROP COLUMN translation_of_id;
