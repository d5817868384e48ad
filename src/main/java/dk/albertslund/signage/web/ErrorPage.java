package dk.albertslund.signage.web;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The model of {@code views/error.hbs}; {@code heading} and {@code advice} are message keys,
 * {@code detail} is what the refusal said, worded in the page's language, and {@code errors}
 * what it said of each field (a page number out of range names {@code page}).
 */
public record ErrorPage(int status, String heading, String advice, @Nullable Message detail, List<Problem.FieldError> errors) {
}
