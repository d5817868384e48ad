package dk.albertslund.signage.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

    @Test
    void data_written_before_a_stop_is_there_after_the_next_start(@TempDir Path directory) throws Exception {
        Path data = directory.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(data, false);
             Connection connection = DriverManager.getConnection(first.jdbcUrl("postgres"), EmbeddedDatabase.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (name text)");
            statement.execute("INSERT INTO kept VALUES ('Forbrændingen')");
        }

        try (EmbeddedDatabase second = EmbeddedDatabase.start(data, false);
             Connection connection = DriverManager.getConnection(second.jdbcUrl("postgres"), EmbeddedDatabase.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("Forbrændingen");
        }
    }

    @Test
    void a_data_directory_that_cannot_be_created_is_named_in_the_error(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> EmbeddedDatabase.start(file.resolve("postgres"), false))
                .isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseException.class)
                .hasMessageStartingWith("cannot create the data directory " + file.resolve("postgres"));
    }
}
