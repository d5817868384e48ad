package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one JSON object sent by a kiosk, field by field, checking each value's type,
 * length or range and naming every bad field (with its path, e.g. {@code plays[3].startedAt})
 * in one 400. Kiosks are untrusted: nothing is taken from them unchecked. Fields not
 * read are ignored, so a newer player can send more.
 */
final class DeviceInput {

    private final JsonNode object;
    private final String path;
    private final FieldErrors errors;

    private DeviceInput(JsonNode object, String path, FieldErrors errors) {
        this.object = object;
        this.path = path;
        this.errors = errors;
    }

    /** The request body, which must be a JSON object. */
    static DeviceInput body(@Nullable JsonNode body, FieldErrors errors) {
        if (body == null || !body.isObject()) {
            errors.add("body", "kiosk.input.object");
            errors.throwIfAny();
        }
        return new DeviceInput(body, "", errors);
    }

    FieldErrors errors() {
        return errors;
    }

    /** A string, without control characters, of at most {@code max} characters; null when absent. */
    @Nullable
    String text(String field, int max) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            errors.add(path + field, "kiosk.input.string");
            return null;
        }
        return bounded(path + field, value.getStringValue(), max);
    }

    /** An id the player chose, sent as a string or a number; kept as text. */
    @Nullable
    String textOrNumber(String field, int max) {
        JsonNode value = present(field);
        BigDecimal number = value == null ? null : number(value);
        if (number != null) {
            return bounded(path + field, number.stripTrailingZeros().toPlainString(), max);
        }
        return text(field, max);
    }

    /** A number in [min, max], rounded to a whole one; null when absent. */
    @Nullable
    Long whole(String field, long min, long max) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        BigDecimal number = number(value);
        if (number == null || number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(path + field, "kiosk.input.numberRange", min, max);
            return null;
        }
        return number.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** A required whole number in [min, max]. */
    @Nullable
    Long requiredWhole(String field, long min, long max) {
        if (present(field) == null) {
            errors.add(path + field, "field.required");
            return null;
        }
        return whole(field, min, max);
    }

    /** A required instant in ISO 8601 with an offset, e.g. 2025-03-01T12:00:00Z. */
    @Nullable
    Instant requiredInstant(String field) {
        JsonNode value = present(field);
        if (value == null) {
            errors.add(path + field, "field.required");
            return null;
        }
        try {
            if (value.isString() && value.getStringValue().length() <= 40) {
                return OffsetDateTime.parse(value.getStringValue()).toInstant();
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        errors.add(path + field, "kiosk.input.instant");
        return null;
    }

    /** A list of at most {@code maxItems} strings of at most {@code maxLength} characters each; empty when absent. */
    List<String> texts(String field, int maxItems, int maxLength) {
        JsonNode value = present(field);
        List<String> texts = new ArrayList<>();
        if (value == null) {
            return texts;
        }
        if (!value.isArray() || value.size() > maxItems) {
            errors.add(path + field, "kiosk.input.strings", maxItems);
            return texts;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String name = path + field + "[" + i + "]";
            if (item == null || !item.isString()) {
                errors.add(name, "kiosk.input.string");
            } else {
                String text = bounded(name, item.getStringValue(), maxLength);
                if (text != null) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    /**
     * The objects of a required list of 1 to {@code maxItems}; each is read with its
     * index in the path, e.g. {@code plays[3].startedAt}.
     */
    List<DeviceInput> objects(String field, int maxItems) {
        JsonNode value = present(field);
        List<DeviceInput> objects = new ArrayList<>();
        if (value == null || !value.isArray() || value.size() == 0 || value.size() > maxItems) {
            errors.add(path + field, "kiosk.input.objects", maxItems);
            return objects;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item == null || !item.isObject()) {
                errors.add(path + field + "[" + i + "]", "kiosk.input.anObject");
            } else {
                objects.add(new DeviceInput(item, path + field + "[" + i + "].", errors));
            }
        }
        return objects;
    }

    /** The path of a field of this object, for messages. */
    String name(String field) {
        return path + field;
    }

    @Nullable
    private static BigDecimal number(JsonNode value) {
        try {
            return value.isNumber() ? value.getBigDecimalValue() : null;
        } catch (NumberFormatException e) {
            return null; // not finite
        }
    }

    @Nullable
    private JsonNode present(String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    @Nullable
    private String bounded(String name, String text, int max) {
        if (UntrustedText.length(text) > max) {
            errors.add(name, "field.tooLong", max);
            return null;
        }
        return UntrustedText.clean(text);
    }
}
