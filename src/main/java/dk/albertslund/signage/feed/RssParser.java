package dk.albertslund.signage.feed;

import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.micronaut.core.annotation.Nullable;
import org.jdom2.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Sha256;

/**
 * Reads RSS 2.0 and Atom (WordPress, Drupal, Ghost) into items. A news item has no event
 * time, so its publication time stands in for the start; its image is the enclosure, a
 * Media RSS thumbnail or content, or the first image of its HTML.
 */
final class RssParser {

    // a script's or style's text is code, not words for a screen; an unclosed one runs to the end
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile(
            "<(script|style)\\b[^>]*>.*?(</\\1\\s*>|\\z)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"),
            Map.entry("nbsp", " "), Map.entry("hellip", "…"), Map.entry("ndash", "–"), Map.entry("mdash", "—"),
            Map.entry("aelig", "æ"), Map.entry("oslash", "ø"), Map.entry("aring", "å"),
            Map.entry("AElig", "Æ"), Map.entry("Oslash", "Ø"), Map.entry("Aring", "Å"),
            Map.entry("rsquo", "’"), Map.entry("lsquo", "‘"), Map.entry("rdquo", "”"), Map.entry("ldquo", "“"));
    private static final Pattern FIRST_IMAGE = Pattern.compile("<img[^>]+src=[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);

    List<FeedEvent> parse(byte[] bytes) throws FeedParseException {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            // no DOCTYPEs, so no external entities to fetch
            input.setAllowDoctypes(false);
            feed = input.build(new com.rometools.rome.io.XmlReader(new ByteArrayInputStream(bytes)));
        } catch (ParsingFeedException e) {
            throw new FeedParseException(Message.of("feed.rss.notXml", message(e)), e.getLineNumber() > 0 ? e.getLineNumber() : null);
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new FeedParseException(Message.of("feed.rss.unreadable", message(e)), null);
        }
        List<FeedEvent> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            java.util.Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            if (date == null) {
                continue; // nothing to place it in time by
            }
            String uid = entry.getUri() != null && !entry.getUri().isBlank() ? entry.getUri()
                    : entry.getLink() != null ? entry.getLink() : Sha256.hex(entry.getTitle() + date);
            String description = entry.getDescription() != null ? entry.getDescription().getValue()
                    : entry.getContents().isEmpty() ? "" : entry.getContents().get(0).getValue();
            items.add(new FeedEvent(uid.strip(), "", plain(entry.getTitle()), plain(description), "", entry.getLink(),
                    image(entry, description), date.toInstant(), null, false));
        }
        return items;
    }

    private static @Nullable String image(SyndEntry entry, String description) {
        for (SyndEnclosure enclosure : entry.getEnclosures()) {
            if (enclosure.getType() != null && enclosure.getType().startsWith("image/")) {
                return enclosure.getUrl();
            }
        }
        for (Element element : entry.getForeignMarkup()) {
            if ("http://search.yahoo.com/mrss/".equals(element.getNamespaceURI())
                    && (element.getName().equals("content") || element.getName().equals("thumbnail"))
                    && element.getAttributeValue("url") != null) {
                String medium = element.getAttributeValue("medium");
                String type = element.getAttributeValue("type");
                if (medium == null && type == null || "image".equals(medium) || type != null && type.startsWith("image/")) {
                    return element.getAttributeValue("url");
                }
            }
        }
        var m = FIRST_IMAGE.matcher(description == null ? "" : description);
        return m.find() ? m.group(1) : null;
    }

    /** Text without markup or entities, as a slide shows it. */
    static String plain(@Nullable String html) {
        if (html == null) {
            return "";
        }
        String text = SCRIPT_OR_STYLE.matcher(html).replaceAll(" ");
        text = TAGS.matcher(text).replaceAll(" ");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                replacement = new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            } else if (name.startsWith("#")) {
                replacement = new String(Character.toChars(Integer.parseInt(name.substring(1))));
            } else {
                replacement = NAMED.getOrDefault(name, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        // markup escaped once more in the feed surfaces only now
        String decoded = SCRIPT_OR_STYLE.matcher(out).replaceAll(" ");
        return decoded.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("^Invalid XML: ", "");
    }


}
