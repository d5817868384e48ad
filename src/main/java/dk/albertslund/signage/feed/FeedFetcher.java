package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches a feed from someone else's server without letting the URL reach anything it
 * should not: http and https only, every address checked before connecting (also after
 * each redirect, followed here by hand, at most three), a cap on the bytes read and on the
 * time taken in all, and conditional requests so an unchanged feed costs a 304.
 *
 * <p>The check sits in the HTTP client's own name lookup, the one whose answer it connects
 * to: a name that resolves to a public address when asked first and to a private one when
 * asked again (DNS rebinding) cannot slip past it. The JDK's client looks names up itself
 * and offers no such hook in Java 17, hence Apache HttpClient here.
 */
@Singleton
public class FeedFetcher {

    static final int MAX_REDIRECTS = 3;
    private static final String USER_AGENT = "CampusSignage/1.0 (+event feeds)";

    /** What came back: new bytes, or nothing new since the validators we sent. */
    public sealed interface Fetched {
    }

    public record Body(byte[] bytes, @Nullable String etag, @Nullable String lastModified, URI finalUrl) implements Fetched {
    }

    public record NotModified() implements Fetched {
    }

    /** Why a fetch was refused or failed, in a sentence for the feed's page (its exception message is the English one). */
    public static final class FetchFailed extends Exception {

        private final Message reason;

        FetchFailed(String key, Object... args) {
            this(Message.of(key, args));
        }

        FetchFailed(Message reason) {
            super(reason.english(), null, false, false);
            this.reason = reason;
        }

        public Message reason() {
            return reason;
        }
    }

