package dk.albertslund.signage.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import dk.albertslund.signage.core.Secrets;

/**
 * Secrets the server needs (the JWT signing key, the CSRF token key) come from the environment. When a
 * single server runs without the JWT key, one is generated once and kept under {@code var/}
 * (mode 600) so logins survive restarts; several servers must share one through the
 * environment. Without {@code SIGNAGE_CSRF_SECRET} the CSRF key is made anew each start
 * ({@link CsrfSigningKey}): an open form then needs a reload, nothing worse. Secrets are
 * never written to the repository or the log.
 */
public final class LocalSecrets {

    static final String JWT_SECRET_ENV = "SIGNAGE_JWT_SECRET";
    static final String JWT_SECRET_PROPERTY = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    static final String CSRF_SECRET_ENV = "SIGNAGE_CSRF_SECRET";
    // The library's setter is setSignatureKey (CsrfConfigurationProperties); "secret-key"
    // was silently ignored and tokens went unsigned.
    static final String CSRF_SECRET_PROPERTY = "micronaut.security.csrf.signature-key";

    private LocalSecrets() {
    }

    public static Map<String, Object> load(Path varDirectory) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(JWT_SECRET_PROPERTY, secret(JWT_SECRET_ENV, varDirectory.resolve("jwt-secret")));
        String csrf = System.getenv(CSRF_SECRET_ENV);
        if (csrf != null && !csrf.isBlank()) {
            properties.put(CSRF_SECRET_PROPERTY, secret(CSRF_SECRET_ENV, varDirectory.resolve("csrf-secret")));
        }
        return properties;
    }

    private static String secret(String environmentVariable, Path file) {
        String fromEnv = System.getenv(environmentVariable);
        if (fromEnv == null || fromEnv.isBlank()) {
            return readOrCreate(file);
        }
        if (fromEnv.length() < 32) {
            throw new IllegalStateException(environmentVariable + " must be at least 32 characters long");
        }
        return fromEnv;
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            Files.writeString(file, secret);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the directory's own permissions apply
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
