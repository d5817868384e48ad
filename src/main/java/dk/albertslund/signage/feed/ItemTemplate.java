package dk.albertslund.signage.feed;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import dk.albertslund.signage.core.CampusTime;

/**
 * A feed's Handlebars template: turns one event into the Markdown body of its announcement
 * (the title is the event's own). The fields a template may use are listed in {@link #FIELDS};
 * the output is Markdown and is sanitised like any body, so values are not HTML-escaped here.
 */
final class ItemTemplate {

    static final String DEFAULT = """
            **{{when}}**{{#if venue}} · {{venue}}{{/if}}

            {{description}}

            {{startsIn}}""";

    /** What a template can ask for, as README.md and the API documentation list them. */
    static final String FIELDS = "title, description, venue, url, image, when, whenDa, whenEn, dateDa, dateEn, timeDa, timeEn, allDay, startsIn";

    private static final int SHORT_DESCRIPTION = 280;
    private static final Handlebars HANDLEBARS = new Handlebars().with(EscapingStrategy.NOOP);

    private final Template template;

    private ItemTemplate(Template template) {
        this.template = template;
    }

    /** The compiled template, or an exception whose message says what is wrong and where. */
    static ItemTemplate compile(String source) {
        try {
            return new ItemTemplate(HANDLEBARS.compileInline(source));
        } catch (HandlebarsException e) {
            String reason = e.getError() != null ? e.getError().reason : e.getMessage();
            int line = e.getError() != null ? e.getError().line : 0;
            throw new IllegalArgumentException(line > 0 ? "line " + line + ": " + reason : reason);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    String render(FeedEvent event, String language, ZoneId zone) {
        try {
            return template.apply(fields(event, language, zone)).strip();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The template failed on the event '" + event.title() + "': " + e.getMessage(), e);
        }
    }

    static Map<String, Object> fields(FeedEvent event, String language, ZoneId zone) {
        ZonedDateTime start = event.start().atZone(zone);
        String dateDa = CampusTime.longDay(start.toLocalDate(), "da");
        String dateEn = CampusTime.longDay(start.toLocalDate(), "en");
        String timeDa = event.allDay() ? "" : "kl. " + CampusTime.time(start.toLocalTime(), "da");
        String timeEn = event.allDay() ? "" : CampusTime.time(start.toLocalTime(), "en");
        String whenDa = event.allDay() ? dateDa : dateDa + " " + timeDa;
        String whenEn = event.allDay() ? dateEn : dateEn + ", " + timeEn;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", event.title());
        fields.put("description", shorten(event.description()));
        fields.put("venue", event.location());
        fields.put("url", event.url());
        fields.put("image", event.imageUrl());
        fields.put("when", "da".equals(language) ? whenDa : whenEn);
        fields.put("whenDa", whenDa);
        fields.put("whenEn", whenEn);
        fields.put("dateDa", dateDa);
        fields.put("dateEn", dateEn);
        fields.put("timeDa", timeDa);
        fields.put("timeEn", timeEn);
        fields.put("allDay", event.allDay());
        fields.put("startsIn", StartsIn.marker(event.start()));
        return fields;
    }

    private static String shorten(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        if (s.length() <= SHORT_DESCRIPTION) {
            return s;
        }
        int cut = s.lastIndexOf(' ', SHORT_DESCRIPTION - 1);
        return s.substring(0, cut > SHORT_DESCRIPTION / 2 ? cut : SHORT_DESCRIPTION - 1).strip() + "…";
    }

}
