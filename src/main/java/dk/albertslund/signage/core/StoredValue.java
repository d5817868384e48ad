package dk.albertslund.signage.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An enum kept in the database and shown in the API under a word of its own ("approved",
 * "ics-url") rather than its Java name, so the stored and sent values never change when
 * the code does. Plain Java, so domain enums can be stored values too.
 */
public interface StoredValue {

    /** As stored in the database and shown in the API. */
    String value();

    /** The constant stored as {@code value}, if there is one. */
    static <E extends Enum<E> & StoredValue> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.value().equals(value)).findFirst();
    }

    /** Every stored value of the enum, in declaration order (for "must be one of …"). */
    static <E extends Enum<E> & StoredValue> List<String> values(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(StoredValue::value).toList();
    }
}
