package dk.albertslund.signage.kiosk;

/**
 * Published when a device is revoked (by an admin, or by pairing another kiosk to its
 * screen), after the change is committed. The authenticator forgets the device; an open
 * event stream can close.
 */
public record DeviceRevoked(long deviceId) {
}
