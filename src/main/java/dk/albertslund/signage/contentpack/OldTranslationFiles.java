package dk.albertslund.signage.contentpack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins content pack files of the old form, a language version in a file of its own with
 * {@code translation_of: <slug>}, into the message they name, by the rule migration V15
 * applies to the same pairs in a database (docs/MESSAGES.md): an old pack imported after
 * the upgrade then gives what the upgrade gave. A pair joins only when both have the same
 * status, institution and publish window; then the display times are added (at most
 * 300 s), the picture is the original's or else the translation's, and the tags are both
 * sets, sorted as V15 sorts them. A pair that disagrees stays two messages, no longer linked.
 * Playlist items naming a joined file name its message instead, once.
 */
final class OldTranslationFiles {

    private static final int MAX_DURATION_SECONDS = 300;

    private OldTranslationFiles() {
    }

    static ContentPack join(ContentPack pack, List<ContentPackReader.Read> read) {
        Map<String, ContentPack.Announcement> bySlug = new LinkedHashMap<>();
        Set<String> oldStyle = new HashSet<>();
        for (ContentPackReader.Read r : read) {
            bySlug.put(r.message().slug(), r.message());
            if (r.translationOf() != null) {
                oldStyle.add(r.message().slug());
            }
        }
        Map<String, String> joined = new LinkedHashMap<>();
        List<String> keptApart = new ArrayList<>();
        for (ContentPackReader.Read r : read) {
            if (r.translationOf() == null) {
                continue;
            }
            ContentPack.Announcement translation = r.message();
            ContentPack.Announcement original = bySlug.get(r.translationOf());
            // a chain (the original is itself an old-style version) has no message to join into
            if (original != null && !oldStyle.contains(original.slug()) && agree(original, translation)) {
                bySlug.put(original.slug(), joined(original, translation));
                bySlug.remove(translation.slug());
                joined.put(translation.slug(), original.slug());
            } else {
                keptApart.add(translation.slug());
            }
        }
        List<ContentPack.Playlist> playlists = pack.playlists().stream().map(p -> withMessages(p, joined)).toList();
        return new ContentPack(pack.directory(), pack.institutions(), pack.groups(), pack.screens(), playlists,
                pack.schedules(), List.copyOf(bySlug.values()),
                new ContentPack.OldTranslations(Map.copyOf(joined), List.copyOf(keptApart)));
    }

    /** V15's condition, plus that the message does not already have the language (from the new format or an earlier file). */
    private static boolean agree(ContentPack.Announcement original, ContentPack.Announcement translation) {
        return Objects.equals(original.status(), translation.status())
                && Objects.equals(original.institution(), translation.institution())
                && Objects.equals(original.publishFrom(), translation.publishFrom())
                && Objects.equals(original.publishUntil(), translation.publishUntil())
                && !original.languages().contains(translation.language());
    }

    private static ContentPack.Announcement joined(ContentPack.Announcement o, ContentPack.Announcement t) {
        List<ContentPack.Translation> translations = new ArrayList<>(o.translations());
        translations.add(new ContentPack.Translation(t.source(), t.language(), t.title(), t.body()));
        Set<String> tags = new TreeSet<>(o.tags());
        tags.addAll(t.tags());
        return new ContentPack.Announcement(o.source(), o.slug(), o.institution(), o.title(), o.body(), o.language(),
                List.copyOf(translations), o.category(), List.copyOf(tags), o.media() != null ? o.media() : t.media(),
                o.publishFrom(), o.publishUntil(), Math.min(MAX_DURATION_SECONDS, o.durationSeconds() + t.durationSeconds()),
                o.status(), o.link() != null ? o.link() : t.link());
    }

    /**
     * The playlist with each joined file's slug replaced by its message's. As in V15, a
     * playlist that names both keeps one item, where the original stood; one that names only
     * the old file keeps the message there.
     */
    private static ContentPack.Playlist withMessages(ContentPack.Playlist p, Map<String, String> joined) {
        if (p.items().stream().noneMatch(joined::containsKey)) {
            return p;
        }
        Set<String> named = new HashSet<>(p.items());
        Set<String> seen = new HashSet<>();
        List<String> items = new ArrayList<>();
        for (String item : p.items()) {
            String message = joined.getOrDefault(item, item);
            boolean originalListed = !message.equals(item) && named.contains(message);
            if (!originalListed && seen.add(message)) {
                items.add(message);
            }
        }
        return new ContentPack.Playlist(p.source(), p.slug(), p.name(), p.institution(), List.copyOf(items),
                p.ruleCategories(), p.ruleInstitutions(), p.ruleTags());
    }
}
