package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementStatus;
import dk.albertslund.signage.announcement.LanguageVersion;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.media.FileProblem;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.schedule.ScheduleResolver;
import dk.albertslund.signage.screen.Screen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message is one slide: its words in the screen's languages, in the screen's order, for
 * their share of its time; with its picture only while the server can serve the file.
 */
class ManifestBuilderTest {

    private static final Instant NOW = Instant.parse("2027-01-12T11:00:00Z");

    private static Announcement bilingual(int seconds) {
        return new Announcement(7L, "koncert", 1L, "Koncert", "Fredag.", "<p>Fredag.</p>", "da",
                List.of(new LanguageVersion("en", "Concert", "Friday.", "<p>Friday.</p>")), "culture", List.of(), null,
                null, null, seconds, AnnouncementStatus.APPROVED, null, null, null, null, null);
    }

    private static Manifest manifest(Announcement message, String languages) {
        return manifest(message, languages, Map.of());
    }

    private static Manifest manifest(Announcement message, String languages, Map<Long, Media> media) {
        Screen screen = new Screen(3L, "station-hal", "Stationshallen", "", "landscape", 1920, 1080, "full",
                Arrays.asList(languages.split(",")), null, true, null, null, "off", false);
        ScheduleResolver.Now answer = new ScheduleResolver.Now(NOW, List.of("station"), List.of(message),
                new ScheduleResolver.Reason(ScheduleResolver.Kind.SCREEN_DEFAULT, List.of(), List.of()), null);
        return ManifestBuilder.build(screen, answer, Map.of(1L, new Institution(1L, "forbraendingen", "Forbrændingen", "#b5179e", null, null, null)),
                media, NOW, ZoneId.of("Europe/Copenhagen"));
    }

    /** A poster message: Danish words ("" for none) and English words, with picture 9. */
    private static Announcement withPicture(String danishBody, String englishBody) {
        return new Announcement(8L, "plakat", 1L, "Sommerplakat", danishBody, danishBody.isEmpty() ? "" : "<p>" + danishBody + "</p>", "da",
                List.of(new LanguageVersion("en", "Summer poster", englishBody, englishBody.isEmpty() ? "" : "<p>" + englishBody + "</p>")),
                "culture", List.of(), 9L, null, null, 20, AnnouncementStatus.APPROVED, null, null, null, null, null);
    }

    private static Media picture(FileProblem problem) {
        return new Media(9L, "ab".repeat(32), "image/png", "png", 1234, 800, 450, null, "plakat.png", null, 1L, "redaktør",
                NOW, problem, problem == null ? null : NOW);
    }

    @ParameterizedTest(name = "words da ''{0}'' en ''{1}'', picture {2}, screen {3}: {4}")
    @CsvSource({
            "'Fredag kl. 20.', '',            ,        da,      image /media/abababababababababababababababababababababababababababababababab.png",
            "'Fredag kl. 20.', '',            MISSING, da,      text",
            "'Fredag kl. 20.', '',            CORRUPT, da,      text",
            "'',               '',            ,        da,      image /media/abababababababababababababababababababababababababababababababab.png",
            "'',               '',            MISSING, da,      left out",
            "'',               '',            CORRUPT, 'da,en', left out",
            "'',               'Friday 8 pm.', MISSING, da,     left out",
            "'',               'Friday 8 pm.', MISSING, 'da,en', text",
    })
    void a_picture_the_server_cannot_serve_is_never_sent_and_a_picture_only_message_is_left_out(
            String danish, String english, FileProblem problem, String languages, String shown) {
        Manifest manifest = manifest(withPicture(danish, english), languages, Map.of(9L, picture(problem)));

        assertThat(manifest.slides().stream().map(s -> s.kind() + (s.media() == null ? "" : " " + s.media().url())).findFirst()
                .orElse("left out")).isEqualTo(shown);
    }

