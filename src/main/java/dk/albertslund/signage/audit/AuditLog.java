package dk.albertslund.signage.audit;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import dk.albertslund.signage.core.ContentChanges;
import dk.albertslund.signage.core.ContentChanged;

/**
 * Who changed what and when, with the API view of the thing before and after. Written
 * in the same transaction as the change, so an audit row exists exactly when the
 * change does.
 */
@Singleton
public class AuditLog {

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher<ContentChanged> events;

    AuditLog(JdbcOperations jdbc, JsonMapper json, ApplicationEventPublisher<ContentChanged> events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(String actor, String entityType, @Nullable Long entityId, String action,
                       @Nullable Object before, @Nullable Object after) {
        String beforeJson = toJson(before);
        String afterJson = toJson(after);
        jdbc.prepareStatement("""
                INSERT INTO audit_log (actor, entity_type, entity_id, action, before_json, after_json)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)""", (PreparedStatement statement) -> {
            statement.setString(1, actor);
            statement.setString(2, entityType);
            statement.setObject(3, entityId);
            statement.setString(4, action);
            statement.setString(5, beforeJson);
            statement.setString(6, afterJson);
            return statement.executeUpdate();
        });
        // Every server rebuilds what depends on content when this transaction commits
        // (PostgreSQL delivers a notification only then, once per distinct payload).
        ContentChanges.notify(jdbc, entityType);
        // ...and this server reacts once the transaction has committed (@TransactionalEventListener).
        events.publishEvent(new ContentChanged(entityType));
    }

    @Transactional
    public List<Entry> history(String entityType, long entityId) {
        return jdbc.prepareStatement("""
                SELECT id, at, actor, action, before_json::text, after_json::text FROM audit_log
                WHERE entity_type = ? AND entity_id = ? ORDER BY at, id""", statement -> {
            statement.setString(1, entityType);
            statement.setLong(2, entityId);
            try (var rows = statement.executeQuery()) {
                var entries = new java.util.ArrayList<Entry>();
                while (rows.next()) {
                    Timestamp at = rows.getTimestamp(2);
                    entries.add(new Entry(rows.getLong(1), at.toInstant(), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6)));
                }
                return entries;
            }
        });
    }

    private String toJson(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @io.micronaut.serde.annotation.Serdeable
    public record Entry(long id, Instant at, String actor, String action,
                        @Nullable String before, @Nullable String after) {
    }
}
