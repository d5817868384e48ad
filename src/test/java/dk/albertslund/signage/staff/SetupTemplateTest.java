package dk.albertslund.signage.staff;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SetupTemplateTest {

    /** Everything on the setup page comes from whoever holds a link; triple braces would print it unescaped. */
    @Test
    void the_setup_page_escapes_every_value() throws IOException {
        try (InputStream template = getClass().getResourceAsStream("/views/setup.hbs")) {
            assertThat(template).isNotNull();
            assertThat(new String(template.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("{{{", "{{&");
        }
    }
}
