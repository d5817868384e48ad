package dk.albertslund.signage.backup;

import dk.albertslund.signage.core.Sha256;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.stream.Stream;

/** Files written or copied with their SHA-256 and size taken on the way. */
final class HashedFiles {

    private HashedFiles() {
    }

    /**
     * Where the media store keeps a file: under its SHA-256, in a folder named after the
     * hash's first two characters (media/MediaStore). Backups keep the same layout.
     */
    static String mediaPath(String sha256, String extension) {
        return sha256.substring(0, 2) + "/" + sha256 + "." + extension;
    }

    /** An output stream that counts and hashes what passes through it. */
    static final class Hashing extends FilterOutputStream {
        private final MessageDigest digest;
        private long bytes;

        Hashing(OutputStream out) {
            this(out, Sha256.digest());
        }

        private Hashing(OutputStream out, MessageDigest digest) {
            super(new DigestOutputStream(out, digest));
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }

        long bytes() {
            return bytes;
        }

        /** The hex SHA-256 of everything written; call once, after the last write. */
        String sha256() {
            return Sha256.hex(digest);
        }
    }

    /** Copies a file (creating the target's folders) and returns the copy's size and hash. */
    static Manifest.FileEntry copy(Path from, Path to, String recordedPath) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = Files.newInputStream(from); Hashing out = new Hashing(Files.newOutputStream(to))) {
            in.transferTo(out);
            out.flush();
            return new Manifest.FileEntry(recordedPath, out.bytes(), out.sha256());
        }
    }

    /** The size and hash of a file as it is now. */
    static Manifest.FileEntry hash(Path file, String recordedPath) throws IOException {
        try (InputStream in = Files.newInputStream(file); Hashing out = new Hashing(OutputStream.nullOutputStream())) {
            in.transferTo(out);
            return new Manifest.FileEntry(recordedPath, out.bytes(), out.sha256());
        }
    }

    /** True when the folder does not exist or holds no file at any depth (empty folders are fine). */
    static boolean noFilesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return true;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.noneMatch(p -> !Files.isDirectory(p));
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
