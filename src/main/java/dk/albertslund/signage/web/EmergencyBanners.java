package dk.albertslund.signage.web;

import io.micronaut.core.annotation.Nullable;

/**
 * Where the layout learns of an active emergency, for the banner on every staff page.
 * The emergency feature implements it from memory (pages may render on the event loop).
 */
public interface EmergencyBanners {

    @Nullable
    Layout.EmergencyBanner current(String lang);
}
