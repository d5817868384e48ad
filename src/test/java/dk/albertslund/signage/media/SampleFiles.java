package dk.albertslund.signage.media;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Small but well-formed media files built in the test, so each test shows the bytes it
 * relies on: real PNG and JPEG from ImageIO, and WebP, MP4 and WebM headers by hand.
 */
public final class SampleFiles {

    private SampleFiles() {
    }

    public static byte[] png(int width, int height) {
        return image("png", width, height, BufferedImage.TYPE_INT_ARGB);
    }

    public static byte[] jpeg(int width, int height) {
        return image("jpeg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] image(String format, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        var g = image.createGraphics();
        g.setColor(new Color(0x1d3557));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] html() {
        return "<!DOCTYPE html>\n<html><head><title>Not an image</title></head><body><script>alert(1)</script></body></html>\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** WebP with an extended (VP8X) header: the canvas size minus one, in 24 bits each. */
    static byte[] webpExtended(int width, int height) {
        ByteBuffer chunk = le(10).put((byte) 0).put(new byte[3]);
        put24(chunk, width - 1);
        put24(chunk, height - 1);
        return riffWebp("VP8X", chunk.array());
    }

    /** Lossless WebP: signature 0x2f, then width-1 and height-1 in 14 bits each. */
    static byte[] webpLossless(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        return riffWebp("VP8L", le(5).put((byte) 0x2f).putInt(bits).array());
    }

    /** Lossy WebP: a key frame tag, the start code 9d 01 2a, then 14-bit width and height. */
    static byte[] webpLossy(int width, int height) {
        return riffWebp("VP8 ", le(10).put(new byte[]{0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a})
                .putShort((short) width).putShort((short) height).array());
    }

    private static byte[] riffWebp(String chunkName, byte[] chunk) {
        ByteBuffer out = le(20 + chunk.length);
        out.put(ascii("RIFF")).putInt(12 + chunk.length).put(ascii("WEBP")).put(ascii(chunkName)).putInt(chunk.length).put(chunk);
        return out.array();
    }

    /** An MP4 of the given brand: 'ftyp', a movie header with the running time, one video track header, a little media data. */
    static byte[] mp4(String brand, int width, int height, long durationMs) {
        byte[] ftyp = box("ftyp", be(16).put(ascii(brand)).putInt(0x200).put(ascii(brand)).put(ascii("mp41")).array());
        ByteBuffer mvhd = be(100).putInt(0).putInt(0).putInt(0).putInt(1000).putInt((int) durationMs)
                .putInt(0x00010000).putShort((short) 0x0100).put(new byte[10]);
        matrix(mvhd);
        mvhd.put(new byte[24]).putInt(2);
        ByteBuffer tkhd = be(84).putInt(3).putInt(0).putInt(0).putInt(1).putInt(0).putInt((int) durationMs)
                .put(new byte[8]).putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        matrix(tkhd);
        tkhd.putInt(width << 16).putInt(height << 16);
        byte[] moov = box("moov", concat(box("mvhd", mvhd.array()), box("trak", box("tkhd", tkhd.array()))));
        byte[] mdat = box("mdat", new byte[64]);
        return concat(ftyp, mdat, moov);
    }

    /** WebM: an EBML header whose DocType says "webm" (or "matroska"), then an empty segment of unknown size. */
    static byte[] matroska(String docType) {
        ByteBuffer header = ByteBuffer.allocate(64);
        header.put(new byte[]{0x42, (byte) 0x86, (byte) 0x81, 0x01});              // EBMLVersion 1
        header.put(new byte[]{0x42, (byte) 0xf7, (byte) 0x81, 0x01});              // EBMLReadVersion 1
        header.put(new byte[]{0x42, (byte) 0xf2, (byte) 0x81, 0x04});              // EBMLMaxIDLength 4
        header.put(new byte[]{0x42, (byte) 0xf3, (byte) 0x81, 0x08});              // EBMLMaxSizeLength 8
        header.put(new byte[]{0x42, (byte) 0x82, (byte) (0x80 | docType.length())}).put(ascii(docType));
        header.put(new byte[]{0x42, (byte) 0x87, (byte) 0x81, 0x04});              // DocTypeVersion 4
        header.put(new byte[]{0x42, (byte) 0x85, (byte) 0x81, 0x02});              // DocTypeReadVersion 2
        byte[] elements = new byte[header.position()];
        header.flip().get(elements);
        ByteBuffer out = ByteBuffer.allocate(5 + elements.length + 12);
        out.put(new byte[]{0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, (byte) (0x80 | elements.length)}).put(elements);
        out.put(new byte[]{0x18, 0x53, (byte) 0x80, 0x67, 0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        return out.array();
    }

    private static void matrix(ByteBuffer buffer) {
        buffer.putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x40000000);
    }

    private static byte[] box(String type, byte[] content) {
        return be(8 + content.length).putInt(8 + content.length).put(ascii(type)).put(content).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void put24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer be(int size) {
        return ByteBuffer.allocate(size);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
