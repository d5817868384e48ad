package dk.albertslund.signage.emergency;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.announcement.OnShow;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.schedule.ScheduleEntry;
import dk.albertslund.signage.schedule.ScheduleEntryService;
import dk.albertslund.signage.screen.ScreenGroup;
import dk.albertslund.signage.screen.ScreenGroupService;
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
 * An emergency message on all screens or one group, now, until a time or until cleared.
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
    private static final String SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter SLUG_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final AnnouncementService announcements;
    private final PlaylistService playlists;
    private final ScheduleEntryService entries;
    private final ScreenGroupService groups;
    private final CampusTime dates;
    private final Clock clock;

    EmergencyService(AnnouncementService announcements, PlaylistService playlists, ScheduleEntryService entries,
                     ScreenGroupService groups, CampusTime dates, Clock clock) {
        this.announcements = announcements;
        this.playlists = playlists;
        this.entries = entries;
        this.groups = groups;
        this.dates = dates;
        this.clock = clock;
    }

    /**
     * What an approver writes: the message in Danish (and English for English screens),
     * whose name it goes out under, where ({@code "all"} or a group's slug) and until when
     * (campus wall-clock time as a datetime-local value; empty: until cleared).
     */
    public record Command(@Nullable String title, @Nullable String body, @Nullable String titleEn, @Nullable String bodyEn,
                          @Nullable String institution, @Nullable String target, @Nullable String until) {
    }

    /** An emergency on screens now (or still to end): where, since and until when. */
    public record Active(String slug, String title, @Nullable String group, @Nullable String groupName, Instant from,
                         @Nullable Instant until) {

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
        String target = command.target() == null || command.target().isBlank() ? "all" : command.target().strip();
        String groupName = null;
        if (!target.equals("all")) {
            groupName = groups.find(target).map(ScreenGroupService.View::name).orElse(null);
            if (groupName == null) {
                errors.add("target", "screenGroup.noSuch", target);
            }
        }
        Instant until = null;
        if (command.until() != null && !command.until().isBlank()) {
            until = dates.parseInput(command.until());
            if (until == null) {
                errors.add("until", "emergencyMessage.until.form");
            } else if (!until.isAfter(now)) {
                errors.add("until", "emergencyMessage.until.past");
            }
        }
        errors.throwIfAny();

        ZoneId zone = dates.zone();
        String slug = "emergency-" + SLUG_TIME.format(now.atZone(zone)) + "-" + randomSuffix();
        Staff acting = acting(actor);
        String from = OffsetDateTime.ofInstant(now, zone).toString();
        String to = until == null ? null : OffsetDateTime.ofInstant(until, zone).toString();
        List<AnnouncementService.Translation> english = titleEn.isEmpty() ? List.of()
                : List.of(new AnnouncementService.Translation("en", titleEn, bodyEn));
        publish(acting, new AnnouncementService.Command(slug, command.institution().strip(), title, body, "da", english,
                CATEGORY, List.of(), null, from, to, null));
        playlists.create(acting, new PlaylistService.Command(slug, title, null, List.of(slug), null));
        List<Piece> pieces = pieces(LocalDateTime.ofInstant(now, zone), until == null ? null : LocalDateTime.ofInstant(until, zone));
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            entries.create(acting, new ScheduleEntryService.Command(slug + "-" + (i + 1), slug,
                    (target.equals("all") ? TargetKind.ALL : TargetKind.GROUP).value(), target.equals("all") ? null : target,
                    piece.startDate().toString(), piece.endDate() == null ? null : piece.endDate().toString(), null, null,
                    TIME.format(piece.startTime()), TIME.format(piece.endTime()), PRIORITY, EntryKind.EMERGENCY.value()));
        }
        return new Active(slug, title, target.equals("all") ? null : target, groupName, now, until);
    }

    /** Ends the emergency now: its announcements are archived, its entries and playlist deleted. */
    @Transactional
    public void clear(Staff actor, String slug) {
        requireApprover(actor);
        Active emergency = all().stream().filter(e -> e.slug().equals(slug)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("emergencyMessage.notFound", slug));
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
        Map<Long, ScheduleEntry> entryByPlaylist = new LinkedHashMap<>();
        entries.emergencies().forEach(e -> entryByPlaylist.putIfAbsent(e.playlistId(), e));
        List<Active> found = new ArrayList<>();
        for (Map.Entry<Long, ScheduleEntry> e : entryByPlaylist.entrySet()) {
            Optional<Announcement> message = playlists.findById(e.getKey()).flatMap(p -> announcements.findEntity(p.slug()))
                    // on show now, or once it starts
                    .filter(a -> a.category().equals(CATEGORY) && a.publishFrom() != null
                            && OnShow.at(a, a.publishFrom().isAfter(now) ? a.publishFrom() : now));
            if (message.isPresent()) {
                Announcement a = message.get();
                ScreenGroup group = e.getValue().targetGroupId() == null ? null : groups.findById(e.getValue().targetGroupId()).orElse(null);
                found.add(new Active(a.slug(), a.title(), group == null ? null : group.slug(), group == null ? null : group.name(),
                        a.publishFrom(), a.publishUntil()));
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
