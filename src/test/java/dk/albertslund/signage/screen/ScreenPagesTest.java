package dk.albertslund.signage.screen;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    ContentFixtures content;

    private String group(String name) {
        String slug = fixtures.unique("group");
        assertThat(content.admin().post("/api/v1/screen-groups", Map.of("slug", slug, "name", name)).status()).isEqualTo(201);
        return slug;
    }

    @Test
    void every_staff_member_sees_the_screens_but_only_admins_the_buttons_to_change_them() {
        String group = group("Stationen");
        String slug = fixtures.unique("screen");
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", slug, "name", "Perron 1", "location", "S-togsstationen",
                "orientation", "portrait", "layout", "main-side-ticker", "groups", List.of(group))).status()).isEqualTo(201);

        WebClient.Page viewer = fixtures.browserAs(Role.VIEWER).language("da").get("/admin/screens");

        assertThat(viewer.status()).isEqualTo(200);
        Element row = viewer.document().selectFirst("tr[data-screen=" + slug + "]");
        assertThat(row.select("th, td").eachText()).containsExactly("Perron 1", "S-togsstationen", "Stående 1080 × 1920",
                "Hovedfelt, sidekolonne og nyhedsbånd", "Stationen", "Offline", "Aldrig");
        assertThat(viewer.document().select("a[href=/admin/screens/new], a[href^=/admin/pairing], a[href$=/edit]")).isEmpty();
        assertThat(fixtures.browserAs(Role.VIEWER).get("/admin/screens/new").status()).isEqualTo(403);
        assertThat(fixtures.browserAs(Role.APPROVER).get("/admin/screens/" + slug + "/edit").status()).isEqualTo(403);

        WebClient.Page admin = fixtures.browserAs(Role.ADMIN).get("/admin/screens");
        assertThat(admin.document().select("a[href=/admin/screens/new]")).hasSize(1);
        assertThat(admin.document().select("a[href=/admin/screens/groups/" + group + "/edit]")).hasSize(1);
    }

    @Test
    void an_admin_creates_a_screen_with_its_languages_and_groups() {
        String group = group("Biblioteket");
        String playlist = content.playlist();
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        WebClient.Page form = admin.get("/admin/screens/new");
        assertThat(form.text("h1")).isEqualTo("New screen");
        String slug = fixtures.unique("library");

        WebClient.Page created = admin.submit("/admin/screens/new", Map.of("slug", slug, "name", "Biblioteket, indgang",
                "location", "Albertslund Bibliotek", "orientation", "landscape", "width", "3840", "height", "2160",
                "layout", "full", "languages", List.of("da", "en"), "groups", List.of(group), "defaultPlaylist", playlist));

        assertThat(created.status()).isEqualTo(303);
        assertThat(created.location()).hasValue("/admin/screens/" + slug + "?notice=saved");
        assertThat(content.admin().get("/api/v1/screens/" + slug).body()).containsEntry("name", "Biblioteket, indgang")
                .containsEntry("width", 3840).containsEntry("languages", List.of("da", "en"))
                .containsEntry("groups", List.of(group)).containsEntry("defaultPlaylist", playlist);
        assertThat(admin.get(created.location().orElseThrow()).text("[role=status]")).isEqualTo("Saved.");
    }

    @Test
    void the_screen_forms_lead_back_and_group_their_choices_like_the_other_forms() {
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("da");
        String slug = fixtures.unique("perron");
        assertThat(admin.submit("/admin/screens/new", Map.of("slug", slug, "name", "Perron 2", "orientation", "landscape",
                "width", "1920", "height", "1080", "layout", "full", "languages", List.of("da"))).status()).isEqualTo(303);

        WebClient.Page edit = admin.get("/admin/screens/" + slug + "/edit");
        assertThat(edit.document().selectFirst("a#back").attr("href")).isEqualTo("/admin/screens/" + slug);
        assertThat(edit.text("a#back")).isEqualTo("Tilbage til skærmen");
        assertThat(edit.document().select("#screen-form fieldset:not(.choices)")).isEmpty();
        assertThat(edit.document().select("#screen-form input[type=radio], #screen-form input[type=checkbox]"))
                .allSatisfy(input -> assertThat(input.parent().hasClass("choice")).isTrue());
        assertThat(admin.get("/admin/screens/new").document().selectFirst("a#back").attr("href")).isEqualTo("/admin/screens");
        assertThat(admin.get("/admin/screens/groups/new").document().selectFirst("a#back").attr("href")).isEqualTo("/admin/screens");
    }

    @Test
    void a_screen_form_with_mistakes_comes_back_with_each_beside_its_field() {
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        admin.get("/admin/screens/new");

        WebClient.Page page = admin.submit("/admin/screens/new", Map.of("slug", "Not A Slug", "name", "Kantinen",
                "orientation", "landscape", "width", "wide", "height", "1080", "layout", "full", "languages", "da"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#width-error")).isEqualTo("must be a whole number of pixels");
        assertThat(page.document().selectFirst("#width").attr("value")).isEqualTo("wide");
        assertThat(page.document().selectFirst("#name").attr("value")).isEqualTo("Kantinen");

        WebClient.Page again = admin.submit("/admin/screens/new", Map.of("slug", "Not A Slug", "name", "",
                "orientation", "landscape", "width", "1920", "height", "1080", "layout", "full", "languages", "da"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("#slug-error")).isEqualTo("must be 1–80 lowercase letters, digits and hyphens, not starting or ending with a hyphen");
        assertThat(again.text("#name-error")).isEqualTo("must be between 1 and 120 characters");
        assertThat(again.document().selectFirst("#slug").attr("aria-invalid")).isEqualTo("true");
        assertThat(again.document().selectFirst("#slug-advanced").hasAttr("open")).isTrue();
        assertThat(fixtures.rows("SELECT id FROM screen WHERE name = 'Kantinen'")).isEmpty();
    }

    @Test
    void an_admin_changes_a_screen_but_not_its_address_and_a_taken_slug_asked_for_is_shown_beside_the_slug() {
        String taken = fixtures.unique("screen");
        String slug = fixtures.unique("screen");
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", taken, "name", "Optaget")).status()).isEqualTo(201);
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", slug, "name", "Musikskolen")).status()).isEqualTo(201);
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        WebClient.Page form = admin.get("/admin/screens/" + slug + "/edit");
        assertThat(form.document().selectFirst("#name").attr("value")).isEqualTo("Musikskolen");
        assertThat(form.document().selectFirst("input[name=languages][value=da]").hasAttr("checked")).isTrue();
        assertThat(form.document().selectFirst("#slug").attr("value")).isEqualTo(slug);
        assertThat(form.document().selectFirst("#slug").hasAttr("readonly")).isTrue();
        assertThat(form.document().selectFirst("#slug").hasAttr("name")).isFalse();

        WebClient.Page conflict = admin.submit("/admin/screens/new", Map.of("slug", taken, "name", "Musikskolen",
                "orientation", "landscape", "layout", "full", "languages", "da"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.text("#slug-error")).isEqualTo("A screen with the slug '" + taken + "' already exists.");
        assertThat(conflict.document().selectFirst("#slug-advanced").hasAttr("open")).isTrue();

        WebClient.Page saved = admin.submit("/admin/screens/" + slug + "/edit", Map.of("slug", taken, "name", "Musikskolen, foyer",
                "orientation", "portrait", "layout", "full", "languages", List.of("en"), "touch", "true"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).hasValue("/admin/screens/" + slug + "?notice=saved");
        assertThat(content.admin().get("/api/v1/screens/" + slug).body()).containsEntry("name", "Musikskolen, foyer")
                .containsEntry("orientation", "portrait").containsEntry("languages", List.of("en")).containsEntry("touch", true);
        assertThat(admin.get("/admin/screens/" + slug + "/edit").document().selectFirst("#touch").hasAttr("checked"))
                .as("the touch box stays ticked").isTrue();

        // a box left unticked switches the touch view off again
        assertThat(admin.submit("/admin/screens/" + slug + "/edit", Map.of("name", "Musikskolen, foyer",
                "orientation", "portrait", "layout", "full", "languages", List.of("en"))).status()).isEqualTo(303);
        assertThat(content.admin().get("/api/v1/screens/" + slug).body()).containsEntry("touch", false);
    }

    @Test
    void a_screen_named_alone_gets_its_address_from_the_name_and_a_second_one_the_next_free() {
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("da");
        WebClient.Page form = admin.get("/admin/screens/new");
        assertThat(form.document().selectFirst("#name").elementSiblingIndex())
                .isLessThan(form.document().selectFirst("#slug-advanced").elementSiblingIndex());
        assertThat(form.document().selectFirst("#slug-advanced").hasAttr("open")).isFalse();
        assertThat(form.document().selectFirst("#slug").hasAttr("required")).isFalse();
        String name = "Stationen, østlig indgang " + fixtures.unique("");
        String expected = Slugs.fromName(name, "screen");
        assertThat(expected).startsWith("stationen-oestlig-indgang-");
        Map<String, Object> fields = Map.of("name", name, "orientation", "landscape", "layout", "full", "languages", "da");

        WebClient.Page first = admin.submit("/admin/screens/new", fields);
        WebClient.Page second = admin.submit("/admin/screens/new", fields);

        assertThat(first.status()).as(first.html()).isEqualTo(303);
        assertThat(first.location()).hasValue("/admin/screens/" + expected + "?notice=saved");
        assertThat(second.location()).hasValue("/admin/screens/" + expected + "-2?notice=saved");
        assertThat(fixtures.rows("SELECT name FROM screen WHERE slug = ?", expected + "-2")).containsExactly(Map.of("name", name));
    }

    @Test
    void a_group_named_alone_gets_its_address_from_the_name_and_keeps_it_when_changed() {
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("da");
        WebClient.Page form = admin.get("/admin/screens/groups/new");
        assertThat(form.document().selectFirst("#slug-advanced").hasAttr("open")).isFalse();
        assertThat(form.document().selectFirst("#slug").hasAttr("required")).isFalse();
        String name = "Skolerne på campus " + fixtures.unique("");
        String expected = Slugs.fromName(name, "group");
        assertThat(expected).startsWith("skolerne-paa-campus-");

        WebClient.Page first = admin.submit("/admin/screens/groups/new", Map.of("name", name, "defaultPlaylist", ""));
        WebClient.Page second = admin.submit("/admin/screens/groups/new", Map.of("name", name, "defaultPlaylist", ""));
        WebClient.Page changed = admin.submit("/admin/screens/groups/" + expected + "/edit",
                Map.of("slug", "another-" + expected, "name", "Skolerne"));

        assertThat(first.status()).as(first.html()).isEqualTo(303);
        assertThat(second.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT name FROM screen_group WHERE slug = ?", expected + "-2")).containsExactly(Map.of("name", name));
        assertThat(changed.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT name FROM screen_group WHERE slug = ?", expected)).containsExactly(Map.of("name", "Skolerne"));
        WebClient.Page edit = admin.get("/admin/screens/groups/" + expected + "/edit");
        assertThat(edit.document().selectFirst("#slug").attr("value")).isEqualTo(expected);
        assertThat(edit.document().selectFirst("#slug").hasAttr("readonly")).isTrue();
    }

    @Test
    void an_admin_creates_and_renames_a_screen_group() {
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("da");
        admin.get("/admin/screens/groups/new");
        String slug = fixtures.unique("skoler");

        WebClient.Page created = admin.submit("/admin/screens/groups/new", Map.of("slug", slug, "name", "Skolerne", "defaultPlaylist", ""));
        assertThat(created.status()).isEqualTo(303);
        assertThat(admin.get("/admin/screens").text("tr[data-group=" + slug + "] th")).isEqualTo("Skolerne");

        WebClient.Page renamed = admin.submit("/admin/screens/groups/" + slug + "/edit", Map.of("slug", slug, "name", "Skolerne på campus"));
        assertThat(renamed.status()).isEqualTo(303);
        assertThat(content.admin().get("/api/v1/screen-groups/" + slug).body()).containsEntry("name", "Skolerne på campus");

        WebClient.Page empty = admin.submit("/admin/screens/groups/new", Map.of("slug", "", "name", ""));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.text("#name-error")).isEqualTo("skal være mellem 1 og 120 tegn");
        assertThat(empty.document().select("#slug-error")).isEmpty();
        assertThat(fixtures.browserAs(Role.EDITOR, content.institution("Kongsholm Gymnasium").id()).submit("/admin/screens/groups/new", Map.of("slug", "x", "name", "X")).status())
                .isEqualTo(403);
    }

    @Test
    void an_admin_gives_institutions_airtime_shares_on_the_screen_page_and_a_sum_over_100_comes_back_beside_the_shares() {
        ContentFixtures.Institution schools = content.institution("Skolerne");
        ContentFixtures.Institution library = content.institution("Biblioteket");
        String slug = fixtures.unique("screen");
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", slug, "name", "Stationen",
                "airtimeShares", Map.of(schools.slug(), 40))).status()).isEqualTo(201);
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("da");

        WebClient.Page form = admin.get("/admin/screens/" + slug + "/edit");
        assertThat(form.text("#airtime-shares legend")).isEqualTo("Sendetid pr. institution");
        assertThat(form.document().selectFirst("#share-" + schools.slug()).attr("value")).isEqualTo("40");
        assertThat(form.document().selectFirst("#share-" + library.slug()).attr("value")).isEmpty();

        // every institution's field is sent, as the browser does; blanks are no share
        List<String> institutions = form.document().select("input[name=shareInstitution]").eachAttr("value");
        List<String> percents = institutions.stream()
                .map(i -> i.equals(schools.slug()) ? "70" : i.equals(library.slug()) ? "40" : "").toList();
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("name", "Stationen", "orientation", "landscape",
                "layout", "full", "languages", "da", "shareInstitution", institutions, "sharePercent", percents));
        WebClient.Page tooMuch = admin.submit("/admin/screens/" + slug + "/edit", fields);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.text("#airtime-error"))
                .isEqualTo("andelene er 110 % tilsammen, højst 100 % er tilladt (resten går til institutioner uden andel)");
        assertThat(tooMuch.document().selectFirst("#share-" + library.slug()).attr("value")).isEqualTo("40");

        fields.put("sharePercent", institutions.stream()
                .map(i -> i.equals(schools.slug()) ? "60" : i.equals(library.slug()) ? "x" : "").toList());
        WebClient.Page notANumber = admin.submit("/admin/screens/" + slug + "/edit", fields);
        assertThat(notANumber.text("#share-" + library.slug() + "-error")).isEqualTo("skal være en hel procent fra 1 til 100");

        fields.put("sharePercent", institutions.stream()
                .map(i -> i.equals(schools.slug()) ? "60" : i.equals(library.slug()) ? "40" : "").toList());
        WebClient.Page saved = admin.submit("/admin/screens/" + slug + "/edit", fields);
        assertThat(saved.status()).isEqualTo(303);
        assertThat(content.admin().get("/api/v1/screens/" + slug).body().get("airtimeShares"))
                .isEqualTo(Map.of(schools.slug(), 60, library.slug(), 40));
    }

    @Test
    void an_admin_gives_a_screen_group_airtime_shares_on_its_page() {
        ContentFixtures.Institution culture = content.institution("Kultur");
        String slug = group("Stationen");
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        WebClient.Page form = admin.get("/admin/screens/groups/" + slug + "/edit");
        List<String> institutions = form.document().select("input[name=shareInstitution]").eachAttr("value");

        WebClient.Page saved = admin.submit("/admin/screens/groups/" + slug + "/edit", Map.of("name", "Stationen",
                "shareInstitution", institutions,
                "sharePercent", institutions.stream().map(i -> i.equals(culture.slug()) ? "40" : "").toList()));

        assertThat(saved.status()).isEqualTo(303);
        assertThat(content.admin().get("/api/v1/screen-groups/" + slug).body().get("airtimeShares"))
                .isEqualTo(Map.of(culture.slug(), 40));
        assertThat(admin.get("/admin/screens/groups/" + slug + "/edit").text("#airtime-hint")).startsWith("Each institution's share");
    }
}