    @ParameterizedTest(name = "a screen in {0} gets {1} for {2} s of 20")
    @CsvSource({
            "'da,en', 'da,en', 20",
            "'en,da', 'en,da', 20",
            "da,      da,      10",
            "en,      en,      10",
    })
    void one_slide_in_the_screens_languages_for_their_share_of_the_time(String screenLanguages, String texts, int seconds) {
        Manifest manifest = manifest(bilingual(20), screenLanguages);

        assertThat(manifest.slides()).hasSize(1);
        Manifest.Slide slide = manifest.slides().get(0);
        assertThat(slide.texts()).extracting(Manifest.Text::language).containsExactly(texts.split(","));
        assertThat(slide.durationSeconds()).isEqualTo(seconds);
        // a client from before texts reads the first language from the slide itself
        assertThat(slide.language()).isEqualTo(slide.texts().get(0).language());
        assertThat(slide.title()).isEqualTo(slide.texts().get(0).title());
        assertThat(manifest.screen().infoBand()).isTrue();
    }

    @ParameterizedTest(name = "{0} s shared by two, one shown: {1} s")
    @CsvSource({"3, 3", "5, 3", "7, 4", "300, 150"})
    void a_share_is_never_shorter_than_the_kiosks_three_seconds(int seconds, int shown) {
        assertThat(ManifestBuilder.shownSeconds(bilingual(seconds), 1)).isEqualTo(shown);
    }

    private static Announcement message(long id, String title, long institutionId, int seconds) {
        return new Announcement(id, "m" + id, institutionId, title, "", "<p>" + title + "</p>", "da", List.of(), "culture",
                List.of(), null, null, null, seconds, AnnouncementStatus.APPROVED, null, null, null, null, null);
    }

    private static Manifest shared(ScheduleResolver.Kind kind, Map<Long, Integer> percents) {
        Screen screen = new Screen(3L, "station-hal", "Stationshallen", "", "landscape", 1920, 1080, "full", List.of("da"),
                null, false, null, null, "off", false);
        List<Announcement> playlist = List.of(message(1, "Åbent hus", 1, 10), message(2, "Lektiecafé", 2, 10),
                message(3, "Koncert", 3, 10));
        ScheduleResolver.Now answer = new ScheduleResolver.Now(NOW, List.of("station"), playlist,
                new ScheduleResolver.Reason(kind, List.of(), List.of()), null);
        Map<Long, Institution> institutions = Map.of(
                1L, new Institution(1L, "skolerne", "Skolerne", "#1d3557", null, null, null),
                2L, new Institution(2L, "biblioteket", "Biblioteket", "#2a9d8f", null, null, null),
                3L, new Institution(3L, "kultur", "Kultur", "#b5179e", null, null, null));
        return ManifestBuilder.build(screen, answer, institutions, Map.of(), NOW, ZoneId.of("Europe/Copenhagen"), Map.of(),
                percents);
    }

    @org.junit.jupiter.api.Test
    void shares_give_the_play_order_as_turns_over_the_slides_in_playlist_order() {
        Manifest manifest = shared(ScheduleResolver.Kind.SCREEN_DEFAULT, Map.of(1L, 40, 2L, 20, 3L, 40));

        assertThat(manifest.slides()).extracting(Manifest.Slide::title).containsExactly("Åbent hus", "Lektiecafé", "Koncert");
        assertThat(manifest.turns()).containsExactly(0, 2, 1, 0, 2);
    }

    @org.junit.jupiter.api.Test
    void without_shares_or_in_an_emergency_there_are_no_turns() {
        assertThat(shared(ScheduleResolver.Kind.SCREEN_DEFAULT, Map.of()).turns()).isNull();
        assertThat(shared(ScheduleResolver.Kind.EMERGENCY, Map.of(1L, 40, 2L, 20, 3L, 40)).turns()).isNull();
    }

