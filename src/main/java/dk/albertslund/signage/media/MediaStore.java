package dk.albertslund.signage.media;

import dk.albertslund.signage.config.SignageConfiguration;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import dk.albertslund.signage.core.Sha256;

/**
 * The media files on disk, stored under their SHA-256 ({@code <dir>/ab/abcdef….png}) so a
 * name is never chosen by a user, the same bytes are stored once, and a file never
 * changes under its URL. Files arrive in a temporary file in the same directory tree
 * and are moved into place in one step, so a reader never sees half a file.
 */
@Singleton
public class MediaStore {

    private static final long MEGABYTE = 1024 * 1024;

    private final Path root;
    private final Path incoming;

    MediaStore(SignageConfiguration configuration) {
        this.root = configuration.path(configuration.getMedia().getDir());
        this.incoming = root.resolve(".incoming");
    }

    /** Bytes received into a temporary file, with their hash and count; closing deletes the file unless it was placed. */
    public record Received(Path file, String sha256, long bytes) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** More bytes arrived than the limit allows; nothing was kept. */
    public static final class TooLarge extends Exception {
        private final long limit;

        TooLarge(long limit) {
            super(null, null, false, false);
            this.limit = limit;
        }

        /** The limit in MB for a sentence a person reads: "50", "1.5". */
        public String limitInMegabytes() {
            return BigDecimal.valueOf(limit).divide(BigDecimal.valueOf(MEGABYTE), new MathContext(3))
                    .stripTrailingZeros().toPlainString();
        }
    }

    /**
     * Copies the stream into a temporary file, hashing and counting as it goes, and
     * stops as soon as it passes {@code maxBytes} (the rest is never read).
     */
    public Received receive(InputStream content, long maxBytes) throws TooLarge {
        Path file = null;
        try {
            Files.createDirectories(incoming);
            file = Files.createTempFile(incoming, "upload-", ".part");
            MessageDigest sha256 = Sha256.digest();
            long count = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
                for (int read; (read = content.read(buffer)) >= 0; ) {
                    count += read;
                    if (count > maxBytes) {
                        throw new TooLarge(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
            }
            Received received = new Received(file, Sha256.hex(sha256), count);
            file = null;
            return received;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * Moves a received file to where its hash says. When that file is already there
     * (the same bytes uploaded before) the copy is dropped, unless {@code replace} (the
     * file there was found corrupt); when it went missing, this puts it back.
     */
    public void place(Received received, MediaFormat format, boolean replace) {
        Path target = file(received.sha256(), format.extension());
        try {
            if (!replace && Files.exists(target)) {
                return;
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(received.file(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(received.file(), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the file with this hash and extension lives; both come from the database, never from a request. */
    public Path file(String sha256, String extension) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + "." + extension);
    }

    public void delete(String sha256, String extension) {
        try {
            Files.deleteIfExists(file(sha256, extension));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file is harmless; the refusal that brought us here matters more
            }
        }
    }
}
