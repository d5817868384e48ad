package dk.albertslund.signage.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.announcement.AnnouncementRepository;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.screen.ScreenRepository;
import dk.albertslund.signage.core.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Proof of play per day, screen and announcement, for any staff member: how often each
 * announcement was shown and for how long. Days are calendar days in the campus time
 * zone, so a play at 00:30 in Albertslund counts on that day, not the UTC one before.
 */
@Singleton
public class PlayReportService {

    static final int MAX_DAYS = 366;

    private final JdbcOperations jdbc;
    private final ScreenRepository screens;
    private final AnnouncementRepository announcements;
    private final ZoneId zone;

    PlayReportService(JdbcOperations jdbc, ScreenRepository screens, AnnouncementRepository announcements,
                      SignageConfiguration configuration) {
        this.jdbc = jdbc;
        this.screens = screens;
        this.announcements = announcements;
        this.zone = configuration.getTimeZone();
    }

    /** What may be asked: a range of days (both included), optionally one screen and one announcement, by slug. */
    public record Query(@Nullable String from, @Nullable String to, @Nullable String screen, @Nullable String announcement) {
    }

    /** One announcement on one screen on one day; seconds rounded to whole ones. Sorted by day, screen, title. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(LocalDate day, String screen, String announcement, String title, long plays, long seconds) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(LocalDate from, LocalDate to, String timeZone, List<Row> items) {
    }

    @Transactional
    public Report report(Query query) {
        FieldErrors errors = new FieldErrors();
        LocalDate from = day(errors, "from", query.from());
        LocalDate to = day(errors, "to", query.to());
        if (from != null && to != null && (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS)) {
            errors.add("to", "report.to.range", MAX_DAYS);
        }
        if (query.screen() != null && !screens.existsBySlug(query.screen())) {
            errors.add("screen", "screen.noSuch", query.screen());
        }
        if (query.announcement() != null && !announcements.existsBySlug(query.announcement())) {
            errors.add("announcement", "announcement.noSuch", query.announcement());
        }
        errors.throwIfAny();
        List<Row> rows = jdbc.prepareStatement("""
                SELECT (p.started_at AT TIME ZONE ?)::date AS day, s.slug, a.slug, a.title, count(*),
                       round(sum(p.duration_ms) / 1000.0)::bigint
                FROM play p
                JOIN screen s ON s.id = p.screen_id
                JOIN announcement a ON a.id = p.announcement_id
                WHERE p.started_at >= ? AND p.started_at < ?
                  AND (?::text IS NULL OR s.slug = ?) AND (?::text IS NULL OR a.slug = ?)
                GROUP BY 1, s.slug, a.slug, a.title
                ORDER BY 1, s.slug, a.title, a.slug""", statement -> {
            statement.setString(1, zone.getId());
            statement.setObject(2, from.atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC));
            statement.setObject(3, to.plusDays(1).atStartOfDay(zone).toInstant().atOffset(ZoneOffset.UTC));
            statement.setString(4, query.screen());
            statement.setString(5, query.screen());
            statement.setString(6, query.announcement());
            statement.setString(7, query.announcement());
            List<Row> found = new ArrayList<>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(new Row(result.getObject(1, LocalDate.class), result.getString(2), result.getString(3),
                            result.getString(4), result.getLong(5), result.getLong(6)));
                }
            }
            return found;
        });
        return new Report(from, to, zone.getId(), rows);
    }

    @Nullable
    private static LocalDate day(FieldErrors errors, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, "report.day.required");
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(field, "report.day.form");
            return null;
        }
    }
}
