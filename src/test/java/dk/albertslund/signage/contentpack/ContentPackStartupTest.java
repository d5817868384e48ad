package dk.albertslund.signage.contentpack;

import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The pack arrives by itself on a new installation, once, and from the command line on demand. */
class ContentPackStartupTest {

    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-signing";

    private static Map<String, Object> server(String database) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", TestDatabase.get().url(database));
        properties.put("datasources.default.username", TestDatabase.get().user());
        properties.put("datasources.default.password", TestDatabase.get().password());
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", SECRET);
        properties.put("signage.media.dir", "target/test-media/ContentPackStartupTest");
        properties.put("signage.content-pack.import-on-first-start", true);
        properties.put("signage.admin.password", "first admin password");
        return properties;
    }

    private static long scalar(String database, String sql) throws Exception {
        try (Connection connection = TestDatabase.get().connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void the_first_start_imports_the_pack_and_a_later_start_does_not_bring_deleted_content_back() throws Exception {
        String database = TestDatabase.get().createDatabase();
        try (ApplicationContext first = ApplicationContext.run(server(database), "test")) {
            first.getBean(EmbeddedServer.class).start();
        }
        long imported = scalar(database, "SELECT count(*) FROM schedule_entry");
        try (Connection connection = TestDatabase.get().connect(database); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM schedule_entry WHERE slug = 'weekend-nat'");
        }

        try (ApplicationContext second = ApplicationContext.run(server(database), "test")) {
            second.getBean(EmbeddedServer.class).start();
        }

        assertThat(imported).isEqualTo(ContentPackReader.read(Path.of("content")).schedules().size());
        assertThat(scalar(database, "SELECT count(*) FROM schedule_entry WHERE slug = 'weekend-nat'")).isZero();
        assertThat(scalar(database, "SELECT count(*) FROM installation_state WHERE key = 'content-pack-imported-at'")).isEqualTo(1);
    }

    @Test
    void the_command_line_flag_imports_reports_and_exits() throws Exception {
        String database = TestDatabase.get().createDatabase();

        Result first = importFromCommandLine(database);
        Result second = importFromCommandLine(database);

        assertThat(first.exitCode()).isZero();
        assertThat(first.output()).contains("Imported the content pack from ").contains("announcements: "
                + ContentPackReader.read(Path.of("content")).announcements().size() + " created, 0 updated, 0 unchanged");
        assertThat(second.exitCode()).isZero();
        assertThat(second.output()).contains("institutions: 0 created, 0 updated, ");
        assertThat(scalar(database, "SELECT count(*) FROM screen")).isEqualTo(ContentPackReader.read(Path.of("content")).screens().size());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result importFromCommandLine(String database) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dk.albertslund.signage.Application", "--import-content-pack")
                .redirectErrorStream(true);
        builder.environment().put("DATASOURCES_DEFAULT_URL", TestDatabase.get().url(database));
        builder.environment().put("DATASOURCES_DEFAULT_USERNAME", TestDatabase.get().user());
        builder.environment().put("DATASOURCES_DEFAULT_PASSWORD", TestDatabase.get().password());
        builder.environment().put("SIGNAGE_JWT_SECRET", SECRET);
        builder.environment().put("SIGNAGE_MEDIA_DIR", "target/test-media/ContentPackStartupTest-cli");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
