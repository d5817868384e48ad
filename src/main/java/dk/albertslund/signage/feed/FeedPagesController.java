package dk.albertslund.signage.feed;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
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
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dk.albertslund.signage.core.CampusTime;

/**
 * The staff pages of the event feeds: the list, a new feed, each feed's page (how its
 * imports went, what it made, "import now", the edit form) and deleting one. The rules
 * are the service's; these pages only show what a person may do and say it in their language.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/feeds")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
class FeedPagesController {

    private final FeedService feeds;
    private final StaffDirectory staff;
    private final CampusTime times;

    private final TemplatePreview previews;
    private final Messages messages;

    /** What the feed form's script sends while the template is typed. */
    @Serdeable
    record TemplateForm(@Nullable String template, @Nullable String language, @Nullable String csrfToken) implements CsrfForm {
    }

    /** The sample event's paragraphs through the template, or why it cannot be used, in the page's language. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TemplateAnswer(String title, List<String> paragraphs, @Nullable String error) {
    }

    FeedPagesController(FeedService feeds, StaffDirectory staff, CampusTime times, TemplatePreview previews, Messages messages) {
        this.previews = previews;
        this.messages = messages;
        this.feeds = feeds;
        this.staff = staff;
        this.times = times;
    }

    /**
     * The feed form as posted. Always multipart, because it may carry a calendar file;
     * numbers arrive as text so a wrong one can be shown back as typed.
     * {@code autoApproveOffered} says the checkbox was there to tick, so its absence means "no".
     *
     * <p>Built from one {@code @Part} parameter per field rather than bound with {@code @Body}:
     * with a file among the parts, Micronaut 4.10 binds a {@code @Body} record from the parts
     * that have arrived so far, so a field sent after them was lost at random under load
     * (micronaut-core#12188). Each {@code @Part} waits for its own field.
     */
    record FeedForm(@Nullable String slug, @Nullable String name, @Nullable String kind, @Nullable String url,
                    @Nullable String institution, @Nullable String category, @Nullable String language,
                    @Nullable String template, @Nullable String leadTimeDays, @Nullable String showUntil,
                    @Nullable String autoApprove, @Nullable String autoApproveOffered, @Nullable String refreshMinutes,
                    @Nullable String durationSeconds, @Nullable String csrfToken) {

        FeedPages.Fields fields(@Nullable Integer fileBytes) {
            return new FeedPages.Fields(text(slug), text(name), text(kind), text(url), text(institution), text(category),
                    text(language), template == null ? "" : template, text(leadTimeDays), text(showUntil), ticked(),
                    text(refreshMinutes), text(durationSeconds), fileBytes);
        }

        boolean ticked() {
            return autoApprove != null && !autoApprove.isBlank() && !autoApprove.equals("false");
        }

        /** The service's command; numbers that are not numbers are named in {@code errors} instead. */
        FeedService.Command command(Map<String, Message> errors) {
            String kindValue = blankToNull(kind);
            return new FeedService.Command(blankToNull(slug), name == null ? null : name, kindValue,
                    FeedKind.ICS_FILE.value().equals(kindValue) ? null : blankToNull(url), blankToNull(institution),
                    blankToNull(category), blankToNull(language), template,
                    number(errors, "leadTimeDays", leadTimeDays), blankToNull(showUntil),
                    autoApproveOffered == null ? null : ticked(), number(errors, "refreshMinutes", refreshMinutes),
                    number(errors, "durationSeconds", durationSeconds));
        }

        private static @Nullable Integer number(Map<String, Message> errors, String field, @Nullable String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                errors.put(field, Message.of("field.wholeNumber"));
                return null;
            }
        }

        private static String text(@Nullable String value) {
            return value == null ? "" : value.strip();
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @Get
    ModelAndView<Map<String, Object>> list(HttpRequest<?> request, Authentication authentication) {
        Staff viewer = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        ListQuery query = ListQuery.parse(request.getParameters(), FeedService.LIST);
        List<FeedPages.Row> rows = feeds.listed(viewer, query).getContent().stream().map(l -> FeedPages.row(l, lang, times)).toList();
        return Pages.page(FeedPages.LIST_VIEW, new FeedPages.ListPage(rows, !feeds.choices(viewer).institutions().isEmpty()));
    }

    /** The live preview of a template on the feed form (JSON, nothing stored). */
    @Post(value = "/template-preview", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    MutableHttpResponse<TemplateAnswer> templatePreview(@Body TemplateForm form, Authentication authentication, HttpRequest<?> request) {
        staff.require(authentication);
        String template = form.template() == null ? null : form.template().substring(0, Math.min(form.template().length(), 5000));
        TemplatePreview.Shown shown = previews.of(template, form.language());
        String error = shown.error() == null ? null : messages.text(StaffLanguage.of(request), shown.error());
        return HttpResponse.ok(new TemplateAnswer(shown.title(), shown.paragraphs(), error)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get("/new")
    ModelAndView<Map<String, Object>> newFeed(Authentication authentication) {
        FeedService.Choices choices = feeds.choices(staff.require(authentication));
        if (choices.institutions().isEmpty()) {
            throw ProblemException.forbidden("feed.forbidden.manageAny");
        }
        return Pages.page(FeedPages.FORM_VIEW, new FeedPages.NewPage(
                FeedPages.form("/admin/feeds/new", true, FeedPages.defaults(choices), choices, previews, Map.of())));
    }

    @Post(value = "/new", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> create(@Nullable @Part String slug, @Nullable @Part String name, @Nullable @Part String kind,
                           @Nullable @Part String url, @Nullable @Part String institution, @Nullable @Part String category,
                           @Nullable @Part String language, @Nullable @Part String template, @Nullable @Part String leadTimeDays,
                           @Nullable @Part String showUntil, @Nullable @Part String autoApprove,
                           @Nullable @Part String autoApproveOffered, @Nullable @Part String refreshMinutes,
                           @Nullable @Part String durationSeconds, @Nullable @Part String csrfToken,
                           @Nullable @Part("file") CompletedFileUpload file,
                           Authentication authentication) {
        FeedForm form = new FeedForm(slug, name, kind, url, institution, category, language, template, leadTimeDays, showUntil,
                autoApprove, autoApproveOffered, refreshMinutes, durationSeconds, csrfToken);
        Staff actor = staff.require(authentication);
        Map<String, Message> errors = new LinkedHashMap<>();
        FeedService.Command command = form.command(errors);
        if (errors.isEmpty()) {
            try (InputStream content = content(file)) {
                FeedService.View created = feeds.create(actor, command, file == null ? null : file.getFilename(), content);
                return Pages.seeOther("/admin/feeds/" + created.slug() + "?notice=feeds.created");
            } catch (ProblemException e) {
                errors.putAll(fieldErrors(e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        FeedService.Choices choices = feeds.choices(actor);
        return Pages.page(HttpStatus.BAD_REQUEST, FeedPages.FORM_VIEW,
                new FeedPages.NewPage(FeedPages.form("/admin/feeds/new", true, form.fields(null), choices, previews, errors)));
    }

    @Get("/{slug}")
    ModelAndView<Map<String, Object>> feed(@PathVariable String slug, HttpRequest<?> request, Authentication authentication) {
        Staff viewer = staff.require(authentication);
        FeedService.Detail detail = feeds.detail(viewer, slug);
        FeedPages.Form form = detail.editable()
                ? FeedPages.form("/admin/feeds/" + slug, false, FeedPages.fields(detail.feed()), feeds.choices(viewer), previews, Map.of())
                : null;
        return Pages.page(FeedPages.FEED_VIEW, FeedPages.feedPage(detail, form, StaffLanguage.of(request), times));
    }

    @Post(value = "/{slug}", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> update(@PathVariable("slug") String feed, @Nullable @Part String slug, @Nullable @Part String name, @Nullable @Part String kind,
                           @Nullable @Part String url, @Nullable @Part String institution, @Nullable @Part String category,
                           @Nullable @Part String language, @Nullable @Part String template, @Nullable @Part String leadTimeDays,
                           @Nullable @Part String showUntil, @Nullable @Part String autoApprove,
                           @Nullable @Part String autoApproveOffered, @Nullable @Part String refreshMinutes,
                           @Nullable @Part String durationSeconds, @Nullable @Part String csrfToken,
                           @Nullable @Part("file") CompletedFileUpload file,
                           HttpRequest<?> request, Authentication authentication) {
        // the address stays as it is, whatever is posted: announcements and links name it
        FeedForm form = new FeedForm(feed, name, kind, url, institution, category, language, template, leadTimeDays, showUntil,
                autoApprove, autoApproveOffered, refreshMinutes, durationSeconds, csrfToken);
        Staff actor = staff.require(authentication);
        Map<String, Message> errors = new LinkedHashMap<>();
        FeedService.Command command = form.command(errors);
        if (errors.isEmpty()) {
            try (InputStream content = content(file)) {
                FeedService.View updated = feeds.update(actor, feed, command, file == null ? null : file.getFilename(), content);
                return Pages.seeOther("/admin/feeds/" + updated.slug() + "?notice=saved");
            } catch (ProblemException e) {
                errors.putAll(fieldErrors(e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        FeedService.Detail detail = feeds.detail(actor, feed);
        FeedPages.Form kept = FeedPages.form("/admin/feeds/" + feed, false, form.fields(detail.feed().fileBytes()),
                feeds.choices(actor), previews, errors);
        return Pages.page(HttpStatus.BAD_REQUEST, FeedPages.FEED_VIEW,
                FeedPages.feedPage(detail, kept, StaffLanguage.of(request), times));
    }

    /** For the feed page's script, which follows a running import without reloading. */
    @Get("/{slug}/import-state")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<FeedService.ImportState> importState(@PathVariable String slug, Authentication authentication) {
        // said outright: the class's text/html would otherwise win for a browser's Accept header
        return HttpResponse.ok(feeds.get(staff.require(authentication), slug).lastImport()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Post(value = "/{slug}/import", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> importNow(@PathVariable String slug, @Body CsrfForm.TokenOnly form, Authentication authentication) {
        FeedService.ImportResult result;
        try {
            result = feeds.importNow(staff.require(authentication), slug);
        } catch (ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
            return Pages.seeOther("/admin/feeds/" + slug + "?notice=feeds.alreadyRunning");
        }
        return Pages.seeOther("/admin/feeds/" + slug + ("failed".equals(result.state()) ? "?alert=feeds.importFailed" : "?notice=feeds.imported"));
    }

    @Get("/{slug}/delete")
    ModelAndView<Map<String, Object>> confirmDelete(@PathVariable String slug, Authentication authentication) {
        FeedService.Detail detail = feeds.detail(staff.require(authentication), slug);
        if (!detail.editable()) {
            throw ProblemException.forbidden("feed.forbidden.manage", detail.institutionName());
        }
        return Pages.page(FeedPages.DELETE_VIEW, new FeedPages.DeletePage(slug, detail.feed().name(), detail.announcements().size()));
    }

    @Post(value = "/{slug}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(@PathVariable String slug, @Body CsrfForm.TokenOnly form, Authentication authentication) {
        feeds.delete(staff.require(authentication), slug);
        return Pages.seeOther("/admin/feeds?notice=feeds.deleted");
    }

    /** A file input left empty still sends a part, with no name and no bytes: that is no file. */
    private static @Nullable InputStream content(@Nullable CompletedFileUpload file) throws IOException {
        return file == null || file.getFilename() == null || file.getFilename().isBlank() || file.getSize() == 0
                ? null : file.getInputStream();
    }

    /** Bad input goes beside its fields; any other refusal becomes the error page. */
    private static Map<String, Message> fieldErrors(ProblemException e) {
        if (e.status() != 400) {
            throw e;
        }
        Map<String, Message> errors = new LinkedHashMap<>();
        for (Problem.FieldError error : e.errors()) {
            errors.putIfAbsent(error.field(), error.message());
        }
        if (errors.isEmpty()) {
            errors.put("form", e.detail());
        }
        return errors;
    }
}
