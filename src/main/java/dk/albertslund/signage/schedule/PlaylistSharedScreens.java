package dk.albertslund.signage.schedule;

import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.playlist.SharedScreens;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenAirtime;
import dk.albertslund.signage.screen.ScreenGroup;
import dk.albertslund.signage.screen.ScreenGroupService;
import dk.albertslund.signage.screen.ScreenService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The screens a playlist plays on, by a schedule entry aimed at the screen or its group or
 * as the screen's or its group's default, that share their airtime: there the rotation
 * takes turns by institution (docs/ARCHITECTURE.md, "Fair airtime"), which the playlist
 * page explains. Emergencies are left out: they play alone, in their own order.
 */
@Singleton
class PlaylistSharedScreens implements SharedScreens {

    private final ScheduleEntryRepository entries;
    private final ScreenService screens;
    private final ScreenGroupService groups;
    private final ScreenAirtime airtime;
    private final InstitutionService institutions;

    PlaylistSharedScreens(ScheduleEntryRepository entries, ScreenService screens, ScreenGroupService groups,
                          ScreenAirtime airtime, InstitutionService institutions) {
        this.entries = entries;
        this.screens = screens;
        this.groups = groups;
        this.airtime = airtime;
        this.institutions = institutions;
    }

    @Override
    @Transactional
    public List<SharedScreens.ScreenShares> sharingAirtime(long playlistId) {
        Map<Long, List<Long>> memberships = screens.groupIds(null);
        Map<Long, ScreenGroup> groupsById = groups.findByIds(memberships.values().stream().flatMap(List::stream)
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(ScreenGroup::id, Function.identity()));
        Set<Long> aimedScreens = new HashSet<>();
        Set<Long> aimedGroups = new HashSet<>();
        for (ScheduleEntry entry : entries.findByPlaylistIdAndKind(playlistId, EntryKind.NORMAL)) {
            if (entry.targetScreenId() != null) {
                aimedScreens.add(entry.targetScreenId());
            }
            if (entry.targetGroupId() != null) {
                aimedGroups.add(entry.targetGroupId());
            }
        }
        Map<Long, Screen> playing = new HashMap<>();
        for (Screen screen : screens.findAll()) {
            List<ScreenGroup> itsGroups = memberships.getOrDefault(screen.id(), List.of()).stream()
                    .map(groupsById::get).filter(Objects::nonNull).toList();
            boolean byDefault = Objects.equals(screen.defaultPlaylistId(), playlistId) || screen.defaultPlaylistId() == null
                    && itsGroups.stream().anyMatch(g -> Objects.equals(g.defaultPlaylistId(), playlistId));
            boolean bySchedule = aimedScreens.contains(screen.id()) || itsGroups.stream().anyMatch(g -> aimedGroups.contains(g.id()));
            if (byDefault || bySchedule) {
                playing.put(screen.id(), screen);
            }
        }
        Map<Long, String> groupSlugs = groupsById.values().stream().collect(Collectors.toMap(ScreenGroup::id, ScreenGroup::slug));
        Map<String, String> groupNames = groupsById.values().stream().collect(Collectors.toMap(ScreenGroup::slug, ScreenGroup::name));
        Map<Long, ScreenAirtime.Applied> applied = airtime.applied(playing.keySet().stream()
                .collect(Collectors.toMap(id -> id, id -> memberships.getOrDefault(id, List.of()))), groupSlugs);
        applied.keySet().retainAll(playing.keySet());
        Map<Long, String> names = institutions.findByIds(applied.values().stream().flatMap(a -> a.percents().keySet().stream())
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Institution::id, Institution::name));
        return applied.entrySet().stream()
                .map(e -> new SharedScreens.ScreenShares(playing.get(e.getKey()).slug(), playing.get(e.getKey()).name(),
                        e.getValue().groupSlug() == null ? null : groupNames.get(e.getValue().groupSlug()),
                        e.getValue().percents().entrySet().stream()
                                .filter(share -> names.containsKey(share.getKey()))
                                .map(share -> new SharedScreens.Share(names.get(share.getKey()), share.getValue()))
                                .sorted(Comparator.comparingInt(SharedScreens.Share::percent).reversed()
                                        .thenComparing(SharedScreens.Share::institution))
                                .toList()))
                .sorted(Comparator.comparing(SharedScreens.ScreenShares::name).thenComparing(SharedScreens.ScreenShares::slug))
                .toList();
    }
}
