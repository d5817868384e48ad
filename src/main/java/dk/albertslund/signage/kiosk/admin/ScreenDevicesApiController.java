package dk.albertslund.signage.kiosk.admin;

import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.PageResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import dk.albertslund.signage.kiosk.DeviceService;
import dk.albertslund.signage.kiosk.HeartbeatService;

/** A screen's kiosks and whether it is online, for every staff member. */
@Controller("/api/v1/screens/{slug}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ScreenDevicesApiController {

    private final DeviceService devices;
    private final HeartbeatService heartbeats;

    ScreenDevicesApiController(DeviceService devices, HeartbeatService heartbeats) {
        this.devices = devices;
        this.heartbeats = heartbeats;
    }

    @Get("/devices")
    PageResponse<DeviceService.View> devices(String slug, HttpRequest<?> request) {
        return PageResponse.of(devices.list(slug, ListQuery.parse(request.getParameters(), DeviceService.LIST)), v -> v);
    }

    @Get("/status")
    HeartbeatService.Status status(String slug) {
        return heartbeats.status(slug);
    }
}
