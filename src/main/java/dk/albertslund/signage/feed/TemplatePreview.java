package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.core.MarkdownRenderer;
import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;
import dk.albertslund.signage.readability.SlideText;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * What a feed's template makes of an event, shown beside the template so staff see the
 * words a screen will get before any import: a sample concert next Friday at 20.00 in
 * the feed's language, through the same template and Markdown rendering as an import.
 */
@Singleton
class TemplatePreview {

    /** The body's paragraphs as a screen shows them, or why the template cannot be used. */
    record Shown(String title, List<String> paragraphs, @Nullable Message error) {
    }

    private final MarkdownRenderer markdown;
    private final CampusTime times;
    private final Clock clock;

    TemplatePreview(MarkdownRenderer markdown, CampusTime times, Clock clock) {
        this.markdown = markdown;
        this.times = times;
        this.clock = clock;
    }

    Shown of(@Nullable String template, @Nullable String language) {
        String lang = "en".equals(language) ? "en" : "da";
        String title = lang.equals("da") ? "Koncert i foyeren" : "Concert in the foyer";
        String source = template == null || template.isBlank() ? ItemTemplate.DEFAULT : template;
        ItemTemplate compiled;
        try {
            compiled = ItemTemplate.compile(source);
        } catch (IllegalArgumentException e) {
            return new Shown(title, List.of(), Message.of("feed.template.invalid", e.getMessage(), ItemTemplate.FIELDS));
        }
        LocalDate friday = LocalDate.now(clock.withZone(times.zone())).with(TemporalAdjusters.next(DayOfWeek.FRIDAY));
        FeedEvent sample = new FeedEvent("preview", "", title,
                lang.equals("da") ? "Unge bands spiller egne numre. Gratis adgang." : "Young bands play their own songs. Free entry.",
                "Musikteatret", "https://example.org/koncert", null, friday.atTime(20, 0).atZone(times.zone()).toInstant(),
                friday.atTime(22, 0).atZone(times.zone()).toInstant(), false);
        try {
            String html = markdown.render(compiled.render(sample, lang, times.zone()));
            return new Shown(title, SlideText.paragraphs(StartsIn.render(html, lang, clock.instant(), times.zone())), null);
        } catch (IllegalStateException e) {
            return new Shown(title, List.of(), Message.of("feed.template.invalid", e.getMessage(), ItemTemplate.FIELDS));
        }
    }
}
