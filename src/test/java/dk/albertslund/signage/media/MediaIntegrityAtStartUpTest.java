package dk.albertslund.signage.media;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.albertslund.signage.scheduler.JobRuns;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A starting server asks for one media check, which a scheduler thread runs after start-up, not during it. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaIntegrityAtStartUpTest implements PostgresTest {

    /** Attached before the server starts (class initialisation precedes the Micronaut context). */
    private static final ListAppender<ILoggingEvent> LOG = MediaIntegrityTest.capture();

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.media.check-at-start-up", "true");
    }

    private List<String> logged() {
        return LOG.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void a_starting_server_checks_every_media_file_once_in_the_background() throws InterruptedException {
        JobRuns.waitUntil(() -> !logged().isEmpty());

        assertThat(logged()).containsExactly("Media check: 0 files, 0 missing, 0 corrupt, 0 changed since the last check");
        assertThat(LOG.list.get(0).getThreadName()).startsWith("campus-signage_Worker-");
    }
}
