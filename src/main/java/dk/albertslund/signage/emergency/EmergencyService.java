package dk.albertslund.signage.emergency;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.announcement.OnShow;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.schedule.ScheduleEntry;
import dk.albertslund.signage.schedule.ScheduleEntryService;
import dk.albertslund.signage.screen.ScreenGroup;
import dk.albertslund.signage.screen.ScreenGroupService;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dk.albertslund.signage.schedule.TargetKind;
import dk.albertslund.signage.schedule.EntryKind;
import dk.albertslund.signage.announcement.AnnouncementStatus;

/**
 * An emergency message on all screens, one group or named screens, from now or a given
 * time, until a time or until cleared.
 * It is made of ordinary content, so kiosks get it through their manifests like anything
 * else: an approved announcement of category emergency (with its English translation when
 * one is written), a playlist of them, and emergency schedule entries of the highest
 * priority whose windows cover exactly [now, until). The announcement, the playlist and
 * the entries share one slug ("emergency-20261128-1430-k3f9"), which is how an emergency
 * is found again; clearing archives the announcements and deletes the entries and the
 * playlist, every step audited under the approver's name.
 */
@Singleton
public class EmergencyService {

    static final String CATEGORY = "emergency";
    static final int PRIORITY = 1000;
    /** The target that says "the screens named in {@code screens}". */
    static final String TARGET_SCREENS = "screens";
    private static final String SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter SLUG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final AnnouncementService announcements;
    private final PlaylistService playlists;
    private final ScheduleEntryService entries;
    private final ScreenGroupService groups;
    private final ScreenService screens;
    private final CampusTime dates;
    private final Clock clock;

    EmergencyService(AnnouncementService announcements, PlaylistService playlists, ScheduleEntryService entries,
                     ScreenGroupService groups, ScreenService screens, CampusTime dates, Clock clock) {
        this.announcements = announcements;
        this.playlists = playlists;
        this.entries = entries;
        this.groups = groups;
        this.screens = screens;
        this.dates = dates;
        this.clock = clock;
    }

    /**
     * What an approver writes: the message in Danish (and English for English screens),
     * whose name it goes out under, where ({@code "all"}, a group's slug, or {@code screens}
     * named by slug), from when (empty: now) and until when (empty: until cleared); times
     * as campus wall-clock datetime-local values ("2026-11-28T16:00") or with an offset.
     */
    @dk.albertslund.signage.core.Strict
    @io.micronaut.serde.annotation.Serdeable
    public record Command(@Nullable String title, @Nullable String body, @Nullable String titleEn, @Nullable String bodyEn,
                          @Nullable String institution, @Nullable String target, @Nullable String until,
                          @Nullable String from, @Nullable List<String> screens) {

        /** The emergency page's form: all or a group, from now. */
        public Command(@Nullable String title, @Nullable String body, @Nullable String titleEn, @Nullable String bodyEn,
                       @Nullable String institution, @Nullable String target, @Nullable String until) {
            this(title, body, titleEn, bodyEn, institution, target, until, null, null);
        }
    }

    /** An emergency on screens now or still to start: where, from and until when; group and screens empty: all screens. */
    @io.micronaut.serde.annotation.Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record Active(String slug, String title, @Nullable String group, @Nullable String groupName, Instant from,
                         @Nullable Instant until, List<String> screens, List<String> screenNames) {

        boolean onAt(Instant now) {
            return !from.isAfter(now) && (until == null || until.isAfter(now));
        }
    }

    /** One window of the emergency's entries, in campus wall-clock terms. */
    record Piece(LocalDate startDate, @Nullable LocalDate endDate, LocalTime startTime, LocalTime endTime) {
    }

