package dk.albertslund.signage;

import dk.albertslund.signage.testing.Release010Database;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README "Upgrade": release 0.1.0's database (the campus pack and a kiosk's plays, schema
 * V14) migrated to this build's schema loses nothing. Every table keeps every row, column
 * for column, except what V15 documents (docs/MESSAGES.md): each agreeing Danish/English
 * pair becomes one message, so the English row goes, its plays, playlist places and audit
 * history move to the Danish one, and the audit log records each join. Columns the later
 * migrations add get the values they document. MessageMigrationTest checks the joined
 * messages' texts, pictures and times in detail.
 */
class UpgradeFromRelease010Test {

    /** Tables V15 changes row by row; every other table must come through untouched. */
    private static final Set<String> JOINED_BY_V15 = Set.of("announcement", "play", "playlist_item", "audit_log", "feed_item");

    @Test
    void every_table_keeps_its_rows_and_only_v15_joins_messages() throws Exception {
        Release010Database release = Release010Database.create();
        Map<String, List<String>> columnsBefore = columns(release);
        Map<String, List<List<String>>> rowsBefore = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : columnsBefore.entrySet()) {
            rowsBefore.put(table.getKey(), rows(release, table.getKey(), table.getValue()));
        }
        Map<String, String> translationOf = new HashMap<>();
        for (List<String> row : query(release, "SELECT id::text, coalesce(translation_of_id::text, '') FROM announcement")) {
            translationOf.put(row.get(0), row.get(1));
        }
        List<List<String>> itemsBefore = query(release, "SELECT playlist_id::text, announcement_id::text FROM playlist_item");
        assertThat(rowsBefore.get("announcement")).hasSize(53);
        assertThat(rowsBefore.get("play")).hasSize(132);

        release.flyway(null).migrate();

        assertThat(release.flyway(null).info().pending()).as("migrated to this build's newest schema").isEmpty();
        assertThat(release.flyway(null).info().current().getVersion().getVersion()).isNotEqualTo(Release010Database.SCHEMA_VERSION);
        assertThat(columns(release).keySet()).as("no table dropped").containsAll(columnsBefore.keySet());

        // every table V15 leaves alone: the same rows, column for column
        for (Map.Entry<String, List<String>> table : columnsBefore.entrySet()) {
            if (!JOINED_BY_V15.contains(table.getKey())) {
                assertThat(rows(release, table.getKey(), table.getValue())).as("rows of " + table.getKey())
                        .isEqualTo(rowsBefore.get(table.getKey()));
            }
        }

        // announcement: the English half of each agreeing pair is gone into its Danish message
        Set<String> idsAfter = new HashSet<>();
        query(release, "SELECT id::text FROM announcement").forEach(r -> idsAfter.add(r.get(0)));
        Map<String, String> joined = new HashMap<>();
        translationOf.forEach((id, original) -> {
            if (!idsAfter.contains(id)) {
                joined.put(id, original);
            }
        });
        assertThat(joined).as("English rows joined").hasSize(23).allSatisfy((id, original) -> assertThat(idsAfter).contains(original));
        assertThat(idsAfter).hasSize(53 - 23);
        assertThat(count(release, "SELECT count(*) FROM announcement WHERE jsonb_array_length(translations) = 1")).isEqualTo(23);
        List<String> announcementColumns = columnsBefore.get("announcement");
        List<String> alone = new ArrayList<>(announcementColumns);
        alone.remove("translation_of_id");
        List<String> joinedInto = new ArrayList<>(alone);
        joinedInto.removeAll(List.of("duration_seconds", "media_id", "tags"));
        Set<String> originals = new HashSet<>(joined.values());
        assertThat(rows(release, "announcement WHERE id::text <> ALL (ARRAY" + quoted(originals) + ")", alone))
                .as("messages of one language keep every column")
                .isEqualTo(project(only(rowsBefore.get("announcement"), announcementColumns, id -> !joined.containsKey(id) && !originals.contains(id)),
                        announcementColumns, alone));
        assertThat(rows(release, "announcement WHERE id::text = ANY (ARRAY" + quoted(originals) + ")", joinedInto))
                .as("joined messages keep the Danish row's columns; time, picture and tags are documented to combine")
                .isEqualTo(project(only(rowsBefore.get("announcement"), announcementColumns, originals::contains),
                        announcementColumns, joinedInto));

