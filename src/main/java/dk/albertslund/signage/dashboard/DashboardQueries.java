package dk.albertslund.signage.dashboard;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's read-only counts and lists about announcements. Approved announcements
 * are public to every staff member, so the expiring list needs no per-person filter; the
 * number waiting for approval is shown to approvers only.
 */
@Singleton
class DashboardQueries {

    private final JdbcOperations jdbc;

    DashboardQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** An approved announcement whose publish window ends soon. */
    record Expiring(String slug, String title, String institution, Instant until) {
    }

    @Transactional
    long waitingForApproval() {
        return jdbc.prepareStatement("SELECT count(*) FROM announcement WHERE status = 'submitted'", statement -> {
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Approved announcements whose window ends in [from, to), soonest first. */
    @Transactional
    List<Expiring> expiring(Instant from, Instant to) {
        return jdbc.prepareStatement("""
                SELECT a.slug, a.title, i.name, a.publish_until FROM announcement a JOIN institution i ON i.id = a.institution_id
                WHERE a.status = 'approved' AND a.publish_until >= ? AND a.publish_until < ?
                ORDER BY a.publish_until, a.title, a.id LIMIT 50""", statement -> {
            statement.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            statement.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            List<Expiring> found = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new Expiring(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return found;
        });
    }
}
