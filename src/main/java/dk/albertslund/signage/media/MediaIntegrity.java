package dk.albertslund.signage.media;

import dk.albertslund.signage.core.ContentChanges;
import dk.albertslund.signage.core.Sha256;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.List;

/**
 * Whether every stored media file is still there with the bytes it was stored with: the
 * file must exist and hash to the SHA-256 it is stored under. What is found is kept on
 * the media row ({@link Media#fileProblem()}), so every server on the database leaves the
 * same files out of kiosk manifests; a change is announced on the change bus, so the
 * manifests are rebuilt at once when a file goes missing and again when it comes back.
 * Each change is logged once, by whichever server saw it first, never per request.
 */
@Singleton
public class MediaIntegrity {

    private static final Logger LOG = LoggerFactory.getLogger(MediaIntegrity.class);
    /** The kind announced on the change bus when a file's state changes. */
    public static final String CHANGE = "media";

    private final MediaRepository media;
    private final MediaStore store;
    private final JdbcOperations jdbc;
    private final Clock clock;

    MediaIntegrity(MediaRepository media, MediaStore store, JdbcOperations jdbc, Clock clock) {
        this.media = media;
        this.store = store;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What one check of every file found: how many files, how many are missing or corrupt, how many changed state. */
    public record Report(int checked, int missing, int corrupt, int changed) {
    }

    /**
     * Checks every file the database records: a whole read and hash of each, so it runs in
     * the background (at start-up and nightly, {@link MediaIntegrityJob}), never in a request.
     */
    public Report checkAll() {
        int checked = 0;
        int missing = 0;
        int corrupt = 0;
        int changed = 0;
        for (Media file : media.findAll()) {
            FileProblem found = verify(file);
            checked++;
            if (found == FileProblem.MISSING) {
                missing++;
            } else if (found == FileProblem.CORRUPT) {
                corrupt++;
            }
            if (found != file.fileProblem() && record(file, found)) {
                changed++;
            }
        }
        Report report = new Report(checked, missing, corrupt, changed);
        LOG.info("Media check: {} files, {} missing, {} corrupt, {} changed since the last check",
                report.checked(), report.missing(), report.corrupt(), report.changed());
        return report;
    }

    /** The files with a problem now, as the last check or request found them. */
    public List<Media> problems() {
        return media.findByFileProblemIsNotNullOrderByFileProblemSince();
    }

    /**
     * A request found the file gone. Cheap: no hashing, and no write when the row already
     * says so; otherwise the file is marked missing (and logged) once, on whichever server
     * got there first.
     */
    public void foundMissing(Media file) {
        if (file.fileProblem() != FileProblem.MISSING) {
            record(file, FileProblem.MISSING);
        }
    }

    /** The same bytes were stored again (an upload, a content pack): the file is whole once more. */
    void restored(Media file) {
        if (file.fileProblem() != null) {
            record(file, null);
        }
    }

    /** What is wrong with the file on disk, or null when it is there with the bytes it was stored with. */
    @Nullable
    FileProblem verify(Media file) {
        Path path = store.file(file.sha256(), file.extension());
        try {
            if (Files.size(path) != file.bytes()) {
                return FileProblem.CORRUPT;
            }
            return hash(path).equals(file.sha256()) ? null : FileProblem.CORRUPT;
        } catch (NoSuchFileException e) {
            return FileProblem.MISSING;
        } catch (IOException e) {
            // there but unreadable (permissions, a failing disk): the server cannot serve it either
            LOG.debug("Media file {} cannot be read: {}", path, e.getMessage());
            return FileProblem.MISSING;
        }
    }

    /**
     * Records what was found, unless the row already says it; true when the row changed.
     * The conditional update means two servers (or two requests) finding the same thing
     * write, announce and log it once.
     */
    @Transactional
    boolean record(Media file, @Nullable FileProblem found) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.prepareStatement("UPDATE media SET file_problem = ?, file_problem_since = ?"
                + " WHERE id = ? AND file_problem IS DISTINCT FROM CAST(? AS text)", statement -> {
            statement.setString(1, found == null ? null : found.name());
            if (found == null) {
                statement.setNull(2, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setTimestamp(2, now);
            }
            statement.setLong(3, file.id());
            statement.setString(4, found == null ? null : found.name());
            return statement.executeUpdate();
        });
        if (updated == 0) {
            return false;
        }
        ContentChanges.notify(jdbc, CHANGE);
        Path path = store.file(file.sha256(), file.extension());
        String name = file.originalName() == null ? "" : " (" + file.originalName() + ")";
        if (found == FileProblem.MISSING) {
            LOG.warn("Media file {}{} is missing: kiosks are no longer sent it; put it back or upload it again", path, name);
        } else if (found == FileProblem.CORRUPT) {
            LOG.warn("Media file {}{} no longer matches its SHA-256: kiosks are no longer sent it; put the original back"
                    + " or upload it again", path, name);
        } else {
            LOG.info("Media file {}{} is back and matches its SHA-256: kiosks are sent it again", path, name);
        }
        return true;
    }

    private static String hash(Path path) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Sha256.hex(digest);
    }
}
