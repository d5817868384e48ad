package dk.albertslund.signage.submission;

import dk.albertslund.signage.announcement.AnnouncementEditor;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.announcement.AnnouncementStatus;
import dk.albertslund.signage.announcement.Audiences;
import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.core.ClientAddress;
import dk.albertslund.signage.core.MarkdownRenderer;
import dk.albertslund.signage.core.MessageBundles;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.readability.ReadabilityService;
import dk.albertslund.signage.readability.Verdict;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages a group without accounts uses, on a phone (README "Submission links"): the
 * form behind a submission link, its live preview and readability check, and the receipt
 * behind its own secret address. No sign-in: the link's secret is the authority, and the
 * form carries a CSRF token as staff forms do. A link nobody was given is a 404, a revoked
 * or expired one a 410 saying which, in Danish and English. The addresses hold secrets, so
 * nothing is cached and no Referer leaves the page.
 */
@Hidden // a public page, not API: kept out of the OpenAPI document
@Controller("/submit")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
class SubmissionPagesController {

    static final String FORM = "submission/form";
    static final String RECEIPT = "submission/receipt";
    static final String REFUSED = "submission/refused";
    /** Own scripts and styles only; pictures being picked are shown from blob: addresses. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final SubmissionLinks links;
    private final SubmissionDesk desk;
    private final SubmissionThrottle throttle;
    private final AnnouncementEditor editor;
    private final AnnouncementService announcements;
    private final InstitutionService institutions;
    private final ReadabilityService readability;
    private final MarkdownRenderer markdown;
    private final ClientAddress clientAddress;
    private final CampusTime times;
    private final Clock clock;

    SubmissionPagesController(SubmissionLinks links, SubmissionDesk desk, SubmissionThrottle throttle, AnnouncementEditor editor,
                              AnnouncementService announcements, InstitutionService institutions, ReadabilityService readability,
                              MarkdownRenderer markdown, ClientAddress clientAddress, CampusTime times, Clock clock) {
        this.links = links;
        this.desk = desk;
        this.throttle = throttle;
        this.editor = editor;
        this.announcements = announcements;
        this.institutions = institutions;
        this.readability = readability;
        this.markdown = markdown;
        this.clientAddress = clientAddress;
        this.times = times;
        this.clock = clock;
    }

    /** A place to aim at, ticked or not. */
    public record Place(String tag, String name, boolean chosen) {
    }

    /** The form: {@code values} what was typed, {@code errors} each field's message, {@code alert} a refusal of the whole. */
    public record FormPage(String lang, String otherLang, String action, String group, String institution, String colour,
                           List<Place> places, Map<String, String> values, Map<String, String> errors, @Nullable String alert,
                           int maxTitle, int maxBody) {
    }

    /** The receipt; {@code reason} is the approver's when the message was sent back. */
    public record ReceiptPage(String lang, String otherLang, String group, String title, String state, String stateText,
                              @Nullable String reason, String submittedAt, String address) {
    }

    /** A page saying why the form is not there: unknown, revoked or expired. */
    public record RefusedPage(String lang, String otherLang, String title, String text) {
    }

    @Serdeable
    record PreviewForm(@Nullable String title, @Nullable String body, @Nullable String language, @Nullable String languages,
                       @Nullable String csrfToken) implements CsrfForm {
    }

    @Serdeable
    record Preview(String html, PreviewVerdict verdict) {
    }

    @Serdeable
    record PreviewVerdict(String result, String label, String wordsLabel, List<PreviewFinding> findings) {
    }

    @Serdeable
    record PreviewFinding(String severity, String text) {
    }

    @Get("/{token}")
    MutableHttpResponse<?> form(@PathVariable String token, @Nullable @QueryValue String lang, HttpRequest<?> request) {
        if (lang != null) {
            return switchLanguage(lang, "/submit/" + token);
        }
        String language = StaffLanguage.of(request);
        Optional<SubmissionLinks.Link> link = links.find(token);
        if (link.isEmpty() || !link.get().usableAt(clock.instant())) {
            return refused(link.orElse(null), language);
        }
        // a week already full is said before anyone writes, not only after sending
        String full = links.sentThisWeek(link.get().id()) >= link.get().weeklyLimit()
                ? text(language, "submission.weekFull", link.get().weeklyLimit()) : null;
        return page(HttpStatus.OK, FORM, formPage(token, link.get(), language, Map.of(), List.of(), Map.of(), full));
    }