        // plays: every one kept, column for column, now counted for the message
        List<String> playColumns = new ArrayList<>(columnsBefore.get("play"));
        playColumns.remove("announcement_id");
        assertThat(rows(release, "play", playColumns)).isEqualTo(project(rowsBefore.get("play"), columnsBefore.get("play"), playColumns));

        // playlist items: each playlist holds the same messages, a joined pair once
        Set<List<String>> expectedItems = new HashSet<>();
        for (List<String> item : itemsBefore) {
            expectedItems.add(List.of(item.get(0), joined.getOrDefault(item.get(1), item.get(1))));
        }
        List<List<String>> itemsAfter = query(release, "SELECT playlist_id::text, announcement_id::text FROM playlist_item");
        assertThat(new HashSet<>(itemsAfter)).isEqualTo(expectedItems);
        assertThat(itemsAfter).hasSameSizeAs(expectedItems);

        // audit log: every entry kept, plus one "join" per pair
        List<String> auditColumns = new ArrayList<>(columnsBefore.get("audit_log"));
        auditColumns.remove("entity_id");
        assertThat(rows(release, "audit_log WHERE action <> 'join'", auditColumns))
                .isEqualTo(project(rowsBefore.get("audit_log"), columnsBefore.get("audit_log"), auditColumns));
        assertThat(count(release, "SELECT count(*) FROM audit_log WHERE action = 'join'")).isEqualTo(23);

        // what later migrations add: V16 info band off, V17 a name for every entry, V18 no ended sessions,
        // V19 what each screen was sent, from the plays it had reported
        assertThat(count(release, "SELECT count(*) FROM screen WHERE info_band")).isZero();
        assertThat(count(release, "SELECT count(*) FROM schedule_entry WHERE name IS NULL OR name = ''")).isZero();
        assertThat(count(release, "SELECT count(*) FROM staff_user WHERE sessions_ended_at IS NOT NULL")).isZero();
        assertThat(count(release, "SELECT count(*) FROM screen_sent_announcement"))
                .isEqualTo(count(release, "SELECT count(*) FROM (SELECT DISTINCT screen_id, announcement_id FROM play) p"))
                .isPositive();
    }

    private static String quoted(Set<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").toList().toString() + "::text[]";
    }

    /** The rows whose id passes the test. */
    private static List<List<String>> only(List<List<String>> rows, List<String> columns, java.util.function.Predicate<String> id) {
        int at = columns.indexOf("id");
        return rows.stream().filter(r -> id.test(r.get(at))).toList();
    }

    /** Rows cut down to fewer of their columns, sorted as {@link #rows} sorts. */
    private static List<List<String>> project(List<List<String>> rows, List<String> all, List<String> keep) {
        List<Integer> at = keep.stream().map(all::indexOf).toList();
        return sorted(rows.stream().map(r -> at.stream().map(r::get).toList()).toList());
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        return rows.stream().sorted(java.util.Comparator.comparing(List::toString)).toList();
    }

    /** Every application table (not Flyway's, not Quartz's) with its columns. */
    private static Map<String, List<String>> columns(Release010Database release) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (List<String> row : query(release, """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name <> 'flyway_schema_history' AND table_name NOT LIKE 'qrtz\\_%'
                ORDER BY table_name, ordinal_position""")) {
            tables.computeIfAbsent(row.get(0), t -> new ArrayList<>()).add(row.get(1));
        }
        return tables;
    }

    /** A table's rows (after an optional WHERE) on these columns, each value as text, sorted: what two moments of a table are compared by. */
    private static List<List<String>> rows(Release010Database release, String tableAndFilter, List<String> columns) throws SQLException {
        String select = String.join(", ", columns.stream().map(c -> "\"" + c + "\"::text").toList());
        return sorted(query(release, "SELECT " + select + " FROM " + tableAndFilter));
    }

    private static long count(Release010Database release, String sql) throws SQLException {
        return Long.parseLong(query(release, sql).get(0).get(0));
    }

    private static List<List<String>> query(Release010Database release, String sql) throws SQLException {
        try (Connection c = release.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
