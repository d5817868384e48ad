package dk.albertslund.signage.dashboard;

import dk.albertslund.signage.departures.Departures;
import dk.albertslund.signage.core.Message;
import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.kiosk.Manifest;
import dk.albertslund.signage.kiosk.Manifests;
import dk.albertslund.signage.media.FileProblem;
import dk.albertslund.signage.media.MediaCheckRequests;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.screen.ScreenOverview;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The landing page after sign-in: every screen, whether it is on and since when, what it
 * plays now and when that changes (from the manifest its kiosk gets), a small preview
 * drawn by the kiosk's own renderer, and the work waiting: announcements to approve
 * (approvers) and those leaving the screens within a week; and media files kiosks are not
 * sent because they are missing or corrupt, with what the screens show instead.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class DashboardController {

    static final String VIEW = "dashboard/dashboard";
    static final String VIEW_PATH = "/admin/dashboard";
    static final Duration EXPIRING_WITHIN = Duration.ofDays(7);

    private final ScreenOverview screens;
    private final ScreenService screenService;
    private final Manifests manifests;
    private final DashboardQueries queries;
    private final StaffDirectory staff;
    private final CampusTime dates;
    private final Clock clock;
    private final JsonMapper json;
    private final MediaCheckRequests mediaChecks;
    private final Departures departures;

    DashboardController(ScreenOverview screens, ScreenService screenService, Manifests manifests, DashboardQueries queries,
                        StaffDirectory staff, CampusTime dates, Clock clock, JsonMapper json, MediaCheckRequests mediaChecks,
                        Departures departures) {
        this.departures = departures;
        this.json = json;
        this.mediaChecks = mediaChecks;
        this.screens = screens;
        this.screenService = screenService;
        this.manifests = manifests;
        this.queries = queries;
        this.staff = staff;
        this.dates = dates;
        this.clock = clock;
    }

    public record DashboardPage(List<ScreenCard> screens, boolean approver, long waitingForApproval, List<ExpiringLine> expiring,
                                List<MediaLine> mediaProblems, boolean mayCheckMedia, @Nullable DeparturesLine departures) {
    }

    /**
     * How the station's next trains are doing (README "Departures at the station"); null when
     * they are switched off. Times are written for the reader; problems are message keys.
     */
    public record DeparturesLine(String stop, @Nullable String timetableFetched, @Nullable String timetableChecked,
                                 int stopTimes, @Nullable Message timetableProblem, boolean realtimeConfigured,
                                 @Nullable String realtimeAt, boolean realtimeFresh, @Nullable Message realtimeProblem) {
    }

    /**
     * A media file kiosks are not sent because it is missing or corrupt: its name, since
     * when, and what each message using it shows instead on which screens.
     */
    public record MediaLine(String sha256, String name, String url, boolean missing, @Nullable String since,
                            List<MediaUse> messages) {
    }

    /** A message using a broken file; the screen names are joined for one sentence each, null when none. */
    public record MediaUse(String slug, String title, @Nullable String textOnlyOn, @Nullable String leftOutOn) {
    }

    /** One screen: status, the titles it plays now, the next change, and what the preview needs to size itself. */
    public record ScreenCard(String slug, String name, String location, boolean online, @Nullable String since,
                             boolean emergency, List<String> playing, @Nullable String nextChange, int width, int height) {
    }

    public record ExpiringLine(String slug, String title, String institution, String until) {
    }

    @Get
    ModelAndView<Map<String, Object>> dashboard(Authentication authentication, HttpRequest<?> request) {
        Staff viewer = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        List<ScreenCard> cards = screens.all().stream().map(row -> {
            Manifest manifest = read(manifests.current(row.id()));
            return new ScreenCard(row.slug(), row.name(), row.location(), row.online(), dates.dateTime(row.since(), lang),
                    manifest.emergency(), manifest.slides().stream().map(Manifest.Slide::title).distinct().toList(),
                    dates.dateTime(manifest.nextChangeAt(), lang), row.width(), row.height());
        }).toList();
        Instant now = clock.instant();
        List<ExpiringLine> expiring = queries.expiring(now, now.plus(EXPIRING_WITHIN)).stream()
                .map(e -> new ExpiringLine(e.slug(), e.title(), e.institution(), dates.dateTime(e.until(), lang))).toList();
        List<MediaLine> media = queries.mediaProblems(now, now.plus(EXPIRING_WITHIN)).stream()
                .map(p -> mediaLine(p, lang)).toList();
        return Pages.page(VIEW, new DashboardPage(cards, viewer.canApprove(), viewer.canApprove() ? queries.waitingForApproval() : 0,
                expiring, media, viewer.isAdmin(), departuresLine(now, lang)));
    }

    private @Nullable DeparturesLine departuresLine(Instant now, String lang) {
        Departures.Status s = departures.status(now);
        if (!s.enabled()) {
            return null;
        }
        return new DeparturesLine(s.stopName() == null ? s.stopId() : s.stopName() + " (" + s.stopId() + ")",
                dates.dateTime(s.timetableFetchedAt(), lang), dates.dateTime(s.timetableCheckedAt(), lang), s.stopTimes(),
                s.timetableProblem(), s.realtimeConfigured(), dates.dateTime(s.realtimeAt(), lang), s.realtimeFresh(),
                s.realtimeProblem());
    }

    private MediaLine mediaLine(DashboardQueries.MediaProblem problem, String lang) {
        Media file = problem.file();
        List<MediaUse> uses = problem.messages().stream()
                .map(m -> new MediaUse(m.slug(), m.title(), joined(m.textOnlyOn()), joined(m.leftOutOn()))).toList();
        return new MediaLine(file.sha256(), file.originalName() == null ? file.sha256().substring(0, 12) + "." + file.extension()
                : file.originalName(), file.url(), file.fileProblem() == FileProblem.MISSING,
                dates.dateTime(file.fileProblemSince(), lang), uses);
    }

    private static String joined(List<String> names) {
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** An administrator has put files back: the media files are checked now, in the background. */
    @Post(value = "/media-checks", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> checkMedia(@Body CsrfForm.TokenOnly form, Authentication authentication) {
        mediaChecks.requestNow(staff.require(authentication));
        return Pages.seeOther(VIEW_PATH + "?notice=mediaCheck");
    }

    /**
     * What a screen plays now, as its kiosk receives it, for the preview on the dashboard.
     * Read-only; the manifest is the one built for the kiosk, so the preview shows what the
     * screen shows.
     */
    @Get("/screens/{slug}/now")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> now(@PathVariable String slug, Authentication authentication) {
        staff.require(authentication);
        return HttpResponse.ok(manifests.current(screenService.require(slug).id()).body()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private Manifest read(Manifests.Built built) {
        try {
            return json.readValue(built.body(), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
