package dk.albertslund.signage;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house rules of docs/ARCHITECTURE.md, checked on the compiled server: the features
 * form a one-way stack, each owns its tables and repositories, controllers stay thin, the
 * domain logic stays plain Java, and what a kiosk device can reach knows nothing of staff.
 */
class ArchitectureTest {

    private static final String ROOT = "dk.albertslund.signage";

    /**
     * The features from the bottom up: each may use those before it, never one after it.
     * Features side by side in the product (emergency and kiosk, say) still get an order
     * here, so that a new dependency between them is a decision, not an accident.
     */
    static final List<String> STACK = List.of(
            "config", "core", "audit", "scheduler", "retention", "web", "health",
            "staff", "institution", "media", "readability", "announcement", "feed",
            "departures", "playlist", "screen", "schedule", "emergency", "golink", "submission", "kiosk", "publicfeed", "report", "dashboard",
            "contentpack", "backup");

    /**
     * Features that work on the database as a whole rather than on tables of their own:
     * backup copies every table (and reads media's to find the files), whoever owns it.
     */
    static final List<String> WHOLE_DATABASE = List.of("backup");

    /** Who owns each table: only that feature's code may name it in SQL. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("audit_log", "audit");
        for (String t : List.of("staff_user", "staff_user_institution", "api_token", "setup_token", "staff_sign_out",
                "staff_sign_in_provider", "staff_sign_in_nonce")) {
            TABLES.put(t, "staff");
        }
        TABLES.put("institution", "institution");
        TABLES.put("media", "media");
        TABLES.put("announcement", "announcement");
        for (String t : List.of("feed_source", "feed_item", "feed_image")) {
            TABLES.put(t, "feed");
        }
        for (String t : List.of("playlist", "playlist_item")) {
            TABLES.put(t, "playlist");
        }
        for (String t : List.of("screen", "screen_group", "screen_group_member", "screen_airtime_share",
                "screen_group_airtime_share")) {
            TABLES.put(t, "screen");
        }
        TABLES.put("schedule_entry", "schedule");
        for (String t : List.of("device", "kiosk_pairing", "heartbeat", "screen_status", "play_batch", "play",
                "screen_sent_announcement")) {
            TABLES.put(t, "kiosk");
        }
        TABLES.put("installation_state", "contentpack");
        for (String t : List.of("go_link", "link_scan")) {
            TABLES.put(t, "golink");
        }
        TABLES.put("departure_source", "departures");
        for (String t : List.of("submission_link", "submission")) {
            TABLES.put(t, "submission");
        }
    }

    /** The domain logic: plain Java that tests and benchmarks call without a server or a database. */
    static final List<String> DOMAIN = List.of(
            "schedule.TimeRule", "schedule.ScheduleResolver", "schedule.ScheduleSnapshot", "schedule.WeekCalendar",
            "playlist.PlaylistSelection", "playlist.AirtimeShares", "announcement.AnnouncementStatus", "announcement.OnShow",
            "readability.ReadabilityCheck", "readability.Slide", "readability.Display", "readability.Finding",
            "readability.Verdict", "readability.Colours", "readability.SlideText", "readability.PlayerLayout",
            "readability.QrCode",
            "kiosk.ManifestBuilder", "feed.StartsIn", "feed.ItemTemplate",
            "departures.GtfsTime", "departures.Service", "departures.StopTime", "departures.Timetable",
            "departures.Realtime", "departures.GtfsReader", "departures.RealtimeReader", "departures.DepartureBoard",
            "staff.RoleMapping");

    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void features_do_not_depend_on_each_other_in_a_circle() {
        check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
    }

