package dk.albertslund.signage.media;

import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

@Controller("/api/v1/media")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class MediaApiController {

    private final MediaService media;
    private final MediaCheckRequests checks;
    private final StaffDirectory staff;

    MediaApiController(MediaService media, MediaCheckRequests checks, StaffDirectory staff) {
        this.media = media;
        this.checks = checks;
        this.staff = staff;
    }

    @Get
    PageResponse<MediaService.View> list(HttpRequest<?> request) {
        return PageResponse.of(media.list(ListQuery.parse(request.getParameters(), MediaService.LIST)), v -> v);
    }

    @Get("/{sha256}")
    MediaService.View get(String sha256) {
        return media.get(sha256);
    }

    /**
     * 201 for a new file; 200 with the existing one when the same bytes were uploaded before.
     * The file is read as it streams in (Micronaut keeps multipart data on disk, not in
     * memory), so an oversized upload is refused as soon as it passes the limit. The file
     * parameter is bound by its name: with {@code @Part} Micronaut 4.10 hands a publisher,
     * not the upload.
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<MediaService.View> upload(@Nullable StreamingFileUpload file,
                                           @Nullable @Part("institution") String institution,
                                           @Nullable @Part("alt") String alt,
                                           Authentication authentication) {
        Staff actor = staff.require(authentication);
        MediaService.Command command = new MediaService.Command(institution, alt);
        MediaService.Stored stored;
        if (file == null) {
            stored = media.upload(actor, command, null, null);
        } else {
            try (InputStream content = file.asInputStream()) {
                stored = media.upload(actor, command, file.getFilename(), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stored.created()
                ? HttpResponse.created(stored.view(), URI.create("/api/v1/media/" + stored.view().sha256()))
                : HttpResponse.ok(stored.view());
    }

    /**
     * Asks for a check of every media file now (administrators), e.g. after files were put
     * back in the media folder: 202 at once, and a scheduler thread reads the files. What it
     * finds reaches the manifests, the dashboard and /health (README "Media integrity").
     */
    @Post("/checks")
    @Status(HttpStatus.ACCEPTED)
    void check(Authentication authentication) {
        checks.requestNow(staff.require(authentication));
    }

    @Delete("/{sha256}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String sha256, Authentication authentication) {
        media.delete(staff.require(authentication), sha256);
    }
}
