package dk.albertslund.signage.screen;

import dk.albertslund.signage.readability.Display;
import dk.albertslund.signage.readability.Displays;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The campus screens as the readability checks see them: size and layout. */
@Singleton
class ScreenDisplays implements Displays {

    private final ScreenRepository screens;

    ScreenDisplays(ScreenRepository screens) {
        this.screens = screens;
    }

    @Override
    public List<Display> playing(@Nullable String language) {
        return screens.findAll().stream()
                .filter(s -> language == null || s.languages().contains(language))
                .map(ScreenDisplays::display)
                .toList();
    }

    @Override
    public Optional<Display> screen(String slug) {
        return screens.findBySlug(slug).map(ScreenDisplays::display);
    }

    private static Display display(Screen screen) {
        return Display.of(screen.name(), screen.widthPx(), screen.heightPx(), screen.layout()).withInfoBand(screen.infoBand());
    }
}
