package dk.albertslund.signage.feed;

import io.micronaut.core.annotation.Nullable;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/**
 * Time zone names as calendar tools write them. Outlook and Exchange use Windows names
 * ("Romance Standard Time"); Mozilla prefixes IANA names; some tools quote them. The
 * Windows names are those of CLDR's windowsZones table for the zones a campus in Denmark
 * meets (its own, its neighbours', UTC and the big ones of visiting artists).
 */
final class WindowsZones {

    private static final Map<String, String> WINDOWS = Map.ofEntries(
            Map.entry("Romance Standard Time", "Europe/Paris"),
            Map.entry("W. Europe Standard Time", "Europe/Berlin"),
            Map.entry("Central Europe Standard Time", "Europe/Budapest"),
            Map.entry("Central European Standard Time", "Europe/Warsaw"),
            Map.entry("GMT Standard Time", "Europe/London"),
            Map.entry("Greenwich Standard Time", "Atlantic/Reykjavik"),
            Map.entry("FLE Standard Time", "Europe/Kiev"),
            Map.entry("E. Europe Standard Time", "Europe/Chisinau"),
            Map.entry("GTB Standard Time", "Europe/Bucharest"),
            Map.entry("Russian Standard Time", "Europe/Moscow"),
            Map.entry("UTC", "UTC"),
            Map.entry("Coordinated Universal Time", "UTC"),
            Map.entry("Eastern Standard Time", "America/New_York"),
            Map.entry("Central Standard Time", "America/Chicago"),
            Map.entry("Pacific Standard Time", "America/Los_Angeles"),
            Map.entry("Greenland Standard Time", "America/Godthab"),
            Map.entry("Tokyo Standard Time", "Asia/Tokyo"),
            Map.entry("China Standard Time", "Asia/Shanghai"),
            Map.entry("India Standard Time", "Asia/Calcutta"),
            Map.entry("AUS Eastern Standard Time", "Australia/Sydney"));

    private WindowsZones() {
    }

    /** The zone a TZID means, or null when neither an IANA nor a known Windows name. */
    static @Nullable ZoneId resolve(@Nullable String tzid) {
        if (tzid == null || tzid.isBlank()) {
            return null;
        }
        String name = tzid.strip();
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.startsWith("/mozilla.org/")) {
            name = name.substring(name.indexOf('/', "/mozilla.org/".length()) + 1);
        } else if (name.startsWith("/")) {
            name = name.substring(1);
        }
        String windows = WINDOWS.get(name);
        if (windows != null) {
            return ZoneId.of(windows);
        }
        // Outlook sometimes writes "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris"
        if (name.contains("Copenhagen")) {
            return ZoneId.of("Europe/Copenhagen");
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
