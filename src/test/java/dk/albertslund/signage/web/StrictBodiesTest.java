package dk.albertslund.signage.web;

import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff API body refuses fields it does not know (a misspelt field must never be a
 * 201 that did something else); only what kiosk devices send stays lenient.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictBodiesTest implements PostgresTest {

    /** Device calls: a kiosk on an older or newer player must not be refused for a field. */
    private static final Set<String> DEVICE_CONTROLLERS = Set.of("KioskApiController", "KioskManifestController");

    @Inject
    Router router;

    @Test
    void every_api_body_read_into_a_type_of_ours_is_strict() {
        List<String> lenient = router.uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(route -> !DEVICE_CONTROLLERS.contains(route.getDeclaringType().getSimpleName()))
                .filter(route -> route.getBodyArgument().isPresent())
                .map(UriRouteInfo::getBodyArgument)
                .map(argument -> argument.get().getType())
                .filter(type -> type.getName().startsWith("dk.albertslund.signage."))
                .filter(type -> !type.isAnnotationPresent(Strict.class))
                .map(Class::getName)
                .distinct()
                .toList();

        assertThat(router.uriRoutes().anyMatch(route -> route.getBodyArgument().isPresent())).isTrue();
        assertThat(lenient).isEmpty();
    }
}