    /** One {@code @Part} per field, as the staff editor's upload form: the picture is read as a stream, never held whole. */
    @Post(value = "/{token}", consumes = MediaType.MULTIPART_FORM_DATA)
    MutableHttpResponse<?> send(@PathVariable String token, @Nullable @Part String titleDa, @Nullable @Part String bodyDa,
                                @Nullable @Part String titleEn, @Nullable @Part String bodyEn,
                                @Nullable @Part String publishFrom, @Nullable @Part String publishUntil,
                                @Nullable @Part("place") Publisher<String> place, @Nullable @Part String website,
                                @Nullable @Part String csrfToken,
                                @Nullable @Part("file") CompletedFileUpload file, HttpRequest<?> request) {
        String language = StaffLanguage.of(request);
        Optional<SubmissionLinks.Link> found = links.find(token);
        if (found.isEmpty()) {
            return refused(null, language);
        }
        SubmissionLinks.Link link = found.get();
        List<String> places = place == null ? List.of() : Flux.from(place).collectList().block();
        SubmissionDesk.Form form = new SubmissionDesk.Form(titleDa, bodyDa, titleEn, bodyEn, publishFrom, publishUntil, places, website);
        Map<String, String> values = new HashMap<>();
        values.put("titleDa", orEmpty(titleDa));
        values.put("bodyDa", orEmpty(bodyDa));
        values.put("titleEn", orEmpty(titleEn));
        values.put("bodyEn", orEmpty(bodyEn));
        values.put("publishFrom", orEmpty(publishFrom));
        values.put("publishUntil", orEmpty(publishUntil));
        try (InputStream content = sent(file) ? file.getInputStream() : null) {
            String receipt = desk.send(link, clientAddress.of(request), form,
                    content == null ? null : new SubmissionDesk.Picture(file.getFilename(), content));
            if (receipt == null) {
                // the honeypot was filled in: a page like any thank-you, and nothing stored to look up
                return page(HttpStatus.OK, REFUSED, new RefusedPage(language, StaffLanguage.other(language),
                        text(language, "submission.honeypot.title"), text(language, "submission.honeypot.text")));
            }
            return noStore(HttpResponse.seeOther(URI.create("/submit/receipt/" + receipt)));
        } catch (ProblemException e) {
            if (e.status() == 410) {
                return refused(link, language);
            }
            if (e.status() == 429) {
                return page(HttpStatus.TOO_MANY_REQUESTS, FORM, formPage(token, link, language, values, places, Map.of(),
                        e.detail().in(language)));
            }
            if (e.status() != 400) {
                throw e;
            }
            Map<String, String> errors = new HashMap<>();
            for (Problem.FieldError error : e.errors()) {
                errors.putIfAbsent(error.field(), error.message().in(language));
            }
            return page(HttpStatus.BAD_REQUEST, FORM, formPage(token, link, language, values, places, errors,
                    text(language, "submission.mend")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live preview and readability check while typing (JSON, nothing stored), as the staff editor's. */
    @Post(value = "/{token}/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> preview(@PathVariable String token, @Body PreviewForm form, HttpRequest<?> request) {
        SubmissionLinks.Link link = links.find(token).filter(l -> l.usableAt(clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("submission.unknown"));
        if (!throttle.allowPreview(clientAddress.of(request))) {
            throw new ProblemException(429, "Too Many Requests", dk.albertslund.signage.core.Message.of("submission.throttled"), List.of());
        }
        String language = StaffLanguage.of(request);
        String body = clip(form.body(), 5000);
        int languages = "2".equals(form.languages()) ? 2 : 1;
        Verdict verdict = readability.check(new ReadabilityService.Draft(clip(form.title(), 120), body, null,
                institutions.require(link.institutionId()).slug(), null, "en".equals(form.language()) ? "en" : "da", null, null), languages);
        List<PreviewFinding> findings = verdict.findings().stream()
                .map(f -> new PreviewFinding(f.severity(), language.equals("en") ? f.message().en() : f.message().da())).toList();
        PreviewVerdict shown = new PreviewVerdict(verdict.result(), text(language, "readability.result." + verdict.result()),
                text(language, "announcements.readability.words", verdict.words()), findings);
        return noStore(HttpResponse.ok(new Preview(markdown.render(body), shown)).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    @Get("/receipt/{secret}")
    MutableHttpResponse<?> receipt(@PathVariable String secret, @Nullable @QueryValue String lang, HttpRequest<?> request) {
        if (lang != null) {
            return switchLanguage(lang, "/submit/receipt/" + secret);
        }
        String language = StaffLanguage.of(request);
        SubmissionLinks.Receipt receipt = links.receipt(secret).orElse(null);
        if (receipt == null) {
            return page(HttpStatus.NOT_FOUND, REFUSED, new RefusedPage(language, StaffLanguage.other(language),
                    text(language, "submission.receipt.unknown.title"), text(language, "submission.receipt.unknown.text")));
        }
        AnnouncementService.View message = receipt.announcementId() == null ? null : announcements.find(receipt.announcementId()).orElse(null);
        String state = message == null ? "gone" : receiptState(message.status());
        return page(HttpStatus.OK, RECEIPT, new ReceiptPage(language, StaffLanguage.other(language), receipt.groupName(),
                message == null ? "" : message.title(), state, text(language, "submission.receipt.state." + state),
                message != null && "rejected".equals(state) ? message.rejectionReason() : null,
                times.dateTime(receipt.submittedAt(), language), links.receiptAddress(secret)));
    }

    /** What the sender is told: waiting (also while an approver mends the words), approved, sent back, ended or gone. */
    private static String receiptState(String status) {
        return switch (AnnouncementStatus.parse(status).orElse(AnnouncementStatus.SUBMITTED)) {
            case APPROVED -> "approved";
            case REJECTED -> "rejected";
            case ARCHIVED -> "ended";
            default -> "waiting";
        };
    }

    private FormPage formPage(String token, SubmissionLinks.Link link, String lang, Map<String, String> values, List<String> chosen,
                              Map<String, String> errors, @Nullable String alert) {
        Institution institution = institutions.require(link.institutionId());
        List<Place> places = new ArrayList<>();
        for (Audiences.Audience a : editor.places(lang)) {
            places.add(new Place(a.tag(), a.name(), chosen.contains(a.tag())));
        }
        return new FormPage(lang, StaffLanguage.other(lang), "/submit/" + token, link.groupName(), institution.name(),
                institution.colour(), places, values, errors, alert, 120, 5000);
    }

    private MutableHttpResponse<?> refused(@Nullable SubmissionLinks.Link link, String lang) {
        String key = link == null ? "submission.unknown" : link.revokedAt() != null ? "submission.revoked" : "submission.expired";
        return page(link == null ? HttpStatus.NOT_FOUND : HttpStatus.GONE, REFUSED,
                new RefusedPage(lang, StaffLanguage.other(lang), text(lang, key + ".title"), text(lang, key)));
    }

    private static MutableHttpResponse<?> page(HttpStatus status, String view, Object page) {
        return noStore(Pages.page(status, view, page)).header("Content-Security-Policy", CSP);
    }

    /**
     * The address holds a secret: not cached, and never sent to another site as a Referer.
     * same-origin rather than no-referrer: with no-referrer browsers send "Origin: null" on
     * the form's post, which the CSRF check rightly refuses (web/CsrfInterceptor).
     */
    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("Referrer-Policy", "same-origin")
                .header("X-Robots-Tag", "noindex");
    }

    /**
     * The language switch: a plain link that remembers the choice in the same cookie as the
     * staff pages' switch, then shows the page again at its own address.
     */
    private static MutableHttpResponse<?> switchLanguage(String lang, String back) {
        MutableHttpResponse<?> response = noStore(HttpResponse.seeOther(URI.create(back)));
        if (MessageBundles.LANGUAGES.contains(lang)) {
            response.cookie(Cookie.of(StaffLanguage.COOKIE, lang).path("/").sameSite(SameSite.Lax).maxAge(Duration.ofDays(365)));
        }
        return response;
    }

    private static String text(String lang, String key, Object... args) {
        return MessageBundles.text(lang, key, args);
    }

    private static boolean sent(@Nullable CompletedFileUpload file) {
        return file != null && file.getFilename() != null && !file.getFilename().isBlank() && file.getSize() > 0;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static String clip(@Nullable String value, int max) {
        String v = value == null ? "" : value;
        return v.length() <= max ? v : v.substring(0, max);
    }
}
