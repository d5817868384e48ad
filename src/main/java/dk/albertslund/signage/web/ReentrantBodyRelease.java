package dk.albertslund.signage.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Why a refused JSON body (5,000 levels deep, or cut off) logged a WARN with a stack trace
 * although the answer was a correct 400: when the body arrives before the route asks for it,
 * Micronaut parses it inside its body buffer's completion callback, the parse error becomes
 * the 400 right there, and writing the 400 releases the request, which closes that same body
 * while the buffer is still in the callback. {@code BaseSharedBuffer.subscribe0} asserts it is
 * not re-entered, so with assertions on (-ea, as tests run) the release throws an
 * AssertionError that RoutingInBoundHandler logs as "Failed to build error response"; without
 * them the release goes through. Nothing is lost either way (the answer was already written),
 * so that one event becomes one DEBUG line; every other event of the handler is left alone.
 * Registered in logback.xml and logback-test.xml.
 */
public final class ReentrantBodyRelease extends TurboFilter {

    static final String HANDLER = "io.micronaut.http.server.netty.RoutingInBoundHandler";
    private static final String BUFFER = "io.micronaut.http.body.stream.BaseSharedBuffer";
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReentrantBodyRelease.class);

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t instanceof AssertionError && HANDLER.equals(logger.getName()) && thrownBy(t, BUFFER)) {
            LOG.debug("A refused request body was released while Micronaut was still reading it (assertion in {})", BUFFER);
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean thrownBy(Throwable t, String className) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals(className);
    }
}
