package dk.albertslund.signage.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenAirtime;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What a screen plays now and over an interval, and why: read by every staff member.
 * Instants go out as ISO-8601 with the campus offset ("2026-12-01T07:00:00+01:00"); empty
 * lists are shown, not left out.
 */
@Singleton
public class ScreenScheduleService {

    /** The longest timeline served at once. */
    static final Duration LONGEST_TIMELINE = Duration.ofDays(31);
    private static final String EXAMPLE = "2026-12-01T07:00:00+01:00";

    private final ScreenService screens;
    private final ScheduleSnapshots snapshots;
    private final Clock clock;
    private final ZoneId zone;

    private final ScreenAirtime airtime;

    ScreenScheduleService(ScreenService screens, ScheduleSnapshots snapshots, Clock clock, SignageConfiguration configuration,
                          ScreenAirtime airtime) {
        this.airtime = airtime;
        this.screens = screens;
        this.snapshots = snapshots;
        this.clock = clock;
        this.zone = configuration.getTimeZone();
    }

    /** A screen's timeline over [from, to). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Timeline(String screen, String from, String to, List<SegmentView> segments) {
    }

    /** What plays during [start, end), and why. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SegmentView(String start, String end, List<String> playlists, List<Shown> announcements, Reason reason,
                              List<ScreenAirtime.Part> airtime) {
    }

    /** What plays at {@code at}, why, and when that next changes (null: not within the next 62 days). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Now(String screen, String at, List<String> playlists, List<Shown> announcements, Reason reason,
                      @Nullable String nextChange, List<ScreenAirtime.Part> airtime) {
    }

    /**
     * Why the messages take turns as they do: the institutions' parts of the airtime on a
     * screen with shares (docs/ARCHITECTURE.md, "Fair airtime"), empty when the playlist
     * order stands. An emergency plays alone, in its own order.
     */
    private List<ScreenAirtime.Part> airtime(Screen screen, List<Announcement> announcements, ScheduleResolver.Reason reason) {
        if (reason.kind() == ScheduleResolver.Kind.EMERGENCY) {
            return List.of();
        }
        return airtime.parts(screen.id(), announcements.stream().map(Announcement::institutionId).distinct().toList());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Shown(String slug, String title, String language) {
    }

    /**
     * Why: "emergency", "schedule", "screen-default", "group-default" or "standby"; the entries
     * that decide, and the entries whose windows were on but that lost.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Reason(String kind, List<Winner> winners, List<Loser> losers) {
        static Reason of(ScheduleResolver.Reason reason) {
            return new Reason(reason.kind().value(),
                    reason.winners().stream().map(w -> new Winner(w.entry(), w.priority(), w.rule())).toList(),
                    reason.losers().stream().map(l -> new Loser(l.entry(), l.why())).toList());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Winner(String entry, int priority, String rule) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Loser(String entry, String why) {
    }

    /** At {@code at} (an ISO-8601 instant), or now by the server's clock when it is left out. */
    @Transactional
    public Now now(String slug, @Nullable String at) {
        Screen screen = require(slug);
        FieldErrors errors = new FieldErrors();
        Instant instant = at == null ? clock.instant() : instant(errors, "at", at);
        errors.throwIfAny();
        ScheduleResolver.Now now = resolver(screen).now(screen.id(), instant);
        return new Now(screen.slug(), format(now.at()), now.playlists(), shown(now.announcements()), Reason.of(now.reason()),
                now.nextChange() == null ? null : format(now.nextChange()), airtime(screen, now.announcements(), now.reason()));
    }

    /** Over [from, to), at most {@link #LONGEST_TIMELINE} long. */
    @Transactional
    public Timeline timeline(String slug, @Nullable String from, @Nullable String to) {
        Screen screen = require(slug);
        FieldErrors errors = new FieldErrors();
        Instant start = instant(errors, "from", from);
        Instant end = instant(errors, "to", to);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                errors.add("to", "schedule.to.afterFrom", format(start));
            } else if (Duration.between(start, end).compareTo(LONGEST_TIMELINE) > 0) {
                errors.add("to", "schedule.to.tooLong", LONGEST_TIMELINE.toDays(), format(start));
            }
        }
        errors.throwIfAny();
        List<SegmentView> segments = resolver(screen).timeline(screen.id(), start, end).stream()
                .map(s -> new SegmentView(format(s.start()), format(s.end()), s.playlists(), shown(s.announcements()),
                        Reason.of(s.reason()), airtime(screen, s.announcements(), s.reason())))
                .toList();
        return new Timeline(screen.slug(), format(start), format(end), segments);
    }

    private Screen require(String slug) {
        return screens.require(slug);
    }

    private ScheduleResolver resolver(Screen screen) {
        return new ScheduleResolver(snapshots.forScreen(screen), zone);
    }

    private static List<Shown> shown(List<Announcement> announcements) {
        return announcements.stream().map(a -> new Shown(a.slug(), a.title(), a.language())).toList();
    }

    private String format(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    /**
     * An ISO-8601 instant with an offset or Z; without one it is campus wall-clock time. A
     * space where the offset's sign should be is a '+' that the query string turned into one.
     */
    private @Nullable Instant instant(FieldErrors errors, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, "schedule.instant.required", EXAMPLE);
            return null;
        }
        String text = value.strip().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeException local) {
                errors.add(field, "schedule.instant.form", EXAMPLE, value);
                return null;
            }
        }
    }
}
