package dk.albertslund.signage.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.golink.GoLinks;
import dk.albertslund.signage.kiosk.PlayService;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.screen.ScreenAirtime;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.playlist.AirtimeShares;
import dk.albertslund.signage.core.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Proof of play per day, screen and announcement, for any staff member: how often each
 * announcement was shown and for how long, and how often its QR code was scanned there
 * (docs/LINKS.md). Days are calendar days in the campus time
 * zone, so a play at 00:30 in Albertslund counts on that day, not the UTC one before.
 */
@Singleton
public class PlayReportService {

    static final int MAX_DAYS = 366;

    private final PlayService plays;
    private final ScreenService screens;
    private final AnnouncementService announcements;
    private final GoLinks links;
    private final ZoneId zone;
    private final ScreenAirtime airtime;
    private final InstitutionService institutions;

    PlayReportService(PlayService plays, ScreenService screens, AnnouncementService announcements,
                      SignageConfiguration configuration, GoLinks links, ScreenAirtime airtime, InstitutionService institutions) {
        this.airtime = airtime;
        this.institutions = institutions;
        this.links = links;
        this.plays = plays;
        this.screens = screens;
        this.announcements = announcements;
        this.zone = configuration.getTimeZone();
    }

    /** What may be asked: a range of days (both included), optionally one screen and one announcement, by slug. */
    public record Query(@Nullable String from, @Nullable String to, @Nullable String screen, @Nullable String announcement) {
    }

    /**
     * One announcement on one screen on one day; seconds rounded to whole ones. Sorted by
     * day, screen, title. {@code scans} are scans of its QR code there that day, and
     * {@code scansPer100Plays} those per 100 plays (null without plays, rounded to a tenth).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Row(LocalDate day, String screen, String announcement, String title, long plays, long seconds,
                      long scans, @Nullable Double scansPer100Plays) {
    }

    /** Scans per 100 plays, to a tenth; null when there were no plays to compare with. */
    @Nullable
    public static Double per100(long scans, long plays) {
        return plays == 0 ? null : Math.round(scans * 1000.0 / plays) / 10.0;
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
        Long screenId = query.screen() == null ? null : screens.findBySlug(query.screen()).orElseThrow().id();
        Long announcementId = query.announcement() == null ? null : announcements.findEntity(query.announcement()).orElseThrow().id();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        // plays and scans of one message on one screen on one day make one row; a day with scans
        // but no plays (a phone that kept the address) still shows
        Map<List<Object>, long[]> figures = new LinkedHashMap<>();
        for (PlayService.DailyPlays p : plays.daily(start, end, zone, screenId, announcementId)) {
            long[] f = figures.computeIfAbsent(List.of(p.day(), p.screenId(), p.announcementId()), k -> new long[3]);
            f[0] += p.plays();
            f[1] += p.seconds();
        }
        for (GoLinks.DailyScans s : links.daily(start, end, zone, screenId, announcementId)) {
            figures.computeIfAbsent(List.of(s.day(), s.screenId(), s.announcementId()), k -> new long[3])[2] += s.scans();
        }
        List<PlayService.DailyPlays> counted = figures.entrySet().stream()
                .map(e -> new PlayService.DailyPlays((LocalDate) e.getKey().get(0), (Long) e.getKey().get(1),
                        (Long) e.getKey().get(2), e.getValue()[0], e.getValue()[1]))
                .toList();
        Map<Long, String> screenSlugs = new HashMap<>();
        screens.findAll().forEach(s -> screenSlugs.put(s.id(), s.slug()));
        Map<Long, Announcement> shown = new HashMap<>();
        announcements.findByIds(counted.stream().map(PlayService.DailyPlays::announcementId).collect(Collectors.toSet()))
                .forEach(a -> shown.put(a.id(), a));
        List<Row> rows = counted.stream()
                .filter(p -> screenSlugs.containsKey(p.screenId()) && shown.containsKey(p.announcementId()))
                .map(p -> {
                    long scans = figures.get(List.of(p.day(), p.screenId(), p.announcementId()))[2];
                    return new Row(p.day(), screenSlugs.get(p.screenId()), shown.get(p.announcementId()).slug(),
                            shown.get(p.announcementId()).title(), p.plays(), p.seconds(), scans, per100(scans, p.plays()));
                })
                .sorted(Comparator.comparing(Row::day).thenComparing(Row::screen).thenComparing(Row::title)
                        .thenComparing(Row::announcement))
                .toList();
        return new Report(from, to, zone.getId(), rows);
    }

