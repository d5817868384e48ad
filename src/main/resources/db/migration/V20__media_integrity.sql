-- Media integrity (README "Media integrity"). Every file is already recorded with the
-- SHA-256 it is stored under (media.sha256), so nothing needs hashing here: the check
-- compares the file on disk with that. What the last check (or a request that found the
-- file gone) saw is kept on the row, so every server on the database leaves the same
-- files out of its manifests and shows the same problems on the dashboard and in /health.
ALTER TABLE media
    ADD COLUMN file_problem       text CHECK (file_problem IN ('MISSING', 'CORRUPT')),
    ADD COLUMN file_problem_since timestamptz,
    ADD CONSTRAINT media_file_problem_since CHECK ((file_problem IS NULL) = (file_problem_since IS NULL));

-- /health and the dashboard ask for the few files with a problem, not the many without.
CREATE INDEX media_file_problem_idx ON media(id) WHERE file_problem IS NOT NULL;
