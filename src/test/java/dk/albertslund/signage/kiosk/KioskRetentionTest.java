package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.scheduler.JobRuns;
import dk.albertslund.signage.scheduler.QuartzScheduler;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.JobKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The nightly retention job also prunes kiosk heartbeats, keeping each device's latest. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskRetentionTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    QuartzScheduler quartz;

    private static Map<String, Object> heartbeat(long uptime) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientVersion", "0.1.1");
        body.put("uptimeSeconds", uptime);
        body.put("recentErrors", List.of());
        return body;
    }

    @Test
    void heartbeats_older_than_thirty_days_are_deleted_except_each_devices_latest() throws Exception {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Stationshallen"));
        for (long uptime : new long[]{100, 200, 300}) {
            assertThat(kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", heartbeat(uptime)).status()).isEqualTo(204);
        }
        // as after months of running: the first two are old, the latest is old too but is the status
        fixtures.rows("""
                UPDATE heartbeat SET received_at = now() - (CASE uptime_seconds WHEN 100 THEN interval '40 days'
                    WHEN 200 THEN interval '35 days' ELSE interval '31 days' END) WHERE device_id = ? RETURNING id""", kiosk.deviceId());
        JobRuns runs = JobRuns.of(quartz, "retention");

        quartz.scheduler().triggerJob(new JobKey("retention", "signage"));
        JobRuns.waitUntil(() -> runs.finished() == 1);

        assertThat(fixtures.rows("SELECT uptime_seconds FROM heartbeat WHERE device_id = ?", kiosk.deviceId()))
                .containsExactly(Map.of("uptime_seconds", 300L));
    }
}
