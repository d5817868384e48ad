package dk.albertslund.signage.report;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;

import java.util.List;

/** The proof-of-play report as a spreadsheet download, the same for the API and the staff pages. */
final class PlaysCsv {

    private PlaysCsv() {
    }

    static HttpResponse<String> download(PlayReportService.Report report) {
        Csv csv = new Csv().row(List.of("day", "screen", "announcement", "title", "plays", "seconds", "scans",
                "scans_per_100_plays"));
        for (PlayReportService.Row row : report.items()) {
            csv.row(List.of(row.day().toString(), row.screen(), row.announcement(), row.title(), row.plays(), row.seconds(),
                    row.scans(), row.scansPer100Plays() == null ? "" : row.scansPer100Plays()));
        }
        return HttpResponse.ok(csv.toString())
                .contentType(Csv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"plays-" + report.from() + "-to-" + report.to() + ".csv\"");
    }
}
