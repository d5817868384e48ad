package dk.albertslund.signage.core;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;

/**
 * Reads and writes a {@link StoredValue} enum as its text column. A value the enum does
 * not know is a broken row, not a guess: it fails loudly.
 */
public abstract class StoredValueColumn<E extends Enum<E> & StoredValue> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected StoredValueColumn(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToPersistedValue(E value, ConversionContext context) {
        return value == null ? null : value.value();
    }

    @Override
    public E convertToEntityValue(String value, ConversionContext context) {
        if (value == null) {
            return null;
        }
        return StoredValue.parse(type, value).orElseThrow(() ->
                new IllegalStateException("'" + value + "' is not a stored " + type.getSimpleName()));
    }
}
