package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.staff.StaffDirectory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Staff pairing kiosks with screens, and revoking them. */
@Controller("/api/v1/kiosk")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class PairingApiController {

    private final PairingService pairings;
    private final DeviceService devices;
    private final StaffDirectory staff;

    PairingApiController(PairingService pairings, DeviceService devices, StaffDirectory staff) {
        this.pairings = pairings;
        this.devices = devices;
        this.staff = staff;
    }

    @Get("/pairings/by-code/{code}")
    PairingService.Waiting byCode(String code, HttpRequest<?> request, Authentication authentication) {
        return pairings.lookUp(staff.require(authentication), code, KioskApiController.address(request));
    }

    @Post("/pairings/claim")
    PairingService.Claimed claim(@Body PairingService.Claim claim, HttpRequest<?> request, Authentication authentication) {
        return pairings.claim(staff.require(authentication), claim, KioskApiController.address(request));
    }

    @Delete("/devices/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void revoke(long id, Authentication authentication) {
        devices.revoke(staff.require(authentication), id);
    }
}
