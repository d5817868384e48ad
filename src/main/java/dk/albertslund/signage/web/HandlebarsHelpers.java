package dk.albertslund.signage.web;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.helper.ConditionalHelpers;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Helpers every staff template may use: {@code {{t "key" arg…}}} for a text from the
 * message bundles in the page's language, {@code {{tr message}}} for a service's message
 * about bad input in that language, {@code concat} to build a key, and the comparison helpers ({@code eq},
 * {@code neq}, {@code and}, {@code or}, {@code not}). Everything they return is escaped.
 */
@Singleton
final class HandlebarsHelpers implements BeanCreatedEventListener<Handlebars> {

    private final Messages messages;
    private final ServerMessages serverMessages;

    HandlebarsHelpers(Messages messages, ServerMessages serverMessages) {
        this.messages = messages;
        this.serverMessages = serverMessages;
    }

    @Override
    public Handlebars onCreated(BeanCreatedEvent<Handlebars> event) {
        Handlebars handlebars = event.getBean();
        handlebars.registerHelpers(ConditionalHelpers.class);
        handlebars.registerHelper("t", (Helper<Object>) (key, options) -> {
            Object lang = options.context.get("layout.lang");
            return messages.text(lang == null ? StaffLanguage.DEFAULT : lang.toString(), String.valueOf(key), options.params);
        });
        // a service's (English) message about bad input, in the page's language: {{tr page.titleError}}
        handlebars.registerHelper("tr", (Helper<Object>) (message, options) -> {
            Object lang = options.context.get("layout.lang");
            return message == null ? "" : serverMessages.translate(lang == null ? StaffLanguage.DEFAULT : lang.toString(), message.toString());
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
