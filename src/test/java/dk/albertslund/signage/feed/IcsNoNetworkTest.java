package dk.albertslund.signage.feed;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.util.Configurator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** An import reaches no server but the feed's: ical4j's time-zone updater stays off. */
class IcsNoNetworkTest {

    @Test
    void the_updater_is_switched_off_by_the_bundled_ical4j_properties() {
        assertThat(Configurator.getProperty("net.fortuna.ical4j.timezone.update.enabled")).contains("false");
    }

    @Test
    void reading_a_zone_the_file_does_not_define_opens_no_connection() throws Exception {
        // every URL connection asks the default ProxySelector first, so it sees any attempt
        List<URI> asked = new CopyOnWriteArrayList<>();
        ProxySelector before = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                asked.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
        try {
            // zones no other test loads, so ical4j's registry has not cached them
            String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
                    + "BEGIN:VEVENT\r\nUID:far@test\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Langt væk\r\n"
                    + "DTSTART;TZID=Pacific/Chatham:20270301T100000\r\nDTEND;TZID=America/St_Johns:20270301T120000\r\n"
                    + "END:VEVENT\r\nEND:VCALENDAR\r\n";
            new IcsParser(ZoneId.of("Europe/Copenhagen")).parse(ics, Instant.parse("2027-01-01T00:00:00Z"),
                    Instant.parse("2027-06-01T00:00:00Z"));
            Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
            VEvent event = calendar.<VEvent>getComponents(Component.VEVENT).get(0);
            event.<DtStart<?>>getProperty(Property.DTSTART).orElseThrow().getDate();
        } finally {
            ProxySelector.setDefault(before);
        }

        assertThat(asked).isEmpty();
    }
}
