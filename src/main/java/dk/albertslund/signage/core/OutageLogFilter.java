package dk.albertslund.signage.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps the log to one line per database outage ({@link DatabaseStatus} writes it):
 * Quartz logs an ERROR with a stack trace every time its threads cannot reach their
 * tables, every few seconds for as long as the outage lasts. Those, and only those, are
 * dropped; any other Quartz error still reaches the log (docs/OPERATIONS.md).
 */
public final class OutageLogFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !logger.getName().startsWith("org.quartz") || level == null || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        Throwable failure = t;
        if (failure == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            failure = last;
        }
        return failure != null && DatabaseStatus.isOutage(failure) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
