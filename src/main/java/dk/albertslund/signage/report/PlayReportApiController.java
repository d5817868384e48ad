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
        return csv ? PlaysCsv.download(report) : HttpResponse.ok(report);
    }

    /** Achieved against intended airtime per screen, day and institution; CSV as for plays. */
    @Get(value = "/airtime", produces = {MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> airtime(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                            @Nullable @QueryValue String screen, @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        PlayReportService.AirtimeReport report = reports.airtime(new PlayReportService.Query(from, to, screen, null));
        boolean csv = accept != null && accept.contains("text/csv") && !accept.contains(MediaType.APPLICATION_JSON);
        return csv ? PlaysCsv.airtime(report) : HttpResponse.ok(report);
    }

    @Get(value = "/airtime.csv", produces = "text/csv")
    HttpResponse<String> airtimeCsv(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                    @Nullable @QueryValue String screen) {
        return PlaysCsv.airtime(reports.airtime(new PlayReportService.Query(from, to, screen, null)));
    }

    @Get(value = "/plays.csv", produces = "text/csv")
    HttpResponse<String> playsCsv(@Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                  @Nullable @QueryValue String screen, @Nullable @QueryValue String announcement) {
        return PlaysCsv.download(reports.report(new PlayReportService.Query(from, to, screen, announcement)));
    }
}
