package dk.albertslund.signage.core;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

/**
 * The one signal that content changed, shared by every server on the database through
 * PostgreSQL's LISTEN/NOTIFY: no other broker. Sent inside the changing transaction, so
 * it is delivered exactly when the change is visible, and never for a rolled-back one.
 */
public final class ContentChanges {

    public static final String CHANNEL = "signage_changes";

    private ContentChanges() {
    }

    /** Announces a change of this kind (an entity type, or "schedule" when time moved a screen on). */
    public static void notify(JdbcOperations jdbc, String what) {
        jdbc.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)", statement -> {
            statement.setString(1, what);
            return statement.execute();
        });
    }
}
