package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.StoredValue;
import dk.albertslund.signage.core.StoredValueColumn;
import jakarta.inject.Singleton;

/** Where a feed's items come from: a calendar at an address, an uploaded calendar file, or a news feed. */
public enum FeedKind implements StoredValue {
    ICS_URL("ics-url"), ICS_FILE("ics-file"), RSS_URL("rss-url");

    private final String value;

    FeedKind(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    /** Calendars have events with times; news feeds only have items. */
    public boolean isCalendar() {
        return this != RSS_URL;
    }

    /** How the kind is kept in its column. */
    @Singleton
    static final class Column extends StoredValueColumn<FeedKind> {
        Column() {
            super(FeedKind.class);
        }
    }
}
