package dk.albertslund.signage.feed;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RssScriptTest {

    @Test
    void script_and_style_contents_never_reach_a_screen() throws Exception {
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Nyheder</title><link>https://example.org/</link><description>x</description>
                <item><title>Loppemarked<script>alert(1)</script></title><link>https://example.org/1</link>
                <pubDate>Sat, 05 Dec 2026 10:00:00 GMT</pubDate>
                <description><![CDATA[<p>Kom og k&oslash;b</p><SCRIPT type="text/javascript">alert(1)</SCRIPT >
                <style>p { color: red }</style><p>l&oslash;rdag</p>&lt;script&gt;alert(2)&lt;/script&gt;<script>alert(3)]]></description>
                </item></channel></rss>
                """.strip();

        List<FeedEvent> items = new RssParser().parse(rss.getBytes(StandardCharsets.UTF_8));

        assertThat(items).hasSize(1);
        assertThat(items.get(0).title()).isEqualTo("Loppemarked");
        assertThat(items.get(0).description()).isEqualTo("Kom og køb lørdag");
    }

    @Test
    void text_that_only_mentions_a_script_stays() {
        assertThat(RssParser.plain("<p>The script was good</p>")).isEqualTo("The script was good");
    }
}
