package dk.albertslund.signage.contentpack;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One YAML mapping of a pack file, read field by field. Problems are collected with the
 * line they are on (SnakeYAML's node marks), and reading goes on, so one run of the
 * importer reports everything that is wrong.
 */
final class YamlNode {

    private final String file;
    private final int lineOffset;
    private final Node node;
    private final Map<String, Node> fields = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();
    private final List<PackError> errors;

    YamlNode(String file, int lineOffset, Node node, List<PackError> errors) {
        this.file = file;
        this.lineOffset = lineOffset;
        this.node = node;
        this.errors = errors;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    fields.put(key.getValue(), tuple.getValueNode());
                    keys.put(key.getValue(), key);
                }
            }
        }
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    String file() {
        return file;
    }

    int line() {
        return line(node);
    }

    int line(String field) {
        Node value = fields.get(field);
        return value == null ? line() : line(value);
    }

    private int line(Node n) {
        return n.getStartMark().getLine() + 1 + lineOffset;
    }

    void error(String field, String message) {
        errors.add(new PackError(file, line(field), field, message));
    }

    /**
     * An error on {@code field} of this (nested) mapping, named as the file's reader knows
     * it, e.g. "translations.en.title". A key that is wrong itself is put on the key's line,
     * which is where the reader of the file looks.
     */
    void error(String field, String name, String message) {
        Node at = fields.get(field) instanceof ScalarNode ? fields.get(field) : keys.get(field);
        errors.add(new PackError(file, at == null ? line() : line(at), name, message));
    }

    /** The field names in the order they are written. */
    List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    boolean bool(String field, boolean fallback) {
        String text = string(field, false);
        if (text == null) {
            return fallback;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                error(field, "must be true or false, not '" + text + "'");
                yield fallback;
            }
        };
    }

    /** Refuses fields that this kind of record does not have (a typo would otherwise be ignored silently). */
    void onlyFields(Set<String> known) {
        onlyFields(known, "");
    }

    /** As {@link #onlyFields(Set)} in a nested mapping whose fields the file's reader knows as {@code prefix + name}. */
    void onlyFields(Set<String> known, String prefix) {
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            if (!known.contains(field.getKey())) {
                errors.add(new PackError(file, line(keys.get(field.getKey())), prefix + field.getKey(),
                        "is not a known field; known fields: " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** The line of every field of this mapping (nested ones under "outer.inner"). */
    Map<String, Integer> fieldLines() {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (Map.Entry<String, Node> field : fields.entrySet()) {
            lines.put(field.getKey(), line(field.getValue()));
            if (field.getValue() instanceof MappingNode) {
                new YamlNode(file, lineOffset, field.getValue(), errors).fieldLines()
                        .forEach((inner, line) -> lines.put(field.getKey() + "." + inner, line));
            }
        }
        return lines;
    }

    boolean has(String field) {
        Node value = fields.get(field);
        return value != null && !(value instanceof ScalarNode s && s.getTag().getValue().endsWith(":null"));
    }

    String string(String field, boolean required) {
        Node value = fields.get(field);
        if (!has(field)) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!(value instanceof ScalarNode scalar)) {
            error(field, "must be a single value");
            return null;
        }
        String text = scalar.getValue().strip();
        if (required && text.isEmpty()) {
            error(field, "must not be empty");
            return null;
        }
        return text;
    }

    Integer integer(String field, boolean required) {
        String text = string(field, required);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            error(field, "must be a whole number, not '" + text + "'");
            return null;
        }
    }

    List<String> strings(String field) {
        Node value = fields.get(field);
        if (!has(field)) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            error(field, "must be a list, e.g. [a, b]");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                result.add(scalar.getValue().strip());
            } else {
                errors.add(new PackError(file, line(item), field, "must be a list of single values"));
            }
        }
        return result;
    }

    /** A nested mapping (or null when absent). */
    YamlNode mapping(String field) {
        if (!has(field)) {
            return null;
        }
        Node value = fields.get(field);
        if (!(value instanceof MappingNode)) {
            return null;
        }
        return new YamlNode(file, lineOffset, value, errors);
    }

    /** The list under {@code field}, each item as a mapping. */
    List<YamlNode> list(String field, boolean required) {
        Node value = fields.get(field);
        if (value == null) {
            if (required) {
                error(field, "is required (a list)");
            }
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            error(field, "must be a list of entries");
            return List.of();
        }
        List<YamlNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            YamlNode entry = new YamlNode(file, lineOffset, item, errors);
            if (!entry.isMapping()) {
                errors.add(new PackError(file, line(item), field, "each entry must be a mapping of fields"));
            } else {
                items.add(entry);
            }
        }
        return items;
    }
}
