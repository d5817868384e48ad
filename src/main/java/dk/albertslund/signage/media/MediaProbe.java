package dk.albertslund.signage.media;

import org.apache.tika.Tika;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What a file is, read from its bytes alone (never its name or the type a browser
 * declared): the type, and where it is cheap to read from the headers, its size in
 * pixels and its running time. Nothing here decodes a whole image or video.
 */
public final class MediaProbe {

    /** Thread-safe; building it loads Tika's type database, so once. */
    private static final Tika TIKA = new Tika();

    /** ISO media brands that browsers play as MP4; QuickTime's 'qt  ' is not one of them. */
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8",
            "iso9", "mp41", "mp42", "mp71", "avc1", "dash", "msnv");

    /** A bound on the boxes walked in an MP4, so a crafted file cannot keep the reader busy. */
    private static final int MAX_BOXES = 10_000;

    private MediaProbe() {
    }

    /** The sniffed type and whatever dimensions the headers give; a dimension that cannot be read is null. */
    public record Probe(String contentType, Integer width, Integer height, Long durationMs) {
        static Probe only(String contentType) {
            return new Probe(contentType, null, null, null);
        }
    }

    public static Probe probe(Path file) throws IOException {
        String type = detect(file);
        return switch (type) {
            case "image/png" -> png(file);
            case "image/jpeg" -> jpeg(file);
            case "image/webp" -> webp(file);
            case "video/mp4" -> mp4(file);
            default -> Probe.only(type);
        };
    }

    /**
     * The type by Tika's magic numbers. tika-core knows ISO media and Matroska only as
     * families (it leaves the rest to container detectors in the full Tika), so for those
     * the brand in the 'ftyp' box and the EBML DocType decide between MP4 and QuickTime,
     * and between WebM and Matroska.
     */
    public static String detect(Path file) throws IOException {
        String type;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            type = TIKA.detect(in);
        }
        return switch (type) {
            case "video/quicktime", "video/mp4" -> isoMediaType(file, type);
            case "application/x-matroska" -> matroskaType(file, type);
            default -> type;
        };
    }

    private static String isoMediaType(Path file, String fallback) throws IOException {
        byte[] head = head(file, 256);
        if (head.length < 16 || !ascii(head, 4, 4).equals("ftyp")) {
            return fallback;
        }
        int boxSize = (int) Math.min(uint32(head, 0), head.length);
        String major = ascii(head, 8, 4);
        if (major.equals("qt  ")) {
            return "video/quicktime";
        }
        List<String> brands = new ArrayList<>(List.of(major));
        for (int at = 16; at + 4 <= boxSize; at += 4) {
            brands.add(ascii(head, at, 4));
        }
        return brands.stream().anyMatch(MP4_BRANDS::contains) ? "video/mp4" : fallback;
    }

    /** The EBML header's DocType element (id 0x4282): "webm" or "matroska". */
    private static String matroskaType(Path file, String fallback) throws IOException {
        byte[] head = head(file, 256);
        int[] at = {4};
        long headerSize = vint(head, at, true);
        int end = (int) Math.min(head.length, at[0] + Math.max(0, headerSize));
        while (at[0] < end) {
            long id = vint(head, at, false);
            long size = vint(head, at, true);
            if (id < 0 || size < 0 || at[0] + size > end) {
                break;
            }
            if (id == 0x4282) {
                String docType = ascii(head, at[0], (int) size).trim();
                return switch (docType) {
                    case "webm" -> "video/webm";
                    case "matroska" -> "video/x-matroska";
                    default -> fallback;
                };
            }
            at[0] += (int) size;
        }
        return fallback;
    }

    /** An EBML variable-length integer at at[0]; ids keep their length marker, sizes lose it. -1 when malformed. */
    private static long vint(byte[] bytes, int[] at, boolean stripMarker) {
        if (at[0] >= bytes.length) {
            return -1;
        }
        int first = bytes[at[0]] & 0xff;
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || length > 8 || at[0] + length > bytes.length) {
            return -1;
        }
        long value = stripMarker ? first & (0xff >> length) : first;
        for (int i = 1; i < length; i++) {
            value = value << 8 | bytes[at[0] + i] & 0xff;
        }
        at[0] += length;
        return value;
    }

    /** PNG: the IHDR chunk always comes first, width and height right after its name. */
    static Probe png(Path file) throws IOException {
        byte[] head = head(file, 24);
        if (head.length < 24 || !ascii(head, 12, 4).equals("IHDR")) {
            return Probe.only("image/png");
        }
        return new Probe("image/png", positive(uint32(head, 16)), positive(uint32(head, 20)), null);
    }

    /** JPEG: ImageIO's reader reads the frame header to answer width and height, without decoding pixels. */
    static Probe jpeg(Path file) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            return Probe.only("image/jpeg");
        }
        ImageReader reader = readers.next();
        try (FileImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            return new Probe("image/jpeg", reader.getWidth(0), reader.getHeight(0), null);
        } catch (IOException | RuntimeException e) {
            return Probe.only("image/jpeg");
        } finally {
            reader.dispose();
        }
    }

    /** WebP: the first chunk after "WEBP" is VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size). */
    static Probe webp(Path file) throws IOException {
        byte[] h = head(file, 30);
        String chunk = ascii(h, 12, 4);
        int data = 20;
        switch (chunk) {
            case "VP8 ":
                if (h.length >= data + 10 && (h[data + 3] & 0xff) == 0x9d && (h[data + 4] & 0xff) == 0x01 && (h[data + 5] & 0xff) == 0x2a) {
                    return new Probe("image/webp", positive(uint16le(h, data + 6) & 0x3fff),
                            positive(uint16le(h, data + 8) & 0x3fff), null);
                }
                break;
            case "VP8L":
                if (h.length >= data + 5 && (h[data] & 0xff) == 0x2f) {
                    long bits = uint32le(h, data + 1);
                    return new Probe("image/webp", (int) (bits & 0x3fff) + 1, (int) (bits >> 14 & 0x3fff) + 1, null);
                }
                break;
            case "VP8X":
                if (h.length < data + 10) {
                    break;
                }
                return new Probe("image/webp", uint24le(h, data + 4) + 1, uint24le(h, data + 7) + 1, null);
            default:
                break;
        }
        return Probe.only("image/webp");
    }

    /**
     * MP4: the running time from the movie header ('mvhd') and the picture size from the
     * first track header ('tkhd') with one. The boxes are walked by their sizes, so the
     * media data, however large, is skipped and never read.
     */
    static Probe mp4(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Mp4Reader reader = new Mp4Reader(channel);
            reader.walk(0, channel.size());
            return new Probe("video/mp4", reader.width, reader.height, reader.durationMs);
        }
    }

    private static final class Mp4Reader {
        private final FileChannel channel;
        private int boxes;
        private Integer width;
        private Integer height;
        private Long durationMs;

        Mp4Reader(FileChannel channel) {
            this.channel = channel;
        }

        void walk(long start, long end) throws IOException {
            long at = start;
            while (at + 8 <= end && boxes++ < MAX_BOXES) {
                byte[] header = read(at, 16);
                if (header.length < 8) {
                    return;
                }
                long size = uint32(header, 0);
                String type = ascii(header, 4, 4);
                int headerLength = 8;
                if (size == 1) {
                    if (header.length < 16) {
                        return;
                    }
                    size = ByteBuffer.wrap(header, 8, 8).getLong();
                    headerLength = 16;
                } else if (size == 0) {
                    size = end - at;
                }
                if (size < headerLength || at + size > end) {
                    return;
                }
                switch (type) {
                    case "moov", "trak" -> walk(at + headerLength, at + size);
                    case "mvhd" -> movieHeader(read(at + headerLength, (int) Math.min(size - headerLength, 32)));
                    case "tkhd" -> trackHeader(read(at + headerLength, (int) Math.min(size - headerLength, 96)));
                    default -> {
                    }
                }
                at += size;
            }
        }

        private void movieHeader(byte[] box) {
            boolean wide = box.length > 0 && box[0] == 1;
            int timescaleAt = wide ? 20 : 12;
            int durationLength = wide ? 8 : 4;
            if (box.length < timescaleAt + 4 + durationLength) {
                return;
            }
            long timescale = uint32(box, timescaleAt);
            long duration = wide ? ByteBuffer.wrap(box, 24, 8).getLong() : uint32(box, 16);
            boolean unknown = wide ? duration == -1 : duration == 0xffffffffL;
            if (timescale > 0 && duration >= 0 && !unknown) {
                durationMs = duration * 1000 / timescale;
            }
        }

        private void trackHeader(byte[] box) {
            int widthAt = box.length > 0 && box[0] == 1 ? 88 : 76;
            if (width != null || box.length < widthAt + 8) {
                return;
            }
            // 16.16 fixed point; audio tracks say 0
            int w = (int) (uint32(box, widthAt) >>> 16);
            int h = (int) (uint32(box, widthAt + 4) >>> 16);
            if (w > 0 && h > 0) {
                width = w;
                height = h;
            }
        }

        private byte[] read(long position, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    break;
                }
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        }
    }

    private static byte[] head(Path file, int length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        }
    }

    private static String ascii(byte[] bytes, int at, int length) {
        if (at < 0 || at + length > bytes.length) {
            return "";
        }
        return new String(bytes, at, length, StandardCharsets.ISO_8859_1);
    }

    private static long uint32(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 4).getInt() & 0xffffffffL;
    }

    private static long uint32le(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }

    private static int uint24le(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16;
    }

    private static int uint16le(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    private static Integer positive(long value) {
        return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
    }
}
