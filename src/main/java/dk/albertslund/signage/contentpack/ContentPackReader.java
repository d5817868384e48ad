package dk.albertslund.signage.contentpack;

import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.core.Slugs;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import dk.albertslund.signage.announcement.AnnouncementStatus;
import dk.albertslund.signage.announcement.LinkAddress;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.StoredValue;
import dk.albertslund.signage.schedule.EntryKind;

/**
 * Reads a content pack directory (format in content/README.md) into a {@link ContentPack},
 * checking structure, allowed values and that every reference resolves inside the pack.
 * Plain Java: no database, no framework. Everything wrong is reported at once, with file,
 * line and field; nothing is returned unless the whole pack is sound.
 */
public final class ContentPackReader {

    static final Set<String> CATEGORIES = Set.copyOf(AnnouncementService.CATEGORIES);
    static final Set<String> LANGUAGES = Set.of("da", "en");
    static final Set<String> STATUSES = Set.copyOf(StoredValue.values(AnnouncementStatus.class));
    static final Set<String> DAYS = Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path directory;
    private final List<PackError> errors = new ArrayList<>();

    private ContentPackReader(Path directory) {
        this.directory = directory;
    }

    public static ContentPack read(Path directory) {
        return new ContentPackReader(directory).read();
    }

    private ContentPack read() {
        if (!Files.isDirectory(directory)) {
            throw new ContentPackException(List.of(new PackError(directory.toString(), 0, "", "is not a directory")));
        }
        List<ContentPack.Institution> institutions = readList("institutions.yml", "institutions", this::institution);
        List<ContentPack.Group> groups = new ArrayList<>();
        List<ContentPack.Screen> screens = new ArrayList<>();
        YamlNode screensFile = load("screens.yml");
        if (screensFile != null) {
            screensFile.onlyFields(Set.of("groups", "screens"));
            screensFile.list("groups", true).forEach(n -> groups.add(group(n)));
            screensFile.list("screens", true).forEach(n -> screens.add(screen(n)));
        }
        List<ContentPack.Playlist> playlists = readList("playlists.yml", "playlists", this::playlist);
        List<ContentPack.Schedule> schedules = readList("schedules.yml", "schedules", this::schedule);
        List<Read> read = announcements();

        ContentPack asWritten = new ContentPack(directory, institutions, groups, screens, playlists, schedules,
                read.stream().map(Read::message).toList(), ContentPack.OldTranslations.NONE);
        checkReferences(asWritten, read);
        if (!errors.isEmpty()) {
            throw new ContentPackException(errors);
        }
        return OldTranslationFiles.join(asWritten, read);
    }

    /** An announcement file as written: the message, and the slug an old-style file names in translation_of. */
    record Read(ContentPack.Announcement message, String translationOf) {
    }

    private <T> List<T> readList(String file, String key, Function<YamlNode, T> reader) {
        YamlNode root = load(file);
        if (root == null) {
            return List.of();
        }
        root.onlyFields(Set.of(key));
        return root.list(key, true).stream().map(reader).toList();
    }

