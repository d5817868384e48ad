package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.StoredValue;

/** What a schedule entry is aimed at: one screen, a screen group, or every screen. */
public enum TargetKind implements StoredValue {
    SCREEN, GROUP, ALL;

    @Override
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