    /** How names become addresses: the system's resolver, or in a test one that changes its answer. */
    interface NameLookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final FeedSettings settings;
    private final NameLookup names;
    private final Set<InetAddress> allowed = new HashSet<>();
    private final CloseableHttpClient client;
    // closes the body stream of a fetch that outlives its total time
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feed-fetch-watchdog");
        t.setDaemon(true);
        return t;
    });

    @Inject
    FeedFetcher(FeedSettings settings) {
        this(settings, InetAddress::getAllByName);
    }

    FeedFetcher(FeedSettings settings, NameLookup names) {
        this.settings = settings;
        this.names = names;
        for (String address : settings.getAllowedAddresses()) {
            try {
                allowed.add(InetAddress.getByName(literal(address.strip())));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("signage.feeds.allowed-addresses: '" + address + "' is not an IP address");
            }
        }
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedNames())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.getConnectTimeout())).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    @PreDestroy
    void stop() throws IOException {
        watchdog.shutdownNow();
        client.close();
    }

    /** A name the client may connect to: looked up once, and refused unless every address passes. */
    private final class CheckedNames implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = names.addresses(literal(host));
            Message refusal = refusal(host, addresses);
            if (refusal != null) {
                throw new RefusedAddress(refusal);
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }

    /** Thrown from the client's lookup; {@code refusal} is the sentence for the feed's page. */
    private static final class RefusedAddress extends UnknownHostException {

        private final transient Message refusal;

        RefusedAddress(Message refusal) {
            super(refusal.english());
            this.refusal = refusal;
        }
    }

    /** One request and its answer; {@link #abort} drops the connection rather than reading the rest. */
    private record Exchange(HttpGet request, ClassicHttpResponse response) {

        int status() {
            return response.getCode();
        }

        @Nullable
        String header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        void abort() {
            request.cancel();
            try {
                response.close();
            } catch (IOException ignored) {
                // the connection is gone either way
            }
        }
    }

    /**
     * What is fetched: the message keys of the sentences a failure gives, what the request
     * accepts, and its caps (null: the event feeds' settings).
     */
    private record Kind(String tooLarge, String tooSlow, String accept, @Nullable Long maxBytes, @Nullable Duration totalTimeout) {
    }

    /**
     * The caps of a fetch for another feature (the departures' timetable zip is far larger
     * than an event feed); everything else, above all the address rules, is the same.
     */
    public record Limits(long maxBytes, Duration totalTimeout, String accept) {
    }

    private static final Kind FEED = new Kind("feed.fetch.tooLarge", "feed.fetch.tooSlow",
            "text/calendar, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5", null, null);
    private static final Kind IMAGE = new Kind("feed.image.tooLarge", "feed.image.tooSlow",
            "image/png, image/jpeg, image/webp;q=0.9, image/*;q=0.5", null, null);

    /** Fetches {@code url}, sending the validators of the last good fetch if there are any. */
    public Fetched fetch(String url, @Nullable String etag, @Nullable String lastModified) throws FetchFailed {
        return fetch(FEED, url, etag, lastModified);
    }

    /** Fetches {@code url} under the same address rules as event feeds, with the caller's caps. */
    public Fetched fetch(String url, @Nullable String etag, @Nullable String lastModified, Limits limits) throws FetchFailed {
        return fetch(new Kind("feed.fetch.tooLarge", "feed.fetch.tooSlow", limits.accept(), limits.maxBytes(),
                limits.totalTimeout()), url, etag, lastModified);
    }

    /** Fetches an event's image under the same rules and the same cap as a feed; what it is, the caller checks. */
    public Body fetchImage(String url) throws FetchFailed {
        if (fetch(IMAGE, url, null, null) instanceof Body body) {
            return body;
        }
        // asked without validators, a 304 says nothing we can use
        throw new FetchFailed("feed.fetch.status", parse(url).getHost(), 304);
    }

    private Fetched fetch(Kind kind, String url, @Nullable String etag, @Nullable String lastModified) throws FetchFailed {
        Instant deadline = Instant.now().plus(totalTimeout(kind));
        URI target = parse(url);
        for (int redirects = 0; ; redirects++) {
            // refused here with the clearest sentence; the client's lookup checks again, for what it connects to
            check(target);
            Exchange exchange = send(kind, target, etag, lastModified, deadline);
            int status = exchange.status();
            if (status >= 300 && status < 400 && status != 304) {
                exchange.abort();
                String location = exchange.header("Location");
                if (location == null) {
                    throw new FetchFailed("feed.fetch.redirectNowhere", target.getHost(), status);
                }
                if (redirects == MAX_REDIRECTS) {
                    throw new FetchFailed("feed.fetch.redirects", MAX_REDIRECTS, location);
                }
                target = parse(target.resolve(location.strip()).toString());
                continue;
            }
            if (status == 304) {
                exchange.abort();
                return new NotModified();
            }
            if (status < 200 || status >= 300) {
                exchange.abort();
                throw new FetchFailed("feed.fetch.status", target.getHost(), status);
            }
            byte[] bytes = read(kind, exchange, deadline, target);
            return new Body(bytes, exchange.header("ETag"), exchange.header("Last-Modified"), target);
        }
    }

    private static URI parse(String url) throws FetchFailed {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new FetchFailed("feed.fetch.notAUrl", url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchFailed("feed.fetch.scheme", scheme.isEmpty() ? "'" + url + "'" : scheme + ":");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new FetchFailed("feed.fetch.noServer", url);
        }
        return uri;
    }

    /** Every address the host resolves to must be public, or allowed by configuration. */
    private void check(URI target) throws FetchFailed {
        InetAddress[] addresses;
        try {
            addresses = names.addresses(literal(target.getHost()));
        } catch (UnknownHostException e) {
            throw new FetchFailed("feed.fetch.unknownHost", target.getHost());
        }
        Message refusal = refusal(target.getHost(), addresses);
        if (refusal != null) {
            throw new FetchFailed(refusal);
        }
    }

    private @Nullable Message refusal(String host, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            String kind = refusedKind(address);
            if (kind != null && !allowed.contains(address)) {
                String key = switch (kind) {
                    case "loopback" -> "feed.fetch.refusedLoopback";
                    case "wildcard" -> "feed.fetch.refusedWildcard";
                    case "link-local" -> "feed.fetch.refusedLinkLocal";
                    case "multicast" -> "feed.fetch.refusedMulticast";
                    default -> "feed.fetch.refusedPrivate";
                };
                return Message.of(key, host, address.getHostAddress());
            }
        }
        return null;
    }

    /** Why an address is not fetched from, or null when it is public. */
    static @Nullable String refusedKind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "wildcard";
        }
        if (b.length == 16) {
            String v6 = refusedV6(b);
            if (v6 != null) {
                return v6;
            }
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress() || b.length == 16 && (b[0] & 0xfe) == 0xfc) {
            return "private";
        }
        if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "private"; // carrier-grade NAT, 100.64.0.0/10
        }
        if (b.length == 4 && b[0] == 0) {
            return "wildcard"; // 0.0.0.0/8 reaches this machine on some systems
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        return null;
    }

    /**
     * The IPv6 forms the JDK's predicates miss, each of which can reach an IPv4 address or a
     * network that is not the public internet: the IPv4-compatible ::a.b.c.d (the JDK keeps
     * it IPv6, so ::127.0.0.1 is not "loopback" to it), IPv4-mapped, 6to4 and NAT64 with a
     * refused IPv4 inside, Teredo, and the documentation range.
     */
    private static @Nullable String refusedV6(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix && (b[10] == 0 && b[11] == 0 || b[10] == (byte) 0xff && b[11] == (byte) 0xff)) {
            // ::/96 (unspecified, ::1, IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped): none is fetched from
            String inner = refusedKind(v4(b, 12));
            return inner != null ? inner : "private";
        }
        int first = (b[0] & 0xff) << 8 | (b[1] & 0xff);
        int second = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        if (first == 0x2002) {
            return refusedKind(v4(b, 2)); // 6to4 carries its IPv4 address in bits 16-47
        }
        if (first == 0x0064 && second == 0xff9b) {
            boolean wellKnown = true; // 64:ff9b::/96; the local-use 64:ff9b:1::/48 is not public either
            for (int i = 4; i < 12; i++) {
                wellKnown &= b[i] == 0;
            }
            String inner = refusedKind(v4(b, 12));
            return !wellKnown ? "private" : inner;
        }
        if (first == 0x2001 && second == 0x0000) {
            return "private"; // Teredo tunnels to an address it does not show
        }
        if (first == 0x2001 && second == 0x0db8) {
            return "private"; // documentation
        }
        if ((b[0] & 0xff) == 0xff) {
            return "multicast";
        }
        if ((b[0] & 0xfe) == 0xfc || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "private"; // unique-local fc00::/7, site-local fec0::/10
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "link-local";
        }
        return null;
    }

    private static InetAddress v4(byte[] b, int from) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static String literal(String host) {
        // URI keeps the brackets of an IPv6 literal
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private Exchange send(Kind kind, URI target, @Nullable String etag, @Nullable String lastModified, Instant deadline)
            throws FetchFailed {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw timedOut(kind);
        }
        HttpGet request = new HttpGet(target);
        request.setHeader("User-Agent", USER_AGENT);
        request.setHeader("Accept", kind.accept());
        if (etag != null) {
            request.setHeader("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.setHeader("If-Modified-Since", lastModified);
        }
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(left)).build());
        try {
            return new Exchange(request, client.executeOpen(null, request, null));
        } catch (RefusedAddress e) {
            throw new FetchFailed(e.refusal);
        } catch (UnknownHostException e) {
            throw new FetchFailed("feed.fetch.unknownHost", target.getHost());
        } catch (ConnectTimeoutException e) {
            throw new FetchFailed("feed.fetch.connectTimeout", target.getHost(), seconds(settings.getConnectTimeout()));
        } catch (SocketTimeoutException e) {
            throw timedOut(kind);
        } catch (IOException e) {
            throw new FetchFailed("feed.fetch.failed", target.getHost(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private byte[] read(Kind kind, Exchange exchange, Instant deadline, URI target) throws FetchFailed {
        AtomicBoolean late = new AtomicBoolean();
        long wait = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        ScheduledFuture<?> cutOff = watchdog.schedule(() -> {
            late.set(true);
            exchange.abort();
        }, wait, TimeUnit.MILLISECONDS);
        try {
            if (exchange.response().getEntity() == null) {
                return new byte[0];
            }
            InputStream body = exchange.response().getEntity().getContent();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long max = kind.maxBytes() != null ? kind.maxBytes() : settings.getMaxBytes();
            int n;
            while ((n = body.read(buffer)) != -1) {
                if (out.size() + (long) n > max) {
                    // stop reading: the rest is never downloaded
                    throw new FetchFailed(kind.tooLarge(), target.getHost(), megabytes(max));
                }
                out.write(buffer, 0, n);
            }
            if (late.get()) {
                throw timedOut(kind);
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (late.get()) {
                throw timedOut(kind);
            }
            throw new FetchFailed("feed.fetch.readFailed", target.getHost(), e.getMessage());
        } finally {
            cutOff.cancel(false);
            exchange.abort();
        }
    }

    private FetchFailed timedOut(Kind kind) {
        return new FetchFailed(kind.tooSlow(), seconds(totalTimeout(kind)));
    }

    private Duration totalTimeout(Kind kind) {
        return kind.totalTimeout() != null ? kind.totalTimeout() : settings.getTotalTimeout();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
