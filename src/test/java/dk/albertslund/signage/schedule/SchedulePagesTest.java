package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulePagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    SchedulePages schedules;

    private Map<String, Object> weekdayMornings(String slug, String playlist, String group) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("name", "Morgener på hverdage");
        fields.put("slug", slug);
        fields.put("playlist", playlist);
        fields.put("targetKind", "group");
        fields.put("group", group);
        fields.put("days", List.of("MON", "TUE", "WED", "THU", "FRI"));
        fields.put("startTime", "07:00");
        fields.put("endTime", "10:00");
        fields.put("priority", "10");
        fields.put("kind", "normal");
        return fields;
    }

    @Test
    void someone_signed_out_is_sent_to_the_sign_in_page() {
        WebClient.Page page = fixtures.browser().get("/admin/schedules");

        assertThat(page.status()).isIn(302, 303);
        assertThat(page.location()).hasValue("/admin/login");
    }

    @Test
    void a_viewer_sees_every_entry_with_its_rule_in_words_but_cannot_schedule() {
        SchedulePages.Library library = schedules.library();
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("da");

        WebClient.Page list = viewer.get("/admin/schedules");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text("#entry-" + library.morningEntry() + " th")).isEqualTo(library.morningName());
        assertThat(list.document().selectFirst("#entry-" + library.morningEntry() + " th a").attr("href"))
                .isEqualTo("/admin/schedules/" + library.morningEntry());
        assertThat(list.text("#entry-" + library.allDayEntry() + " th")).isEqualTo(library.allDayName());
        assertThat(list.document().select("#entry-" + library.morningEntry() + " td").eachText())
                .containsExactly("Morgen", library.groupName(), "man–fre 07.00–10.00", "10", "Almindelig");
        assertThat(list.document().select("#entry-" + library.allDayEntry() + " td").eachText())
                .containsExactly("Hele dagen", library.screenName(), "Hver dag 06.00–22.00", "5", "Almindelig");
        assertThat(list.document().select("a[href=/admin/schedules/new]")).isEmpty();
        assertThat(viewer.get("/admin/schedules/new").status()).isEqualTo(403);
        WebClient.Page entry = viewer.get("/admin/schedules/" + library.morningEntry());
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.text("h1")).isEqualTo("Tidsplan " + library.morningName());
        assertThat(entry.text("#rule-words")).isEqualTo("man–fre 07.00–10.00");
        assertThat(entry.document().select("#entry-form")).isEmpty();

        String slug = fixtures.unique("forbudt");
        WebClient.Page refused = viewer.submit("/admin/schedules", weekdayMornings(slug, library.morning(), library.group()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM schedule_entry WHERE slug = ?", slug)).isEmpty();
    }

    @Test
    void priority_is_chosen_by_name_and_the_number_waits_under_advanced() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id()).language("da");
        WebClient.Page form = editor.get("/admin/schedules/new?playlist=" + library.morning());
        assertThat(form.document().select("#priorityLevel option").eachText())
                .containsExactly("Normal", "Vigtig", "Overtager", "Andet tal (under Avanceret)");
        assertThat(form.document().selectFirst("#priorityLevel option[selected]").attr("value")).isEqualTo("0");
        assertThat(form.document().selectFirst("details#priority-advanced").hasAttr("open")).isFalse();
        String slug = fixtures.unique("vigtig");

        Map<String, Object> fields = weekdayMornings(slug, library.morning(), library.group());
        fields.put("priorityLevel", "100");
        fields.put("priority", "0");
        WebClient.Page created = editor.submit("/admin/schedules", fields);

        assertThat(created.status()).as(created.html()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT priority FROM schedule_entry WHERE slug = ?", slug)).containsExactly(Map.of("priority", 100));
        WebClient.Page page = editor.get("/admin/schedules/" + slug);
        assertThat(page.document().selectFirst("#priorityLevel option[selected]").text()).isEqualTo("Vigtig");

        WebClient.Page custom = editor.get("/admin/schedules/" + library.morningEntry());
        assertThat(custom.document().selectFirst("#priorityLevel option[selected]").attr("value")).isEqualTo("custom");
        assertThat(custom.document().selectFirst("details#priority-advanced").hasAttr("open")).isTrue();
        assertThat(custom.document().selectFirst("#priority").attr("value")).isEqualTo("10");
    }

    @Test
    void an_editor_schedules_their_playlist_on_weekday_mornings() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id()).language("da");
        WebClient.Page form = editor.get("/admin/schedules/new?playlist=" + library.morning());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.document().selectFirst("#playlist option[selected]").attr("value")).isEqualTo(library.morning());
        assertThat(form.document().select("#kind option").eachAttr("value")).containsExactly("normal");
        String slug = fixtures.unique("station-morgen");

        WebClient.Page created = editor.submit("/admin/schedules", weekdayMornings(slug, library.morning(), library.group()));

        assertThat(created.status()).isEqualTo(303);
        assertThat(created.location()).hasValue("/admin/schedules/" + slug + "?notice=schedules.created");
        assertThat(fixtures.rows("SELECT target_kind, days_of_week::text AS days, start_time::text AS start_time, "
                + "end_time::text AS end_time, priority, kind FROM schedule_entry WHERE slug = ?", slug))
                .containsExactly(Map.of("target_kind", "group", "days", "{MON,TUE,WED,THU,FRI}", "start_time", "07:00:00",
                        "end_time", "10:00:00", "priority", 10, "kind", "normal"));
        WebClient.Page page = editor.get(created.location().orElseThrow());
        assertThat(page.text("[role=status]")).isEqualTo("Tidsplanen er oprettet.");
        assertThat(page.text("#rule-words")).isEqualTo("man–fre 07.00–10.00");
        assertThat(page.document().select("input[name=days][checked]").eachAttr("value")).containsExactly("MON", "TUE", "WED", "THU", "FRI");
    }

    @Test
    void a_preset_chosen_without_scripts_becomes_the_rrule() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id()).language("da");
        String slug = fixtures.unique("maanedsmoede");
        Map<String, Object> fields = weekdayMornings(slug, library.morning(), library.group());
        fields.remove("days");
        fields.put("rrulePreset", "FREQ=MONTHLY;BYDAY=1MO");
        fields.put("rrule", "");
        fields.put("startDate", "2026-12-07");
        fields.put("startTime", "11:30");
        fields.put("endTime", "13:00");

        WebClient.Page created = editor.submit("/admin/schedules", fields);

        assertThat(created.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT rrule FROM schedule_entry WHERE slug = ?", slug))
                .containsExactly(Map.of("rrule", "FREQ=MONTHLY;BYDAY=1MO"));
        WebClient.Page page = editor.get("/admin/schedules/" + slug);
        assertThat(page.text("#rule-words")).isEqualTo("Første mandag i måneden 11.30–13.00, fra 7. dec. 2026");
        assertThat(page.document().selectFirst("#rrulePreset option[selected]").attr("value")).isEqualTo("FREQ=MONTHLY;BYDAY=1MO");
    }

    @Test
    void a_refused_entry_names_each_field_beside_it_and_keeps_the_input() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id()).language("en");
        String slug = fixtures.unique("fejl");
        Map<String, Object> fields = weekdayMornings(slug, library.morning(), library.group());
        fields.put("endTime", "");
        fields.put("rrule", "FREQ=MONTHLY;BYDAY=1MO");
        fields.put("startDate", "2026-12-10");
        fields.put("endDate", "2026-12-01");
        fields.put("priority", "5000");

        WebClient.Page page = editor.submit("/admin/schedules", fields);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#endTime-error")).isEqualTo("is required, as HH:MM");
        assertThat(page.text("#rrule-error")).isEqualTo("cannot be combined with days; use one or the other");
        assertThat(page.text("#endDate-error")).isEqualTo("must be on or after startDate (2026-12-10)");
        assertThat(page.text("#priority-error")).isEqualTo("must be between -1000 and 1000");
        assertThat(page.document().selectFirst("#endTime").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().selectFirst("#startTime").attr("value")).isEqualTo("07:00");
        assertThat(page.document().selectFirst("#rrule").attr("value")).isEqualTo("FREQ=MONTHLY;BYDAY=1MO");
        assertThat(page.document().selectFirst("#slug").attr("value")).isEqualTo(slug);
        assertThat(page.document().select("input[name=days][checked]").eachAttr("value")).containsExactly("MON", "TUE", "WED", "THU", "FRI");
        assertThat(page.document().selectFirst("#group option[selected]").attr("value")).isEqualTo(library.group());
        assertThat(fixtures.rows("SELECT id FROM schedule_entry WHERE slug = ?", slug)).isEmpty();
    }

    @Test
    void an_editor_of_another_institution_sees_the_entry_but_cannot_change_it() {
        SchedulePages.Library library = schedules.library();
        ContentFixtures.Institution other = content.institution("Musikteatret");
        WebClient editor = fixtures.browserAs(Role.EDITOR, other.id()).language("en");

        WebClient.Page page = editor.get("/admin/schedules/" + library.morningEntry());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#entry-form")).isEmpty();

        Map<String, Object> fields = weekdayMornings(library.morningEntry(), library.morning(), library.group());
        fields.put("priority", "900");
        WebClient.Page refused = editor.submit("/admin/schedules/" + library.morningEntry(), fields);
        assertThat(refused.status()).isEqualTo(403);
        WebClient.Page delete = editor.submit("/admin/schedules/" + library.morningEntry() + "/delete", Map.of());
        assertThat(delete.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT priority FROM schedule_entry WHERE slug = ?", library.morningEntry()))
                .containsExactly(Map.of("priority", 10));
    }

    @Test
    void an_editor_may_not_make_an_emergency_entry() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id());
        String slug = fixtures.unique("noedsituation");
        Map<String, Object> fields = weekdayMornings(slug, library.morning(), library.group());
        fields.put("kind", "emergency");

        WebClient.Page refused = editor.submit("/admin/schedules", fields);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM schedule_entry WHERE slug = ?", slug)).isEmpty();
    }

    @Test
    void an_editor_changes_and_deletes_their_entry() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id());
        Map<String, Object> fields = weekdayMornings(library.morningEntry(), library.morning(), library.group());
        fields.put("endTime", "11:00");

        WebClient.Page saved = editor.submit("/admin/schedules/" + library.morningEntry(), fields);
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).hasValue("/admin/schedules/" + library.morningEntry() + "?notice=schedules.saved");
        assertThat(fixtures.rows("SELECT end_time::text AS end_time FROM schedule_entry WHERE slug = ?", library.morningEntry()))
                .containsExactly(Map.of("end_time", "11:00:00"));

        WebClient.Page deleted = editor.submit("/admin/schedules/" + library.morningEntry() + "/delete", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT id FROM schedule_entry WHERE slug = ?", library.morningEntry())).isEmpty();
    }

    @Test
    void a_change_without_the_forms_csrf_token_is_refused() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id());

        WebClient.Page missing = editor.post("/admin/schedules/" + library.morningEntry() + "/delete", Map.of("confirm", "yes"));
        WebClient.Page forged = editor.post("/admin/schedules/" + library.morningEntry() + "/delete", Map.of("csrfToken", "forged"));

        assertThat(missing.status()).isEqualTo(403);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM schedule_entry WHERE slug = ?", library.morningEntry())).hasSize(1);
    }

    @Test
    void the_name_comes_first_and_the_address_waits_closed_under_advanced() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id()).language("da");

        WebClient.Page form = editor.get("/admin/schedules/new?playlist=" + library.morning());

        assertThat(form.document().select("#entry-form input:not([type=hidden]), #entry-form select").first().id()).isEqualTo("name");
        assertThat(form.document().selectFirst("label[for=name]").text()).isEqualTo("Navn");
        assertThat(form.document().selectFirst("details#slug-advanced").hasAttr("open")).isFalse();
        assertThat(form.document().selectFirst("details#slug-advanced #slug").hasAttr("required")).isFalse();

        WebClient.Page existing = editor.get("/admin/schedules/" + library.morningEntry());
        assertThat(existing.document().selectFirst("#name").attr("value")).isEqualTo(library.morningName());
        assertThat(existing.document().selectFirst("details#slug-advanced").hasAttr("open")).isFalse();
        assertThat(existing.document().selectFirst("details#slug-advanced #slug").attr("value")).isEqualTo(library.morningEntry());
    }

    @Test
    void an_entry_made_with_only_a_name_gets_its_address_from_the_name_and_a_number_when_it_is_taken() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id()).language("da");
        String name = "Uddannelse om morgenen på stationen " + fixtures.unique("");
        String expected = Slugs.fromName(name, "entry");
        assertThat(expected).startsWith("uddannelse-om-morgenen-paa-stationen-");
        Map<String, Object> fields = weekdayMornings("", library.morning(), library.group());
        fields.put("name", name);

        WebClient.Page first = editor.submit("/admin/schedules", fields);
        WebClient.Page second = editor.submit("/admin/schedules", fields);

        assertThat(first.status()).as(first.html()).isEqualTo(303);
        assertThat(first.location()).hasValue("/admin/schedules/" + expected + "?notice=schedules.created");
        assertThat(second.location()).hasValue("/admin/schedules/" + expected + "-2?notice=schedules.created");
        assertThat(fixtures.rows("SELECT name FROM schedule_entry WHERE slug = ?", expected + "-2"))
                .containsExactly(Map.of("name", name));
        WebClient.Page page = editor.get("/admin/schedules/" + expected + "-2");
        assertThat(page.text("h1")).isEqualTo("Tidsplan " + name);
    }

    @Test
    void a_blank_name_is_refused_beside_the_field_and_a_new_name_renames_the_entry() {
        SchedulePages.Library library = schedules.library();
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.institution().id()).language("en");
        String slug = fixtures.unique("unavngivet");
        Map<String, Object> fields = weekdayMornings(slug, library.morning(), library.group());
        fields.put("name", "  ");

        WebClient.Page refused = editor.submit("/admin/schedules", fields);
        WebClient.Page renamed = editor.submit("/admin/schedules/" + library.morningEntry(),
                weekdayMornings(library.morningEntry(), library.morning(), library.group()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#name-error")).isEqualTo("must be between 1 and 120 characters");
        assertThat(refused.document().selectFirst("#name").attr("aria-invalid")).isEqualTo("true");
        assertThat(fixtures.rows("SELECT id FROM schedule_entry WHERE slug = ?", slug)).isEmpty();
        assertThat(renamed.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT name FROM schedule_entry WHERE slug = ?", library.morningEntry()))
                .containsExactly(Map.of("name", "Morgener på hverdage"));
    }
}
