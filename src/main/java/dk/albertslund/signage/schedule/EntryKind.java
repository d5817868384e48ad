package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.StoredValue;

/** Normal content, or an emergency, which alone decides what a screen shows while it is on. */
public enum EntryKind implements StoredValue {
    NORMAL, EMERGENCY;

    @Override
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
