package dk.albertslund.signage.contentpack;

import java.util.List;

/** The pack was refused; nothing of it was applied. */
public class ContentPackException extends RuntimeException {

    private final List<PackError> errors;

    public ContentPackException(List<PackError> errors) {
        super(errors.size() + " problem(s) in the content pack; nothing was imported:\n  "
                + String.join("\n  ", errors.stream().map(PackError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<PackError> errors() {
        return errors;
    }
}
