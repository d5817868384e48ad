package dk.albertslund.signage.contentpack;

import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaService;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.schedule.ScheduleEntryService;
import dk.albertslund.signage.screen.ScreenGroupService;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies the content pack through the same services staff use, so the same rules
 * hold. Everything is matched by slug (media by content): new things are created,
 * changed ones updated, identical ones left untouched, and nothing is deleted. The
 * whole import is one transaction: if any record is refused, none of it is applied.
 */
@Singleton
public class ContentPackImporter {

    /** Who the audit log names for pack changes. */
    public static final String ACTOR = "content-pack";
    private static final Staff IMPORTER = new Staff(0, ACTOR, EnumSet.of(Role.ADMIN), Set.of());
    /** Servers starting together must not import the same pack twice at once. */
    private static final long LOCK_KEY = 0x5167_6e61_6765L;

    private final SignageConfiguration configuration;
    private final JdbcOperations jdbc;
    private final MediaService media;
    private final InstitutionService institutions;
    private final AnnouncementService announcements;
    private final PlaylistService playlists;
    private final ScreenGroupService groups;
    private final ScreenService screens;
    private final ScheduleEntryService schedules;

    ContentPackImporter(SignageConfiguration configuration, JdbcOperations jdbc, MediaService media,
                        InstitutionService institutions, AnnouncementService announcements, PlaylistService playlists,
                        ScreenGroupService groups, ScreenService screens, ScheduleEntryService schedules) {
        this.configuration = configuration;
        this.jdbc = jdbc;
        this.media = media;
        this.institutions = institutions;
        this.announcements = announcements;
        this.playlists = playlists;
        this.groups = groups;
        this.screens = screens;
        this.schedules = schedules;
    }

    /**
     * How many records of each kind were created, updated or found unchanged, and how many
     * old-style translation files (content/README.md) were joined into their messages or,
     * disagreeing with their original, kept as messages of their own.
     */
    @Serdeable
    public record Report(String directory, Map<String, Counts> kinds, int oldTranslationFilesJoined,
                         List<String> oldTranslationFilesKeptApart) {

        public int changes() {
            return kinds.values().stream().mapToInt(c -> c.created() + c.updated()).sum();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("Imported the content pack from " + directory + ":");
            kinds.forEach((kind, c) -> text.append("\n  ").append(kind).append(": ").append(c.created()).append(" created, ")
                    .append(c.updated()).append(" updated, ").append(c.unchanged()).append(" unchanged"));
            if (oldTranslationFilesJoined > 0) {
                text.append("\n  old-style translation files (translation_of) joined into their messages: ")
                        .append(oldTranslationFilesJoined);
            }
            if (!oldTranslationFilesKeptApart.isEmpty()) {
                // whoever edits the pack should see these: they play as separate single-language messages
                text.append("\n  old-style translation files kept as messages of their own (status, institution or "
                        + "publish window differ from the original): ").append(String.join(", ", oldTranslationFilesKeptApart));
            }
            return text.toString();
        }
    }

    @Serdeable
    public record Counts(int created, int updated, int unchanged) {
    }

    /** The configured pack directory. */
    public Path defaultDirectory() {
        return configuration.path(configuration.getContentPack().getDir());
    }

