package dk.albertslund.signage.kiosk.admin;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.screen.ScreenAirtime;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.web.Messages;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.util.List;
import java.util.Map;
import dk.albertslund.signage.kiosk.PairingService;
import dk.albertslund.signage.kiosk.DeviceService;
import dk.albertslund.signage.core.ClientAddress;

/**
 * A screen's page (its kiosks and their heartbeats, for every staff member; revoking for
 * admins) and pairing a kiosk by the code it shows: the admin types the code, sees which
 * device asked for it (user agent, address, time) and confirms the screen. Everything a
 * device sent is shown escaped, as text.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class KioskPagesController {

    static final String SCREEN_VIEW = "screens/screen";
    static final String PAIRING_VIEW = "screens/pairing";
    private static final ListQuery EVERY_SCREEN = new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc("name")), Map.of());

    private final ClientAddress addresses;
    private final ScreenKiosks kiosks;
    private final KioskAdmin admin;
    private final ScreenService screens;
    private final StaffDirectory staff;
    private final CampusTime dates;
    private final Messages messages;
    private final ScreenAirtime airtime;

    KioskPagesController(ScreenKiosks kiosks, KioskAdmin admin, ScreenService screens,
                         StaffDirectory staff, CampusTime dates, Messages messages, ClientAddress addresses,
                         ScreenAirtime airtime) {
        this.airtime = airtime;
        this.addresses = addresses;
        this.messages = messages;
        this.kiosks = kiosks;
        this.admin = admin;
        this.screens = screens;
        this.staff = staff;
        this.dates = dates;
    }

    /** {@code airtime}: "Skolerne 40 % · Biblioteket 20 %" when shares apply (docs/ARCHITECTURE.md, "Fair airtime"), from {@code airtimeGroup} if set. */
    public record ScreenPage(boolean admin, ScreenService.View screen, boolean online, @Nullable String since,
                             List<DeviceLine> devices, List<HeartbeatLine> heartbeats, @Nullable String airtime,
                             @Nullable String airtimeGroup) {
    }

    public record DeviceLine(long id, String userAgent, String address, String pairedAt, String pairedBy,
                             @Nullable String lastSeenAt, boolean revoked, @Nullable String revokedAt) {
    }

    public record HeartbeatLine(String receivedAt, long device, @Nullable String clientVersion, @Nullable Long uptimeSeconds,
                                @Nullable String currentSlideId, @Nullable Long clockOffsetMs, List<String> recentErrors) {
    }

    /** The pairing page: first the code; once looked up, the device to confirm ({@code waiting}). */
    public record PairingPage(@Nullable String code, @Nullable Waiting waiting, List<Option> screens,
                              @Nullable Message codeError, @Nullable String screenError) {
    }

    public record Waiting(String code, String userAgent, String address, String requestedAt, String expiresAt) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    @Serdeable
    record PairingForm(@Nullable String code, @Nullable String screen, @Nullable String csrfToken) implements CsrfForm {
    }

    @Get("/screens/{slug}")
    ModelAndView<Map<String, Object>> screen(@PathVariable String slug, Authentication authentication, HttpRequest<?> request) {
        Staff viewer = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        ScreenKiosks.Kiosks found = kiosks.of(slug);
        List<DeviceLine> deviceLines = found.devices().stream()
                .map(d -> new DeviceLine(d.id(), d.userAgent(), d.address(), dates.dateTime(d.pairedAt(), lang), d.pairedBy(),
                        dates.dateTime(d.lastSeenAt(), lang), d.revoked(), dates.dateTime(d.revokedAt(), lang)))
                .toList();
        List<HeartbeatLine> beats = found.heartbeats().stream()
                .map(h -> new HeartbeatLine(dates.dateTime(h.receivedAt(), lang), h.device(), h.clientVersion(), h.uptimeSeconds(),
                        h.currentSlideId(), h.clockOffsetMs(), h.recentErrors()))
                .toList();
        ScreenAirtime.Setting shares = airtime.settingOf(found.screen().id());
        return Pages.page(SCREEN_VIEW, new ScreenPage(viewer.isAdmin(), found.screen(), found.status().status().equals("online"),
                dates.dateTime(found.status().since(), lang), deviceLines, beats,
                shares == null ? null : shares.parts().stream().map(p -> p.name() + " " + p.percent() + " %")
                        .collect(java.util.stream.Collectors.joining(" · ")),
                shares == null ? null : shares.group()));
    }

    @Post(value = "/screens/{slug}/devices/{id}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(@PathVariable String slug, @PathVariable long id, @Body CsrfForm.TokenOnly form,
                                  Authentication authentication) {
        DeviceService.View revoked = admin.revoke(staff.require(authentication), id);
        return Pages.seeOther("/admin/screens/" + revoked.screen() + "?notice=deviceRevoked");
    }

    @Get("/pairing")
    ModelAndView<Map<String, Object>> pairing(@Nullable @QueryValue String screen, Authentication authentication) {
        requireAdmin(authentication);
        return Pages.page(PAIRING_VIEW, new PairingPage(null, null, screenOptions(screen), null, null));
    }

    @Post(value = "/pairing/look-up", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> lookUp(@Body PairingForm form, Authentication authentication, HttpRequest<?> request) {
        Staff actor = requireAdmin(authentication);
        String lang = StaffLanguage.of(request);
        try {
            PairingService.Waiting waiting = admin.lookUp(actor, form.code(), addresses.of(request));
            return Pages.page(HttpStatus.OK, PAIRING_VIEW, new PairingPage(waiting.code(), waiting(lang, waiting),
                    screenOptions(form.screen()), null, null));
        } catch (ProblemException e) {
            return Pages.page(HttpStatus.valueOf(e.status()), PAIRING_VIEW, new PairingPage(form.code(), null,
                    screenOptions(form.screen()), codeError(e), null));
        }
    }

    @Post(value = "/pairing/claim", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> claim(@Body PairingForm form, Authentication authentication, HttpRequest<?> request) {
        Staff actor = requireAdmin(authentication);
        String lang = StaffLanguage.of(request);
        String address = addresses.of(request);
        try {
            if (form.screen() == null || form.screen().isBlank() || screens.find(form.screen()).isEmpty()) {
                // the code is still good: show the device again, so only the screen needs choosing
                PairingService.Waiting waiting = admin.lookUp(actor, form.code(), address);
                return Pages.page(HttpStatus.BAD_REQUEST, PAIRING_VIEW, new PairingPage(waiting.code(), waiting(lang, waiting),
                        screenOptions(form.screen()), null, messages.text(lang, "pairing.screen.required")));
            }
            PairingService.Claimed claimed = admin.claim(actor, new PairingService.Claim(form.code(), form.screen()), address);
            return Pages.seeOther("/admin/screens/" + claimed.screen().slug() + "?notice=kioskPaired");
        } catch (ProblemException e) {
            return Pages.page(HttpStatus.valueOf(e.status()), PAIRING_VIEW, new PairingPage(form.code(), null,
                    screenOptions(form.screen()), codeError(e), null));
        }
    }

    /** What is wrong with the code, in a sentence: its field's message, or the refusal's. */
    @Nullable
    private static Message codeError(ProblemException e) {
        if (e.status() == 403) {
            throw e;
        }
        Message field = Problem.messageFor(e.errors(), "code");
        return field != null ? field : e.detail();
    }

    private Waiting waiting(String lang, PairingService.Waiting w) {
        return new Waiting(w.code(), w.userAgent(), w.address(), dates.dateTime(w.requestedAt(), lang), dates.dateTime(w.expiresAt(), lang));
    }

    private List<Option> screenOptions(@Nullable String chosen) {
        return screens.list(EVERY_SCREEN).getContent().stream()
                .map(s -> new Option(s.slug(), s.name() + (s.location().isEmpty() ? "" : " – " + s.location()), s.slug().equals(chosen)))
                .toList();
    }

    private Staff requireAdmin(Authentication authentication) {
        Staff actor = staff.require(authentication);
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden("kiosk.forbidden.pair");
        }
        return actor;
    }
}
