package dk.albertslund.signage.web;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.helper.ConditionalHelpers;
import dk.albertslund.signage.core.Message;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Helpers every staff template may use: {@code {{t "key" arg…}}} for a text from the
 * message bundles in the page's language, {@code {{tr message}}} for what a service said
 * (a {@link Message}) in that language, {@code concat} to build a key, and the comparison helpers ({@code eq},
 * {@code neq}, {@code and}, {@code or}, {@code not}). Everything they return is escaped.
 */
@Singleton
final class HandlebarsHelpers implements BeanCreatedEventListener<Handlebars> {

    private final Messages messages;

    HandlebarsHelpers(Messages messages) {
        this.messages = messages;
    }

    @Override
    public Handlebars onCreated(BeanCreatedEvent<Handlebars> event) {
        Handlebars handlebars = event.getBean();
        handlebars.registerHelpers(ConditionalHelpers.class);
        handlebars.registerHelper("t", (Helper<Object>) (key, options) -> {
            Object lang = options.context.get("layout.lang");
            return messages.text(lang == null ? StaffLanguage.DEFAULT : lang.toString(), String.valueOf(key), options.params);
        });
        // what a service said (a Message), in the page's language: {{tr page.errors.title}}
        handlebars.registerHelper("tr", (Helper<Message>) (message, options) -> {
            Object lang = options.context.get("layout.lang");
            return message == null ? "" : messages.text(lang == null ? StaffLanguage.DEFAULT : lang.toString(), message);
        });
        // builds a message key from parts, e.g. (concat "role." name)
        handlebars.registerHelper("concat", (Helper<Object>) (first, options) -> {
            StringBuilder joined = new StringBuilder(String.valueOf(first));
            for (Object part : options.params) {
                joined.append(part);
            }
            return joined.toString();
        });
        return handlebars;
    }
}
