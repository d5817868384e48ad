package dk.albertslund.signage.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real launcher in a child JVM, as an operator would start it. */
class ServerStartFailureTest {

    @Test
    void without_a_usable_embedded_database_the_server_stops_at_once_and_says_what_to_set(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("var"), "a file where the data directory should be");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dk.albertslund.signage.Application")
                .redirectErrorStream(true);
        builder.environment().remove("DATASOURCES_DEFAULT_URL");
        builder.environment().put("SIGNAGE_HOME", home.toString());
        builder.environment().put("SIGNAGE_PORT", "0");

        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("the server exits instead of hanging").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output)
                .contains("Campus Signage could not start its embedded PostgreSQL:")
                .contains("cannot create the data directory " + home.resolve("var").resolve("postgres"))
                .contains("DATASOURCES_DEFAULT_URL=jdbc:postgresql://HOST:5432/DATABASE");
    }
}
