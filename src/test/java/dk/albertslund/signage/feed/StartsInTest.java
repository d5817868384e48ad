package dk.albertslund.signage.feed;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class StartsInTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");
    private static final Instant START = Instant.parse("2026-03-29T17:30:00Z");
    private static final String BODY = "<p>Forårsjazz – " + StartsIn.marker(START) + "</p>";

    @Test
    void far_from_the_start_the_slide_says_when_in_its_own_language() {
        Instant morning = Instant.parse("2026-03-29T08:00:00Z");

        assertThat(StartsIn.render(BODY, "da", morning, CAMPUS)).isEqualTo("<p>Forårsjazz – starter 29. marts kl. 19.30</p>");
        assertThat(StartsIn.render(BODY, "en", morning, CAMPUS)).isEqualTo("<p>Forårsjazz – starts 29 March at 19:30</p>");
        assertThat(StartsIn.nextChange(BODY, morning)).isEqualTo(Instant.parse("2026-03-29T16:30:00Z"));
    }

    @Test
    void within_the_hour_it_counts_down_in_minutes_and_changes_each_minute() {
        Instant twentyBefore = Instant.parse("2026-03-29T17:10:00Z");

        assertThat(StartsIn.render(BODY, "da", twentyBefore, CAMPUS)).isEqualTo("<p>Forårsjazz – starter om 20 min</p>");
        assertThat(StartsIn.render(BODY, "en", twentyBefore.plusSeconds(30), CAMPUS)).isEqualTo("<p>Forårsjazz – starts in 20 min</p>");
        assertThat(StartsIn.nextChange(BODY, twentyBefore)).isEqualTo(Instant.parse("2026-03-29T17:11:00Z"));
        assertThat(StartsIn.nextChange(BODY, twentyBefore.plusSeconds(30))).isEqualTo(Instant.parse("2026-03-29T17:11:00Z"));
    }

    @Test
    void from_the_start_it_is_on_and_never_changes_again() {
        assertThat(StartsIn.render(BODY, "da", START, CAMPUS)).isEqualTo("<p>Forårsjazz – i gang nu</p>");
        assertThat(StartsIn.render(BODY, "en", START.plusSeconds(600), CAMPUS)).isEqualTo("<p>Forårsjazz – on now</p>");
        assertThat(StartsIn.nextChange(BODY, START)).isNull();
    }

    @Test
    void text_without_a_marker_is_left_as_it_is() {
        assertThat(StartsIn.render("<p>[[not a marker]]</p>", "da", START, CAMPUS)).isEqualTo("<p>[[not a marker]]</p>");
        assertThat(StartsIn.nextChange("<p>plain</p>", START)).isNull();
    }
}