    private YamlNode load(String file) {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            errors.add(new PackError(file, 0, "", "is missing"));
            return null;
        }
        return parse(file, text(path, file), 0);
    }

    private String text(Path path, String file) {
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                errors.add(new PackError(file, 0, "", "is larger than 1 MB"));
                return null;
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            errors.add(new PackError(file, 0, "", "is not UTF-8 text"));
        } catch (IOException e) {
            errors.add(new PackError(file, 0, "", "cannot be read: " + e.getMessage()));
        }
        return null;
    }

    private YamlNode parse(String file, String text, int lineOffset) {
        if (text == null) {
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            Node node = new Yaml(options).compose(new StringReader(text));
            if (node == null) {
                errors.add(new PackError(file, 1 + lineOffset, "", "is empty"));
                return null;
            }
            YamlNode yaml = new YamlNode(file, lineOffset, node, errors);
            if (!yaml.isMapping()) {
                errors.add(new PackError(file, yaml.line(), "", "must be a mapping of fields at the top level"));
                return null;
            }
            return yaml;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1 + lineOffset;
            errors.add(new PackError(file, line, "", "is not valid YAML: " + e.getProblem()));
            return null;
        } catch (RuntimeException e) {
            errors.add(new PackError(file, 0, "", "is not valid YAML: " + e.getMessage()));
            return null;
        }
    }

    private ContentPack.Source source(YamlNode node) {
        return new ContentPack.Source(node.file(), node.line(), node.fieldLines());
    }

    private String slug(YamlNode node) {
        String slug = node.string("slug", true);
        if (slug != null && !Slugs.SLUG.matcher(slug).matches()) {
            node.error("slug", "must be lowercase letters, digits and hyphens, not '" + slug + "'");
        }
        return slug;
    }

    private String oneOf(YamlNode node, String field, Set<String> allowed, String fallback) {
        String value = node.string(field, fallback == null);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            node.error(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", not '" + value + "'");
        }
        return value;
    }

    private List<String> allOf(YamlNode node, String field, Set<String> allowed) {
        List<String> values = node.strings(field);
        for (String value : values) {
            if (!allowed.contains(value)) {
                node.error(field, "'" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return values;
    }

    private ContentPack.Institution institution(YamlNode n) {
        n.onlyFields(Set.of("slug", "name", "colour", "logo"));
        String colour = n.string("colour", false);
        if (colour != null && !colour.matches("#[0-9a-fA-F]{6}")) {
            n.error("colour", "must be a quoted colour like \"#1d3557\", not '" + colour + "'");
        }
        return new ContentPack.Institution(source(n), slug(n), n.string("name", true), colour, n.string("logo", false));
    }

    private ContentPack.Group group(YamlNode n) {
        n.onlyFields(Set.of("slug", "name", "default_playlist"));
        return new ContentPack.Group(source(n), slug(n), n.string("name", true), n.string("default_playlist", false));
    }

    private ContentPack.Screen screen(YamlNode n) {
        n.onlyFields(Set.of("slug", "name", "location", "orientation", "width", "height", "layout", "languages", "groups",
                "default_playlist", "info_band", "departures", "touch"));
        Integer width = n.integer("width", false);
        Integer height = n.integer("height", false);
        for (String field : List.of("width", "height")) {
            Integer value = field.equals("width") ? width : height;
            if (value != null && (value < 1 || value > 10000)) {
                n.error(field, "must be between 1 and 10000 pixels");
            }
        }
        List<String> languages = allOf(n, "languages", LANGUAGES);
        return new ContentPack.Screen(source(n), slug(n), n.string("name", true),
                n.string("location", false) == null ? "" : n.string("location", false),
                oneOf(n, "orientation", Set.of("landscape", "portrait"), "landscape"),
                width == null ? 1920 : width, height == null ? 1080 : height,
                oneOf(n, "layout", Set.of("full", "main-side-ticker"), "full"),
                languages.isEmpty() ? List.of("da") : languages, n.strings("groups"), n.string("default_playlist", false),
                n.bool("info_band", false), oneOf(n, "departures", Set.of("off", "zone", "slide"), "off"),
                n.bool("touch", false));
    }

    private ContentPack.Playlist playlist(YamlNode n) {
        n.onlyFields(Set.of("slug", "name", "institution", "items", "rule"));
        YamlNode rule = n.mapping("rule");
        List<String> categories = List.of();
        List<String> institutions = List.of();
        List<String> tags = List.of();
        if (n.has("rule") && rule == null) {
            n.error("rule", "must be a mapping with categories, institutions and/or tags");
        } else if (rule != null) {
            rule.onlyFields(Set.of("categories", "institutions", "tags"));
            categories = allOf(rule, "categories", CATEGORIES);
            institutions = rule.strings("institutions");
            tags = rule.strings("tags");
        }
        List<String> items = n.strings("items");
        if (items.isEmpty() && categories.isEmpty() && institutions.isEmpty() && tags.isEmpty()) {
            n.error("items", "a playlist needs items, a rule, or both");
        }
        return new ContentPack.Playlist(source(n), slug(n), n.string("name", true), n.string("institution", false),
                items, categories, institutions, tags);
    }

    private ContentPack.Schedule schedule(YamlNode n) {
        n.onlyFields(Set.of("slug", "playlist", "target", "start_date", "end_date", "days", "rrule",
                "start_time", "end_time", "priority", "kind"));
        String targetKind = null;
        String target = null;
        YamlNode targetMap = n.mapping("target");
        if (targetMap != null) {
            targetMap.onlyFields(Set.of("screen", "group"));
            if (targetMap.has("screen") == targetMap.has("group")) {
                n.error("target", "must name exactly one of screen or group, or be all");
            } else {
                targetKind = targetMap.has("screen") ? "screen" : "group";
                target = targetMap.string(targetKind, true);
            }
        } else {
            String all = n.string("target", true);
            if (all != null && !all.equals("all")) {
                n.error("target", "must be {screen: slug}, {group: slug} or all, not '" + all + "'");
            }
            targetKind = "all";
        }
        List<String> days = allOf(n, "days", DAYS);
        String rrule = n.string("rrule", false);
        if (!days.isEmpty() && rrule != null) {
            n.error("rrule", "use days or rrule, not both");
        }
        Integer priority = n.integer("priority", false);
        return new ContentPack.Schedule(source(n), slug(n), n.string("playlist", true), targetKind, target,
                date(n, "start_date"), date(n, "end_date"), days, rrule, time(n, "start_time"), time(n, "end_time"),
                priority == null ? 0 : priority, oneOf(n, "kind", Set.copyOf(StoredValue.values(EntryKind.class)), EntryKind.NORMAL.value()));
    }

    private LocalDate date(YamlNode n, String field) {
        String text = n.string(field, false);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            n.error(field, "must be a quoted date like \"2026-12-01\", not '" + text + "'");
            return null;
        }
    }

    private LocalTime time(YamlNode n, String field) {
        String text = n.string(field, true);
        try {
            return text == null ? null : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            n.error(field, "must be a quoted time like \"07:30\", not '" + text + "'");
            return null;
        }
    }

    private LocalDateTime dateTime(YamlNode n, String field) {
        String text = n.string(field, false);
        try {
            return text == null ? null : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            n.error(field, "must be a quoted local date-time like \"2026-12-01T18:00\", not '" + text + "'");
            return null;
        }
    }

    private List<Read> announcements() {
        Path folder = directory.resolve("announcements");
        if (!Files.isDirectory(folder)) {
            errors.add(new PackError("announcements/", 0, "", "is missing"));
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            errors.add(new PackError("announcements/", 0, "", "cannot be listed: " + e.getMessage()));
            return List.of();
        }
        List<Read> result = new ArrayList<>();
        for (Path path : files) {
            String file = "announcements/" + path.getFileName();
            Read announcement = announcement(file, text(path, file),
                    path.getFileName().toString().replaceFirst("\\.md$", ""));
            if (announcement != null) {
                result.add(announcement);
            }
        }
        return result;
    }

    private Read announcement(String file, String text, String fileSlug) {
        if (text == null) {
            return null;
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            errors.add(new PackError(file, 1, "", "must start with a front matter block between --- lines"));
            return null;
        }
        int end = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            errors.add(new PackError(file, 1, "", "the front matter is not closed with a --- line"));
            return null;
        }
        String frontMatter = String.join("\n", java.util.Arrays.copyOfRange(lines, 1, end));
        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, end + 1, lines.length)).strip();
        YamlNode n = parse(file, frontMatter, 1);
        if (n == null) {
            return null;
        }
        n.onlyFields(Set.of("slug", "institution", "title", "language", "translations", "translation_of", "category", "tags",
                "media", "publish_from", "publish_until", "duration", "status", "link"));
        String slug = slug(n);
        if (slug != null && !slug.equals(fileSlug)) {
            n.error("slug", "must equal the file name '" + fileSlug + "'");
        }
        Integer duration = n.integer("duration", false);
        if (duration != null && (duration < 3 || duration > 300)) {
            n.error("duration", "must be 3–300 seconds, not " + duration);
        }
        LocalDateTime from = dateTime(n, "publish_from");
        LocalDateTime until = dateTime(n, "publish_until");
        if (from != null && until != null && !until.isAfter(from)) {
            n.error("publish_until", "must be after publish_from");
        }
        String title = n.string("title", true);
        if (title != null && title.length() > 120) {
            n.error("title", "must be at most 120 characters");
        }
        String language = oneOf(n, "language", LANGUAGES, null);
        String translationOf = n.string("translation_of", false);
        List<ContentPack.Translation> translations = translations(n, language);
        if (translationOf != null && !translations.isEmpty()) {
            // an old-style file is itself a language version; it cannot hold more of them
            n.error("translations", "a file with translation_of cannot have translations; "
                    + "write the languages into the file of '" + translationOf + "' instead");
        }
        ContentPack.Announcement message = new ContentPack.Announcement(source(n), slug, n.string("institution", true),
                title, body, language, translations, oneOf(n, "category", CATEGORIES, null), n.strings("tags"),
                n.string("media", false), from, until, duration == null ? 10 : duration,
                oneOf(n, "status", STATUSES, AnnouncementStatus.APPROVED.value()), link(n));
        return new Read(message, translationOf);
    }

    /**
     * The message's link (docs/LINKS.md), checked by the announcement's own rule so a bad one
     * is named by file, field and line before anything is applied.
     */
    private static String link(YamlNode n) {
        String given = n.string("link", false);
        FieldErrors errors = new FieldErrors();
        String link = LinkAddress.check(errors, "link", given);
        try {
            errors.throwIfAny();
        } catch (ProblemException e) {
            n.error("link", e.errors().get(0).message().english() + ", not '" + given + "'");
            return null;
        }
        return link;
    }

    /**
     * The further language versions of the new format (content/README.md): a mapping from
     * language to title and Markdown body. Checked here with the limits the announcement
     * service sets, so a bad one is named by file, field and line before anything is applied.
     */
    private List<ContentPack.Translation> translations(YamlNode n, String mainLanguage) {
        if (!n.has("translations")) {
            return List.of();
        }
        YamlNode all = n.mapping("translations");
        if (all == null) {
            n.error("translations", "must be a mapping from language to title and body, e.g. en: {title: ..., body: ...}");
            return List.of();
        }
        List<ContentPack.Translation> result = new ArrayList<>();
        for (String language : all.fieldNames()) {
            String field = "translations." + language;
            if (!LANGUAGES.contains(language)) {
                all.error(language, field, "must be one of " + String.join(", ", LANGUAGES.stream().sorted().toList())
                        + ", not '" + language + "'");
                continue;
            }
            if (language.equals(mainLanguage)) {
                all.error(language, field, "is the file's own language; a translation must be in another language");
                continue;
            }
            YamlNode version = all.mapping(language);
            if (version == null) {
                all.error(language, field, "must be a mapping with title and body");
                continue;
            }
            version.onlyFields(Set.of("title", "body"), field + ".");
            String title = version.string("title", false);
            if (title == null || title.isEmpty()) {
                version.error("title", field + ".title", "is required (1–120 characters)");
            } else if (title.length() > 120) {
                version.error("title", field + ".title", "must be at most 120 characters");
            }
            String body = version.string("body", false);
            body = body == null ? "" : body.strip();
            if (body.length() > 5000) {
                version.error("body", field + ".body", "must be at most 5000 characters");
            }
            result.add(new ContentPack.Translation(source(version), language, title, body));
        }
        return List.copyOf(result);
    }

    private void checkReferences(ContentPack pack, List<Read> read) {
        Set<String> institutions = unique(pack.institutions(), ContentPack.Institution::slug, ContentPack.Institution::source, "institution");
        Set<String> groups = unique(pack.groups(), ContentPack.Group::slug, ContentPack.Group::source, "screen group");
        Set<String> screens = unique(pack.screens(), ContentPack.Screen::slug, ContentPack.Screen::source, "screen");
        Set<String> playlists = unique(pack.playlists(), ContentPack.Playlist::slug, ContentPack.Playlist::source, "playlist");
        unique(pack.schedules(), ContentPack.Schedule::slug, ContentPack.Schedule::source, "schedule");
        Set<String> announcements = unique(pack.announcements(), ContentPack.Announcement::slug, ContentPack.Announcement::source, "announcement");

        for (ContentPack.Institution i : pack.institutions()) {
            media(i.source(), "logo", i.logo());
        }
        for (ContentPack.Group g : pack.groups()) {
            ref(g.source(), "default_playlist", g.defaultPlaylist(), playlists, "playlist");
        }
        for (ContentPack.Screen s : pack.screens()) {
            ref(s.source(), "default_playlist", s.defaultPlaylist(), playlists, "playlist");
            s.groups().forEach(g -> ref(s.source(), "groups", g, groups, "screen group"));
        }
        for (ContentPack.Playlist p : pack.playlists()) {
            ref(p.source(), "institution", p.institution(), institutions, "institution");
            p.items().forEach(a -> ref(p.source(), "items", a, announcements, "announcement"));
            p.ruleInstitutions().forEach(i -> ref(p.source(), "rule.institutions", i, institutions, "institution"));
        }
        for (ContentPack.Schedule s : pack.schedules()) {
            ref(s.source(), "playlist", s.playlist(), playlists, "playlist");
            if ("screen".equals(s.targetKind())) {
                ref(s.source(), "target", s.target(), screens, "screen");
            } else if ("group".equals(s.targetKind())) {
                ref(s.source(), "target", s.target(), groups, "screen group");
            }
        }
        for (ContentPack.Announcement a : pack.announcements()) {
            ref(a.source(), "institution", a.institution(), institutions, "institution");
            media(a.source(), "media", a.media());
        }
        for (Read r : read) {
            ref(r.message().source(), "translation_of", r.translationOf(), announcements, "announcement");
        }
    }

    private <T> Set<String> unique(List<T> items, Function<T, String> slug, Function<T, ContentPack.Source> source, String what) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            String s = slug.apply(item);
            if (s != null && !seen.add(s)) {
                ContentPack.Source at = source.apply(item);
                errors.add(new PackError(at.file(), at.lineOf("slug"), "slug", "another " + what + " already uses the slug '" + s + "'"));
            }
        }
        return seen;
    }

    private void ref(ContentPack.Source source, String field, String value, Set<String> known, String what) {
        if (value != null && !known.contains(value)) {
            errors.add(new PackError(source.file(), source.lineOf(field), field, "refers to the " + what + " '" + value + "', which is not in the pack"));
        }
    }

    private void media(ContentPack.Source source, String field, String fileName) {
        if (fileName == null) {
            return;
        }
        if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || fileName.contains("..")) {
            errors.add(new PackError(source.file(), source.lineOf(field), field, "must be a plain file name in media/, not '" + fileName + "'"));
        } else if (!Files.isRegularFile(directory.resolve("media").resolve(fileName))) {
            errors.add(new PackError(source.file(), source.lineOf(field), field, "refers to media/" + fileName + ", which does not exist"));
        }
    }
}
