package dk.albertslund.signage.kiosk;

/**
 * Text that a kiosk sends (user agents, versions, error messages) is stored and shown to
 * staff, so it is bounded and loses its control characters: a NUL cannot be stored in
 * PostgreSQL, and terminal escapes or line breaks must not reach a log line or a table
 * cell. Escaping for HTML or JSON is left to whatever shows it.
 */
final class UntrustedText {

    private UntrustedText() {
    }

    /** Every control character (newlines, NUL, escapes, C1) replaced by a space. */
    static String clean(String text) {
        StringBuilder cleaned = null;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                if (cleaned == null) {
                    cleaned = new StringBuilder(text);
                }
                cleaned.setCharAt(i, ' ');
            }
        }
        return cleaned == null ? text : cleaned.toString();
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** At most {@code max} characters, never cutting a character in half. */
    static String truncate(String text, int max) {
        return length(text) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
    }
}
