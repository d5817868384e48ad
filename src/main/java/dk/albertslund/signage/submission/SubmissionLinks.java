package dk.albertslund.signage.submission;

import dk.albertslund.signage.announcement.Senders;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Secrets;
import dk.albertslund.signage.core.Sha256;
import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.staff.Staff;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submission links (README "Submission links"): a secret address through which a group
 * without staff accounts sends messages for approval. Like setup links, the secret is in
 * the address and only its SHA-256 in the database, so it is shown once, when made. A link
 * belongs to one institution, expires, can be revoked, and takes at most its weekly limit
 * of messages in any seven days. Admins and approvers make and revoke them; every change,
 * and every message sent through one, is in the audit log.
 */
@Singleton
public class SubmissionLinks implements Senders {

    static final String ENTITY = "submission-link";
    static final Duration WEEK = Duration.ofDays(7);
    static final int MAX_GROUP_NAME = 100;
    static final int MAX_WEEKLY = 100;
    static final int MAX_DAYS = 365;
    private static final String COLUMNS = "id, group_name, institution_id, weekly_limit, expires_at, revoked_at, created_by, created_at";

    private final JdbcOperations jdbc;
    private final InstitutionService institutions;
    private final AuditLog audit;
    private final SignageConfiguration configuration;
    private final Clock clock;

