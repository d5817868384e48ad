package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The typed models of the feed pages, and how a service view becomes one: times in the
 * campus zone and the page's language, choices with the current one marked. Labels of
 * kinds, states and categories are message keys the templates look up.
 */
final class FeedPages {

    static final String LIST_VIEW = "feeds/list";
    static final String FORM_VIEW = "feeds/new";
    static final String FEED_VIEW = "feeds/feed";
    static final String DELETE_VIEW = "feeds/delete";

    private FeedPages() {
    }

    public record ListPage(List<Row> feeds, boolean mayCreate) {
    }

    /** One feed in the list; {@code lastImport} is the time of the last attempt, good or failed. */
    public record Row(String slug, String name, String kind, String institution, String state, String tone,
                      @Nullable String lastImport, int items, @Nullable String nextRun) {
    }

    /** A choice in a select; {@code label} is null where the template builds a message key from the value. */
    public record Option(String value, @Nullable String label, boolean selected) {
    }

    /** What the form fields hold: the feed as stored, or what the person typed when it came back with errors. */
    public record Fields(String slug, String name, String kind, String url, String institution, String category, String language,
                         String template, String leadTimeDays, String showUntil, boolean autoApprove, String refreshMinutes,
                         String durationSeconds, @Nullable Integer fileBytes) {
    }

    /** The create or edit form; {@code errors} maps a field to the service's message about it. */
    public record Form(String action, boolean creating, Fields fields, List<Option> kinds, List<Option> institutions,
                       List<Option> categories, List<Option> languages, List<Option> showUntil, boolean mayAutoApprove,
                       String templateFields, String defaultTemplate, TemplatePreview.Shown preview,
                       Map<String, Message> errors) {

        public boolean hasErrors() {
            return !errors.isEmpty();
        }
    }

    public record NewPage(Form form) {
    }

    /** How the last import went and how far a running one has come; times already formatted. */
    public record Status(String state, String tone, boolean running, @Nullable String importedAt, @Nullable String startedAt, int processed,
                         int total, @Nullable Message error, @Nullable Integer errorLine, @Nullable String failedAt,
                         @Nullable String nextRun) {
    }

    public record MadeRow(String slug, String title, String status, String startsAt) {
    }

    /** The feed's own page: its status and announcements, and the edit form for those who may change it. */
    public record FeedPage(String slug, String name, String kind, @Nullable String url, @Nullable Integer fileBytes,
                           String institution, Status status, List<FeedService.ImageProblem> imageProblems,
                           List<MadeRow> announcements, @Nullable Form form) {
    }

    public record DeletePage(String slug, String name, int announcements) {
    }

    static Row row(FeedService.Listed listed, String lang, CampusTime times) {
        FeedService.View feed = listed.feed();
        FeedService.ImportState last = feed.lastImport();
        Instant attempted = latest(last.importedAt(), last.failedAt());
        return new Row(feed.slug(), feed.name(), feed.kind(), listed.institutionName(), last.state(), tone(last.state()),
                times.dateTime(attempted, lang),
                last.total(), times.dateTime(listed.nextRun(), lang));
    }

    static FeedPage feedPage(FeedService.Detail detail, @Nullable Form form, String lang, CampusTime times) {
        FeedService.View feed = detail.feed();
        FeedService.ImportState last = feed.lastImport();
        Status status = new Status(last.state(), tone(last.state()), "running".equals(last.state()), times.dateTime(last.importedAt(), lang),
                times.dateTime(last.startedAt(), lang), last.processed(), last.total(), last.error(), last.errorLine(),
                times.dateTime(last.failedAt(), lang), times.dateTime(detail.nextRun(), lang));
        List<MadeRow> made = detail.announcements().stream()
                .map(a -> new MadeRow(a.slug(), a.title(), a.status(), times.dateTime(a.startsAt(), lang))).toList();
        return new FeedPage(feed.slug(), feed.name(), feed.kind(), feed.url(), feed.fileBytes(), detail.institutionName(), status,
                detail.imageProblems(), made, form);
    }

    static Fields fields(FeedService.View feed) {
        return new Fields(feed.slug(), feed.name(), feed.kind(), feed.url() == null ? "" : feed.url(), feed.institution(),
                feed.category(), feed.language(), feed.template(), Integer.toString(feed.leadTimeDays()), feed.showUntil(),
                feed.autoApprove(), Integer.toString(feed.refreshMinutes()), Integer.toString(feed.durationSeconds()), feed.fileBytes());
    }

    /**
     * A new feed starts with the service's defaults. The institution is chosen for the person only
     * when they have one: with several, the first was kept unnoticed and feeds landed at the wrong place.
     */
    static Fields defaults(FeedService.Choices choices) {
        String institution = choices.institutions().size() == 1 ? choices.institutions().get(0).slug() : "";
        return new Fields("", "", FeedKind.ICS_URL.value(), "", institution, "culture", "da", ItemTemplate.DEFAULT, "7", "start", false,
                "60", "10", null);
    }

    static Form form(String action, boolean creating, Fields fields, FeedService.Choices choices, TemplatePreview previews,
                     Map<String, Message> errors) {
        List<Option> institutions = choices.institutions().stream()
                .map(i -> new Option(i.slug(), i.name(), i.slug().equals(fields.institution()))).toList();
        return new Form(action, creating, fields, keyed(choices.kinds(), fields.kind()), institutions,
                keyed(choices.categories(), fields.category()), keyed(choices.languages(), fields.language()),
                keyed(FeedService.SHOW_UNTIL, fields.showUntil()), choices.mayAutoApprove(), choices.templateFields(), ItemTemplate.DEFAULT.strip(),
                previews.of(fields.template(), fields.language()), errors);
    }

    private static List<Option> keyed(List<String> values, String current) {
        return values.stream().map(v -> new Option(v, null, v.equals(current))).toList();
    }

    /** The badge colour of an import state (classes of admin.css). */
    private static String tone(String state) {
        return switch (state) {
            case "ok", "unchanged" -> "ok";
            case "running" -> "warn";
            case "failed" -> "bad";
            default -> "";
        };
    }


    @Nullable
    private static Instant latest(@Nullable Instant a, @Nullable Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
