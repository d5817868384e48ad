package dk.albertslund.signage.golink;

import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the scan tables can hold, read from PostgreSQL's catalog rather than from the code:
 * a counter per message, screen and hour, and the codes. No column could identify the
 * person who scanned: no address, browser, device, cookie or user (docs/LINKS.md).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScanPrivacyTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    private List<String> columns(String table) {
        return fixtures.rows("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""", table)
                .stream().map(r -> (String) r.get("column_name")).toList();
    }

    @Test
    void the_scan_tables_have_no_column_that_identifies_a_person() {
        assertThat(columns("link_scan")).containsExactly("announcement_id", "screen_id", "hour", "scans");
        assertThat(columns("go_link")).containsExactly("code", "announcement_id", "screen_id", "created_at");
        for (String table : List.of("link_scan", "go_link")) {
            assertThat(columns(table)).noneMatch(c -> c.matches("(?i).*(ip|addr|agent|device|cookie|user|session|finger|phone|referr).*"));
        }
        assertThat(fixtures.rows("""
                SELECT count(*) AS n FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name IN ('link_scan', 'go_link') AND data_type IN ('inet', 'cidr', 'macaddr')"""))
                .containsExactly(Map.of("n", 0L));
    }
}