    @Transactional
    public Report importPack(Path directory) {
        ContentPack pack = ContentPackReader.read(directory);
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(?)", statement -> {
            statement.setLong(1, LOCK_KEY);
            return statement.execute();
        });
        Run run = new Run(pack, configuration.getTimeZone());
        run.apply();
        if (!run.errors.isEmpty()) {
            throw new ContentPackException(run.errors);
        }
        return new Report(directory.toString(), run.counts, pack.oldTranslations().joined().size(),
                pack.oldTranslations().keptApart());
    }

    /** One import: the pack, what it has done so far, and what went wrong. */
    private final class Run {
        private final ContentPack pack;
        private final ZoneId zone;
        private final Map<String, Media> mediaByFile = new LinkedHashMap<>();
        private final Map<String, Counts> counts = new LinkedHashMap<>();
        private final List<PackError> errors = new ArrayList<>();

        Run(ContentPack pack, ZoneId zone) {
            this.pack = pack;
            this.zone = zone;
        }

        void apply() {
            for (ContentPack.Institution i : pack.institutions()) {
                Long logo = i.logo() == null ? null : media(i.source(), "logo", i.logo()).map(Media::id).orElse(null);
                upsert("institutions", i.source(), i.slug(), () -> institutions.find(i.slug()),
                        () -> institutions.create(IMPORTER, new InstitutionService.Command(i.slug(), i.name(), i.colour(), logo)),
                        () -> institutions.update(IMPORTER, i.slug(), new InstitutionService.Command(i.slug(), i.name(), i.colour(), logo)));
            }
            for (ContentPack.Announcement a : pack.announcements()) {
                importAnnouncement(a);
            }
            for (ContentPack.Playlist p : pack.playlists()) {
                PlaylistService.Command command = new PlaylistService.Command(p.slug(), p.name(), p.institution(), p.items(),
                        new PlaylistService.Rule(p.ruleCategories(), p.ruleInstitutions(), p.ruleTags()));
                upsert("playlists", p.source(), p.slug(), () -> playlists.find(p.slug()),
                        () -> playlists.create(IMPORTER, command), () -> playlists.update(IMPORTER, p.slug(), command));
            }
            for (ContentPack.Group g : pack.groups()) {
                ScreenGroupService.Command command = new ScreenGroupService.Command(g.slug(), g.name(), g.defaultPlaylist());
                upsert("screen groups", g.source(), g.slug(), () -> groups.find(g.slug()),
                        () -> groups.create(IMPORTER, command), () -> groups.update(IMPORTER, g.slug(), command));
            }
            for (ContentPack.Screen s : pack.screens()) {
                ScreenService.Command command = new ScreenService.Command(s.slug(), s.name(), s.location(), s.orientation(),
                        s.width(), s.height(), s.layout(), s.languages(), s.groups(), s.defaultPlaylist(), s.infoBand(),
                        s.departures(), null, s.touch());
                upsert("screens", s.source(), s.slug(), () -> screens.find(s.slug()),
                        () -> screens.create(IMPORTER, command), () -> screens.update(IMPORTER, s.slug(), command));
            }
            for (ContentPack.Schedule s : pack.schedules()) {
                ScheduleEntryService.Command command = new ScheduleEntryService.Command(s.slug(), s.playlist(), s.targetKind(),
                        s.target(), text(s.startDate()), text(s.endDate()), s.days().isEmpty() ? null : s.days(), s.rrule(),
                        text(s.startTime()), text(s.endTime()), s.priority(), s.kind());
                upsert("schedule entries", s.source(), s.slug(), () -> schedules.find(s.slug()),
                        () -> schedules.create(IMPORTER, command), () -> schedules.update(IMPORTER, s.slug(), command));
            }
        }

        private void importAnnouncement(ContentPack.Announcement a) {
            String sha256 = a.media() == null ? null : media(a.source(), "media", a.media()).map(Media::sha256).orElse(null);
            List<AnnouncementService.Translation> translations = a.translations().stream()
                    .map(t -> new AnnouncementService.Translation(t.language(), t.title(), t.body())).toList();
            AnnouncementService.Command command = new AnnouncementService.Command(a.slug(), a.institution(), a.title(), a.body(),
                    a.language(), translations, a.category(), a.tags(), sha256, instant(a.publishFrom()),
                    instant(a.publishUntil()), a.durationSeconds(), a.link());
            attempt(a.source(), () -> {
                boolean existed = announcements.find(a.slug()).isPresent();
                boolean changed = announcements.importAnnouncement(IMPORTER, command, a.status());
                count("announcements", !existed, existed && changed);
                return null;
            }, null, translationSources(a));
        }

        /**
         * Where each language version's words stand, so a refusal of "translations.en.title"
         * names the line of that title, in the old-style file when the version came from one.
         */
        private Map<String, ContentPack.Source> translationSources(ContentPack.Announcement a) {
            Map<String, ContentPack.Source> sources = new LinkedHashMap<>();
            for (ContentPack.Translation t : a.translations()) {
                sources.put("translations." + t.language() + ".", t.source());
            }
            return sources;
        }

        private <V> void upsert(String kind, ContentPack.Source source, String slug, Supplier<Optional<V>> find,
                                Supplier<V> create, Supplier<V> update) {
            attempt(source, () -> {
                Optional<V> before = find.get();
                if (before.isEmpty()) {
                    create.get();
                    count(kind, true, false);
                } else {
                    count(kind, false, !update.get().equals(before.get()));
                }
                return null;
            });
        }

        private Optional<Media> media(ContentPack.Source source, String field, String fileName) {
            if (mediaByFile.containsKey(fileName)) {
                return Optional.of(mediaByFile.get(fileName));
            }
            Media stored = attempt(source, () -> {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(pack.directory().resolve("media").resolve(fileName));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return media.importPackFile(ACTOR, fileName, bytes);
            }, field);
            if (stored != null) {
                mediaByFile.put(fileName, stored);
            }
            return Optional.ofNullable(stored);
        }

        private void count(String kind, boolean created, boolean updated) {
            Counts c = counts.getOrDefault(kind, new Counts(0, 0, 0));
            counts.put(kind, new Counts(c.created() + (created ? 1 : 0), c.updated() + (updated ? 1 : 0),
                    c.unchanged() + (created || updated ? 0 : 1)));
        }

        private <T> T attempt(ContentPack.Source source, Supplier<T> work) {
            return attempt(source, work, null, Map.of());
        }

        private <T> T attempt(ContentPack.Source source, Supplier<T> work, String fieldOverride) {
            return attempt(source, work, fieldOverride, Map.of());
        }

        /**
         * Runs one record's import; a refusal becomes a located pack error instead of ending the
         * run. {@code nested} locates fields under a prefix (e.g. "translations.en.") in their own source.
         */
        private <T> T attempt(ContentPack.Source source, Supplier<T> work, String fieldOverride,
                              Map<String, ContentPack.Source> nested) {
            try {
                return work.get();
            } catch (ProblemException refused) {
                if (refused.errors().isEmpty()) {
                    String field = fieldOverride == null ? "" : fieldOverride;
                    errors.add(new PackError(source.file(), source.lineOf(field), field, refused.getMessage()));
                }
                for (Problem.FieldError error : refused.errors()) {
                    String field = fieldOverride != null ? fieldOverride : packField(error.field());
                    PackError located = new PackError(source.file(), source.lineOf(field), field, error.message().english());
                    for (Map.Entry<String, ContentPack.Source> n : nested.entrySet()) {
                        if (field.startsWith(n.getKey())) {
                            ContentPack.Source at = n.getValue();
                            located = new PackError(at.file(), at.lineOf(field.substring(n.getKey().length())), field,
                                    error.message().english());
                        }
                    }
                    errors.add(located);
                }
                return null;
            }
        }

        private String instant(LocalDateTime local) {
            return local == null ? null : local.atZone(zone).toOffsetDateTime().toString();
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The pack's name for a service's field: publishUntil → publish_until, durationSeconds → duration. */
    static String packField(String serviceField) {
        return switch (serviceField) {
            case "durationSeconds" -> "duration";
            case "targetKind" -> "target";
            case "width", "height", "items", "days", "rrule", "slug", "name", "title", "body" -> serviceField;
            default -> serviceField.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        };
    }
}
