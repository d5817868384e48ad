package dk.albertslund.signage.staff;

import dk.albertslund.signage.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Staff accounts that sign in through an OpenID Connect provider. Each sign-in applies the
 * provider's role mapping anew (a person taken out of a group loses what it gave at their
 * next sign-in), creates the account on the first one, refuses a nonce seen before (a
 * replayed code or ID token) and writes the provider and subject to the audit log, refused
 * sign-ins included. Such accounts have no password: only the provider lets them in.
 */
@Singleton
public class ProviderAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderAccounts.class);

    private final JdbcOperations jdbc;
    private final StaffRepository staff;
    private final StaffDirectory directory;
    private final SignOuts sessions;
    private final AuditLog audit;

    ProviderAccounts(JdbcOperations jdbc, StaffRepository staff, StaffDirectory directory, SignOuts sessions, AuditLog audit) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.directory = directory;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * Who the provider says signed in: the ID token's subject and nonce, its session id
     * ({@code sid}) if it sent one, a username and name to show, and the groups from the
     * claims the settings name.
     */
    public record Identity(String subject, String nonce, @Nullable String providerSession, String preferredUsername,
                           String displayName, Set<String> groups) {
    }

    /** A sign-in's outcome: the account, or the message key of why it was refused. */
    public record Outcome(@Nullable StaffUser user, @Nullable String refusal) {

        static Outcome refused(String key) {
            return new Outcome(null, key);
        }
    }

    /** What the audit log keeps of a sign-in through a provider: never the token or its other claims. */
    @Serdeable
    public record SignInRecord(String provider, String subject, List<String> roles, List<String> institutions,
                               @Nullable String refused) {
    }

    /**
     * Not throwing on a refusal: the nonce and the audit row are kept in either case, so a
     * refused sign-in is in the log and its code cannot be tried again.
     */
    @Transactional
    public Outcome signIn(SignInProvider provider, Identity identity) {
        String name = provider.getName();
        boolean fresh = jdbc.prepareStatement("""
                INSERT INTO staff_sign_in_nonce (nonce, provider, subject, provider_session) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", statement -> {
            statement.setString(1, identity.nonce());
            statement.setString(2, name);
            statement.setString(3, identity.subject());
            statement.setString(4, identity.providerSession());
            return statement.executeUpdate() == 1;
        });
        Long existingId = accountOf(name, identity.subject()).orElse(null);
        if (!fresh) {
            return refuse(existingId, provider, identity, "login.oidc.replayed");
        }
        RoleMapping.Grant grant = provider.mapping().grant(identity.groups());
        if (grant.isEmpty()) {
            if (existingId != null) {
                // taken out of every mapped group: nothing remains, and no session either
                staff.findById(existingId).ifPresent(user -> staff.update(withRoles(user, List.of(), user.displayName())));
                directory.setInstitutions(existingId, Set.of());
                sessions.endSessions(existingId, null);
            }
            return refuse(existingId, provider, identity, "login.oidc.noRole");
        }
        Map<String, Long> found = directory.institutionIdsBySlug(grant.institutions());
        Set<String> unknown = new TreeSet<>(grant.institutions());
        unknown.removeAll(found.keySet());
        if (!unknown.isEmpty()) {
            LOG.warn("The role mapping of provider {} names institutions that do not exist: {}; what they would grant is left out",
                    name, unknown);
        }
        Set<Long> institutionIds = new HashSet<>(found.values());
        List<String> roles = grant.roles().stream().map(Role::storedName).sorted().toList();
        StaffUser user;
        if (existingId == null) {
            user = staff.save(new StaffUser(null, freeUsername(identity.preferredUsername(), name), displayName(identity),
                    null, roles, true, null, null));
            jdbc.prepareStatement("INSERT INTO staff_sign_in_provider (staff_user_id, provider, subject) VALUES (?, ?, ?)",
                    statement -> {
                        statement.setLong(1, user.id());
                        statement.setString(2, name);
                        statement.setString(3, identity.subject());
                        return statement.executeUpdate();
                    });
        } else {
            StaffUser existing = staff.findById(existingId).orElseThrow();
            if (!existing.active()) {
                // an administrator's deactivation outranks the provider's groups
                return refuse(existingId, provider, identity, "login.oidc.deactivated");
            }
            user = staff.update(withRoles(existing, roles, displayName(identity)));
            jdbc.prepareStatement("UPDATE staff_sign_in_provider SET last_sign_in = now() WHERE staff_user_id = ?", statement -> {
                statement.setLong(1, existingId);
                return statement.executeUpdate();
            });
        }
        directory.setInstitutions(user.id(), institutionIds);
        audit.record(user.username(), "staff_user", user.id(), existingId == null ? "sign-in-first" : "sign-in",
                null, new SignInRecord(name, identity.subject(), roles, List.copyOf(new TreeSet<>(found.keySet())), null));
        return new Outcome(user, null);
    }

    /** The provider that an account signs in through, if it is a provider's account. */
    @Transactional
    public Optional<String> providerOf(long staffUserId) {
        return jdbc.prepareStatement("SELECT provider FROM staff_sign_in_provider WHERE staff_user_id = ?", statement -> {
            statement.setLong(1, staffUserId);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
            }
        });
    }

    /**
     * A back-channel logout: ends every session of the person the provider names, by
     * subject or by the provider's session id. Returns how many accounts it reached.
     */
    @Transactional
    public int endSessions(String provider, @Nullable String subject, @Nullable String providerSession) {
        Set<String> subjects = new TreeSet<>();
        if (subject != null) {
            subjects.add(subject);
        }
        if (providerSession != null) {
            subjects.addAll(jdbc.prepareStatement(
                    "SELECT DISTINCT subject FROM staff_sign_in_nonce WHERE provider = ? AND provider_session = ?", statement -> {
                        statement.setString(1, provider);
                        statement.setString(2, providerSession);
                        List<String> found = new ArrayList<>();
                        try (var rows = statement.executeQuery()) {
                            while (rows.next()) {
                                found.add(rows.getString(1));
                            }
                        }
                        return found;
                    }));
        }
        int ended = 0;
        for (String each : subjects) {
            Long id = accountOf(provider, each).orElse(null);
            if (id != null) {
                sessions.endSessions(id, null);
                audit.record(Staff.SYSTEM, "staff_user", id, "provider-logout", null,
                        new SignInRecord(provider, each, List.of(), List.of(), null));
                ended++;
            }
        }
        return ended;
    }

    private Optional<Long> accountOf(String provider, String subject) {
        return jdbc.prepareStatement("SELECT staff_user_id FROM staff_sign_in_provider WHERE provider = ? AND subject = ?",
                statement -> {
                    statement.setString(1, provider);
                    statement.setString(2, subject);
                    try (var rows = statement.executeQuery()) {
                        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.<Long>empty();
                    }
                });
    }

    private Outcome refuse(@Nullable Long staffUserId, SignInProvider provider, Identity identity, String reason) {
        String actor = staffUserId == null ? Staff.SYSTEM
                : staff.findById(staffUserId).map(StaffUser::username).orElse(Staff.SYSTEM);
        audit.record(actor, "staff_user", staffUserId, "sign-in-refused", null,
                new SignInRecord(provider.getName(), identity.subject(), List.of(), List.of(), reason));
        // the subject is in the audit log; the log says only what happened
        LOG.info("Sign-in through provider {} refused: {}", provider.getName(), reason);
        return Outcome.refused(reason);
    }

    private static StaffUser withRoles(StaffUser user, List<String> roles, String displayName) {
        return new StaffUser(user.id(), user.username(), displayName, null, roles, user.active(), user.createdAt(), user.updatedAt());
    }

    private static String displayName(Identity identity) {
        String name = identity.displayName().strip();
        return name.length() > 120 ? name.substring(0, 120) : name;
    }

    /**
     * The provider's username (or e-mail) as a username of ours: lowercase, only the
     * characters usernames may have, and made unique with the provider's name and a
     * number when a local account or another provider's already has it.
     */
    private String freeUsername(String preferred, String provider) {
        String base = preferred.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._@-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (base.length() < 2) {
            base = provider + "-user";
        }
        base = base.length() > 50 ? base.substring(0, 50) : base;
        Collection<String> candidates = new ArrayList<>(List.of(base, base + "-" + provider));
        for (int i = 2; i < 100; i++) {
            candidates.add(base + "-" + provider + "-" + i);
        }
        for (String candidate : candidates) {
            if (staff.findByUsername(candidate).isEmpty()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free username for " + base);
    }
}
