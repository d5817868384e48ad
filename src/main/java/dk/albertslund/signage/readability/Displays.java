package dk.albertslund.signage.readability;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * The screens a slide is checked on, as the screen feature knows them. Screens sit
 * above readability in the stack (docs/ARCHITECTURE.md), so readability asks through
 * this and the screen feature answers.
 */
public interface Displays {

    /** Every screen that plays {@code language}, or every screen when it is null. */
    List<Display> playing(@Nullable String language);

    /** The screen with this slug, if there is one. */
    Optional<Display> screen(String slug);
}
