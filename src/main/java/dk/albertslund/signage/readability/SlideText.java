package dk.albertslund.signage.readability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the sanitised HTML of a slide body into the text a passer-by reads, and counts its words. */
public final class SlideText {

    private static final Pattern BLOCK_END = Pattern.compile(
            "</(p|li|h[1-6]|blockquote|pre|ul|ol)>|<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);");
    /** A word has a letter or a digit: a dash or a bullet on its own is not read as one. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private SlideText() {
    }

    /** The paragraphs (and list items, headings) of a body as HTML, without tags. */
    public static List<String> paragraphs(String html) {
        if (html == null || html.isBlank()) {
            return List.of();
        }
        String lines = TAG.matcher(BLOCK_END.matcher(html).replaceAll("\n")).replaceAll("");
        List<String> paragraphs = new ArrayList<>();
        for (String line : lines.split("\n")) {
            String text = decode(line).replaceAll("\\s+", " ").strip();
            if (!text.isEmpty()) {
                paragraphs.add(text);
            }
        }
        return paragraphs;
    }

    public static int words(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return (int) Arrays.stream(text.strip().split("\\s+")).filter(w -> WORD.matcher(w).find()).count();
    }

    private static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String decoded = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> character(name);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String character(String reference) {
        boolean hex = reference.charAt(1) == 'x' || reference.charAt(1) == 'X';
        int codePoint = hex ? Integer.parseInt(reference.substring(2), 16) : Integer.parseInt(reference.substring(1));
        return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : "\uFFFD";
    }
}
