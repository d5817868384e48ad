package dk.albertslund.signage.config;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's settings table names every {@code signage.*} setting the code reads, whether
 * its default is in application.yml, in a settings class or in an {@code @Value}: a
 * newcomer looking for a setting finds it in one place.
 */
class SettingsDocumentedTest {

    private static final Pattern VALUE = Pattern.compile("\\$\\{(signage\\.[a-z0-9.-]+)[:}]");
    private static final Pattern PROPERTIES = Pattern.compile("^(\\s*)@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)");
    private static final Pattern FIELD = Pattern.compile("^(\\s*)private (?!static)([\\w<>, .]+) (\\w+)( = (.*))?;");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(SIGNAGE_[A-Z0-9_]+)");

    @Test
    void every_setting_the_code_reads_is_in_the_readme_table() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Map<String, String> environmentNames = environmentNamesInApplicationYml();
        TreeSet<String> settings = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                settings.addAll(settingsIn(Files.readAllLines(file)));
            }
        }
        // set by the launcher, not by people
        settings.remove("signage.port");
        settings.remove("signage.default-home");

        List<String> missing = settings.stream()
                .filter(setting -> !readme.contains("`" + environmentNames.getOrDefault(setting, environmentName(setting)) + "`")
                        && !readme.contains(" `" + environmentNames.getOrDefault(setting, environmentName(setting)) + "` "))
                .map(setting -> setting + " (" + environmentNames.getOrDefault(setting, environmentName(setting)) + ")")
                .toList();

        assertThat(settings).as("settings found in the code").contains("signage.kiosk.max-event-streams", "signage.media.dir",
                "signage.security.login-attempts.per-account-per-minute");
        assertThat(missing).as("settings missing from README's table").isEmpty();
    }

    /** {@code signage.kiosk.max-event-streams} is read from SIGNAGE_KIOSK_MAX_EVENT_STREAMS. */
    static String environmentName(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Settings whose environment variable application.yml names itself ({@code ${SIGNAGE_TRUSTED_PROXIES:}}). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> environmentNamesInApplicationYml() throws IOException {
        Map<String, String> names = new TreeMap<>();
        Object yml = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
        flatten("", (Map<String, Object>) yml, names);
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> node, Map<String, String> names) {
        for (Map.Entry<String, Object> entry : node.entrySet()) {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> child) {
                flatten(key, (Map<String, Object>) child, names);
            } else if (entry.getValue() instanceof String value) {
                Matcher m = PLACEHOLDER.matcher(value);
                if (m.find()) {
                    names.put(key, m.group(1));
                }
            }
        }
    }

    /** {@code @Value("${signage.…}")} and the fields of {@code @ConfigurationProperties("signage…")} classes, nested ones too. */
    static List<String> settingsIn(List<String> lines) {
        List<String> found = new java.util.ArrayList<>();
        Deque<String[]> prefixes = new ArrayDeque<>(); // {indent, prefix}
        for (String line : lines) {
            Matcher value = VALUE.matcher(line);
            while (value.find()) {
                found.add(value.group(1));
            }
            Matcher properties = PROPERTIES.matcher(line);
            if (properties.find()) {
                int indent = properties.group(1).length();
                while (!prefixes.isEmpty() && Integer.parseInt(prefixes.peek()[0]) >= indent) {
                    prefixes.pop();
                }
                String prefix = prefixes.isEmpty() ? properties.group(2) : prefixes.peek()[1] + "." + properties.group(2);
                prefixes.push(new String[] {Integer.toString(indent), prefix});
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (field.find() && !prefixes.isEmpty()) {
                int indent = field.group(1).length();
                while (!prefixes.isEmpty() && Integer.parseInt(prefixes.peek()[0]) >= indent) {
                    prefixes.pop();
                }
                boolean nestedSettings = field.group(5) != null && field.group(5).startsWith("new ")
                        && !field.group(5).contains("ArrayList");
                if (!prefixes.isEmpty() && prefixes.peek()[1].startsWith("signage") && !nestedSettings
                        && Integer.parseInt(prefixes.peek()[0]) == indent - 4) {
                    found.add(prefixes.peek()[1] + "." + kebab(field.group(3)));
                }
            }
        }
        return found;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
