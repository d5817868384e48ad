package dk.albertslund.signage.kiosk.admin;

import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.kiosk.DeviceService;
import dk.albertslund.signage.kiosk.PairingService;
import dk.albertslund.signage.staff.Staff;
import jakarta.inject.Singleton;

/**
 * What staff do with kiosks, and who may: administrators look up a waiting kiosk's code,
 * claim it for a screen and revoke devices. The kiosk feature's device side does the work
 * and never sees a staff member, only the name it records (docs/ARCHITECTURE.md).
 */
@Singleton
public class KioskAdmin {

    private final PairingService pairings;
    private final DeviceService devices;

    KioskAdmin(PairingService pairings, DeviceService devices) {
        this.pairings = pairings;
        this.devices = devices;
    }

    /** The waiting kiosk behind a code, for an admin to check before claiming it. */
    public PairingService.Waiting lookUp(Staff actor, String code, String address) {
        requireAdmin(actor, "kiosk.forbidden.pair");
        return pairings.lookUp(code, address);
    }

    /** Claims a code for a screen; a device already active on that screen is revoked. */
    public PairingService.Claimed claim(Staff actor, PairingService.Claim claim, String address) {
        requireAdmin(actor, "kiosk.forbidden.pair");
        return pairings.claim(actor.username(), claim, address);
    }

    /** Revokes a device: its next call is refused with 401. Revoking twice changes nothing. */
    public DeviceService.View revoke(Staff actor, long id) {
        requireAdmin(actor, "kiosk.forbidden.revoke");
        return devices.revoke(actor.username(), id);
    }

    private static void requireAdmin(Staff actor, String refusal) {
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden(refusal);
        }
    }
}
