package dk.albertslund.signage.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void a_script_block_disappears_with_its_source() {
        assertThat(renderer.render("Åbningstider i julen\n\n<script>alert(1)</script>\n\nSe biblioteket.dk"))
                .isEqualTo("<p>Åbningstider i julen</p>\n<p>Se biblioteket.dk</p>");
    }

    @Test
    void a_script_inside_a_sentence_leaves_the_sentence_but_not_the_source() {
        assertThat(renderer.render("Koncert <script>document.cookie</script>i aften"))
                .isEqualTo("<p>Koncert i aften</p>");
    }

    @Test
    void an_image_with_an_error_handler_is_dropped() {
        assertThat(renderer.render("Se her <img src=x onerror=alert(1)>nu"))
                .isEqualTo("<p>Se her nu</p>");
    }

    @Test
    void a_markdown_image_is_dropped_because_pictures_come_from_media() {
        assertThat(renderer.render("Plakat: ![plakat](https://example.org/p.png)"))
                .isEqualTo("<p>Plakat: </p>");
    }

    @Test
    void a_javascript_link_keeps_its_text_but_loses_the_link() {
        assertThat(renderer.render("[Klik her](javascript:alert(1)) eller [her](JavaScript:alert(2))"))
                .isEqualTo("<p>Klik her eller her</p>");
    }

    @Test
    void a_raw_iframe_is_dropped() {
        assertThat(renderer.render("<iframe src=\"https://evil.example\"></iframe>\n\nTilmelding åbner mandag"))
                .isEqualTo("<p>Tilmelding åbner mandag</p>");
    }

    @Test
    void raw_html_is_dropped_even_where_the_same_tag_is_allowed_from_markdown() {
        assertThat(renderer.render("<a href=\"https://example.org\" onclick=\"steal()\">Læs mere</a> og <b onmouseover=\"x()\">mød</b> os"))
                .isEqualTo("<p>Læs mere og mød os</p>");
    }

    @Test
    void a_style_block_is_dropped() {
        assertThat(renderer.render("<style>body { display: none }</style>\n\nHusk madpakke"))
                .isEqualTo("<p>Husk madpakke</p>");
    }

    @Test
    void web_and_mail_links_stay_and_open_without_referrer_while_relative_links_lose_their_target() {
        assertThat(renderer.render("[Tilmeld](https://albertslund.dk/tilmeld?id=7), [skriv](mailto:info@example.dk) eller [log ind](/admin)"))
                .isEqualTo("<p><a href=\"https://albertslund.dk/tilmeld?id&#61;7\" rel=\"noopener noreferrer\">Tilmeld</a>, "
                        + "<a href=\"mailto:info&#64;example.dk\" rel=\"noopener noreferrer\">skriv</a> eller log ind</p>");
    }

    @Test
    void ordinary_formatting_comes_through() {
        String markdown = """
                # Jazz i foyeren
                ## Fredag
                #### Fri entré

                *Klassikere* med **trio**, `kl. 20`
                og en linje mere\s\s
                efter et linjeskift.

                > Citat fra pianisten

                - kaffe
                - kage

                1. ankom
                2. lyt
                """;

        assertThat(renderer.render(markdown)).isEqualTo("""
                <h1>Jazz i foyeren</h1>
                <h2>Fredag</h2>
                <h3>Fri entré</h3>
                <p><em>Klassikere</em> med <strong>trio</strong>, <code>kl. 20</code>
                og en linje mere<br />
                efter et linjeskift.</p>
                <blockquote>
                <p>Citat fra pianisten</p>
                </blockquote>
                <ul><li>kaffe</li><li>kage</li></ul>
                <ol><li>ankom</li><li>lyt</li></ol>""");
    }

    @Test
    void an_empty_body_renders_as_nothing() {
        assertThat(renderer.render("")).isEmpty();
        assertThat(renderer.render(null)).isEmpty();
    }
}
