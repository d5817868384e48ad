package dk.albertslund.signage.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a backup directory: what was copied, from which schema version,
 * and the SHA-256 of every file, so a restore can check the whole backup before it writes
 * anything. Written last: a directory without it is not a finished backup.
 */
public record Manifest(int format, String appVersion, String schemaVersion, String postgresVersion, String takenAt,
                       List<Table> tables, List<Sequence> sequences, List<FileEntry> media, List<String> excluded) {

    public static final String FILE = "manifest.json";
    static final int FORMAT = 1;

    /** One table's rows in PostgreSQL's COPY text format, columns in this order. */
    public record Table(String name, List<String> columns, long rows, FileEntry file) {
    }

    /** A sequence as it stood in the snapshot, and the column it numbers. */
    public record Sequence(String name, String table, String column, long lastValue, boolean isCalled) {

        /** What nextval would have given next. */
        long next() {
            return isCalled ? lastValue + 1 : lastValue;
        }
    }

    /** A file of the backup, relative to its directory. */
    public record FileEntry(String path, long bytes, String sha256) {
    }

    void write(Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target);
             JsonGenerator json = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeNumberField("format", format);
            json.writeStringField("application", "Campus Signage");
            json.writeStringField("appVersion", appVersion);
            json.writeStringField("schemaVersion", schemaVersion);
            json.writeStringField("postgresVersion", postgresVersion);
            json.writeStringField("takenAt", takenAt);
            json.writeArrayFieldStart("tables");
            for (Table table : tables) {
                json.writeStartObject();
                json.writeStringField("name", table.name());
                json.writeArrayFieldStart("columns");
                for (String column : table.columns()) {
                    json.writeString(column);
                }
                json.writeEndArray();
                json.writeNumberField("rows", table.rows());
                writeFile(json, table.file());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("sequences");
            for (Sequence sequence : sequences) {
                json.writeStartObject();
                json.writeStringField("name", sequence.name());
                json.writeStringField("table", sequence.table());
                json.writeStringField("column", sequence.column());
                json.writeNumberField("lastValue", sequence.lastValue());
                json.writeBooleanField("isCalled", sequence.isCalled());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("media");
            for (FileEntry file : media) {
                json.writeStartObject();
                writeFile(json, file);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("excluded");
            for (String text : excluded) {
                json.writeString(text);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeFile(JsonGenerator json, FileEntry file) throws IOException {
        json.writeStringField("path", file.path());
        json.writeNumberField("bytes", file.bytes());
        json.writeStringField("sha256", file.sha256());
    }

    /** Reads a backup's manifest, or says in one sentence why the directory is not a backup. */
    static Manifest read(Path directory) throws BackupException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new BackupException(directory + " is not a finished Campus Signage backup: it has no " + FILE + ".");
        }
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            parser.nextToken();
            Map<String, Object> root = map(value(parser), FILE);
            List<Table> tables = new ArrayList<>();
            for (Object item : list(root.get("tables"), "tables")) {
                Map<String, Object> t = map(item, "a table");
                List<String> columns = list(t.get("columns"), "columns").stream().map(String::valueOf).toList();
                tables.add(new Table(text(t, "name"), columns, number(t, "rows"), file(t)));
            }
            List<Sequence> sequences = new ArrayList<>();
            for (Object item : list(root.get("sequences"), "sequences")) {
                Map<String, Object> s = map(item, "a sequence");
                sequences.add(new Sequence(text(s, "name"), text(s, "table"), text(s, "column"), number(s, "lastValue"),
                        Boolean.TRUE.equals(s.get("isCalled"))));
            }
            List<FileEntry> media = new ArrayList<>();
            for (Object item : list(root.get("media"), "media")) {
                media.add(file(map(item, "a media file")));
            }
            List<String> excluded = list(root.getOrDefault("excluded", List.of()), "excluded").stream().map(String::valueOf).toList();
            int format = (int) number(root, "format");
            if (format != FORMAT) {
                throw new BackupException(file + " is of backup format " + format + ", which this version of Campus Signage cannot read.");
            }
            return new Manifest(format, text(root, "appVersion"), text(root, "schemaVersion"), text(root, "postgresVersion"),
                    text(root, "takenAt"), tables, sequences, media, excluded);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new BackupException(file + " cannot be read as a backup manifest (" + e.getMessage() + ").", e);
        }
    }

    private static FileEntry file(Map<String, Object> entry) {
        return new FileEntry(text(entry, "path"), number(entry, "bytes"), text(entry, "sha256"));
    }

    private static String text(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a text");
        }
        return s;
    }

    private static long number(Map<String, Object> object, String field) {
        Object value = object.get(field);
        if (!(value instanceof Long n)) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a whole number");
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static List<Object> list(Object value, String what) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException("\"" + what + "\" is missing or not a list");
        }
        return new ArrayList<>(l);
    }

    /** The JSON value the parser stands on, as maps, lists, texts, longs, booleans and nulls. */
    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IllegalArgumentException("the file is empty");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected " + token + " at " + parser.currentLocation());
        };
    }
}