    @Transactional
    public Active start(Staff actor, Command command) {
        requireApprover(actor);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        FieldErrors errors = new FieldErrors();
        Instant start = now;
        if (command.from() != null && !command.from().isBlank()) {
            Instant from = instant(command.from());
            if (from == null) {
                errors.add("from", "emergencyMessage.until.form");
            } else if (from.isBefore(now)) {
                errors.add("from", "emergencyMessage.from.past");
            } else {
                start = from.truncatedTo(ChronoUnit.MINUTES);
            }
        }
        String title = text(errors, "title", command.title(), 120, true);
        String body = text(errors, "body", command.body(), 5000, false);
        String titleEn = text(errors, "titleEn", command.titleEn(), 120, false);
        String bodyEn = text(errors, "bodyEn", command.bodyEn(), 5000, false);
        if (titleEn.isEmpty() && !bodyEn.isEmpty()) {
            errors.add("titleEn", "emergencyMessage.titleEn.required");
        }
        if (command.institution() == null || command.institution().isBlank()) {
            errors.add("institution", "field.required");
        }
        List<String> screenSlugs = command.screens() == null ? List.of()
                : command.screens().stream().map(slug -> slug == null ? "" : slug.strip()).distinct().toList();
        String target = command.target() == null || command.target().isBlank()
                ? (screenSlugs.isEmpty() ? "all" : TARGET_SCREENS) : command.target().strip();
        String groupName = null;
        List<String> screenNames = new ArrayList<>();
        if (target.equals(TARGET_SCREENS)) {
            if (screenSlugs.isEmpty()) {
                errors.add("screens", "emergencyMessage.screens.required");
            }
            List<String> unknown = new ArrayList<>();
            for (String slug : screenSlugs) {
                screens.find(slug).ifPresentOrElse(screen -> screenNames.add(screen.name()), () -> unknown.add("'" + slug + "'"));
            }
            if (!unknown.isEmpty()) {
                errors.add("screens", "emergencyMessage.screens.noSuch", String.join(", ", unknown));
            }
        } else if (!screenSlugs.isEmpty()) {
            errors.add("screens", "emergencyMessage.screens.withTarget");
        } else if (!target.equals("all")) {
            groupName = groups.find(target).map(ScreenGroupService.View::name).orElse(null);
            if (groupName == null) {
                errors.add("target", "screenGroup.noSuch", target);
            }
        }
        Instant until = null;
        if (command.until() != null && !command.until().isBlank()) {
            until = instant(command.until());
            if (until == null) {
                errors.add("until", "emergencyMessage.until.form");
            } else if (!until.isAfter(now)) {
                errors.add("until", "emergencyMessage.until.past");
            } else if (!until.isAfter(start)) {
                errors.add("until", "emergencyMessage.until.beforeFrom");
            }
        }
        errors.throwIfAny();

        ZoneId zone = dates.zone();
        String slug = "emergency-" + SLUG_TIME.format(start.atZone(zone)) + "-" + randomSuffix();
        Staff acting = acting(actor);
        String from = OffsetDateTime.ofInstant(start, zone).toString();
        String to = until == null ? null : OffsetDateTime.ofInstant(until, zone).toString();
        List<AnnouncementService.Translation> english = titleEn.isEmpty() ? List.of()
                : List.of(new AnnouncementService.Translation("en", titleEn, bodyEn));
        publish(acting, new AnnouncementService.Command(slug, command.institution().strip(), title, body, "da", english,
                CATEGORY, List.of(), null, from, to, null));
        playlists.create(acting, new PlaylistService.Command(slug, title, null, List.of(slug), null));
        List<Piece> pieces = pieces(LocalDateTime.ofInstant(start, zone), until == null ? null : LocalDateTime.ofInstant(until, zone));
        // one entry per window, and per screen when screens are named (an entry aims at one)
        List<String> aims = target.equals(TARGET_SCREENS) ? screenSlugs : java.util.Collections.singletonList(null);
        int n = 0;
        for (Piece piece : pieces) {
            for (String screen : aims) {
                TargetKind kind = screen != null ? TargetKind.SCREEN : target.equals("all") ? TargetKind.ALL : TargetKind.GROUP;
                entries.create(acting, new ScheduleEntryService.Command(slug + "-" + (++n), slug, kind.value(),
                        screen != null ? screen : target.equals("all") ? null : target,
                        piece.startDate().toString(), piece.endDate() == null ? null : piece.endDate().toString(), null, null,
                        TIME.format(piece.startTime()), TIME.format(piece.endTime()), PRIORITY, EntryKind.EMERGENCY.value()));
            }
        }
        boolean toGroup = !target.equals("all") && !target.equals(TARGET_SCREENS);
        return new Active(slug, title, toGroup ? target : null, groupName, start, until,
                target.equals(TARGET_SCREENS) ? screenSlugs : List.of(), List.copyOf(screenNames));
    }

    /** The emergency, on now or still to start; 404 when it has ended, was ended or never was. */
    @Transactional
    public Active get(String slug) {
        return all().stream().filter(e -> e.slug().equals(slug)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("emergencyMessage.notFound", slug));
    }

