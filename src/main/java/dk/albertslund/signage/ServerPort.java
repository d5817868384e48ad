package dk.albertslund.signage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * Is the port the server will listen on free? Asked before the embedded database starts,
 * so a second start on a busy port ends with one sentence instead of a stack trace after
 * a new database was already made (README "Run it").
 */
final class ServerPort {

    private ServerPort() {
    }

    /** The sentence to stop with when the port is taken; empty when it is free (or chosen at random). */
    static Optional<String> busy() {
        String portText = setting("micronaut.server.port", "MICRONAUT_SERVER_PORT",
                setting("signage.port", "SIGNAGE_PORT", "8080"));
        String host = setting("micronaut.server.host", "MICRONAUT_SERVER_HOST", setting("signage.host", "SIGNAGE_HOST", "0.0.0.0"));
        int port;
        try {
            port = Integer.parseInt(portText.strip());
        } catch (NumberFormatException e) {
            return Optional.of("SIGNAGE_PORT must be a port number (1–65535), not '" + portText + "'; nothing was started.");
        }
        if (port <= 0) {
            return Optional.empty();
        }
        if (port > 65535) {
            return Optional.of("SIGNAGE_PORT must be a port number (1–65535), not " + port + "; nothing was started.");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Port " + port + " is already in use (is Campus Signage already running?): stop that program"
                    + " or start this one on another port, e.g. SIGNAGE_PORT=" + (port == 65535 ? 8081 : port + 1)
                    + "; nothing was started.");
        }
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
