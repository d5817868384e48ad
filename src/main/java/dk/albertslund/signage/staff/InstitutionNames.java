package dk.albertslund.signage.staff;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The institutions staff belong to, as the institution feature knows them. Staff sit
 * below institutions in the stack (docs/ARCHITECTURE.md), so they ask through this and
 * the institution feature answers.
 */
public interface InstitutionNames {

    /** An institution as a staff page names it. */
    record Named(long id, String slug, String name) {
    }

    /** Every institution, by name. */
    List<Named> all();

    /** The ids of the institutions with these slugs; a slug with no institution is missing from the map. */
    Map<String, Long> idsBySlug(Collection<String> slugs);
}
