package dk.albertslund.signage.readability;

import java.util.List;

/**
 * What a passer-by is given to read on one slide.
 *
 * @param paragraphs    the body as the screen shows it: one entry per paragraph, list item or heading
 * @param accentColour  the institution's colour, "#rrggbb" (anything else shows as the player's fallback)
 * @param withPicture   an image or video fills the slide and the words sit in a panel on it
 * @param link          the address the slide's QR code holds (its short address), or null without a link
 */
public record Slide(String title, List<String> paragraphs, int durationSeconds, String accentColour,
                    boolean withPicture, String link) {

    public Slide {
        title = title == null ? "" : title.strip();
        paragraphs = List.copyOf(paragraphs);
    }

    /** A slide without a link. */
    public Slide(String title, List<String> paragraphs, int durationSeconds, String accentColour, boolean withPicture) {
        this(title, paragraphs, durationSeconds, accentColour, withPicture, null);
    }

    /** Words in the title and the body, as they are read. */
    public int words() {
        return SlideText.words(title) + paragraphs.stream().mapToInt(SlideText::words).sum();
    }
}
