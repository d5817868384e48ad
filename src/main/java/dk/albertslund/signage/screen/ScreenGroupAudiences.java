package dk.albertslund.signage.screen;

import dk.albertslund.signage.announcement.Audiences;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;

/** The screen groups as the places a message can be written for (docs/MESSAGES.md). */
@Singleton
class ScreenGroupAudiences implements Audiences {

    private final ScreenGroupRepository groups;

    ScreenGroupAudiences(ScreenGroupRepository groups) {
        this.groups = groups;
    }

    @Override
    public List<Audience> groups() {
        return groups.findAll().stream().sorted(Comparator.comparing(ScreenGroup::name))
                .map(g -> new Audience(g.slug(), g.name())).toList();
    }
}
