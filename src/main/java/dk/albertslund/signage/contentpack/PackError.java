package dk.albertslund.signage.contentpack;

import io.micronaut.serde.annotation.Serdeable;

/** One thing wrong in the content pack, located as precisely as the file allows. */
@Serdeable
public record PackError(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
