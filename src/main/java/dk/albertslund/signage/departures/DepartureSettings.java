package dk.albertslund.signage.departures;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code signage.departures}: where the station's next trains come from (README "Departures
 * at the station"). How often they are fetched is each job's schedule setting,
 * {@code signage.jobs.departures-timetable.schedule} and
 * {@code signage.jobs.departures-realtime.schedule}; fetches follow the event feeds' address
 * rules ({@code signage.feeds.allowed-addresses}).
 */
@ConfigurationProperties("signage.departures")
public class DepartureSettings {

    private boolean enabled = true;
    private String stopId = "8600617";
    /**
     * Empty until set: a first start (a newcomer's laptop, a test machine without internet)
     * neither downloads a country's timetable nor warns that it could not; README names
     * Rejseplanen Labs' GTFS.zip as the one to set.
     */
    private String timetableUrl = "";
    private String realtimeUrl = "";
    private Duration staleAfter = Duration.ofMinutes(2);
    private int count = 6;
    private Duration kioskPoll = Duration.ofSeconds(20);
    private long timetableMaxBytes = 300L * 1024 * 1024;
    private long realtimeMaxBytes = 20L * 1024 * 1024;
    private Duration totalTimeout = Duration.ofMinutes(2);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getStopId() {
        return stopId;
    }

    public void setStopId(String stopId) {
        if (stopId == null || stopId.isBlank()) {
            throw new IllegalArgumentException("signage.departures.stop-id must name a stop of the timetable (stops.txt stop_id)");
        }
        this.stopId = stopId.strip();
    }

    public String getTimetableUrl() {
        return timetableUrl;
    }

    public void setTimetableUrl(String timetableUrl) {
        this.timetableUrl = timetableUrl == null ? "" : timetableUrl.strip();
    }

    /** Empty: no realtime, every departure is shown as planned. */
    public String getRealtimeUrl() {
        return realtimeUrl;
    }

    public void setRealtimeUrl(String realtimeUrl) {
        this.realtimeUrl = realtimeUrl == null ? "" : realtimeUrl.strip();
    }

    public Duration getStaleAfter() {
        return staleAfter;
    }

    public void setStaleAfter(Duration staleAfter) {
        this.staleAfter = positive("stale-after", staleAfter);
    }

    public int getCount() {
        return count;
    }

    public void setCount(int count) {
        if (count < 1 || count > 20) {
            throw new IllegalArgumentException("signage.departures.count must be between 1 and 20 (is " + count + ")");
        }
        this.count = count;
    }

    public Duration getKioskPoll() {
        return kioskPoll;
    }

    public void setKioskPoll(Duration kioskPoll) {
        this.kioskPoll = positive("kiosk-poll", kioskPoll);
    }

    public long getTimetableMaxBytes() {
        return timetableMaxBytes;
    }

    public void setTimetableMaxBytes(long timetableMaxBytes) {
        this.timetableMaxBytes = timetableMaxBytes;
    }

    public long getRealtimeMaxBytes() {
        return realtimeMaxBytes;
    }

    public void setRealtimeMaxBytes(long realtimeMaxBytes) {
        this.realtimeMaxBytes = realtimeMaxBytes;
    }

    public Duration getTotalTimeout() {
        return totalTimeout;
    }

    public void setTotalTimeout(Duration totalTimeout) {
        this.totalTimeout = positive("total-timeout", totalTimeout);
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("signage.departures." + name + " must be longer than zero");
        }
        return value;
    }
}
