package dk.albertslund.signage.core;

import jakarta.inject.Singleton;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an announcement body (Markdown written by staff) into the HTML that a screen
 * shows. The output goes onto public screens unattended, so whatever the Markdown says,
 * only plain text formatting and ordinary links come out: no scripts, styles, frames,
 * event handlers or images (a slide's picture comes from its media, never from the body).
 */
@Singleton
public class MarkdownRenderer {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();

    /**
     * The only HTML allowed through. Everything else is dropped; an element's text is kept
     * unless the element is one whose content is never text (script, style).
     */
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            // a code block is <pre><code>, so pre comes with code
            .allowElements("p", "br", "em", "strong", "ul", "ol", "li", "h1", "h2", "h3", "blockquote", "code", "pre")
            // "#### Heading" would otherwise lose its heading; the smallest allowed one is close enough
            .allowElements((name, attributes) -> "h3", "h4", "h5", "h6")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
            .allowElements(MarkdownRenderer::link, "a")
            // protocols are checked twice on purpose: the matcher refuses relative links,
            // which lead nowhere on a kiosk, and allowUrlProtocols is the sanitizer's own gate
            .allowAttributes("href").matching(Pattern.compile("(?i)(https?:|mailto:).*")).onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            .toFactory();

    private static final Pattern NOT_TEXT_OPENING = Pattern.compile(
            "<(script|style|iframe|object|noscript|template|textarea|title|svg|math)\\b", Pattern.CASE_INSENSITIVE);

    /** Safe HTML for this Markdown; null is treated as an empty body. */
    public String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        Node document = PARSER.parse(markdown);
        dropRawHtml(document);
        return POLICY.sanitize(RENDERER.render(document)).strip();
    }

    /**
     * A link keeps its element only if its address survived, and always opens without
     * handing the screen's page to the target. Done here rather than with the sanitizer's
     * requireRelsOnLinks, whose order of rel values changes from run to run.
     */
    private static String link(String element, List<String> attributes) {
        boolean hasAddress = false;
        for (int i = 0; i < attributes.size(); i += 2) { // name, value, name, value, ...
            hasAddress |= attributes.get(i).equals("href");
        }
        if (!hasAddress) {
            return null;
        }
        attributes.add("rel");
        attributes.add("noopener noreferrer");
        return element;
    }

    /**
     * Raw HTML in the Markdown is removed before rendering rather than left to the
     * sanitizer, so that even allowed tags (a hand-written {@code <a>} or {@code <p>})
     * come only from Markdown syntax. The text between inline tags stays, except inside
     * elements whose content is code or markup rather than words (a script's source
     * would otherwise appear on the screen as text).
     */
    private static void dropRawHtml(Node document) {
        Set<Node> raw = new LinkedHashSet<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlBlock htmlBlock) {
                raw.add(htmlBlock);
            }

            @Override
            public void visit(HtmlInline htmlInline) {
                raw.add(htmlInline);
                Matcher opening = NOT_TEXT_OPENING.matcher(htmlInline.getLiteral());
                if (opening.lookingAt()) {
                    Pattern closing = Pattern.compile("</" + opening.group(1) + "\\b", Pattern.CASE_INSENSITIVE);
                    for (Node next = htmlInline.getNext(); next != null; next = next.getNext()) {
                        raw.add(next);
                        if (next instanceof HtmlInline html && closing.matcher(html.getLiteral()).lookingAt()) {
                            break;
                        }
                    }
                }
            }
        });
        raw.forEach(Node::unlink);
    }
}
