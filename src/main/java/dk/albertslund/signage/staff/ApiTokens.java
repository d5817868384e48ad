package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dk.albertslund.signage.core.Secrets;
import dk.albertslund.signage.core.Sha256;

/**
 * Personal API tokens: a staff member makes one for a script, sees its secret once, and
 * can revoke it. A token acts with its owner's current roles; it stops working when it
 * is revoked or expires, or when the owner is deactivated.
 */
@Singleton
public class ApiTokens {

    /** Marks our tokens apart from JWTs (and makes a leaked one easy to recognise in a scan). */
    public static final String PREFIX = "sgn_";
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final StaffRepository staff;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(ApiTokenRepository tokens, StaffRepository staff, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    @Serdeable
    @Strict
    public record Command(@Nullable String name, @Nullable Integer expiresInDays) {
    }

    /** A token as listed and audited: never its secret. */
    @Serdeable
    public record View(long id, String name, Instant createdAt, @Nullable Instant expiresAt,
                       @Nullable Instant lastUsedAt, boolean revoked) {
        static View of(ApiToken t) {
            return new View(t.id(), t.name(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revokedAt() != null);
        }
    }

    /** The answer to creating a token: the only time its secret is shown. */
    @Serdeable
    public record Created(long id, String name, String token, Instant createdAt, @Nullable Instant expiresAt) {
    }

    @Transactional
    public Created create(Staff actor, Command command) {
        FieldErrors errors = new FieldErrors();
        if (command.name() == null || command.name().isBlank() || command.name().length() > 100) {
            errors.add("name", "field.lengthBetween", 1, 100);
        }
        if (command.expiresInDays() != null && (command.expiresInDays() < 1 || command.expiresInDays() > 365)) {
            errors.add("expiresInDays", "staff.token.expiresInDays");
        }
        errors.throwIfAny();
        String secret = PREFIX + Secrets.random();
        Instant now = clock.instant();
        ApiToken saved = tokens.save(new ApiToken(null, actor.id(), command.name().strip(), Sha256.hex(secret), now,
                command.expiresInDays() == null ? null : now.plus(Duration.ofDays(command.expiresInDays())), null, null));
        audit.record(actor.username(), "api_token", saved.id(), "create", null, View.of(saved));
        return new Created(saved.id(), saved.name(), secret, saved.createdAt(), saved.expiresAt());
    }

    @Transactional
    public List<View> list(Staff actor) {
        return tokens.findByStaffUserIdOrderByIdDesc(actor.id()).stream().map(View::of).toList();
    }

    @Transactional
    public View get(Staff actor, long id) {
        return View.of(require(actor, id));
    }

    /** Revokes one's own token (admins: anyone's). Revoking twice changes nothing. */
    @Transactional
    public void revoke(Staff actor, long id) {
        ApiToken token = require(actor, id);
        if (token.revokedAt() != null) {
            return;
        }
        ApiToken revoked = tokens.update(token.revoked(clock.instant()));
        audit.record(actor.username(), "api_token", id, "revoke", View.of(token), View.of(revoked));
    }

    /** Revokes every token of an account, when its password changes. */
    @Transactional
    public void revokeAllOf(Staff actor, long staffUserId) {
        Instant now = clock.instant();
        for (ApiToken token : tokens.findByStaffUserIdOrderByIdDesc(staffUserId)) {
            if (token.revokedAt() == null) {
                ApiToken revoked = tokens.update(token.revoked(now));
                audit.record(actor.username(), "api_token", token.id(), "revoke", View.of(token), View.of(revoked));
            }
        }
    }

    /**
     * Refuses a request made with a personal API token: a token is for scripts, and must
     * not be able to make more tokens or change the password, which would let a leaked
     * token outlive its revocation or take the account over.
     */
    public static void refuseApiToken(Authentication authentication) {
        if (authentication.getAttributes().containsKey("apiTokenId")) {
            throw new ProblemException(403, "Forbidden", dk.albertslund.signage.core.Message.of("staff.token.cannotManageCredentials"), List.of());
        }
    }

    /** Other people's tokens are answered as missing, so their ids reveal nothing. */
    private ApiToken require(Staff actor, long id) {
        return tokens.findById(id)
                .filter(t -> t.staffUserId() == actor.id() || actor.isAdmin())
                .orElseThrow(() -> ProblemException.notFound("staff.token.notFound", id));
    }

    static boolean looksLikeOurs(String token) {
        return token.startsWith(PREFIX) && token.length() <= 100;
    }

    /**
     * The owner's authentication for a valid token, with the same name a password sign-in
     * gives, so every permission check treats both alike. Empty for anything else.
     */
    @Transactional
    public Optional<Authentication> authenticate(String secret) {
        if (!looksLikeOurs(secret)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> found = tokens.findByTokenHash(Sha256.hex(secret))
                .filter(t -> t.revokedAt() == null)
                .filter(t -> t.expiresAt() == null || now.isBefore(t.expiresAt()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        Optional<StaffUser> owner = staff.findById(token.staffUserId()).filter(StaffUser::active);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        Instant unlessUsedSince = now.minus(USE_RECORDED_EVERY);
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(unlessUsedSince)) {
            tokens.markUsed(token.id(), now, unlessUsedSince);
        }
        StaffUser user = owner.get();
        return Optional.of(Authentication.build(user.username(), user.roles(), Map.of("staffId", user.id(), "apiTokenId", token.id())));
    }
}
