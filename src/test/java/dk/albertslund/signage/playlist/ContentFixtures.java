package dk.albertslund.signage.playlist;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementRepository;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import dk.albertslund.signage.announcement.AnnouncementStatus;

/**
 * Institutions, announcements and playlists for the playlist, screen and schedule tests,
 * each new and uniquely named. Announcements are saved through their repository, the
 * only way in until the announcement service exists.
 */
@Singleton
@Requires(env = "test")
public class ContentFixtures {

    private final Fixtures fixtures;
    private final AnnouncementRepository announcements;
    private Api admin;

    ContentFixtures(Fixtures fixtures, AnnouncementRepository announcements) {
        this.fixtures = fixtures;
        this.announcements = announcements;
    }

    /** An institution as the API shows it. */
    public record Institution(long id, String slug, String name) {
    }

    public synchronized Api admin() {
        if (admin == null) {
            admin = fixtures.signedIn(Role.ADMIN);
        }
        return admin;
    }

    public Institution institution(String name) {
        String slug = fixtures.unique(name.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        Api.Response created = admin().post("/api/v1/institutions", Map.of("slug", slug, "name", name + " " + slug));
        if (created.status() != 201) {
            throw new IllegalStateException("institution not created: " + created.text());
        }
        return new Institution(((Number) created.body().get("id")).longValue(), slug, name + " " + slug);
    }

    /** An announcement with everything that selection looks at; returns its slug. */
    public String announcement(long institutionId, String category, String status, List<String> tags,
                               Instant publishFrom, Instant publishUntil) {
        String slug = fixtures.unique(category);
        announcements.save(new Announcement(null, slug, institutionId, "Title of " + slug, "", "", "da", List.of(), category,
                tags, null, publishFrom, publishUntil, 10, AnnouncementStatus.parse(status).orElseThrow(), null, "test", null, null, null));
        return slug;
    }

    /** An approved announcement without a publish window. */
    public String approved(long institutionId, String category, String... tags) {
        return announcement(institutionId, category, "approved", List.of(tags), null, null);
    }

    /** A playlist made by an admin from this body; returns its slug. */
    public String playlist(Map<String, Object> body) {
        Api.Response created = admin().post("/api/v1/playlists", body);
        if (created.status() != 201) {
            throw new IllegalStateException("playlist not created: " + created.text());
        }
        return (String) created.body().get("slug");
    }

    /** An empty campus-wide playlist; returns its slug. */
    public String playlist() {
        String slug = fixtures.unique("playlist");
        return playlist(Map.of("slug", slug, "name", "Playlist " + slug));
    }

    /** An empty playlist of this institution; returns its slug. */
    public String playlistOf(Institution institution) {
        String slug = fixtures.unique("playlist");
        return playlist(Map.of("slug", slug, "name", "Playlist " + slug, "institution", institution.slug()));
    }
}
