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

    /** java -cp … Application with the embedded database under {@code home}. */
    private static ProcessBuilder launcher(Path home) {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dk.albertslund.signage.Application")
                .redirectErrorStream(true);
        builder.environment().remove("DATASOURCES_DEFAULT_URL");
        builder.environment().put("SIGNAGE_HOME", home.toString());
        return builder;
    }

    @Test
    void without_a_usable_embedded_database_the_server_stops_at_once_and_says_what_to_set(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("var"), "a file where the data directory should be");
        ProcessBuilder builder = launcher(home);
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

    @Test
    void a_busy_port_stops_the_start_with_one_sentence_before_any_database_is_made(@TempDir Path home) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = launcher(home);
            builder.environment().put("SIGNAGE_HOST", "127.0.0.1");
            builder.environment().put("SIGNAGE_PORT", Integer.toString(taken.getLocalPort()));

            Process process = builder.start();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(exited).as("the server exits instead of hanging").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output.strip()).isEqualTo("Port " + taken.getLocalPort() + " is already in use (is Campus Signage already"
                    + " running?): stop that program or start this one on another port, e.g. SIGNAGE_PORT="
                    + (taken.getLocalPort() + 1) + "; nothing was started.");
            assertThat(home.resolve("var").resolve("postgres")).as("no database was made").doesNotExist();
        }
    }
}
