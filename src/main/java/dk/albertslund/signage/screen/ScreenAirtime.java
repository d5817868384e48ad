package dk.albertslund.signage.screen;

import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.playlist.AirtimeShares;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The airtime shares of screens and screen groups (docs/ARCHITECTURE.md, "Fair airtime"):
 * by institution, since institutions have no category in the model. Each share is 1–100 %
 * and together they are at most 100 %; they are not scaled up, so what staff type is what
 * they get, and the rest goes to the institutions without a share. A screen's own shares
 * override its groups'; of several groups with shares, the oldest group's count, the
 * order default playlists are tried in.
 */
@Singleton
public class ScreenAirtime {

    private final JdbcOperations jdbc;
    private final InstitutionService institutions;

    ScreenAirtime(JdbcOperations jdbc, InstitutionService institutions) {
        this.jdbc = jdbc;
        this.institutions = institutions;
    }

    /**
     * Shares as the API and the pages write them, institution slug → percent, checked: a
     * known institution each, 1–100 each, at most 100 together. Errors name the field
     * {@code airtimeShares.<slug>} or, for the sum, {@code airtimeShares}. Null when
     * {@code bySlug} is null (keep what is stored).
     */
    @Nullable Map<Long, Integer> read(FieldErrors errors, @Nullable Map<String, Integer> bySlug) {
        if (bySlug == null) {
            return null;
        }
        Map<Long, Integer> byId = new LinkedHashMap<>();
        int sum = 0;
        for (Map.Entry<String, Integer> share : bySlug.entrySet()) {
            String field = "airtimeShares." + share.getKey();
            Optional<Institution> institution = institutions.findBySlug(share.getKey());
            if (institution.isEmpty()) {
                errors.add(field, "airtime.institution.unknown", share.getKey());
                continue;
            }
            Integer percent = share.getValue();
            if (percent == null || percent < 1 || percent > AirtimeShares.MAX_PERCENT) {
                errors.add(field, "airtime.percent.range", AirtimeShares.MAX_PERCENT);
                continue;
            }
            sum += percent;
            byId.put(institution.get().id(), percent);
        }
        if (sum > AirtimeShares.MAX_PERCENT) {
            errors.add("airtimeShares", "airtime.sum.tooHigh", sum, AirtimeShares.MAX_PERCENT);
        }
        return byId;
    }

    /** A screen's own shares, institution slug → percent, largest first. */
    public Map<String, Integer> ofScreen(long screenId) {
        return slugs(shares("screen_airtime_share", "screen_id").getOrDefault(screenId, Map.of()));
    }

    /** A group's shares, institution slug → percent, largest first. */
    public Map<String, Integer> ofGroup(long groupId) {
        return slugs(shares("screen_group_airtime_share", "group_id").getOrDefault(groupId, Map.of()));
    }

    void storeForScreen(long screenId, Map<Long, Integer> shares) {
        store("screen_airtime_share", "screen_id", screenId, shares);
    }

    void storeForGroup(long groupId, Map<Long, Integer> shares) {
        store("screen_group_airtime_share", "group_id", groupId, shares);
    }

    /** Whether what is stored for the screen (or group) differs from {@code shares}. */
    boolean differsForScreen(long screenId, Map<Long, Integer> shares) {
        return !shares("screen_airtime_share", "screen_id").getOrDefault(screenId, Map.of()).equals(shares);
    }

    boolean differsForGroup(long groupId, Map<Long, Integer> shares) {
        return !shares("screen_group_airtime_share", "group_id").getOrDefault(groupId, Map.of()).equals(shares);
    }

    /** Where a screen's shares come from, and what they are (institution id → percent). */
    public record Applied(@Nullable String groupSlug, Map<Long, Integer> percents) {
    }

    /**
     * The shares each screen plays by, screen id → the shares that apply: its own, else its
     * oldest group's with any. Screens without shares are absent. A few dozen rows on a campus.
     */
    @Transactional
    public Map<Long, Applied> applied(Map<Long, List<Long>> groupIdsByScreen, Map<Long, String> groupSlugs) {
        Map<Long, Map<Long, Integer>> own = shares("screen_airtime_share", "screen_id");
        Map<Long, Map<Long, Integer>> ofGroups = shares("screen_group_airtime_share", "group_id");
        Map<Long, Applied> applied = new HashMap<>();
        own.forEach((screenId, percents) -> applied.put(screenId, new Applied(null, percents)));
        groupIdsByScreen.forEach((screenId, groupIds) -> {
            if (!applied.containsKey(screenId)) {
                groupIds.stream().filter(ofGroups::containsKey).findFirst()
                        .ifPresent(g -> applied.put(screenId, new Applied(groupSlugs.get(g), ofGroups.get(g))));
            }
        });
        return applied;
    }

    /**
     * One institution's part of a screen's airtime, for the "why" of what plays: its share as
     * set (null: none, it takes part of the rest) and what it gets among those present, in
     * whole percent.
     */
    @io.micronaut.serde.annotation.Serdeable
    public record Part(String institution, String name, @Nullable Integer percent, int effectivePercent) {
    }

