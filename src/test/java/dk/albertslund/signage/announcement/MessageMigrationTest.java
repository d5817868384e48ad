package dk.albertslund.signage.announcement;

import dk.albertslund.signage.testing.Release010Database;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V15 (one message with language versions, docs/MESSAGES.md) run on the database of
 * release 0.1.0 with the campus content pack and a kiosk's plays in it: every text,
 * picture, window, status, playlist place and play is accounted for afterwards.
 */
class MessageMigrationTest {

    private Release010Database release;

    @BeforeEach
    void a_database_of_release_0_1_0() throws Exception {
        release = Release010Database.create();
    }

    @Test
    void the_content_packs_53_announcements_become_messages_with_nothing_lost() throws Exception {
        List<Map<String, Object>> before = rows("""
                SELECT a.id, a.slug, a.language, a.title, a.body_markdown, a.translation_of_id, a.status, a.institution_id,
                       a.media_id, a.publish_from, a.publish_until, a.duration_seconds,
                       (SELECT count(*) FROM play p WHERE p.announcement_id = a.id) AS plays
                FROM announcement a ORDER BY a.id""");
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        before.forEach(r -> byId.put(id(r, "id"), r));
        Map<String, TreeSet<String>> itemsBefore = playlistItems();
        long playsBefore = count("SELECT count(*) FROM play");
        assertThat(before).hasSize(53);

        flyway(null).migrate();

        Map<String, Map<String, Object>> after = new LinkedHashMap<>();
        rows("""
                SELECT a.slug, a.language, a.title, a.body_markdown, a.translations::text AS translations, a.status,
                       a.media_id, a.publish_from, a.publish_until, a.duration_seconds,
                       (SELECT count(*) FROM play p WHERE p.announcement_id = a.id) AS plays
                FROM announcement a ORDER BY a.id""").forEach(r -> after.put((String) r.get("slug"), r));

        // which English rows joined their Danish original: same status, institution and window
        Map<Long, Long> joined = new TreeMap<>();
        for (Map<String, Object> t : before) {
            Map<String, Object> o = t.get("translation_of_id") == null ? null : byId.get(id(t, "translation_of_id"));
            if (o != null && o.get("status").equals(t.get("status")) && o.get("institution_id").equals(t.get("institution_id"))
                    && Objects.equals(o.get("publish_from"), t.get("publish_from"))
                    && Objects.equals(o.get("publish_until"), t.get("publish_until"))) {
                joined.put(id(t, "id"), id(o, "id"));
            }
        }
        assertThat(joined).as("English versions joined to their Danish message").hasSize(23);
        assertThat(after).as("messages: 53 announcements less the 23 joined").hasSize(30);

        for (Map<String, Object> a : before) {
            Long into = joined.get(id(a, "id"));
            Map<String, Object> message = after.get((String) byId.get(into == null ? id(a, "id") : into).get("slug"));
            assertThat(message).as(a.get("slug") + " is a message or part of one").isNotNull();
            assertThat(message.get("status")).as("status of " + a.get("slug")).isEqualTo(a.get("status"));
            assertThat(message.get("publish_from")).isEqualTo(a.get("publish_from"));
            assertThat(message.get("publish_until")).isEqualTo(a.get("publish_until"));
            if (a.get("media_id") != null && into == null) {
                assertThat(message.get("media_id")).as("picture of " + a.get("slug")).isEqualTo(a.get("media_id"));
            }
            if (into == null) {
                assertThat(message.get("title")).isEqualTo(a.get("title"));
                assertThat(message.get("body_markdown")).isEqualTo(a.get("body_markdown"));
                assertThat(message.get("language")).isEqualTo(a.get("language"));
            } else {
                // the translation's words are in the message's translations, in its language
                assertThat((String) message.get("translations")).contains("\"language\": \"" + a.get("language") + "\"")
                        .contains(json(a.get("title"))).contains(json(a.get("body_markdown")));
                Map<String, Object> original = byId.get(into);
                assertThat(message.get("duration_seconds")).as("each language keeps its time")
                        .isEqualTo(Math.min(300, (int) original.get("duration_seconds") + (int) a.get("duration_seconds")));
                assertThat(message.get("media_id")).isEqualTo(original.get("media_id") != null ? original.get("media_id") : a.get("media_id"));
            }
        }
        // every play is still there, counted for the message its slide belonged to
        assertThat(count("SELECT count(*) FROM play")).isEqualTo(playsBefore).isEqualTo(132);
        Map<String, Long> expectedPlays = new TreeMap<>();
        for (Map<String, Object> a : before) {
            Long into = joined.get(id(a, "id"));
            String slug = (String) byId.get(into == null ? id(a, "id") : into).get("slug");
            expectedPlays.merge(slug, (Long) a.get("plays"), Long::sum);
        }
        Map<String, Long> actualPlays = new TreeMap<>();
        after.forEach((slug, r) -> actualPlays.put(slug, (Long) r.get("plays")));
        assertThat(actualPlays).isEqualTo(expectedPlays);

        // each playlist holds the same messages, a joined pair once
        Map<String, TreeSet<String>> expectedItems = new TreeMap<>();
        Map<String, String> slugOfMessage = new HashMap<>();
        for (Map<String, Object> a : before) {
            Long into = joined.get(id(a, "id"));
            slugOfMessage.put((String) a.get("slug"), (String) byId.get(into == null ? id(a, "id") : into).get("slug"));
        }
        itemsBefore.forEach((playlist, slugs) -> slugs.forEach(s ->
                expectedItems.computeIfAbsent(playlist, p -> new TreeSet<>()).add(slugOfMessage.get(s))));
        assertThat(playlistItems()).isEqualTo(expectedItems);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'join'")).isEqualTo(23);
    }

    @Test
    void a_pair_that_disagrees_stays_two_messages_of_one_language() throws Exception {
        execute("UPDATE announcement SET status = 'submitted' WHERE slug = 'jazz-i-foyeren-en'");

        flyway(null).migrate();

        assertThat(rows("SELECT slug, language, translations::text AS translations, status FROM announcement"
                + " WHERE slug LIKE 'jazz-i-foyeren%' ORDER BY slug")).containsExactly(
                Map.of("slug", "jazz-i-foyeren", "language", "da", "translations", "[]", "status", "approved"),
                Map.of("slug", "jazz-i-foyeren-en", "language", "en", "translations", "[]", "status", "submitted"));
    }

    private Flyway flyway(String target) {
        return release.flyway(target);
    }

    private Map<String, TreeSet<String>> playlistItems() throws SQLException {
        Map<String, TreeSet<String>> items = new TreeMap<>();
        for (Map<String, Object> r : rows("""
                SELECT p.slug AS playlist, a.slug AS announcement FROM playlist_item i
                JOIN playlist p ON p.id = i.playlist_id JOIN announcement a ON a.id = i.announcement_id""")) {
            items.computeIfAbsent((String) r.get("playlist"), p -> new TreeSet<>()).add((String) r.get("announcement"));
        }
        return items;
    }

    private static long id(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    /** A text as it appears inside the JSON PostgreSQL writes. */
    private static String json(Object text) {
        return ((String) text).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private long count(String sql) throws SQLException {
        return ((Number) rows(sql).get(0).values().iterator().next()).longValue();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = release.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<Map<String, Object>> rows(String sql) throws SQLException {
        try (Connection c = release.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
