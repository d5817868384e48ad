package dk.albertslund.signage.config;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.csrf.CsrfConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.temporal.TemporalAmount;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Makes sure CSRF tokens are always signed. micronaut-security-csrf signs a token with
 * {@code micronaut.security.csrf.signature-key} and, without one, issues tokens with an
 * empty signature that any made-up cookie and field pair matches. {@link LocalSecrets}
 * sets the key from {@code SIGNAGE_CSRF_SECRET}; when nothing set it (a developer's
 * machine, the tests) a random key is made for this start and a warning says so. Forms
 * opened before a restart then need reloading, which is why production sets the secret
 * (README "Security").
 */
@Singleton
final class CsrfSigningKey implements BeanCreatedEventListener<CsrfConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(CsrfSigningKey.class);

    @Override
    public CsrfConfiguration onCreated(BeanCreatedEvent<CsrfConfiguration> event) {
        CsrfConfiguration configured = event.getBean();
        if (configured.getSecretKey() != null && !configured.getSecretKey().isBlank()) {
            return configured;
        }
        LOG.warn("SIGNAGE_CSRF_SECRET is not set: CSRF tokens are signed with a key made for this start only");
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return new WithKey(configured, HexFormat.of().formatHex(random));
    }

    /** The configured CSRF settings with a signing key; the library's properties class cannot be set from here. */
    private record WithKey(CsrfConfiguration delegate, String key) implements CsrfConfiguration {

        @Override
        public String getSecretKey() {
            return key;
        }

        @Override
        public int getRandomValueSize() {
            return delegate.getRandomValueSize();
        }

        @Override
        public String getHeaderName() {
            return delegate.getHeaderName();
        }

        @Override
        public String getHttpSessionName() {
            return delegate.getHttpSessionName();
        }

        @Override
        public String getFieldName() {
            return delegate.getFieldName();
        }

        @Override
        public boolean isSessionCookie() {
            return delegate.isSessionCookie();
        }

        @Override
        public boolean isEnabled() {
            return delegate.isEnabled();
        }

        @Override
        public String getCookieName() {
            return delegate.getCookieName();
        }

        @Override
        public Optional<String> getCookieDomain() {
            return delegate.getCookieDomain();
        }

        @Override
        public Optional<String> getCookiePath() {
            return delegate.getCookiePath();
        }

        @Override
        public Optional<Boolean> isCookieHttpOnly() {
            return delegate.isCookieHttpOnly();
        }

        @Override
        public Optional<Boolean> isCookieSecure() {
            return delegate.isCookieSecure();
        }

        @Override
        public Optional<TemporalAmount> getCookieMaxAge() {
            return delegate.getCookieMaxAge();
        }

        @Override
        public Optional<SameSite> getCookieSameSite() {
            return delegate.getCookieSameSite();
        }

        @Override
        public String toString() {
            return "CsrfConfiguration(generated key)";
        }
    }
}
