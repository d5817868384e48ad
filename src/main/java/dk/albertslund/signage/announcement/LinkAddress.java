package dk.albertslund.signage.announcement;

import dk.albertslund.signage.core.FieldErrors;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one check of a message's link, for the API, the editor and the content pack alike
 * (docs/LINKS.md). A passer-by's phone opens it straight from a QR code on a public screen,
 * so only an ordinary web address gets through: https or http, absolute, naming a web site,
 * with no user name or password in it (an address that carries a password hands it to
 * everyone who scans), and short enough to be read and approved as a whole.
 */
public final class LinkAddress {

    public static final int MAX_LENGTH = 500;
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Set<String> WEB = Set.of("https", "http");

    private LinkAddress() {
    }

    /**
     * The address as it will be stored, or null when none is given (blank means none). Each
     * thing wrong with it is added to {@code errors} under {@code field}, the first only: an
     * address that is not a web address at all needs no further reasons.
     */
    @Nullable
    public static String check(FieldErrors errors, String field, @Nullable String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String address = given.strip();
        if (address.length() > MAX_LENGTH) {
            errors.add(field, "announcement.link.tooLong", MAX_LENGTH);
            return null;
        }
        if (address.codePoints().anyMatch(c -> Character.isWhitespace(c) || AnnouncementService.hidden(c))) {
            errors.add(field, "announcement.link.form");
            return null;
        }
        // the scheme first: javascript: or data: is refused as what it is, whatever follows it
        Matcher scheme = SCHEME.matcher(address);
        if (!scheme.find() || !WEB.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
            errors.add(field, "announcement.link.scheme");
            return null;
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            errors.add(field, "announcement.link.form");
            return null;
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            errors.add(field, "announcement.link.credentials");
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isBlank() || !uri.getHost().contains(".") && !uri.getHost().equals("localhost")) {
            errors.add(field, "announcement.link.host");
            return null;
        }
        return address;
    }
}
