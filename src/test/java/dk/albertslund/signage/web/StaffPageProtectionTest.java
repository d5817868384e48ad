package dk.albertslund.signage.web;

import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.annotation.Controller;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every controller of staff pages checks CSRF tokens, so a new page cannot forget to. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPageProtectionTest implements PostgresTest {

    @Inject
    ApplicationContext context;

    @Test
    void every_staff_page_controller_checks_csrf_tokens() {
        List<String> staffPages = context.getBeanDefinitions(Qualifiers.byStereotype(Controller.class)).stream()
                .filter(definition -> definition.stringValue(Controller.class).orElse("").startsWith("/admin"))
                .map(definition -> definition.getBeanType().getSimpleName() + (definition.hasAnnotation(CsrfProtected.class) ? "" : " (unprotected)"))
                .toList();

        assertThat(staffPages).isNotEmpty().noneMatch(name -> name.endsWith("(unprotected)"));
    }
}
