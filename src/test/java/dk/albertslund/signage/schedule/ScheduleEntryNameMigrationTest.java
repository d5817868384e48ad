package dk.albertslund.signage.schedule;

import dk.albertslund.signage.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** V17 names the entries that were made before entries had names, after what they show and where. */
class ScheduleEntryNameMigrationTest {

    private TestDatabase database;
    private String name;

    @BeforeEach
    void a_database_with_entries_but_no_names() throws SQLException {
        database = TestDatabase.get();
        name = database.createBlankDatabase();
        flyway("16").migrate();
        execute("""
                INSERT INTO playlist (id, slug, name) VALUES (1, 'uddannelse', 'Uddannelse'), (2, 'jul', 'Jul på campus'),
                    (3, 'lang', '%s');
                INSERT INTO screen_group (id, slug, name) VALUES (1, 'station', 'Albertslund Station');
                INSERT INTO screen (id, slug, name) VALUES (1, 'foyer', 'Foyeren i Musikteatret');
                INSERT INTO schedule_entry (slug, playlist_id, target_kind, target_screen_id, target_group_id, start_time, end_time)
                VALUES ('station-morgen-uddannelse', 1, 'group', NULL, 1, '07:00', '10:00'),
                       ('foyer-aften', 1, 'screen', 1, NULL, '17:00', '23:00'),
                       ('jul-2026', 2, 'all', NULL, NULL, '10:00', '18:00'),
                       ('lang-navn', 3, 'all', NULL, NULL, '10:00', '18:00');
                """.formatted("L".repeat(130)));
    }

    @Test
    void each_entry_is_named_by_its_playlist_and_its_target() throws SQLException {
        flyway(null).migrate();

        Map<String, String> names = names();
        assertThat(names).containsEntry("station-morgen-uddannelse", "Uddannelse – Albertslund Station")
                .containsEntry("foyer-aften", "Uddannelse – Foyeren i Musikteatret")
                .containsEntry("jul-2026", "Jul på campus – Alle skærme")
                .containsEntry("lang-navn", "L".repeat(120));
    }

    @Test
    void an_entry_must_have_a_name_afterwards() throws SQLException {
        flyway(null).migrate();

        assertThat(names()).hasSize(4);
        assertThatThrownBy(() -> execute("""
                INSERT INTO schedule_entry (slug, name, playlist_id, target_kind, start_time, end_time)
                VALUES ('tom', '', 1, 'all', '07:00', '10:00')"""))
                .isInstanceOf(SQLException.class).hasMessageContaining("schedule_entry_name_length");
    }

    private Map<String, String> names() throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        try (Connection c = database.connect(name); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT slug, name FROM schedule_entry ORDER BY id")) {
            while (rs.next()) {
                names.put(rs.getString("slug"), rs.getString("name"));
            }
        }
        return names;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.connect(name); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(database.url(name), database.user(), database.password())
                .locations("classpath:db/migration");
        return (target == null ? configuration : configuration.target(target)).load();
    }
}
