package dk.albertslund.signage.web;

import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the services say about bad input (in English, the API's language) in the staff
 * UI's language, from {@code i18n/server-messages_da.tsv}. A message the table does not
 * know is shown as it is, so nothing is ever hidden; a test keeps the table complete.
 */
@Singleton
public class ServerMessages {

    private record Line(Pattern english, String danish) {
    }

    private final List<Line> danish;

    public ServerMessages() {
        this.danish = load("i18n/server-messages_da.tsv");
    }

    public String translate(String language, String message) {
        if (message == null || !"da".equals(language)) {
            return message;
        }
        for (Line line : danish) {
            Matcher match = line.english().matcher(message);
            if (match.matches()) {
                StringBuilder result = new StringBuilder();
                int group = 1;
                for (char c : line.danish().toCharArray()) {
                    if (c == '*' && group <= match.groupCount()) {
                        result.append(match.group(group++));
                    } else {
                        result.append(c);
                    }
                }
                return result.toString();
            }
        }
        return message;
    }

    /** True when the table has a Danish line for this message. */
    public boolean knows(String message) {
        return danish.stream().anyMatch(line -> line.english().matcher(message).matches());
    }

    private static List<Line> load(String resource) {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = ServerMessages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text;
            while ((text = reader.readLine()) != null) {
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                String[] columns = text.split("\t");
                if (columns.length != 2) {
                    throw new IllegalStateException(resource + ": not English<TAB>Danish: " + text);
                }
                lines.add(new Line(pattern(columns[0]), columns[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static Pattern pattern(String english) {
        StringBuilder regex = new StringBuilder();
        for (String part : english.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("(.+?)");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