    @Test
    void a_feature_uses_only_the_features_below_it() {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < STACK.size(); i++) {
            List<String> above = STACK.subList(i + 1, STACK.size()).stream().map(f -> ROOT + "." + f + "..").toList();
            if (above.isEmpty()) {
                continue;
            }
            ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + STACK.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new));
            violations.addAll(rule.evaluate(server).getFailureReport().getDetails());
        }
        assertThat(violations).as("a lower feature reaches up the stack (docs/ARCHITECTURE.md)").isEmpty();
    }

    @Test
    void every_package_is_placed_in_the_stack() {
        TreeSet<String> features = new TreeSet<>();
        for (JavaClass c : server) {
            String rest = c.getPackageName().substring(Math.min(c.getPackageName().length(), ROOT.length() + 1));
            if (c.getPackageName().startsWith(ROOT + ".") && !rest.isEmpty()) {
                features.add(rest.split("\\.")[0]);
            }
        }
        assertThat(STACK).containsAll(features);
    }

    @Test
    void repositories_are_used_only_inside_their_feature() {
        List<String> violations = new ArrayList<>();
        for (String feature : STACK) {
            ArchRule rule = noClasses().that().resideOutsideOfPackage(ROOT + "." + feature + "..")
                    .should().dependOnClassesThat(resideInAPackage(ROOT + "." + feature + "..").and(simpleNameEndingWith("Repository")))
                    .allowEmptyShould(true);
            violations.addAll(rule.evaluate(server).getFailureReport().getDetails());
        }
        assertThat(violations).as("ask the owning feature's service instead").isEmpty();
    }

    @Test
    void controllers_do_not_reach_repositories_or_sql() {
        check(noClasses().that().areAnnotatedWith("io.micronaut.http.annotation.Controller")
                .should().dependOnClassesThat(simpleNameEndingWith("Repository")
                        .or(resideInAnyPackage("java.sql..", "javax.sql.."))
                        .or(JavaClass.Predicates.simpleName("JdbcOperations"))));
    }

    /** Nullability annotations only document a signature; anything else of a framework is a dependency on it. */
    @Test
    void domain_logic_is_plain_java() {
        String[] domain = DOMAIN.stream().map(name -> ROOT + "." + name).toArray(String[]::new);
        check(noClasses().that(JavaClass.Predicates.belongToAnyOf(load(domain)))
                .should().dependOnClassesThat(resideInAnyPackage("io.micronaut..", "jakarta..", "java.sql..", "javax.sql..",
                        "org.postgresql..", "io.netty..", "org.quartz..")
                        .and(not(JavaClass.Predicates.belongToAnyOf(Nullable.class, NonNull.class)))));
    }

    @Test
    void what_kiosk_devices_reach_knows_nothing_of_staff() {
        check(noClasses().that().resideInAPackage(ROOT + ".kiosk")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".staff..", ROOT + ".web..", ROOT + ".kiosk.admin.."));
    }

    @Test
    void sql_names_only_the_tables_of_its_own_feature() throws IOException {
        Pattern table = Pattern.compile("(?i)\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+([a-z_]+)\\b");
        List<String> violations = new ArrayList<>();
        Path sources = Path.of("src/main/java", ROOT.split("\\."));
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = sources.relativize(file).getName(0).toString();
                if (WHOLE_DATABASE.contains(feature)) {
                    continue;
                }
                for (String sql : sqlTexts(Files.readString(file))) {
                    Matcher m = table.matcher(sql);
                    while (m.find()) {
                        String name = m.group(1).toLowerCase();
                        String owner = TABLES.get(name);
                        if (owner != null && !owner.equals(feature)) {
                            violations.add(sources.relativize(file) + " names " + name + " (owned by " + owner + ")");
                        }
                    }
                }
            }
        }
        assertThat(violations).as("ask the owning feature's service instead").isEmpty();
    }

    /** The string literals and text blocks of a source file that look like SQL. */
    private static List<String> sqlTexts(String source) {
        List<String> texts = new ArrayList<>();
        Matcher m = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL).matcher(source);
        while (m.find()) {
            String text = m.group(1) != null ? m.group(1) : m.group(2);
            if (text.matches("(?is).*\\b(SELECT|INSERT|UPDATE|DELETE)\\b.*")) {
                texts.add(text);
            }
        }
        return texts;
    }

    private static Class<?>[] load(String... names) {
        return Stream.of(names).map(name -> {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("DOMAIN names a class that is not there: " + name, e);
            }
        }).toArray(Class<?>[]::new);
    }

    private static void check(ArchRule rule) {
        EvaluationResult result = rule.evaluate(server);
        assertThat(result.getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
    }
}
