package dk.albertslund.signage.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/** The proof-of-play report as JSON, or as a CSV download ({@code Accept: text/csv} or {@code plays.csv}). */
@Controller("/api/v1/reports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class PlayReportApiController {

    private final PlayReportService reports;

    PlayReportApiController(PlayReportService reports) {
        this.reports = reports;
    }

    @Get(value = "/plays", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> plays(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                          @Nullable @QueryValue String screen, @Nullable @QueryValue String announcement,
                          @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        PlayReportService.Report report = reports.report(new PlayReportService.Query(from, to, screen, announcement));
        boolean csv = accept != null && accept.contains("text/csv") && !accept.contains(MediaType.APPLICATION_JSON);
        return csv ? csv(report) : HttpResponse.ok(report);
    }

    @Get(value = "/plays.csv", produces = "text/csv")
    HttpResponse<String> playsCsv(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                  @Nullable @QueryValue String screen, @Nullable @QueryValue String announcement) {
        return csv(reports.report(new PlayReportService.Query(from, to, screen, announcement)));
    }

    private static HttpResponse<String> csv(PlayReportService.Report report) {
        Csv csv = new Csv().row(List.of("day", "screen", "announcement", "title", "plays", "seconds"));
        for (PlayReportService.Row row : report.items()) {
            csv.row(List.of(row.day().toString(), row.screen(), row.announcement(), row.title(), row.plays(), row.seconds()));
        }
        return HttpResponse.ok(csv.toString())
                .contentType(Csv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"plays-" + report.from() + "-to-" + report.to() + ".csv\"");
    }
}
