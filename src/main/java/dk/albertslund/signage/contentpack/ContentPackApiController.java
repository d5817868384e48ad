package dk.albertslund.signage.contentpack;

import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Import the content pack on demand, e.g. after changing its files in git. */
@Controller("/api/v1/content-pack")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ContentPackApiController {

    private final ContentPackImporter importer;
    private final StaffDirectory staff;

    ContentPackApiController(ContentPackImporter importer, StaffDirectory staff) {
        this.importer = importer;
        this.staff = staff;
    }

    @Post("/import")
    ContentPackImporter.Report importPack(Authentication authentication) {
        if (!staff.require(authentication).isAdmin()) {
            throw ProblemException.forbidden("contentPack.forbidden.import");
        }
        try {
            return importer.importPack(importer.defaultDirectory());
        } catch (ContentPackException e) {
            // the pack's own errors are worded in English, for whoever edits its files
            throw new ProblemException(400, "Bad Request", Message.of("contentPack.invalid", e.errors().size()),
                    e.errors().stream().map(err -> new Problem.FieldError(
                            err.file() + (err.line() > 0 ? ":" + err.line() : "") + (err.field().isEmpty() ? "" : " " + err.field()),
                            Message.verbatim(err.message()))).toList());
        }
    }
}
