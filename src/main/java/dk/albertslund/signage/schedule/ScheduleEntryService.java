package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.Strict;
import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.playlist.Playlist;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenGroup;
import dk.albertslund.signage.screen.ScreenGroupService;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.core.StoredValue;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Schedule entries: read by every staff member. Normal entries are changed by whoever
 * may change the playlist (its institution's editors, or admins for campus-wide ones);
 * emergency entries, which override everything else on their screens, only by
 * approvers and admins. A PUT replaces the entry with the command (a missing slug or
 * name keeps the old one; other missing fields take their defaults); re-sending what is
 * stored writes nothing. A new entry without a name is named after its playlist and
 * target, and one without a slug gets a free slug made from its name, so scripts written
 * before entries had names keep working.
 */
@Singleton
public class ScheduleEntryService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(Set.of("slug", "name", "priority", "createdAt"), "slug",
            Set.of("playlist", "kind"));
    static final List<String> TARGET_KINDS = StoredValue.values(TargetKind.class);
    static final List<String> KINDS = StoredValue.values(EntryKind.class);
    static final int MAX_PRIORITY = 1000;
    static final int MAX_NAME = 120;
    /** The campus's own language, as the V17 migration names entries aimed at every screen. */
    static final String ALL_SCREENS = "Alle skærme";

    private final ScheduleEntryRepository entries;
    private final PlaylistService playlists;
    private final ScreenService screens;
    private final ScreenGroupService groups;
    private final InstitutionService institutions;
    private final AuditLog audit;

    ScheduleEntryService(ScheduleEntryRepository entries, PlaylistService playlists, ScreenService screens,
                         ScreenGroupService groups, InstitutionService institutions, AuditLog audit) {
        this.entries = entries;
        this.playlists = playlists;
        this.screens = screens;
        this.groups = groups;
        this.institutions = institutions;
        this.audit = audit;
    }

    /**
     * What a caller may set on a schedule entry: the whole of it. {@code targetKind} is
     * "screen", "group" or "all"; {@code target} is the screen's or group's slug, and
     * left out for "all". Dates are "2026-12-01", times "22:00", days "MON" … "SUN".
     * {@code name} is what staff read; a blank one is refused, a missing one derived.
     */
    @Serdeable
    @Strict
    public record Command(@Nullable String slug, @Nullable String name, @Nullable String playlist,
                          @Nullable String targetKind, @Nullable String target, @Nullable String startDate,
                          @Nullable String endDate, @Nullable List<String> days, @Nullable String rrule,
                          @Nullable String startTime, @Nullable String endTime, @Nullable Integer priority,
                          @Nullable String kind) {

        /** Deserialisation must not pick the shorter constructor below. */
        @Creator
        public Command {
        }

        /** For callers from before entries had names (emergencies, the content pack): the name is derived. */
        public Command(@Nullable String slug, @Nullable String playlist, @Nullable String targetKind,
                       @Nullable String target, @Nullable String startDate, @Nullable String endDate,
                       @Nullable List<String> days, @Nullable String rrule, @Nullable String startTime,
                       @Nullable String endTime, @Nullable Integer priority, @Nullable String kind) {
            this(slug, null, playlist, targetKind, target, startDate, endDate, days, rrule, startTime, endTime, priority, kind);
        }
    }

    /** The API and audit view of a schedule entry, in the same shape as its command. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(long id, String slug, String name, String playlist, String targetKind, @Nullable String target,
                       @Nullable String startDate, @Nullable String endDate, List<String> days, @Nullable String rrule,
                       String startTime, String endTime, int priority, String kind) {
    }

    @Transactional
    public Page<View> list(ListQuery query) {
        PredicateSpecification<ScheduleEntry> where = null;
        String playlist = query.filters().get("playlist");
        if (playlist != null) {
            long playlistId = playlists.findBySlug(playlist).map(Playlist::id)
                    .orElseThrow(() -> ProblemException.badRequest("playlist", "playlist.noSuch", playlist));
            where = (root, cb) -> cb.equal(root.get("playlistId"), playlistId);
        }
        String kind = query.filters().get("kind");
        if (kind != null) {
            EntryKind entryKind = StoredValue.parse(EntryKind.class, kind)
                    .orElseThrow(() -> ProblemException.badRequest("kind", "schedule.kind.oneOf"));
            PredicateSpecification<ScheduleEntry> ofKind = (root, cb) -> cb.equal(root.get("kind"), entryKind.value());
            where = where == null ? ofKind : where.and(ofKind);
        }
        return entries.findAll(where, query.pageable()).map(this::view);
    }

    @Transactional
    public View get(String slug) {
        return view(require(slug));
    }

    @Transactional
    public Optional<View> find(String slug) {
        return entries.findBySlug(slug).map(this::view);
    }

    /** The entry behind a slug, or a 404 naming it. */
    @Transactional
    public ScheduleEntry require(String slug) {
        return entries.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("schedule.notFound", slug));
    }

    public List<ScheduleEntry> findAll() {
        return entries.findAll();
    }

    /** Every emergency entry, oldest first. */
    public List<ScheduleEntry> emergencies() {
        return entries.findByKindOrderById(EntryKind.EMERGENCY);
    }

    /** The entries aimed at a screen (at it, one of its groups, or all screens), the highest priority first. */
    @Transactional
    public List<ScheduleEntry> aimedAtScreen(Screen screen) {
        List<Long> groupIds = screens.groupIds(screen.id()).getOrDefault(screen.id(), List.of());
        return legend(e -> e.aimsAt(screen.id(), groupIds));
    }

    /** The entries aimed at every screen of a group (at the group, or at all screens), the highest priority first. */
    public List<ScheduleEntry> aimedAtGroup(ScreenGroup group) {
        return legend(e -> e.aimsAtGroup(group.id()));
    }

    private List<ScheduleEntry> legend(java.util.function.Predicate<ScheduleSnapshot.Entry> aimed) {
        return entries.findAll().stream().filter(e -> aimed.test(ScheduleSnapshot.Entry.of(e)))
                .sorted(java.util.Comparator.comparing(ScheduleEntry::priority).reversed().thenComparing(ScheduleEntry::slug))
                .toList();
    }

    @Transactional
    public View create(Staff actor, Command command) {
        requireScheduler(actor);
        ScheduleEntry wanted = read(command, null);
        requireMayChange(actor, wanted);
        if (entries.existsBySlug(wanted.slug())) {
            throw ProblemException.conflict("schedule.slug.taken", wanted.slug());
        }
        ScheduleEntry saved = entries.save(wanted);
        View view = view(saved);
        audit.record(actor.username(), "schedule_entry", saved.id(), "create", null, view);
        return view;
    }

    /** Replaces the entry with the command; when that is what is stored already, writes nothing. */
    @Transactional
    public View update(Staff actor, String slug, Command command) {
        requireScheduler(actor);
        ScheduleEntry existing = require(slug);
        requireMayChange(actor, existing);
        ScheduleEntry wanted = read(command, existing);
        requireMayChange(actor, wanted);
        if (wanted.equals(existing)) {
            return view(existing);
        }
        if (!wanted.slug().equals(existing.slug()) && entries.existsBySlug(wanted.slug())) {
            throw ProblemException.conflict("schedule.slug.taken", wanted.slug());
        }
        View before = view(existing);
        View after = view(entries.update(wanted));
        audit.record(actor.username(), "schedule_entry", existing.id(), "update", before, after);
        return after;
    }

    @Transactional
    public void delete(Staff actor, String slug) {
        requireScheduler(actor);
        ScheduleEntry existing = require(slug);
        requireMayChange(actor, existing);
        View before = view(existing);
        entries.delete(existing);
        audit.record(actor.username(), "schedule_entry", existing.id(), "delete", before, null);
    }

    private View view(ScheduleEntry entry) {
        String target = switch (entry.targetKind()) {
            case SCREEN -> screens.findById(entry.targetScreenId()).map(Screen::slug).orElse(null);
            case GROUP -> groups.findById(entry.targetGroupId()).map(ScreenGroup::slug).orElse(null);
            case ALL -> null;
        };
        TimeRule rule = entry.timeRule();
        return new View(entry.id(), entry.slug(), entry.name(), playlists.slugOf(entry.playlistId()), entry.targetKind().value(), target,
                rule.startDate() == null ? null : rule.startDate().toString(),
                rule.endDate() == null ? null : rule.endDate().toString(),
                rule.dayNames(), rule.rrule(), TimeRule.format(rule.startTime()), TimeRule.format(rule.endTime()),
                entry.priority(), entry.kind().value());
    }

    private ScheduleEntry read(Command command, @Nullable ScheduleEntry existing) {
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "slug", command.slug(), false);
        String name = command.name() == null ? null : command.name().strip();
        if (name != null && (name.isEmpty() || name.length() > MAX_NAME)) {
            errors.add("name", "field.lengthBetween", 1, MAX_NAME);
        }
        Long playlistId = playlists.idOf(errors, "playlist", command.playlist());
        if (command.playlist() == null || command.playlist().isBlank()) {
            errors.add("playlist", "field.required");
        }
        Long screenId = null;
        Long groupId = null;
        TargetKind targetKind = StoredValue.parse(TargetKind.class, command.targetKind()).orElse(null);
        if (targetKind == null) {
            errors.add("targetKind", "schedule.targetKind.oneOf");
        } else if (targetKind == TargetKind.ALL) {
            if (command.target() != null) {
                errors.add("target", "schedule.target.forAll");
            }
        } else if (command.target() == null || command.target().isBlank()) {
            errors.add("target", targetKind == TargetKind.SCREEN ? "schedule.target.screenRequired" : "schedule.target.groupRequired");
        } else if (targetKind == TargetKind.SCREEN) {
            screenId = screens.findBySlug(command.target()).map(Screen::id).orElse(null);
            if (screenId == null) {
                errors.add("target", "screen.noSuch", command.target());
            }
        } else {
            groupId = groups.findBySlug(command.target()).map(ScreenGroup::id).orElse(null);
            if (groupId == null) {
                errors.add("target", "screenGroup.noSuch", command.target());
            }
        }
        TimeRule.Checked time = TimeRule.check(command.startDate(), command.endDate(), command.days(), command.rrule(),
                command.startTime(), command.endTime());
        time.errors().forEach(e -> errors.add(e.field(), e.said()));
        int priority = command.priority() == null ? 0 : command.priority();
        if (priority < -MAX_PRIORITY || priority > MAX_PRIORITY) {
            errors.add("priority", "field.between", -MAX_PRIORITY, MAX_PRIORITY);
        }
        EntryKind kind = command.kind() == null ? EntryKind.NORMAL : StoredValue.parse(EntryKind.class, command.kind()).orElse(null);
        if (kind == null) {
            errors.add("kind", "schedule.kind.oneOf");
        }
        errors.throwIfAny();
        TimeRule rule = time.rule();
        if (name == null) {
            name = existing != null ? existing.name() : defaultName(playlistId, targetKind, screenId, groupId);
        }
        String slug = command.slug() != null ? command.slug()
                : existing != null ? existing.slug()
                : Slugs.free(Slugs.fromName(name, "entry"), entries::existsBySlug);
        return new ScheduleEntry(existing == null ? null : existing.id(), slug, name, playlistId, targetKind, screenId, groupId,
                rule.startDate(), rule.endDate(), rule.dayNames(), rule.rrule(), rule.startTime(), rule.endTime(), priority, kind,
                existing == null ? null : existing.createdAt(), existing == null ? null : existing.updatedAt());
    }

    /** "Uddannelse – Albertslund Station": what the entry shows, and where. */
    private String defaultName(long playlistId, TargetKind targetKind, @Nullable Long screenId, @Nullable Long groupId) {
        String playlist = playlists.findById(playlistId).map(Playlist::name).orElse("");
        String target = switch (targetKind) {
            case SCREEN -> screens.findById(screenId).map(Screen::name).orElse("");
            case GROUP -> groups.findById(groupId).map(ScreenGroup::name).orElse("");
            case ALL -> ALL_SCREENS;
        };
        String name = (playlist + " – " + target).strip();
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME).strip() : name;
    }

    /** Whether the actor may schedule at all, so pages offer "new entry" only to those who may. */
    public static boolean mayCreate(Staff actor) {
        return actor.canApprove() || actor.roles().contains(Role.EDITOR);
    }

    /**
     * Whether the actor may change an entry of this kind for a playlist owned by this
     * institution (null: campus-wide), by the same rules the changes are checked with.
     */
    public static boolean mayChange(Staff actor, EntryKind kind, @Nullable Long playlistInstitutionId) {
        if (!mayCreate(actor)) {
            return false;
        }
        if (kind == EntryKind.EMERGENCY) {
            return actor.canApprove();
        }
        return playlistInstitutionId == null ? actor.isAdmin() : actor.canEdit(playlistInstitutionId);
    }

    private static void requireScheduler(Staff actor) {
        if (!actor.canApprove() && !actor.roles().contains(Role.EDITOR)) {
            throw ProblemException.forbidden("schedule.forbidden.schedule");
        }
    }

    /** Emergencies take over screens, so only approvers decide them; normal entries follow the playlist's owner. */
    private void requireMayChange(Staff actor, ScheduleEntry entry) {
        if (entry.kind() == EntryKind.EMERGENCY) {
            if (!actor.canApprove()) {
                throw ProblemException.forbidden("schedule.forbidden.emergency");
            }
            return;
        }
        Long institutionId = playlists.findById(entry.playlistId()).map(Playlist::institutionId).orElse(null);
        if (institutionId == null) {
            if (!actor.isAdmin()) {
                throw ProblemException.forbidden("schedule.forbidden.shared");
            }
        } else if (!actor.canEdit(institutionId)) {
            Object name = institutions.findById(institutionId).<Object>map(Institution::name)
                    .orElseGet(() -> Message.of("institution.that"));
            throw ProblemException.forbidden("schedule.forbidden.institution", name);
        }
    }
}
