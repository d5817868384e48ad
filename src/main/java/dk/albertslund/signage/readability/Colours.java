package dk.albertslund.signage.readability;

import java.util.regex.Pattern;

/**
 * WCAG 2.x contrast, and the text colour the kiosk player puts on an institution's colour.
 * Mirrors kiosk-client/js/colour.js, so what is checked here is what the screen shows.
 */
public final class Colours {

    /** The player's accent when an institution has no usable colour. */
    public static final String FALLBACK = "#4b5d6e";
    static final String LIGHT_TEXT = "#ffffff";
    static final String DARK_TEXT = "#111111";
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

    private Colours() {
    }

    public static boolean isColour(String value) {
        return value != null && HEX.matcher(value).matches();
    }

    /** The colour when it is a plain "#rrggbb", else the player's fallback. */
    public static String safe(String value) {
        return isColour(value) ? value.toLowerCase(java.util.Locale.ROOT) : FALLBACK;
    }

    /** WCAG relative luminance (0 black to 1 white). */
    public static double luminance(String hex) {
        int rgb = Integer.parseInt(safe(hex).substring(1), 16);
        return 0.2126 * channel((rgb >> 16) & 255) + 0.7152 * channel((rgb >> 8) & 255) + 0.0722 * channel(rgb & 255);
    }

    private static double channel(int value) {
        double s = value / 255.0;
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    /** WCAG contrast ratio, 1 to 21, in either order. */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** White when it reaches 4.5:1 on the background, else whichever of white and near-black contrasts more. */
    public static String textOn(String background) {
        String bg = safe(background);
        if (contrast(bg, LIGHT_TEXT) >= 4.5) {
            return LIGHT_TEXT;
        }
        return contrast(bg, DARK_TEXT) > contrast(bg, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
    }
}
