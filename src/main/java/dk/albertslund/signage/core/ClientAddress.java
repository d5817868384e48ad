package dk.albertslund.signage.core;

import io.micronaut.http.HttpRequest;

/**
 * The address a request comes from, as throttles and records know a client (sign-in
 * attempts, pairing requests, guessed codes). The one place that reads it.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
