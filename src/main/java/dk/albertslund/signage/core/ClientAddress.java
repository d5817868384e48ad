package dk.albertslund.signage.core;

import dk.albertslund.signage.config.SignageConfiguration;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The address a request comes from, as throttles and records know a client (sign-in
 * attempts, pairing requests, guessed pairing codes): the one place that reads it. Behind a reverse proxy every request
 * comes from the proxy, so all staff and all kiosks would share one address; the forwarding headers
 * name the real client, but anyone can send them, so they are believed only when the
 * direct peer is a configured trusted proxy (SIGNAGE_TRUSTED_PROXIES, see README's
 * configuration table). The header is read from the right, skipping further trusted
 * proxies: the first untrusted hop is the client, entries left of it could be forged.
 */
@Singleton
public class ClientAddress {

    private record Cidr(byte[] network, int bits) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int shift = a.length * 8 - bits;
            return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }

    private final List<Cidr> trusted = new ArrayList<>();

    ClientAddress(SignageConfiguration configuration) {
        for (String entry : configuration.getSecurity().getTrustedProxies().split(",")) {
            String cidr = entry.strip();
            if (cidr.isEmpty()) {
                continue;
            }
            String[] parts = cidr.split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("signage.security.trusted-proxies: not an IP address: " + cidr);
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("signage.security.trusted-proxies: bad prefix length: " + cidr);
            }
            trusted.add(new Cidr(network, bits));
        }
    }

    public String of(HttpRequest<?> request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = forwardedFor(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] raw = literal(hops.get(i));
            if (raw == null) {
                // unparseable (e.g. "unknown" or an obfuscated name): nothing further left is trustworthy
                break;
            }
            InetAddress hop = address(raw);
            if (!isTrusted(hop)) {
                return hop.getHostAddress();
            }
        }
        return peer.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }

    /** The hops the proxies appended, left to right; Forwarded (RFC 7239) wins over X-Forwarded-For. */
    private static List<String> forwardedFor(HttpRequest<?> request) {
        List<String> hops = new ArrayList<>();
        List<String> forwarded = request.getHeaders().getAll("Forwarded");
        if (!forwarded.isEmpty()) {
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    for (String pair : element.split(";")) {
                        String[] kv = pair.strip().split("=", 2);
                        if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
                            hops.add(node(kv[1].strip()));
                        }
                    }
                }
            }
            return hops;
        }
        for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** An RFC 7239 node without quotes, brackets or port. */
    private static String node(String value) {
        String v = value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2 ? value.substring(1, value.length() - 1) : value;
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            return end > 0 ? v.substring(1, end) : v;
        }
        int colon = v.indexOf(':');
        return colon >= 0 && v.indexOf(':', colon + 1) < 0 ? v.substring(0, colon) : v;
    }

    /** The bytes of an IP literal, or null: never a DNS lookup. */
    private static byte[] literal(String text) {
        String s = text.strip();
        boolean ipv4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = s.contains(":") && s.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
