package dk.albertslund.signage.dashboard;

import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.institution.InstitutionService;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's counts and lists about announcements, asked of the announcement feature.
 * Approved announcements are public to every staff member, so the expiring list needs no
 * per-person filter; the number waiting for approval is shown to approvers only.
 */
@Singleton
class DashboardQueries {

    private static final int MAX_EXPIRING = 50;

    private final AnnouncementService announcements;
    private final InstitutionService institutions;

    DashboardQueries(AnnouncementService announcements, InstitutionService institutions) {
        this.announcements = announcements;
        this.institutions = institutions;
    }

    /** An approved announcement whose publish window ends soon. */
    record Expiring(String slug, String title, String institution, Instant until) {
    }

    long waitingForApproval() {
        return announcements.countWaitingForApproval();
    }

    /** Approved announcements whose window ends in [from, to), soonest first. */
    List<Expiring> expiring(Instant from, Instant to) {
        Map<Long, String> names = new HashMap<>();
        institutions.findAll().forEach(i -> names.put(i.id(), i.name()));
        return announcements.approvedEndingBetween(from, to).stream().limit(MAX_EXPIRING)
                .map(a -> new Expiring(a.slug(), a.title(), names.getOrDefault(a.institutionId(), ""), a.publishUntil()))
                .toList();
    }
}
