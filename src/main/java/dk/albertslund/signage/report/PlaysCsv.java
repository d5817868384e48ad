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

    /** Achieved against intended airtime per screen, day and institution (docs/ARCHITECTURE.md, "Fair airtime"). */
    static HttpResponse<String> airtime(PlayReportService.AirtimeReport report) {
        Csv csv = new Csv().row(List.of("day", "screen", "institution", "institution_name", "seconds", "achieved_percent",
                "intended_percent", "share_percent"));
        for (PlayReportService.AirtimeRow row : report.items()) {
            csv.row(List.of(row.day().toString(), row.screen(), row.institution(), row.institutionName(), row.seconds(),
                    row.achievedPercent(), row.intendedPercent() == null ? "" : row.intendedPercent(),
                    row.sharePercent() == null ? "" : row.sharePercent()));
        }
        return HttpResponse.ok(csv.toString())
                .contentType(Csv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"airtime-" + report.from() + "-to-" + report.to() + ".csv\"");
    }
}
