package dk.albertslund.signage.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Every {@code signage.*} setting, validated when the server starts so a bad value
 * stops it with a message instead of failing later. Defaults are in application.yml
 * and README.md.
 */
@Context
@ConfigurationProperties("signage")
public class SignageConfiguration {

    @NotBlank
    private String home = ".";
    /** Blank: this machine at the server's port (see {@link #getPublicUrl()}). */
    private String publicUrl = "";
    /** micronaut.server.port, for the default public address. */
    private int port = 8080;
    @NotNull
    private ZoneId timeZone = ZoneId.of("Europe/Copenhagen");
    @Valid
    private Media media = new Media();
    @Valid
    private ContentPack contentPack = new ContentPack();
    @Valid
    private Security security = new Security();
    /**
     * SIGNAGE_FOUR_EYES: an approver may not approve a message they created or last edited.
     * On unless switched off (SIGNAGE_FOUR_EYES=false), for a one-person institution.
     */
    private boolean fourEyes = true;

    public boolean isFourEyes() {
        return fourEyes;
    }

    public void setFourEyes(boolean fourEyes) {
        this.fourEyes = fourEyes;
    }

    public String getHome() {
        return home;
    }

    public void setHome(String home) {
        this.home = home;
    }

    /** A configured path; relative ones are taken from the installation's home directory. */
    public java.nio.file.Path path(String configured) {
        return java.nio.file.Path.of(home).resolve(configured).toAbsolutePath().normalize();
    }

    /**
     * The address printed in links (set-up, sign-in, feeds). Unset, it follows the port the
     * server listens on, so SIGNAGE_PORT=18081 alone prints links that work (a random test
     * port, -1, gives 8080 as before).
     */
    public String getPublicUrl() {
        if (publicUrl == null || publicUrl.isBlank()) {
            return "http://localhost:" + (port > 0 ? port : 8080);
        }
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Whether the public address was set, rather than made up from the port. */
    public boolean isPublicUrlSet() {
        return publicUrl != null && !publicUrl.isBlank();
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public ZoneId getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(ZoneId timeZone) {
        this.timeZone = timeZone;
    }

    public Media getMedia() {
        return media;
    }

    public void setMedia(Media media) {
        this.media = media;
    }

    public ContentPack getContentPack() {
        return contentPack;
    }

    public void setContentPack(ContentPack contentPack) {
        this.contentPack = contentPack;
    }

    public Security getSecurity() {
        return security;
    }

    public void setSecurity(Security security) {
        this.security = security;
    }

    @ConfigurationProperties("media")
    public static class Media {
        @NotBlank
        private String dir = "var/media";
        @Min(1024)
        private long maxBytes = 50L * 1024 * 1024;
        /** Whether a starting server asks for a media integrity check in the background (README "Media integrity"). */
        private boolean checkAtStartUp = true;

        public boolean isCheckAtStartUp() {
            return checkAtStartUp;
        }

        public void setCheckAtStartUp(boolean checkAtStartUp) {
            this.checkAtStartUp = checkAtStartUp;
        }

        public String getDir() {
            return dir;
        }

        public void setDir(String dir) {
            this.dir = dir;
        }

        public long getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
        }
    }

    @ConfigurationProperties("content-pack")
    public static class ContentPack {
        @NotBlank
        private String dir = "content";
        private boolean importOnFirstStart = true;

        public String getDir() {
            return dir;
        }

        public void setDir(String dir) {
            this.dir = dir;
        }

        public boolean isImportOnFirstStart() {
            return importOnFirstStart;
        }

        public void setImportOnFirstStart(boolean importOnFirstStart) {
            this.importOnFirstStart = importOnFirstStart;
        }
    }

    @ConfigurationProperties("security")
    public static class Security {
        @NotNull
        private Duration setupTokenTtl = Duration.ofHours(1);
        @Valid
        private LoginAttempts loginAttempts = new LoginAttempts();
        /** Comma-separated CIDRs of reverse proxies whose X-Forwarded-For / Forwarded is believed. */
        private String trustedProxies = "";
        /**
         * Who may sign in with a local username and password: {@code everyone}, or only
         * {@code admins} (the break-glass administrator) once staff sign in through their
         * municipality's account.
         */
        @NotNull
        @jakarta.validation.constraints.Pattern(regexp = "everyone|admins", message = "must be everyone or admins")
        private String localSignIn = "everyone";

        public String getLocalSignIn() {
            return localSignIn;
        }

        public void setLocalSignIn(String localSignIn) {
            this.localSignIn = localSignIn;
        }

        /** Local sign-in is kept for administrators only. */
        public boolean localSignInForAdminsOnly() {
            return "admins".equals(localSignIn);
        }

        public String getTrustedProxies() {
            return trustedProxies;
        }

        public void setTrustedProxies(String trustedProxies) {
            this.trustedProxies = trustedProxies == null ? "" : trustedProxies;
        }

        public Duration getSetupTokenTtl() {
            return setupTokenTtl;
        }

        public void setSetupTokenTtl(Duration setupTokenTtl) {
            this.setupTokenTtl = setupTokenTtl;
        }

        public LoginAttempts getLoginAttempts() {
            return loginAttempts;
        }

        public void setLoginAttempts(LoginAttempts loginAttempts) {
            this.loginAttempts = loginAttempts;
        }

        @ConfigurationProperties("login-attempts")
        public static class LoginAttempts {
            @Min(1)
            @Max(1000)
            private int perAccountPerMinute = 5;
            @Min(1)
            @Max(10000)
            private int perAddressPerMinute = 100;

            public int getPerAccountPerMinute() {
                return perAccountPerMinute;
            }

            public void setPerAccountPerMinute(int perAccountPerMinute) {
                this.perAccountPerMinute = perAccountPerMinute;
            }

            public int getPerAddressPerMinute() {
                return perAddressPerMinute;
            }

            public void setPerAddressPerMinute(int perAddressPerMinute) {
                this.perAddressPerMinute = perAddressPerMinute;
            }
        }
    }
}