    /**
     * How the screen shares its airtime among the institutions {@code present} (with messages
     * on show), largest part first; empty when neither the screen nor its groups set shares,
     * and then the playlist order stands.
     */
    @Transactional
    public List<Part> parts(long screenId, List<Long> present) {
        Applied applied = appliedTo(screenId);
        if (applied == null || present.isEmpty()) {
            return List.of();
        }
        Map<Long, Institution> byId = new HashMap<>();
        institutions.findByIds(present).forEach(i -> byId.put(i.id(), i));
        return AirtimeShares.intended(present, applied.percents()).stream()
                .filter(share -> byId.containsKey(share.institutionId()))
                .map(share -> new Part(byId.get(share.institutionId()).slug(), byId.get(share.institutionId()).name(),
                        share.percent(), (int) Math.round(100 * share.effective())))
                .sorted(java.util.Comparator.comparingInt(Part::effectivePercent).reversed().thenComparing(Part::name))
                .toList();
    }

    /**
     * The shares a screen plays by, as set, largest first, for its page: its own, or with
     * {@code group} the slug of the group they come from; null without shares.
     */
    public record Setting(@Nullable String group, List<Part> parts) {
    }

    @Transactional
    public @Nullable Setting settingOf(long screenId) {
        Applied applied = appliedTo(screenId);
        if (applied == null) {
            return null;
        }
        Map<Long, Institution> byId = new HashMap<>();
        institutions.findByIds(applied.percents().keySet()).forEach(i -> byId.put(i.id(), i));
        return new Setting(applied.groupSlug(), applied.percents().entrySet().stream()
                .filter(e -> byId.containsKey(e.getKey()))
                .map(e -> new Part(byId.get(e.getKey()).slug(), byId.get(e.getKey()).name(), e.getValue(), e.getValue()))
                .sorted(java.util.Comparator.comparingInt(Part::effectivePercent).reversed().thenComparing(Part::name))
                .toList());
    }

    /** The shares that apply to one screen: its own, else its oldest group's with any; null for none. */
    private @Nullable Applied appliedTo(long screenId) {
        List<Long> groupIds = jdbc.prepareStatement(
                "SELECT group_id FROM screen_group_member WHERE screen_id = ? ORDER BY group_id", statement -> {
                    statement.setLong(1, screenId);
                    List<Long> ids = new ArrayList<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                    return ids;
                });
        Map<Long, String> groupSlugs = new HashMap<>();
        if (!groupIds.isEmpty()) {
            jdbc.prepareStatement("SELECT id, slug FROM screen_group WHERE id = ANY (?)", statement -> {
                statement.setArray(1, statement.getConnection().createArrayOf("bigint", groupIds.toArray()));
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        groupSlugs.put(rows.getLong(1), rows.getString(2));
                    }
                }
                return groupSlugs;
            });
        }
        return applied(Map.of(screenId, groupIds), groupSlugs).get(screenId);
    }

    private Map<String, Integer> slugs(Map<Long, Integer> byId) {
        Map<Long, String> slugs = new HashMap<>();
        institutions.findByIds(byId.keySet()).forEach(i -> slugs.put(i.id(), i.slug()));
        Map<String, Integer> bySlug = new LinkedHashMap<>();
        byId.entrySet().stream()
                .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed()
                        .thenComparing(e -> slugs.getOrDefault(e.getKey(), "")))
                .forEach(e -> bySlug.put(slugs.get(e.getKey()), e.getValue()));
        return bySlug;
    }

    /** Owner id → (institution id → percent), of one of the two tables. */
    private Map<Long, Map<Long, Integer>> shares(String table, String owner) {
        return jdbc.prepareStatement("SELECT " + owner + ", institution_id, percent FROM " + table
                + " ORDER BY " + owner + ", institution_id", statement -> {
            Map<Long, Map<Long, Integer>> all = new HashMap<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    all.computeIfAbsent(rows.getLong(1), id -> new LinkedHashMap<>()).put(rows.getLong(2), rows.getInt(3));
                }
            }
            return all;
        });
    }

    private void store(String table, String owner, long ownerId, Map<Long, Integer> shares) {
        jdbc.prepareStatement("DELETE FROM " + table + " WHERE " + owner + " = ?", statement -> {
            statement.setLong(1, ownerId);
            return statement.executeUpdate();
        });
        List<Map.Entry<Long, Integer>> rows = new ArrayList<>(shares.entrySet());
        for (Map.Entry<Long, Integer> row : rows) {
            jdbc.prepareStatement("INSERT INTO " + table + " (" + owner + ", institution_id, percent) VALUES (?, ?, ?)",
                    statement -> {
                        statement.setLong(1, ownerId);
                        statement.setLong(2, row.getKey());
                        statement.setInt(3, row.getValue());
                        return statement.executeUpdate();
                    });
        }
    }
}
