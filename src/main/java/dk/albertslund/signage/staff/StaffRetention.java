package dk.albertslund.signage.staff;

import dk.albertslund.signage.retention.RetentionPolicy;
import dk.albertslund.signage.retention.RowRetention;
import io.micronaut.context.annotation.Factory;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/** How long staff records that are no longer of use are kept (see {@link RetentionPolicy}). */
@Factory
class StaffRetention {

    /**
     * Setup and invitation links used, or expired unused, more than 30 days ago: by then they
     * only show that an account was once set up, which the staff list and audit log say too.
     */
    @Singleton
    @Named("setup-links")
    RetentionPolicy setupLinks(JdbcOperations jdbc) {
        return new RowRetention("setup-links", Duration.ofDays(30), jdbc, "setup_token", List.of("used_at", "expires_at"));
    }

    /**
     * Personal API tokens revoked or expired more than 90 days ago. Until then their owner
     * still sees them listed, to tell which script stopped working and why; their creation
     * and revocation stay in the audit log.
     */
    @Singleton
    @Named("api-tokens")
    RetentionPolicy apiTokens(JdbcOperations jdbc) {
        return new RowRetention("api-tokens", Duration.ofDays(90), jdbc, "api_token", List.of("revoked_at", "expires_at"));
    }

    /** Signed-out sessions a day after their tokens expired: such a token is refused by its expiry alone. */
    @Singleton
    @Named("sign-outs")
    RetentionPolicy signOuts(JdbcOperations jdbc) {
        return new RowRetention("sign-outs", Duration.ofDays(1), jdbc, "staff_sign_out", List.of("expires_at"));
    }

    /**
     * Nonces of ID tokens that signed someone in, a day after their use: by then the ID
     * token and its code have long expired, so a replay is refused by its expiry alone.
     */
    @Singleton
    @Named("sign-in-nonces")
    RetentionPolicy signInNonces(JdbcOperations jdbc) {
        return new RowRetention("sign-in-nonces", Duration.ofDays(1), jdbc, "staff_sign_in_nonce", List.of("used_at"));
    }
}
