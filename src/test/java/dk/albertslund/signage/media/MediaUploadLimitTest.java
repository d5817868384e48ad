package dk.albertslund.signage.media;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import static dk.albertslund.signage.media.Uploads.sha256;
import static dk.albertslund.signage.media.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaUploadLimitTest implements PostgresTest {

    private static final int LIMIT = 1024 * 1024;

    @Inject
    Fixtures fixtures;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.media.max-bytes", String.valueOf(LIMIT));
    }

    @Test
    void a_file_over_the_limit_is_refused_with_the_limit_in_mb_and_nothing_is_stored() throws IOException {
        byte[] tooLarge = Arrays.copyOf(SampleFiles.png(16, 16), LIMIT + 1);

        Api.Response response = upload(fixtures.signedIn(Role.ADMIN), "stor.png", "image/png", tooLarge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).containsEntry("detail", "This file is larger than the limit of 1 MB; upload a smaller file.");
        assertThat(fixtures.rows("SELECT id FROM media")).isEmpty();
        assertThat(Uploads.filesUnder("MediaUploadLimitTest")).noneMatch(p -> p.toString().contains(sha256(tooLarge)) || p.startsWith(".incoming"));
    }

    @Test
    void a_file_of_exactly_the_limit_is_accepted() {
        byte[] atLimit = Arrays.copyOf(SampleFiles.png(17, 17), LIMIT);

        Api.Response response = upload(fixtures.signedIn(Role.ADMIN), "precis.png", "image/png", atLimit);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).containsEntry("bytes", LIMIT).containsEntry("width", 17);
    }
}
