package dk.albertslund.signage.announcement;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.announcement.AnnouncementPageParts.Facts;
import dk.albertslund.signage.announcement.AnnouncementPageParts.HistoryRow;
import dk.albertslund.signage.announcement.AnnouncementPageParts.VerdictView;
import dk.albertslund.signage.announcement.AnnouncementPageParts.Version;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.MediaService;
import dk.albertslund.signage.readability.ReadabilityService;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.web.Messages;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.core.MarkdownRenderer;
import dk.albertslund.signage.core.StoredValue;

/**
 * The announcement pages: the list with its filters, one announcement with its history,
 * and the editor, where the Danish and English versions are written side by side with a
 * live preview and readability checks. Without scripts every page still works; the
 * preview and the verdict are then shown after saving.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/announcements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class AnnouncementPagesController {

    static final String LIST_VIEW = "announcements/list";
    static final String EDITOR_VIEW = "announcements/editor";
    static final String DETAIL_VIEW = "announcements/detail";
    private static final int PAGE_SIZE = 25;
    private static final int MEDIA_CHOICES = 24;
    private static final List<String> LANGUAGES = List.of("da", "en");

    private final AnnouncementService announcements;
    private final AnnouncementEditor editor;
    private final AnnouncementPageParts parts;
    private final ReadabilityService readability;
    private final MarkdownRenderer markdown;
    private final MediaService media;
    private final InstitutionService institutions;
    private final StaffDirectory staff;
    private final Messages messages;
    private final CampusTime times;

    private final Audiences audiences;

    AnnouncementPagesController(AnnouncementService announcements, AnnouncementEditor editor, AnnouncementPageParts parts,
                                ReadabilityService readability, MarkdownRenderer markdown, MediaService media,
                                InstitutionService institutions, StaffDirectory staff, Messages messages, CampusTime times,
                                Audiences audiences) {
        this.audiences = audiences;
        this.announcements = announcements;
        this.editor = editor;
        this.parts = parts;
        this.readability = readability;
        this.markdown = markdown;
        this.media = media;
        this.institutions = institutions;
        this.staff = staff;
        this.messages = messages;
        this.times = times;
    }

    /** A choice in a select; {@code label} is already in the page's language. */
    public record Option(String value, String label, boolean selected) {
    }

    /** An institution to write for, with the colour the preview paints the slide in. */
    public record InstitutionOption(String value, String label, String colour, boolean selected) {
    }

    /** A picture or video that can be put on the slide. */
    public record MediaOption(String sha256, String url, String name, boolean image, @Nullable Integer width,
                              @Nullable Integer height, boolean selected) {
    }

    public record Row(String slug, String title, String language, String institution, String category, String status,
                      @Nullable String rejectionReason, String updated) {
    }

    public record ListPage(@Nullable String q, List<Option> institutions, List<Option> statuses, List<Option> categories,
                           List<Option> languages, List<Row> rows, long total, int pageNumber, int pages,
                           @Nullable String previous, @Nullable String next, boolean canCreate) {
    }

    /**
     * {@code approveOwn}: the viewer is an approver, the message waits for approval, and four
     * eyes keeps them from approving it because they wrote or last changed it; the page says so.
     */
    public record DetailPage(String slug, String status, @Nullable String rejectionReason, List<Version> versions, Facts facts,
                             List<HistoryRow> history,
                             boolean canEdit, boolean canSubmit, boolean approveOwn) {
    }

    /** One language column of the editor. */
    public record VersionForm(String language, String titleName, String bodyName, @Nullable String title,
                              @Nullable String body, @Nullable String titleError, @Nullable String bodyError,
                              @Nullable String slug, @Nullable String status, @Nullable String rejectionReason,
                              @Nullable VerdictView verdict, List<String> paragraphs) {
    }

    /** Errors of the fields both versions share, each shown beside its field. */
    public record SharedErrors(@Nullable String institution, @Nullable String category, @Nullable String publishFrom,
                               @Nullable String publishUntil, @Nullable String durationSeconds, @Nullable String media,
                               @Nullable String file, @Nullable String link) {
    }

    public record EditorPage(@Nullable String slug, String heading, String action, List<VersionForm> versions, @Nullable String publishFrom,
                             @Nullable String publishUntil, @Nullable String durationSeconds, List<InstitutionOption> institutions,
                             List<Option> categories, List<Option> audiences, List<MediaOption> media, boolean noMedia,
                             SharedErrors errors, boolean invalid, @Nullable String link) {
    }

    @Serdeable
    record EditorForm(@Nullable String titleDa, @Nullable String bodyDa, @Nullable String titleEn, @Nullable String bodyEn,
                      @Nullable String institution, @Nullable String category, @Nullable String publishFrom,
                      @Nullable String publishUntil, @Nullable String durationSeconds, @Nullable String media,
                      @Nullable List<String> audience, @Nullable String intent, @Nullable String csrfToken,
                      @Nullable String link) implements CsrfForm {

        static final EditorForm EMPTY = new EditorForm(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

        List<String> audienceOrNone() {
            return audience == null ? List.of() : audience;
        }

        EditorForm withMedia(String sha256) {
            return new EditorForm(titleDa, bodyDa, titleEn, bodyEn, institution, category, publishFrom, publishUntil,
                    durationSeconds, sha256, audience, intent, csrfToken, link);
        }

        AnnouncementEditor.Text text(String language) {
            return language.equals("da") ? new AnnouncementEditor.Text(titleDa, bodyDa) : new AnnouncementEditor.Text(titleEn, bodyEn);
        }
    }

    /** The fields of one version as they are being typed, for the live preview and checks. */
    @Serdeable
    record PreviewForm(@Nullable String title, @Nullable String body, @Nullable String durationSeconds,
                       @Nullable String languages, @Nullable String institution, @Nullable String language,
                       @Nullable String media, @Nullable String csrfToken, @Nullable String link) implements CsrfForm {
    }

    /** The body as the screen gets it (Markdown rendered and sanitised) and what the checks say. */
    @Serdeable
    record Preview(String html, VerdictView verdict) {
    }

    @Get
    ModelAndView<Map<String, Object>> list(@Nullable @QueryValue String institution, @Nullable @QueryValue String status,
                                           @Nullable @QueryValue String category, @Nullable @QueryValue String language,
                                           @Nullable @QueryValue String q,
                                           Authentication authentication, HttpRequest<?> request) {
        Staff viewer = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "institution", institution);
        put(filters, "status", status);
        put(filters, "category", category);
        put(filters, "language", language);
        put(filters, "q", q);
        // counted from 0 in the address, as on every list (ListQuery.page); shown from 1
        int number = ListQuery.page(request.getParameters());
        Page<AnnouncementService.View> found = announcements.list(viewer,
                new ListQuery(number, PAGE_SIZE, Sort.of(Sort.Order.desc("updatedAt")), filters));
        Map<String, String> names = parts.institutionNames();
        List<Row> rows = found.getContent().stream().map(v -> new Row(v.slug(), v.title(), v.language(),
                names.getOrDefault(v.institution(), v.institution()), messages.text(lang, "announcements.category." + v.category()),
                v.status(), v.rejectionReason(), times.dateTime(v.updatedAt(), lang))).toList();
        int pages = Math.max(1, found.getTotalPages());
        List<Option> institutionOptions = institutions.findAll().stream()
                .sorted(java.util.Comparator.comparing(Institution::name))
                .map(i -> new Option(i.slug(), i.name(), i.slug().equals(institution))).toList();
        return Pages.page(LIST_VIEW, new ListPage(q, institutionOptions,
                options(lang, "announcements.status.", StoredValue.values(AnnouncementStatus.class), status),
                options(lang, "announcements.category.", AnnouncementService.CATEGORIES, category),
                options(lang, "announcements.language.", LANGUAGES, language), rows, found.getTotalSize(), number + 1, pages,
                number > 0 ? link(filters, number - 1) : null, number + 1 < pages ? link(filters, number + 1) : null,
                !editable(viewer).isEmpty()));
    }

    @Get("/new")
    ModelAndView<Map<String, Object>> create(Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        List<Institution> editable = requireSomeEditable(actor);
        EditorForm start = new EditorForm(null, null, null, null, editable.size() == 1 ? editable.get(0).slug() : null,
                null, null, null, null, null, null, null, null, null);
        return Pages.page(EDITOR_VIEW, editorPage(actor, lang, null, start, List.of()));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(@Body EditorForm form, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        requireSomeEditable(actor);
        return save(actor, null, form, null, StaffLanguage.of(request));
    }

    /**
     * The editor as a browser posts it: multipart, because it may carry a picture, so one
     * can be added while a new message is still being written. One {@code @Part} per field
     * rather than a {@code @Body} record, which Micronaut 4.10 binds from the parts that
     * have arrived before the file (see FeedPagesController).
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    MutableHttpResponse<?> createWithFile(@Nullable @Part String titleDa, @Nullable @Part String bodyDa,
                                          @Nullable @Part String titleEn, @Nullable @Part String bodyEn,
                                          @Nullable @Part String institution, @Nullable @Part String category,
                                          @Nullable @Part String publishFrom, @Nullable @Part String publishUntil,
                                          @Nullable @Part String durationSeconds, @Nullable @Part String media,
                                          @Nullable @Part("audience") Publisher<String> audience, @Nullable @Part String intent,
                                          @Nullable @Part String csrfToken, @Nullable @Part("file") CompletedFileUpload file,
                                          @Nullable @Part String link, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        requireSomeEditable(actor);
        EditorForm form = new EditorForm(titleDa, bodyDa, titleEn, bodyEn, institution, category, publishFrom, publishUntil,
                durationSeconds, media, all(audience), intent, csrfToken, link);
        return save(actor, null, form, file, StaffLanguage.of(request));
    }

    @Get("/{slug}")
    ModelAndView<Map<String, Object>> show(@PathVariable String slug, Authentication authentication, HttpRequest<?> request) {
        Staff viewer = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        AnnouncementService.View message = announcements.get(viewer, slug);
        List<Version> versions = parts.versions(message, lang);
        boolean canEdit = canEdit(viewer, message);
        boolean canSubmit = canEdit && message.status().equals(AnnouncementStatus.DRAFT.value());
        boolean approveOwn = viewer.canApprove() && message.status().equals(AnnouncementStatus.SUBMITTED.value())
                && !announcements.mayApprove(viewer, message);
        return Pages.page(DETAIL_VIEW, new DetailPage(message.slug(), message.status(), message.rejectionReason(), versions, parts.facts(message, lang),
                parts.history(viewer, message, lang), canEdit && !message.status().equals(AnnouncementStatus.ARCHIVED.value()), canSubmit,
                approveOwn));
    }

    @Get("/{slug}/edit")
    ModelAndView<Map<String, Object>> edit(@PathVariable String slug, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        AnnouncementService.View message = requireEditable(actor, slug);
        return Pages.page(EDITOR_VIEW, editorPage(actor, lang, message, formOf(message), List.of()));
    }

    @Post(value = "/{slug}/edit", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> update(@PathVariable String slug, @Body EditorForm form, Authentication authentication,
                                  HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        requireEditable(actor, slug);
        return save(actor, slug, form, null, lang);
    }

    /** As {@link #createWithFile}, for a message already saved. */
    @Post(value = "/{slug}/edit", consumes = MediaType.MULTIPART_FORM_DATA)
    MutableHttpResponse<?> updateWithFile(@PathVariable String slug, @Nullable @Part String titleDa, @Nullable @Part String bodyDa,
                                          @Nullable @Part String titleEn, @Nullable @Part String bodyEn,
                                          @Nullable @Part String institution, @Nullable @Part String category,
                                          @Nullable @Part String publishFrom, @Nullable @Part String publishUntil,
                                          @Nullable @Part String durationSeconds, @Nullable @Part String media,
                                          @Nullable @Part("audience") Publisher<String> audience, @Nullable @Part String intent,
                                          @Nullable @Part String csrfToken, @Nullable @Part("file") CompletedFileUpload file,
                                          @Nullable @Part String link, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        requireEditable(actor, slug);
        EditorForm form = new EditorForm(titleDa, bodyDa, titleEn, bodyEn, institution, category, publishFrom, publishUntil,
                durationSeconds, media, all(audience), intent, csrfToken, link);
        return save(actor, slug, form, file, StaffLanguage.of(request));
    }

    @Post(value = "/{slug}/submit", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> submit(@PathVariable String slug, @Body CsrfForm.TokenOnly form, Authentication authentication,
                                  HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        AnnouncementService.View message = requireEditable(actor, slug);
        if (message.status().equals(AnnouncementStatus.DRAFT.value())) {
            announcements.submit(actor, message.slug());
        }
        return Pages.seeOther("/admin/announcements/" + message.slug() + "?notice=announcementSubmitted");
    }

    /**
     * Uploads a picture or video and puts it on a saved message, leaving its other fields
     * alone. The editor now sends its file with the message itself; this stays for scripts
     * and pages opened before that change.
     */
    @Post(value = "/{slug}/media", consumes = MediaType.MULTIPART_FORM_DATA)
    MutableHttpResponse<?> upload(@PathVariable String slug, @Nullable StreamingFileUpload file,
                                  @Nullable @Part("csrfToken") String csrfToken, Authentication authentication,
                                  HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        AnnouncementService.View message = requireEditable(actor, slug);
        MediaService.Stored stored;
        try {
            MediaService.Command command = new MediaService.Command(message.institution(), null);
            if (file == null || file.getFilename() == null || file.getFilename().isBlank()) {
                stored = media.upload(actor, command, null, null);
            } else {
                try (InputStream content = file.asInputStream()) {
                    stored = media.upload(actor, command, file.getFilename(), content);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        } catch (ProblemException e) {
            // a file of the wrong kind (415) or too large (413) is a mistake to mend beside the field, like a bad field
            if (e.status() != 400 && e.status() != 413 && e.status() != 415) {
                throw e;
            }
            List<Problem.FieldError> errors = e.errors().isEmpty()
                    ? List.of(new Problem.FieldError("file", e.detail())) : e.errors();
            return Pages.page(HttpStatus.BAD_REQUEST, EDITOR_VIEW, editorPage(actor, lang, message, formOf(message), errors));
        }
        editor.useMedia(actor, message.slug(), stored.view().sha256());
        return Pages.seeOther("/admin/announcements/" + message.slug() + "/edit?notice=announcementMediaAdded");
    }

    /** What the editor's "will show on" asks while the person writes. */
    @Serdeable
    record WhereForm(@Nullable String institution, @Nullable String category, @Nullable String tags,
                     @Nullable String publishFrom, @Nullable String publishUntil, @Nullable String english,
                     @Nullable String csrfToken) implements CsrfForm {
    }

    /** Where the message being written will show in the coming week once approved (JSON, nothing stored). */
    @Post(value = "/where", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    MutableHttpResponse<AnnouncementPageParts.Where> where(@Body WhereForm form, Authentication authentication,
                                                           HttpRequest<?> request) {
        staff.require(authentication);
        String institution = blankToNull(form.institution());
        List<String> tags = form.tags() == null ? List.of() : Arrays.stream(form.tags().split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).toList();
        // a date the person has not finished typing counts as no limit yet
        Instant from = times.parseInput(blankToNull(form.publishFrom()));
        Instant until = times.parseInput(blankToNull(form.publishUntil()));
        return HttpResponse.ok(parts.whereDraft(institution, blankToNull(form.category()), tags, from, until,
                        "true".equals(form.english()), StaffLanguage.of(request)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The live preview and readability checks of the editor, for its script (JSON, nothing stored). */
    @Post(value = "/readability", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    MutableHttpResponse<Preview> preview(@Body PreviewForm form, Authentication authentication, HttpRequest<?> request) {
        staff.require(authentication);
        String lang = StaffLanguage.of(request);
        Integer duration = number(form.durationSeconds());
        Integer languages = number(form.languages());
        String body = form.body() == null ? "" : form.body();
        // a value the person has not finished typing is checked as if it were not there yet
        String institution = blankToNull(form.institution());
        ReadabilityService.Draft draft = new ReadabilityService.Draft(clip(form.title(), 120), clip(body, 5000),
                duration == null || duration < 3 || duration > 300 ? null : duration,
                institution != null && institutions.existsBySlug(institution) ? institution : null,
                null, LANGUAGES.contains(form.language()) ? form.language() : null, knownMedia(form.media()), null,
                blankToNull(form.link()));
        // JSON whatever the request accepts: the class produces HTML, and a script may not say
        return HttpResponse.ok(new Preview(markdown.render(clip(body, 5000)), parts.verdict(readability.check(draft, languages == null || languages < 1 || languages > 2 ? 1 : languages), lang)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private MutableHttpResponse<?> save(Staff actor, @Nullable String slug, EditorForm form, @Nullable CompletedFileUpload file,
                                        String lang) {
        List<Problem.FieldError> formErrors = new ArrayList<>();
        if (sent(file)) {
            String uploaded = store(actor, form, file, formErrors);
            if (uploaded != null) {
                // the file is in the library now: if the message still needs mending it stays chosen, as a
                // browser cannot fill the file field in again
                form = form.withMedia(uploaded);
            }
        }
        Integer duration = null;
        if (blankToNull(form.durationSeconds()) != null) {
            duration = number(form.durationSeconds());
            if (duration == null) {
                formErrors.add(new Problem.FieldError("durationSeconds", "announcement.duration.wholeSeconds"));
            }
        }
        AnnouncementEditor.Shared shared = new AnnouncementEditor.Shared(blankToNull(form.institution()), blankToNull(form.category()),
                blankToNull(form.media()), parts.instant(form.publishFrom(), "publishFrom", formErrors),
                parts.instant(form.publishUntil(), "publishUntil", formErrors), duration, form.audienceOrNone(),
                blankToNull(form.link()));
        Map<String, AnnouncementEditor.Text> texts = Map.of("da", form.text("da"), "en", form.text("en"));
        boolean submit = "submit".equals(form.intent());
        String saved;
        try {
            saved = editor.save(actor, slug, shared, texts, formErrors, submit);
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            AnnouncementService.View message = slug == null ? null : announcements.get(actor, slug);
            return Pages.page(HttpStatus.BAD_REQUEST, EDITOR_VIEW, editorPage(actor, lang, message, form, e.errors()));
        }
        return Pages.seeOther(submit ? "/admin/announcements/" + saved + "?notice=announcementSubmitted"
                : "/admin/announcements/" + saved + "/edit?notice=announcementSaved");
    }

    /** Every box ticked: a {@code List} part would bind only the first of the parts of that name. */
    private static List<String> all(@Nullable Publisher<String> parts) {
        return parts == null ? List.of() : Flux.from(parts).collectList().blockOptional().orElse(List.of());
    }

    private static boolean sent(@Nullable CompletedFileUpload file) {
        // a file field left empty still comes as a part, with no file name
        return file != null && file.getFilename() != null && !file.getFilename().isBlank();
    }

    /**
     * Stores the file sent with the editor for the form's institution and returns its
     * sha256; or names what is wrong in {@code errors} and stores nothing.
     */
    @Nullable
    private String store(Staff actor, EditorForm form, CompletedFileUpload file, List<Problem.FieldError> errors) {
        String institution = blankToNull(form.institution());
        if (institution == null || editable(actor).stream().noneMatch(i -> i.slug().equals(institution))) {
            // the library file would belong to no one, or to someone else; the institution field says why
            errors.add(new Problem.FieldError("file", Message.of("announcements.upload.again")));
            return null;
        }
        try (InputStream content = file.getInputStream()) {
            return media.upload(actor, new MediaService.Command(institution, null), file.getFilename(), content).view().sha256();
        } catch (IOException e) {
            errors.add(new Problem.FieldError("file", Message.of("announcements.upload.unreadable")));
        } catch (ProblemException e) {
            // a file of the wrong kind (415) or too large (413) is a mistake to mend beside the field, like a bad field
            if (e.status() != 400 && e.status() != 413 && e.status() != 415) {
                throw e;
            }
            errors.addAll(e.errors().isEmpty() ? List.of(new Problem.FieldError("file", e.detail())) : e.errors());
        }
        return null;
    }

    private EditorPage editorPage(Staff actor, String lang, @Nullable AnnouncementService.View message,
                                  EditorForm form, List<Problem.FieldError> errors) {
        List<VersionForm> versions = new ArrayList<>();
        for (String language : LANGUAGES) {
            AnnouncementService.View stored = message == null ? null : message.in(language);
            Version shown = stored == null || !errors.isEmpty() ? null : parts.version(stored, message, lang);
            String suffix = AnnouncementEditor.suffix(language);
            AnnouncementEditor.Text text = form.text(language);
            versions.add(new VersionForm(language, "title" + suffix, "body" + suffix, text.title(), text.body(),
                    parts.error(errors, "title" + suffix, lang), parts.error(errors, "body" + suffix, lang),
                    stored == null ? null : stored.slug(), stored == null ? null : stored.status(),
                    stored == null ? null : stored.rejectionReason(), shown == null ? null : shown.verdict(),
                    shown == null ? List.of() : shown.paragraphs()));
        }
        List<InstitutionOption> institutionOptions = editable(actor).stream()
                .map(i -> new InstitutionOption(i.slug(), i.name(), i.colour(), i.slug().equals(form.institution()))).toList();
        List<MediaOption> mediaOptions = new ArrayList<>(media.list(new ListQuery(0, MEDIA_CHOICES, Sort.of(Sort.Order.desc("createdAt")), Map.of()))
                .getContent().stream().map(m -> mediaOption(m, form.media())).toList());
        if (blankToNull(form.media()) != null && mediaOptions.stream().noneMatch(MediaOption::selected)) {
            // the chosen file is older than the latest few: still offered, first
            try {
                mediaOptions.add(0, mediaOption(media.get(form.media()), form.media()));
            } catch (ProblemException e) {
                // no longer there; the field error says so
            }
        }
        SharedErrors shared = new SharedErrors(parts.error(errors, "institution", lang), parts.error(errors, "category", lang),
                parts.error(errors, "publishFrom", lang), parts.error(errors, "publishUntil", lang),
                parts.error(errors, "durationSeconds", lang), parts.error(errors, "media", lang), parts.error(errors, "file", lang),
                parts.error(errors, "link", lang));
        String slug = message == null ? null : message.slug();
        return new EditorPage(slug, slug == null ? "announcements.editor.new" : "announcements.editor.edit", slug == null ? "/admin/announcements" : "/admin/announcements/" + slug + "/edit", versions,
                form.publishFrom(), form.publishUntil(), form.durationSeconds() == null ? "10" : form.durationSeconds(),
                institutionOptions, options(lang, "announcements.category.", AnnouncementService.CATEGORIES, form.category()),
                audienceOptions(lang, form.audienceOrNone()), mediaOptions, blankToNull(form.media()) == null, shared, !errors.isEmpty(),
                form.link());
    }

    @Nullable
    private String knownMedia(@Nullable String sha256) {
        try {
            return blankToNull(sha256) == null ? null : media.get(sha256.strip()).sha256();
        } catch (ProblemException e) {
            return null;
        }
    }

    private static MediaOption mediaOption(MediaService.View m, @Nullable String chosen) {
        String name = m.alt() != null ? m.alt() : m.originalName() != null ? m.originalName() : m.sha256().substring(0, 12);
        return new MediaOption(m.sha256(), m.url(), name, m.contentType().startsWith("image/"), m.width(), m.height(),
                m.sha256().equals(chosen));
    }

    private EditorForm formOf(AnnouncementService.View o) {
        AnnouncementService.View da = o.in("da");
        AnnouncementService.View en = o.in("en");
        return new EditorForm(da == null ? null : da.title(), da == null ? null : da.body(), en == null ? null : en.title(),
                en == null ? null : en.body(), o.institution(), o.category(), times.input(o.publishFrom()),
                times.input(o.publishUntil()), String.valueOf(o.durationSeconds()), o.media() == null ? null : o.media().sha256(),
                o.tags().stream().filter(editor.audienceTags()::contains).toList(), null, null, o.link());
    }

    /** All of campus first, then each group of screens by name. */
    private List<Option> audienceOptions(String lang, List<String> chosen) {
        List<Option> options = new ArrayList<>();
        options.add(new Option(Audiences.CAMPUS, messages.text(lang, "announcements.audience.campus"), chosen.contains(Audiences.CAMPUS)));
        audiences.groups().forEach(a -> options.add(new Option(a.tag(), a.name(), chosen.contains(a.tag()))));
        return options;
    }

    private List<Option> options(String lang, String prefix, List<String> values, @Nullable String selected) {
        return values.stream().map(v -> new Option(v, messages.text(lang, prefix + v), v.equals(selected))).toList();
    }

    private List<Institution> editable(Staff actor) {
        return institutions.findAll().stream().filter(i -> actor.canEdit(i.id()))
                .sorted(java.util.Comparator.comparing(Institution::name)).toList();
    }

    private List<Institution> requireSomeEditable(Staff actor) {
        List<Institution> editable = editable(actor);
        if (editable.isEmpty()) {
            throw ProblemException.forbidden("announcements.forbidden.write");
        }
        return editable;
    }

    private boolean canEdit(Staff actor, AnnouncementService.View announcement) {
        return institutions.findBySlug(announcement.institution()).map(i -> actor.canEdit(i.id())).orElse(false);
    }

    /** The message, if {@code actor} may change it; a 403 naming the institution otherwise. */
    private AnnouncementService.View requireEditable(Staff actor, String slug) {
        if (!announcements.find(slug).map(v -> canEdit(actor, v)).orElseThrow(() -> ProblemException.notFound("announcement.notFound", slug))) {
            String institution = announcements.find(slug).map(v -> parts.institutionName(v.institution())).orElse("");
            throw ProblemException.forbidden("announcements.forbidden.edit", institution);
        }
        return announcements.get(actor, slug);
    }

    private static String link(Map<String, String> filters, int page) {
        StringBuilder query = new StringBuilder();
        filters.forEach((name, value) -> query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        return "/admin/announcements?" + query + "page=" + page;
    }

    private static void put(Map<String, String> filters, String name, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            filters.put(name, value.strip());
        }
    }

    @Nullable
    private static Integer number(@Nullable String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String clip(@Nullable String value, int max) {
        String text = value == null ? "" : value;
        return text.length() > max ? text.substring(0, max) : text;
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