    /**
     * One institution on one screen on one day (docs/ARCHITECTURE.md, "Fair airtime"): the
     * seconds its messages were played, {@code achievedPercent} those of all seconds played
     * there that day, and {@code intendedPercent} what the screen's airtime shares as set now
     * give it among the institutions that played (null without shares; shares are not kept
     * historically). {@code sharePercent} is its share as set, null for none. Percents to a tenth.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AirtimeRow(LocalDate day, String screen, String institution, String institutionName, long seconds,
                             double achievedPercent, @Nullable Double intendedPercent, @Nullable Integer sharePercent) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AirtimeReport(LocalDate from, LocalDate to, String timeZone, List<AirtimeRow> items) {
    }

    /** Achieved against intended airtime per screen, day and institution, from the same plays as {@link #report}. */
    @Transactional
    public AirtimeReport airtime(Query query) {
        Report plays = report(new Query(query.from(), query.to(), query.screen(), null));
        Map<String, Announcement> bySlug = new HashMap<>();
        announcements.findBySlugs(plays.items().stream().map(Row::announcement).collect(Collectors.toSet()))
                .forEach(a -> bySlug.put(a.slug(), a));
        Map<Long, Institution> institutionsById = new HashMap<>();
        institutions.findAll().forEach(i -> institutionsById.put(i.id(), i));
        Map<String, Long> screenIds = new HashMap<>();
        screens.findAll().forEach(s -> screenIds.put(s.slug(), s.id()));
        Map<Long, ScreenAirtime.Applied> applied = airtime.applied(screens.groupIds(null), Map.of());
        // seconds by (day, screen) → institution, institutions in the order they first played
        Map<List<Object>, Map<Long, Long>> seconds = new LinkedHashMap<>();
        for (Row row : plays.items()) {
            Announcement announcement = bySlug.get(row.announcement());
            if (announcement != null) {
                seconds.computeIfAbsent(List.of(row.day(), row.screen()), k -> new LinkedHashMap<>())
                        .merge(announcement.institutionId(), row.seconds(), Long::sum);
            }
        }
        List<AirtimeRow> rows = new java.util.ArrayList<>();
        seconds.forEach((key, byInstitution) -> {
            long total = byInstitution.values().stream().mapToLong(Long::longValue).sum();
            ScreenAirtime.Applied shares = applied.get(screenIds.get((String) key.get(1)));
            Map<Long, Integer> percents = shares == null ? Map.of() : shares.percents();
            Map<Long, Double> intended = new HashMap<>();
            AirtimeShares.intended(List.copyOf(byInstitution.keySet()), percents)
                    .forEach(s -> intended.put(s.institutionId(), s.effective()));
            byInstitution.forEach((institutionId, played) -> {
                Institution institution = institutionsById.get(institutionId);
                Double meant = intended.get(institutionId);
                rows.add(new AirtimeRow((LocalDate) key.get(0), (String) key.get(1),
                        institution == null ? "" : institution.slug(), institution == null ? "" : institution.name(), played,
                        tenth(total == 0 ? 0 : 100.0 * played / total), meant == null ? null : tenth(100 * meant),
                        percents.get(institutionId)));
            });
        });
        rows.sort(Comparator.comparing(AirtimeRow::day).thenComparing(AirtimeRow::screen)
                .thenComparing(Comparator.comparingLong(AirtimeRow::seconds).reversed()).thenComparing(AirtimeRow::institution));
        return new AirtimeReport(plays.from(), plays.to(), plays.timeZone(), rows);
    }

    private static double tenth(double value) {
        return Math.round(value * 10) / 10.0;
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
