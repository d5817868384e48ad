package dk.albertslund.signage.media;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer to a {@code Range} header for a file of a known size (RFC 9110, section 14):
 * the whole file, one part of it, or nothing that can be satisfied. Kiosks and browsers
 * ask for parts to seek in videos and to resume broken downloads.
 *
 * @param end the last byte, inclusive, as in {@code Content-Range}
 */
public record ByteRange(Kind kind, long start, long end, long size) {

    public enum Kind { WHOLE, PART, UNSATISFIABLE }

    private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d*)-(\\d*)\\s*");

    /**
     * A header we do not understand, or several ranges at once, is answered with the
     * whole file, which RFC 9110 allows; only a well-formed range outside the file is
     * unsatisfiable.
     */
    public static ByteRange of(String header, long size) {
        if (header == null || header.isBlank()) {
            return whole(size);
        }
        Matcher m = SINGLE.matcher(header.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return whole(size);
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return unsatisfiable(size);
                }
                return new ByteRange(Kind.PART, Math.max(0, size - suffix), size - 1, size);
            }
            long start = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < start) {
                return whole(size);
            }
            if (start >= size) {
                return unsatisfiable(size);
            }
            return new ByteRange(Kind.PART, start, Math.min(last, size - 1), size);
        } catch (NumberFormatException tooLong) {
            return whole(size);
        }
    }

    static ByteRange whole(long size) {
        return new ByteRange(Kind.WHOLE, 0, size - 1, size);
    }

    private static ByteRange unsatisfiable(long size) {
        return new ByteRange(Kind.UNSATISFIABLE, 0, -1, size);
    }

    public long length() {
        return end - start + 1;
    }

    /** The {@code Content-Range} value: the part and the size, or for a refusal only the size. */
    public String contentRange() {
        return kind == Kind.UNSATISFIABLE ? "bytes */" + size : "bytes " + start + "-" + end + "/" + size;
    }
}
