package dk.albertslund.signage.readability;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing about a slide that a passer-by may not manage to read.
 *
 * @param code     READING_SPEED, CONTRAST, TEXT_SIZE, HEADLINE_LENGTH, QR_SIZE or QR_CONTRAST
 * @param severity {@code warning} (worth fixing) or {@code problem} (people will not read it)
 * @param measured what the slide has, in {@code unit}
 * @param limit    what it should have, in {@code unit}
 * @param part     title, body, side, ticker or qr when the finding is about one part of the slide, else null
 * @param screen   the screen it is measured on when that matters (text size), else null
 * @param key      the message's key in i18n/readability_*.properties
 * @param message  the finding said in Danish and in English
 */
// every field is always written, so a client never guesses what a missing one means
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Finding(String code, String severity, double measured, double limit, String unit, String part,
                      String screen, String key, Message message) {

    public static final String WARNING = "warning";
    public static final String PROBLEM = "problem";

    public record Message(String da, String en) {
    }

    public boolean isProblem() {
        return PROBLEM.equals(severity);
    }
}
