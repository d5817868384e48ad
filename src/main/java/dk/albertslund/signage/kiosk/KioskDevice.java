package dk.albertslund.signage.kiosk;

/** A kiosk as its device token proves it: which device, paired to which screen. */
public record KioskDevice(long id, long screenId, String screenSlug) {
}
