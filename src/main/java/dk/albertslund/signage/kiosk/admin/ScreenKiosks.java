package dk.albertslund.signage.kiosk.admin;

import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.core.ListQuery;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import dk.albertslund.signage.kiosk.DeviceService;
import dk.albertslund.signage.kiosk.HeartbeatService;

/** What a screen's page shows about its kiosks: status, devices (newest first) and its latest heartbeats. */
@Singleton
class ScreenKiosks {

    private static final ListQuery NEWEST_DEVICES = new ListQuery(0, 20, Sort.of(Sort.Order.desc("pairedAt")), Map.of());

    private final ScreenService screens;
    private final DeviceService devices;
    private final HeartbeatService heartbeats;

    ScreenKiosks(ScreenService screens, DeviceService devices, HeartbeatService heartbeats) {
        this.screens = screens;
        this.devices = devices;
        this.heartbeats = heartbeats;
    }

    record Kiosks(ScreenService.View screen, HeartbeatService.Status status, List<DeviceService.View> devices,
                  List<HeartbeatService.LastHeartbeat> heartbeats) {
    }

    @Transactional
    Kiosks of(String slug) {
        Screen screen = screens.require(slug);
        return new Kiosks(screens.get(slug), heartbeats.status(slug), devices.list(slug, NEWEST_DEVICES).getContent(),
                heartbeats.latest(screen.id()));
    }
}
