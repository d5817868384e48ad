package dk.albertslund.signage.media;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SvgSanitizerTest {

    @Test
    void a_hostile_svg_keeps_only_its_drawing() {
        String hostile = """
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                     viewBox="0 0 100 100" onload="alert('load')" style="background:url(https://evil.example/track.png)">
                  <script>alert('script')</script>
                  <script xlink:href="https://evil.example/evil.js"/>
                  <defs><linearGradient id="sky"><stop offset="0" stop-color="#005f73"/></linearGradient></defs>
                  <rect width="100" height="100" fill="url(#sky)" onclick="steal()"/>
                  <circle cx="50" cy="50" r="10" fill="url(https://evil.example/paint.svg#p)"/>
                  <use href="#dot"/>
                  <use xlink:href="https://evil.example/sprite.svg#icon"/>
                  <a href="javascript:alert('link')"><text x="5" y="90">Klik</text></a>
                  <image href="https://evil.example/beacon.png" width="1" height="1"/>
                  <foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject>
                  <style>@import url(https://evil.example/x.css);</style>
                  <g id="dot" transform="translate(1 2)"><text x="50" y="50" font-size="12" onmouseover="x()">Albertslund &amp; <tspan fill="#ffffff">Campus</tspan></text></g>
                  <!-- a comment -->
                  <?processing instruction?>
                </svg>
                """;

        String clean = new String(SvgSanitizer.sanitize(hostile.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(clean).isEqualTo("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">"
                + "<defs><linearGradient id=\"sky\"><stop offset=\"0\" stop-color=\"#005f73\"/></linearGradient></defs>"
                + "<rect fill=\"url(#sky)\" height=\"100\" width=\"100\"/>"
                + "<circle cx=\"50\" cy=\"50\" r=\"10\"/>"
                + "<use href=\"#dot\"/>"
                + "<g id=\"dot\" transform=\"translate(1 2)\"><text font-size=\"12\" x=\"50\" y=\"50\">"
                + "Albertslund &amp; <tspan fill=\"#ffffff\">Campus</tspan></text></g>"
                + "</svg>");
    }

    @Test
    void a_document_type_is_refused_so_no_entity_is_ever_expanded_or_fetched() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <svg xmlns="http://www.w3.org/2000/svg"><text>&secret;</text></svg>
                """;

        assertThatThrownBy(() -> SvgSanitizer.sanitize(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SvgSanitizer.NotSvg.class)
                .hasMessageStartingWith("it is not well-formed XML without a DTD");
    }

    @Test
    void xml_that_is_not_svg_is_refused() {
        assertThatThrownBy(() -> SvgSanitizer.sanitize("<html><body/></html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SvgSanitizer.NotSvg.class)
                .hasMessage("the root element is <html>, not <svg>");
    }

    @Test
    void the_content_pack_logos_keep_every_shape_and_word() throws IOException {
        String original = Files.readString(Path.of("content", "media", "logo-musikteatret.svg"));

        String clean = new String(SvgSanitizer.sanitize(original.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(count(clean, "<path ")).isEqualTo(count(original, "<path ")).isEqualTo(4);
        assertThat(count(clean, "<rect ")).isEqualTo(1);
        assertThat(clean).contains("<title>Musikteatret Albertslund</title>")
                .contains("<text fill=\"#ffffff\" font-family=\"sans-serif\" font-size=\"25\" font-weight=\"700\" "
                        + "text-anchor=\"middle\" x=\"128\" y=\"206\">MUSIKTEATRET</text>")
                .contains("role=\"img\"").contains("aria-label=\"Musikteatret Albertslund\"");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