    /** A touch screen's week from its timeline, the café on now and a concert on day three, 17–21. */
    private static Manifest week(boolean touch) {
        ZoneId campus = ZoneId.of("Europe/Copenhagen");
        Screen screen = new Screen(3L, "bibliotek-indgang", "Bibliotekets indgang", "", "landscape", 1920, 1080, "full",
                List.of("da"), null, false, null, null, "off", touch);
        Announcement cafe = message(2, "Lektiecafé", 2, 10);
        Announcement concert = message(3, "Julekoncert", 2, 10);
        Announcement alarm = message(9, "Evakuering", 2, 10);
        ScheduleResolver.Reason byDefault = new ScheduleResolver.Reason(ScheduleResolver.Kind.SCREEN_DEFAULT, List.of(), List.of());
        ScheduleResolver.Reason scheduled = new ScheduleResolver.Reason(ScheduleResolver.Kind.SCHEDULE, List.of(), List.of());
        ScheduleResolver.Reason emergency = new ScheduleResolver.Reason(ScheduleResolver.Kind.EMERGENCY, List.of(), List.of());
        ManifestBuilder.WeekSpan span = ManifestBuilder.WeekSpan.of(NOW, campus);
        Instant concertStarts = span.firstDay().plusDays(3).atTime(17, 0).atZone(campus).toInstant();
        Instant concertEnds = concertStarts.plus(java.time.Duration.ofHours(4));
        List<ScheduleResolver.Segment> timeline = List.of(
                new ScheduleResolver.Segment(span.from(), NOW.plusSeconds(3600), List.of("bibliotek"), List.of(cafe), byDefault),
                // an emergency's hour is over when it is over: it is not part of the week
                new ScheduleResolver.Segment(NOW.plusSeconds(3600), NOW.plusSeconds(7200), List.of(), List.of(alarm), emergency),
                new ScheduleResolver.Segment(NOW.plusSeconds(7200), concertStarts, List.of("bibliotek"), List.of(cafe), byDefault),
                new ScheduleResolver.Segment(concertStarts, concertEnds, List.of("koncerter"), List.of(concert), scheduled),
                new ScheduleResolver.Segment(concertEnds, span.until().plusSeconds(86_400), List.of("bibliotek"), List.of(cafe), byDefault));
        ScheduleResolver.Now answer = new ScheduleResolver.Now(NOW, List.of("bibliotek"), List.of(cafe), byDefault, NOW.plusSeconds(3600));
        return ManifestBuilder.build(screen, answer, Map.of(2L, new Institution(2L, "biblioteket", "Biblioteket", "#2a9d8f", null, null, null)),
                Map.of(), NOW, campus, Map.of(), Map.of(), touch ? timeline : null);
    }

    @org.junit.jupiter.api.Test
    void a_touch_screen_is_sent_its_week_of_showings_and_the_messages_coming_later() {
        Manifest manifest = week(true);
        ZoneId campus = ZoneId.of("Europe/Copenhagen");
        java.time.LocalDate today = NOW.atZone(campus).toLocalDate();

        assertThat(manifest.screen().touch()).isTrue();
        assertThat(manifest.week().from()).isEqualTo(today);
        assertThat(manifest.week().days()).isEqualTo(7);
        assertThat(manifest.week().coming()).as("the concert is not on show now; the café is")
                .extracting(Manifest.Slide::title).containsExactly("Julekoncert");
        assertThat(manifest.week().coming().get(0).media()).isNull();
        assertThat(manifest.week().showings()).extracting(Manifest.Showing::id).doesNotContain(9L);
        Instant concertStarts = today.plusDays(3).atTime(17, 0).atZone(campus).toInstant();
        Instant weekEnds = today.plusDays(7).atStartOfDay(campus).toInstant();
        assertThat(manifest.week().showings()).containsExactly(
                new Manifest.Showing(2, today.atStartOfDay(campus).toInstant(), NOW.plusSeconds(3600)),
                new Manifest.Showing(2, NOW.plusSeconds(7200), concertStarts),
                new Manifest.Showing(3, concertStarts, concertStarts.plusSeconds(4 * 3600)),
                new Manifest.Showing(2, concertStarts.plusSeconds(4 * 3600), weekEnds));
        assertThat(manifest.nextChangeAt()).as("the schedule's next change comes before midnight").isEqualTo(NOW.plusSeconds(3600));
    }

    @org.junit.jupiter.api.Test
    void another_screen_is_sent_no_week() {
        Manifest manifest = week(false);

        assertThat(manifest.screen().touch()).isFalse();
        assertThat(manifest.week()).isNull();
    }
}
