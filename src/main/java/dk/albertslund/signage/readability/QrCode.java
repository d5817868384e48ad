package dk.albertslund.signage.readability;

import io.nayuki.qrcodegen.QrCode.Ecc;

/**
 * A QR code as the kiosk draws it: dark modules on a light square that includes the quiet
 * zone of four modules ISO/IEC 18004 asks for, so the code reads on any slide colour or
 * picture behind it. Its size on a screen is chosen here too, from the screen's pixels,
 * physical size and layout, so the kiosk draws exactly what the readability check judged
 * (docs/LINKS.md). Plain Java.
 */
public final class QrCode {

    /** Light modules around the symbol, as the standard requires for a reader to find it. */
    public static final int QUIET_ZONE = 4;
    /** Near-black on white, as printed codes: 18.9:1, far above what phone readers need. */
    public static final String DARK = "#111111";
    public static final String LIGHT = "#ffffff";
    /**
     * What the kiosk aims for: a module 3.3 mm wide per metre of viewing distance (10 mm
     * at 3 m), which makes a version-3 symbol about a tenth of the distance wide, the usual
     * "scan from ten times its size" rule for phone cameras.
     */
    public static final double PREFERRED_MODULE_MM_PER_METRE = 10.0 / 3;
    /**
     * Below this a phone's camera at that distance gets too few pixels per module to decode
     * reliably: 2.5 mm per metre (7.5 mm at 3 m, 8.6 minutes of arc) leaves a 1280 × 720
     * preview frame across a 65° field of view about 3 pixels per module (docs/LINKS.md).
     */
    public static final double MINIMUM_MODULE_MM_PER_METRE = 2.5;
    /** Dark on light that a camera in station glare still separates: WCAG's enhanced 7:1 (docs/LINKS.md). */
    public static final double MINIMUM_CONTRAST = 7;

    /** Letters of a short address's code: lower-case letters and digits, without the look-alikes 0, o, 1, l and i. */
    public static final String CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    /** 31^8, about 8.5 × 10^11 codes: guessing one of a campus's few thousand takes hundreds of millions of tries. */
    public static final int CODE_LENGTH = 8;
    public static final String GO_PATH = "/go/";

    private final io.nayuki.qrcodegen.QrCode symbol;

    private QrCode(io.nayuki.qrcodegen.QrCode symbol) {
        this.symbol = symbol;
    }

    /**
     * The code of {@code text} at error correction level M (15 % may be dirty or glared),
     * raised where that fits in the same size.
     */
    public static QrCode encode(String text) {
        return new QrCode(io.nayuki.qrcodegen.QrCode.encodeText(text, Ecc.MEDIUM));
    }

    /** The short address a screen's code holds: the server's public address, /go/ and the code. */
    public static String shortAddress(String publicUrl, String code) {
        return publicUrl + GO_PATH + code;
    }

    /** A short address of the length every code has, for judging a message before its codes exist. */
    public static String sampleAddress(String publicUrl) {
        return shortAddress(publicUrl, "x".repeat(CODE_LENGTH));
    }

    /** The address as the kiosk writes it beside the code: without "https://". */
    public static String label(String address) {
        return PlayerLayout.shortLabel(address);
    }

    /** Width of the whole square in modules, quiet zone included. */
    public int modules() {
        return symbol.size + 2 * QUIET_ZONE;
    }

    /** Whether the module at (x, y) of the whole square, quiet zone included, is dark. */
    public boolean dark(int x, int y) {
        return symbol.getModule(x - QUIET_ZONE, y - QUIET_ZONE);
    }

    /**
     * The dark modules as SVG path data in module units, one rectangle per horizontal run,
     * for a {@code viewBox} of {@code 0 0 modules modules}: small enough for the manifest,
     * and drawn by the kiosk without markup from the server.
     */
    public String path() {
        StringBuilder path = new StringBuilder();
        int size = modules();
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!dark(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && dark(x, y)) {
                    x++;
                }
                path.append('M').append(start).append(' ').append(y).append('h').append(x - start).append("v1h-")
                        .append(x - start).append('z');
            }
        }
        return path.toString();
    }

    /** Screen pixels per module on {@code display}: whole pixels, so every module is sharp. */
    public int modulePx(Display display) {
        return PlayerLayout.qrModulePx(display, modules());
    }

    /** Width of one module on {@code display} in millimetres. */
    public double moduleMm(Display display) {
        return modulePx(display) * display.pixelPitchMm();
    }
}
