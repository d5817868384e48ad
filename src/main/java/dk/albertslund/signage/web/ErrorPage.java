package dk.albertslund.signage.web;

import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;

/**
 * The model of {@code views/error.hbs}; {@code heading} and {@code advice} are message keys,
 * {@code detail} is what the refusal said, worded in the page's language.
 */
public record ErrorPage(int status, String heading, String advice, @Nullable Message detail) {
}
