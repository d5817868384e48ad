package dk.albertslund.signage.report;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.web.Messages;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import dk.albertslund.signage.core.CampusTime;

/**
 * Proof of play for staff: how often each announcement was shown, on which screens, day
 * by day over a period, as a bar chart with the same figures in tables (the chart's
 * accessible alternative) and a CSV download for spreadsheets. Every staff member may
 * read it, as the report API allows.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
class ReportPagesController {

    static final String VIEW = "reports/plays";
    /** The period shown before anyone chooses one: the last week, today included. */
    private static final int DEFAULT_DAYS = 7;
    private static final ListQuery ALL_SCREENS = new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc("name")), Map.of());

    private final PlayReportService reports;
    private final ScreenService screens;
    private final Messages messages;
    private final ZoneId zone;
    private final Clock clock;

    ReportPagesController(PlayReportService reports, ScreenService screens, Messages messages, SignageConfiguration configuration,
                          Clock clock) {
        this.reports = reports;
        this.screens = screens;
        this.messages = messages;
        this.zone = configuration.getTimeZone();
        this.clock = clock;
    }

    /** The page: the form as typed with its errors (message keys), and the figures when the form was valid. */
    public record ReportsPage(Form form, List<Choice> screens, @Nullable Results results) {
    }

    public record Form(String from, String to, @Nullable String screen, @Nullable String announcement,
                       @Nullable String fromError, @Nullable String toError, @Nullable String screenError,
                       @Nullable String announcementError) {
    }

    public record Choice(String value, String label, boolean selected) {
    }

    /** Minutes are decimals (shown with the language's decimal mark), counts whole numbers. */
    public record Results(String period, long plays, double minutes, PlayChart.Chart chart, String chartDescription,
                          List<DayRow> days, List<AnnouncementRow> announcements, List<ScreenRow> screens,
                          String csvHref, @Nullable String announcementTitle, @Nullable String allAnnouncementsHref,
                          long scans, @Nullable Double scansPer100Plays, List<AirtimeLine> airtime, String airtimeCsvHref) {
    }

    /**
     * One institution's airtime on one screen on one day, achieved against intended
     * (docs/ARCHITECTURE.md, "Fair airtime"); intended is null on a screen without shares.
     */
    public record AirtimeLine(String day, String screen, String institution, double minutes, double achievedPercent,
                              @Nullable Double intendedPercent) {

        /** Whether the screen has shares to compare with (Handlebars' #if takes 0.0 for no). */
        public boolean hasIntended() {
            return intendedPercent != null;
        }
    }

    public record DayRow(String day, long plays, double minutes, long scans) {
    }

    /** {@code scansPer100Plays} is null without plays (shown as a dash). */
    public record AnnouncementRow(String title, String href, long plays, int screens, double minutes, long scans,
                                  @Nullable Double scansPer100Plays) {

        /** Whether there were plays to count scans against (Handlebars' #if takes 0.0 for no). */
        public boolean hasRate() {
            return scansPer100Plays != null;
        }
    }

    public record ScreenRow(String name, long plays, int announcements, double minutes, long scans,
                            @Nullable Double scansPer100Plays) {

        public boolean hasRate() {
            return scansPer100Plays != null;
        }
    }

    @Get("/reports")
    HttpResponse<?> plays(@Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String screen,
                          @Nullable @QueryValue String announcement, HttpRequest<?> request) {
        String lang = StaffLanguage.of(request);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        String fromText = blank(from) ? today.minusDays(DEFAULT_DAYS - 1).toString() : from.strip();
        String toText = blank(to) ? today.toString() : to.strip();
        String screenSlug = blank(screen) ? null : screen.strip();
        String announcementSlug = blank(announcement) ? null : announcement.strip();
        Map<String, String> screenNames = screenNames();
        List<Choice> choices = screenNames.entrySet().stream()
                .map(entry -> new Choice(entry.getKey(), entry.getValue(), entry.getKey().equals(screenSlug))).toList();
        PlayReportService.Report report;
        try {
            report = reports.report(new PlayReportService.Query(fromText, toText, screenSlug, announcementSlug));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            List<Problem.FieldError> errors = e.errors();
            boolean daysReadable = Problem.messageFor(errors, "from") == null && isDay(toText);
            Form form = new Form(fromText, toText, screenSlug, announcementSlug,
                    key(errors, "from", "reports.error.day"),
                    key(errors, "to", daysReadable ? "reports.error.range" : "reports.error.day"),
                    key(errors, "screen", "reports.error.screen"), key(errors, "announcement", "reports.error.announcement"));
            return Pages.page(HttpStatus.BAD_REQUEST, VIEW, new ReportsPage(form, choices, null));
        }
        Form form = new Form(fromText, toText, screenSlug, announcementSlug, null, null, null, null);
        PlayReportService.AirtimeReport airtime = reports.airtime(new PlayReportService.Query(fromText, toText, screenSlug, null));
        return HttpResponse.ok(Pages.page(VIEW, new ReportsPage(form, choices,
                results(report, airtime, screenNames, screenSlug, announcementSlug, lang))));
    }

    /** Achieved against intended airtime as a spreadsheet, as {@link #csv} for plays. */
    @Get(value = "/reports/airtime.csv", produces = {"text/csv", MediaType.TEXT_HTML})
    HttpResponse<String> airtimeCsv(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                    @Nullable @QueryValue String screen) {
        return PlaysCsv.airtime(reports.airtime(new PlayReportService.Query(from, to, blank(screen) ? null : screen, null)));
    }

    /** The same figures as a spreadsheet, for a signed-in person following the page's link (the sign-in cookie suffices). */
    @Get(value = "/reports.csv", produces = {"text/csv", MediaType.TEXT_HTML})
    HttpResponse<String> csv(@Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String screen,
                             @Nullable @QueryValue String announcement) {
        return PlaysCsv.download(reports.report(new PlayReportService.Query(from, to, blank(screen) ? null : screen,
                blank(announcement) ? null : announcement)));
    }

    private Results results(PlayReportService.Report report, PlayReportService.AirtimeReport airtime,
                            Map<String, String> screenNames, @Nullable String screen, @Nullable String announcement, String lang) {

        Map<LocalDate, long[]> perDay = new TreeMap<>();
        Map<String, Totals> perAnnouncement = new LinkedHashMap<>();
        Map<String, Totals> perScreen = new LinkedHashMap<>();
        long plays = 0;
        long seconds = 0;
        long scans = 0;
        for (PlayReportService.Row row : report.items()) {
            long[] day = perDay.computeIfAbsent(row.day(), d -> new long[3]);
            day[0] += row.plays();
            day[1] += row.seconds();
            day[2] += row.scans();
            scans += row.scans();
            perAnnouncement.computeIfAbsent(row.announcement(), slug -> new Totals(row.title())).add(row, row.screen());
            perScreen.computeIfAbsent(row.screen(), slug -> new Totals(screenNames.getOrDefault(slug, slug))).add(row, row.announcement());
            plays += row.plays();
            seconds += row.seconds();
        }
        Map<LocalDate, Long> playsPerDay = new TreeMap<>();
        Map<LocalDate, Long> scansPerDay = new TreeMap<>();
        perDay.forEach((day, figures) -> {
            playsPerDay.put(day, figures[0]);
            scansPerDay.put(day, figures[2]);
        });
        PlayChart.Chart chart = PlayChart.of(report.from(), report.to(), playsPerDay, d -> CampusTime.shortDay(d, lang),
                entry -> messages.text(lang, "reports.chart.bar", CampusTime.weekdayDate(entry.getKey(), lang), entry.getValue()),
                scansPerDay, entry -> messages.text(lang, "reports.chart.scanBar", CampusTime.weekdayDate(entry.getKey(), lang),
                        entry.getValue()));

        List<DayRow> days = report.from().datesUntil(report.to().plusDays(1))
                .map(day -> {
                    long[] figures = perDay.getOrDefault(day, new long[3]);
                    return new DayRow(CampusTime.weekdayDate(day, lang), figures[0], minutes(figures[1]), figures[2]);
                }).toList();
        List<AnnouncementRow> announcements = perAnnouncement.entrySet().stream()
                .sorted(Totals.MOST_PLAYED)
                .map(entry -> new AnnouncementRow(entry.getValue().name, link("/admin/reports", report, screen, entry.getKey()),
                        entry.getValue().plays, entry.getValue().others.size(), minutes(entry.getValue().seconds),
                        entry.getValue().scans, PlayReportService.per100(entry.getValue().scans, entry.getValue().plays)))
                .toList();
        List<ScreenRow> screenRows = perScreen.entrySet().stream()
                .sorted(Totals.MOST_PLAYED)
                .map(entry -> new ScreenRow(entry.getValue().name, entry.getValue().plays, entry.getValue().others.size(),
                        minutes(entry.getValue().seconds), entry.getValue().scans,
                        PlayReportService.per100(entry.getValue().scans, entry.getValue().plays)))
                .toList();
        String period = messages.text(lang, "reports.period", CampusTime.weekdayDate(report.from(), lang), CampusTime.weekdayDate(report.to(), lang));
        LocalDate busiest = playsPerDay.entrySet().stream().max(Map.Entry.<LocalDate, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
        String description = busiest == null
                ? messages.text(lang, "reports.chart.descriptionEmpty", period)
                : messages.text(lang, "reports.chart.description", period, plays, CampusTime.weekdayDate(busiest, lang), playsPerDay.get(busiest));
        String announcementTitle = announcement == null ? null
                : perAnnouncement.containsKey(announcement) ? perAnnouncement.get(announcement).name : announcement;
        return new Results(period, plays, minutes(seconds), chart, description, days, announcements, screenRows,
                link("/admin/reports.csv", report, screen, announcement), announcementTitle,
                announcement == null ? null : link("/admin/reports", report, screen, null), scans,
                PlayReportService.per100(scans, plays),
                airtime.items().stream().map(row -> new AirtimeLine(CampusTime.weekdayDate(row.day(), lang),
                        screenNames.getOrDefault(row.screen(), row.screen()), row.institutionName(), minutes(row.seconds()),
                        row.achievedPercent(), row.intendedPercent())).toList(),
                link("/admin/reports/airtime.csv", report, screen, null));
    }

    /** Plays and seconds of one announcement (or screen), and the screens (or announcements) it was seen with. */
    private static final class Totals {

        static final Comparator<Map.Entry<String, Totals>> MOST_PLAYED = Comparator
                .comparing((Map.Entry<String, Totals> entry) -> -entry.getValue().plays)
                .thenComparing(entry -> entry.getValue().name)
                .thenComparing(Map.Entry::getKey);

        final String name;
        final Set<String> others = new HashSet<>();
        long plays;
        long seconds;
        long scans;

        Totals(String name) {
            this.name = name;
        }

        void add(PlayReportService.Row row, String other) {
            plays += row.plays();
            seconds += row.seconds();
            scans += row.scans();
            others.add(other);
        }
    }

    private Map<String, String> screenNames() {
        Map<String, String> names = new LinkedHashMap<>();
        screens.list(ALL_SCREENS).getContent().forEach(screen -> names.put(screen.slug(), screen.name()));
        return names;
    }

    private static String link(String path, PlayReportService.Report report, @Nullable String screen, @Nullable String announcement) {
        StringBuilder link = new StringBuilder(path).append("?from=").append(report.from()).append("&to=").append(report.to());
        if (screen != null) {
            link.append("&screen=").append(URLEncoder.encode(screen, StandardCharsets.UTF_8));
        }
        if (announcement != null) {
            link.append("&announcement=").append(URLEncoder.encode(announcement, StandardCharsets.UTF_8));
        }
        return link.toString();
    }

    private static double minutes(long seconds) {
        return seconds / 60.0;
    }

    /** The service's refusal of a field as one of this page's message keys, or null if the field is fine. */
    @Nullable
    private static String key(List<Problem.FieldError> errors, String field, String key) {
        return Problem.messageFor(errors, field) == null ? null : key;
    }

    private static boolean isDay(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