    /** An ISO-8601 time with an offset ("2026-11-28T16:00:00+01:00", "…Z"), or campus wall-clock time without one. */
    @Nullable
    private Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return dates.parseInput(value);
        }
    }

    /** Ends the emergency now: its announcements are archived, its entries and playlist deleted. */
    @Transactional
    public void clear(Staff actor, String slug) {
        requireApprover(actor);
        Active emergency = get(slug);
        Staff acting = acting(actor);
        for (ScheduleEntryService.View entry : entriesOf(emergency.slug())) {
            entries.delete(acting, entry.slug());
        }
        playlists.delete(acting, emergency.slug());
        for (String announcement : List.of(emergency.slug(), emergency.slug() + "-en")) {
            if (announcements.find(announcement).filter(a -> a.status().equals(AnnouncementStatus.APPROVED.value())).isPresent()) {
                announcements.archive(acting, announcement);
            }
        }
    }

    /** Emergencies that have not ended or been cleared, newest first. */
    @Transactional
    public List<Active> all() {
        Instant now = clock.instant();
        Map<Long, List<ScheduleEntry>> entriesByPlaylist = new LinkedHashMap<>();
        entries.emergencies().forEach(e -> entriesByPlaylist.computeIfAbsent(e.playlistId(), id -> new ArrayList<>()).add(e));
        List<Active> found = new ArrayList<>();
        for (Map.Entry<Long, List<ScheduleEntry>> e : entriesByPlaylist.entrySet()) {
            Optional<Announcement> message = playlists.findById(e.getKey()).flatMap(p -> announcements.findEntity(p.slug()))
                    // on show now, or once it starts
                    .filter(a -> a.category().equals(CATEGORY) && a.publishFrom() != null
                            && OnShow.at(a, a.publishFrom().isAfter(now) ? a.publishFrom() : now));
            if (message.isPresent()) {
                Announcement a = message.get();
                ScheduleEntry first = e.getValue().get(0);
                ScreenGroup group = first.targetGroupId() == null ? null : groups.findById(first.targetGroupId()).orElse(null);
                List<dk.albertslund.signage.screen.Screen> named = e.getValue().stream()
                        .map(ScheduleEntry::targetScreenId).filter(java.util.Objects::nonNull).distinct()
                        .map(screens::findById).flatMap(Optional::stream).toList();
                found.add(new Active(a.slug(), a.title(), group == null ? null : group.slug(), group == null ? null : group.name(),
                        a.publishFrom(), a.publishUntil(), named.stream().map(dk.albertslund.signage.screen.Screen::slug).toList(),
                        named.stream().map(dk.albertslund.signage.screen.Screen::name).toList()));
            }
        }
        found.sort(Comparator.comparing(Active::from).reversed().thenComparing(Active::slug, Comparator.reverseOrder()));
        return found;
    }

    /**
     * Windows covering exactly [start, end) (end null: for good), cut at midnight: today's
     * rest, whole days, and the last day's morning. Time rules are wall-clock windows of at
     * most a day, and an emergency entry that is on with nothing left to play would leave
     * the screens blank, so the entries must end exactly when the message does.
     */
    static List<Piece> pieces(LocalDateTime start, @Nullable LocalDateTime end) {
        LocalDate firstDay = start.toLocalDate();
        if (end != null && end.toLocalDate().equals(firstDay)) {
            return List.of(new Piece(firstDay, firstDay, start.toLocalTime(), end.toLocalTime()));
        }
        List<Piece> pieces = new ArrayList<>();
        pieces.add(new Piece(firstDay, firstDay, start.toLocalTime(), LocalTime.MIDNIGHT));
        LocalDate nextDay = firstDay.plusDays(1);
        LocalDate lastWholeDay = end == null ? null : end.toLocalDate().minusDays(1);
        if (lastWholeDay == null || !lastWholeDay.isBefore(nextDay)) {
            pieces.add(new Piece(nextDay, lastWholeDay, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
        }
        if (end != null && !end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            pieces.add(new Piece(end.toLocalDate(), end.toLocalDate(), LocalTime.MIDNIGHT, end.toLocalTime()));
        }
        return pieces;
    }

    private List<ScheduleEntryService.View> entriesOf(String slug) {
        long playlistId = playlists.require(slug).id();
        return entries.emergencies().stream().filter(e -> e.playlistId() == playlistId)
                .map(e -> entries.get(e.slug())).sorted(Comparator.comparing(ScheduleEntryService.View::slug)).toList();
    }

    /**
     * Written, submitted and approved at once: the approver writing it is the one approving
     * it. An emergency must never wait for a second person, so this is the one approval that
     * four eyes does not hold up (see {@link AnnouncementService#approveEmergency}).
     */
    private void publish(Staff acting, AnnouncementService.Command command) {
        announcements.create(acting, command);
        announcements.submit(acting, command.slug());
        announcements.approveEmergency(acting, command.slug());
    }

    /**
     * The services guard everyday content by institution (an approver need not be an editor
     * of any); an emergency is the approver's decision on behalf of the whole campus, checked
     * above, so its parts are made with administrator rights under the approver's own name,
     * which is what the audit log shows.
     */
    private static Staff acting(Staff actor) {
        return new Staff(actor.id(), actor.username(), EnumSet.of(Role.ADMIN), Set.of());
    }

    private static String text(FieldErrors errors, String field, @Nullable String value, int max, boolean required) {
        String text = value == null ? "" : value.strip();
        if (required && text.isEmpty()) {
            errors.add(field, "field.required");
        } else if (text.length() > max) {
            errors.add(field, "field.tooLong", max);
        }
        return text;
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            suffix.append(SLUG_ALPHABET.charAt(RANDOM.nextInt(SLUG_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private static void requireApprover(Staff actor) {
        if (!actor.canApprove()) {
            throw ProblemException.forbidden("emergencyMessage.forbidden");
        }
    }
}