    SubmissionLinks(JdbcOperations jdbc, InstitutionService institutions, AuditLog audit, SignageConfiguration configuration,
                    Clock clock) {
        this.jdbc = jdbc;
        this.institutions = institutions;
        this.audit = audit;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** A new link as the staff API and page ask for it. */
    @Serdeable
    @Strict
    public record Command(@Nullable String groupName, @Nullable String institution, @Nullable Integer expiresInDays,
                          @Nullable Integer weeklyLimit) {
    }

    /** A link as staff see it; its secret is never in it. {@code state} is active, expired or revoked. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(long id, String groupName, String institution, String institutionName, int weeklyLimit,
                       Instant expiresAt, @Nullable Instant revokedAt, String state, int sentThisWeek,
                       String createdBy, Instant createdAt) {
    }

    /** The answer to making a link: the only time its address is shown. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Created(View link, String address) {
    }

    /** A link found by its secret, whatever its state: the public pages say why one no longer works. */
    record Link(long id, String groupName, long institutionId, int weeklyLimit, Instant expiresAt, @Nullable Instant revokedAt,
                String createdBy, Instant createdAt) {

        boolean usableAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    /** What the receipt page shows: the message's link's group and, when it still exists, the message. */
    record Receipt(String groupName, @Nullable Long announcementId, Instant submittedAt) {
    }

    @Transactional
    public Created create(Staff actor, Command command) {
        requireLinkMaker(actor);
        FieldErrors errors = new FieldErrors();
        String group = command.groupName() == null ? "" : command.groupName().strip();
        if (group.isEmpty()) {
            errors.add("groupName", "field.required");
        } else if (group.length() > MAX_GROUP_NAME) {
            errors.add("groupName", "field.tooLong", MAX_GROUP_NAME);
        }
        Institution institution = null;
        if (command.institution() == null || command.institution().isBlank()) {
            errors.add("institution", "field.required");
        } else {
            institution = institutions.findBySlug(command.institution()).orElse(null);
            if (institution == null) {
                errors.add("institution", "institution.noSuch", command.institution());
            }
        }
        int days = command.expiresInDays() == null ? 90 : command.expiresInDays();
        if (days < 1 || days > MAX_DAYS) {
            errors.add("expiresInDays", "submission.link.days", MAX_DAYS);
        }
        int weekly = command.weeklyLimit() == null ? 3 : command.weeklyLimit();
        if (weekly < 1 || weekly > MAX_WEEKLY) {
            errors.add("weeklyLimit", "submission.link.weekly", MAX_WEEKLY);
        }
        errors.throwIfAny();
        String token = Secrets.random();
        Instant now = clock.instant();
        long institutionId = institution.id();
        long id = jdbc.prepareStatement("""
                INSERT INTO submission_link (token_hash, group_name, institution_id, weekly_limit, expires_at, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", statement -> {
            statement.setString(1, Sha256.hex(token));
            statement.setString(2, group);
            statement.setLong(3, institutionId);
            statement.setInt(4, weekly);
            statement.setTimestamp(5, Timestamp.from(now.plus(Duration.ofDays(days))));
            statement.setString(6, actor.username());
            statement.setTimestamp(7, Timestamp.from(now));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        View view = get(id);
        audit.record(actor.username(), ENTITY, id, "create", null, view);
        return new Created(view, address(token));
    }

    /** Every link, newest first. */
    @Transactional
    public List<View> list(Staff actor) {
        requireLinkMaker(actor);
        return views("SELECT " + COLUMNS + " FROM submission_link ORDER BY created_at DESC, id DESC", null);
    }

    @Transactional
    public View get(Staff actor, long id) {
        requireLinkMaker(actor);
        return get(id);
    }

    /** Stops the link at once; what came through it stays in the queue. Revoking twice changes nothing. */
    @Transactional
    public View revoke(Staff actor, long id) {
        requireLinkMaker(actor);
        View before = get(id);
        if (before.revokedAt() != null) {
            return before;
        }
        jdbc.prepareStatement("UPDATE submission_link SET revoked_at = ? WHERE id = ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(clock.instant()));
            statement.setLong(2, id);
            return statement.executeUpdate();
        });
        View after = get(id);
        audit.record(actor.username(), ENTITY, id, "revoke", before, after);
        return after;
    }

    /** The link behind a secret, whatever its state, or empty for a secret nobody was given. */
    @Transactional
    Optional<Link> find(@Nullable String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM submission_link WHERE token_hash = ?", statement -> {
            statement.setString(1, Sha256.hex(token));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(link(rows)) : Optional.empty();
            }
        });
    }

    /**
     * Locks the link's row for the rest of the transaction and counts what it took in the
     * last seven days: two messages racing for the last place of the week are counted one
     * after the other.
     */
    int lockAndCountWeek(long linkId) {
        jdbc.prepareStatement("SELECT id FROM submission_link WHERE id = ? FOR UPDATE", statement -> {
            statement.setLong(1, linkId);
            return statement.executeQuery().next();
        });
        return sentSince(linkId, clock.instant().minus(WEEK));
    }

    /** How many messages the link took in the last seven days, for the form to warn before anyone writes. */
    @Transactional
    int sentThisWeek(long linkId) {
        return sentSince(linkId, clock.instant().minus(WEEK));
    }

    /** Records a message that came through the link, under the receipt's secret; returns the secret. */
    String recordSubmission(long linkId, long announcementId) {
        String receipt = Secrets.random();
        jdbc.prepareStatement("INSERT INTO submission (link_id, announcement_id, receipt_hash, submitted_at) VALUES (?, ?, ?, ?)",
                statement -> {
                    statement.setLong(1, linkId);
                    statement.setLong(2, announcementId);
                    statement.setString(3, Sha256.hex(receipt));
                    statement.setTimestamp(4, Timestamp.from(clock.instant()));
                    return statement.executeUpdate();
                });
        return receipt;
    }

    @Transactional
    Optional<Receipt> receipt(@Nullable String secret) {
        if (!plausible(secret)) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("""
                SELECT l.group_name, s.announcement_id, s.submitted_at FROM submission s
                JOIN submission_link l ON l.id = s.link_id WHERE s.receipt_hash = ?""", statement -> {
            statement.setString(1, Sha256.hex(secret));
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long announcementId = rows.getLong(2);
                return Optional.of(new Receipt(rows.getString(1), rows.wasNull() ? null : announcementId,
                        rows.getTimestamp(3).toInstant()));
            }
        });
    }

    @Override
    @Transactional
    public Map<Long, String> groups(Collection<Long> announcementIds) {
        Map<Long, String> groups = new HashMap<>();
        if (announcementIds.isEmpty()) {
            return groups;
        }
        jdbc.prepareStatement("""
                SELECT s.announcement_id, l.group_name FROM submission s JOIN submission_link l ON l.id = s.link_id
                WHERE s.announcement_id = ANY (?)""", statement -> {
            Array ids = statement.getConnection().createArrayOf("bigint", announcementIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups.put(rows.getLong(1), rows.getString(2));
                }
            }
            return null;
        });
        return groups;
    }

    /** The public address of the form behind a secret. */
    String address(String token) {
        return configuration.getPublicUrl() + "/submit/" + token;
    }

    String receiptAddress(String secret) {
        return configuration.getPublicUrl() + "/submit/receipt/" + secret;
    }

    private View get(long id) {
        List<View> found = views("SELECT " + COLUMNS + " FROM submission_link WHERE id = ?", id);
        if (found.isEmpty()) {
            throw ProblemException.notFound("submission.link.notFound", id);
        }
        return found.get(0);
    }

    private List<View> views(String sql, @Nullable Long id) {
        List<Link> links = new ArrayList<>();
        jdbc.prepareStatement(sql, statement -> {
            if (id != null) {
                statement.setLong(1, id);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    links.add(link(rows));
                }
            }
            return null;
        });
        Instant now = clock.instant();
        List<View> views = new ArrayList<>();
        Map<Long, Institution> byId = new HashMap<>();
        for (Link l : links) {
            Institution institution = byId.computeIfAbsent(l.institutionId(), institutions::require);
            String state = l.revokedAt() != null ? "revoked" : now.isBefore(l.expiresAt()) ? "active" : "expired";
            views.add(new View(l.id(), l.groupName(), institution.slug(), institution.name(), l.weeklyLimit(), l.expiresAt(),
                    l.revokedAt(), state, sentSince(l.id(), now.minus(WEEK)), l.createdBy(), l.createdAt()));
        }
        return views;
    }

    private int sentSince(long linkId, Instant since) {
        return jdbc.prepareStatement("SELECT count(*) FROM submission WHERE link_id = ? AND submitted_at > ?", statement -> {
            statement.setLong(1, linkId);
            statement.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private static Link link(ResultSet rows) throws SQLException {
        Timestamp revoked = rows.getTimestamp("revoked_at");
        return new Link(rows.getLong("id"), rows.getString("group_name"), rows.getLong("institution_id"), rows.getInt("weekly_limit"),
                rows.getTimestamp("expires_at").toInstant(), revoked == null ? null : revoked.toInstant(), rows.getString("created_by"),
                rows.getTimestamp("created_at").toInstant());
    }

    private static void requireLinkMaker(Staff actor) {
        if (!actor.canApprove()) {
            throw ProblemException.forbidden("submission.link.forbidden");
        }
    }

    private static boolean plausible(@Nullable String token) {
        return token != null && !token.isBlank() && token.length() <= 200;
    }
}
