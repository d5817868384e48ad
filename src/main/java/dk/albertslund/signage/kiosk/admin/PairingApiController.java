package dk.albertslund.signage.kiosk.admin;

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
import dk.albertslund.signage.kiosk.PairingService;
import dk.albertslund.signage.core.ClientAddress;

/** Staff pairing kiosks with screens, and revoking them. */
@Controller("/api/v1/kiosk")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class PairingApiController {

    private final KioskAdmin admin;
    private final StaffDirectory staff;
    private final ClientAddress addresses;

    PairingApiController(KioskAdmin admin, StaffDirectory staff, ClientAddress addresses) {
        this.admin = admin;
        this.addresses = addresses;
        this.staff = staff;
    }

    @Get("/pairings/by-code/{code}")
    PairingService.Waiting byCode(String code, HttpRequest<?> request, Authentication authentication) {
        return admin.lookUp(staff.require(authentication), code, addresses.of(request));
    }

    @Post("/pairings/claim")
    PairingService.Claimed claim(@Body PairingService.Claim claim, HttpRequest<?> request, Authentication authentication) {
        return admin.claim(staff.require(authentication), claim, addresses.of(request));
    }

    @Delete("/devices/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void revoke(long id, Authentication authentication) {
        admin.revoke(staff.require(authentication), id);
    }
}
