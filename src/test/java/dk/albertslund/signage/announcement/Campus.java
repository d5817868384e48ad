package dk.albertslund.signage.announcement;

import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaRepository;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.testing.Fixtures;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Institutions, media and announcement bodies for the announcement tests, built through the real services. */
@Singleton
@Requires(env = "test")
class Campus {

    /** The trusted importer as the content pack will call the service. */
    static final Staff CONTENT_PACK = new Staff(0, "content-pack", EnumSet.of(Role.ADMIN), Set.of());

    private final InstitutionService institutions;
    private final MediaRepository media;
    private final Fixtures fixtures;

    Campus(InstitutionService institutions, MediaRepository media, Fixtures fixtures) {
        this.institutions = institutions;
        this.media = media;
        this.fixtures = fixtures;
    }

    record Place(long id, String slug, String name) {
    }

    Place institution(String name) {
        String slug = fixtures.unique(name.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        InstitutionService.View view = institutions.create(new Staff(0, "test-setup", EnumSet.of(Role.ADMIN), Set.of()),
                new InstitutionService.Command(slug, name, null, null));
        return new Place(view.id(), view.slug(), view.name());
    }

    /** A stored image row (the file itself is not needed here); returns its sha256. */
    String image(int width, int height) {
        StringBuilder sha = new StringBuilder();
        ThreadLocalRandom.current().ints(64, 0, 16).forEach(i -> sha.append(Integer.toHexString(i)));
        media.save(new Media(null, sha.toString(), "image/png", "png", 1234, width, height, null, "plakat.png", null,
                null, "test-setup", null, null, null));
        return sha.toString();
    }

    /** A valid create command as JSON, to be changed by each test. */
    Map<String, Object> announcement(Place institution, String slug) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("slug", slug);
        command.put("institution", institution.slug());
        command.put("title", "Jazz i foyeren");
        command.put("body", "Fredag kl. 20. **Fri entré.**");
        command.put("language", "da");
        command.put("category", "culture");
        return command;
    }
}
