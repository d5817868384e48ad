package dk.albertslund.signage.feed;

import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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

@Controller("/api/v1/feeds")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedApiController {

    private final FeedService feeds;
    private final StaffDirectory staff;

    FeedApiController(FeedService feeds, StaffDirectory staff) {
        this.feeds = feeds;
        this.staff = staff;
    }

    @Get
    PageResponse<FeedService.View> list(HttpRequest<?> request, Authentication authentication) {
        return PageResponse.of(feeds.list(staff.require(authentication), ListQuery.parse(request.getParameters(), FeedService.LIST)), v -> v);
    }

    @Get("/{slug}")
    FeedService.View get(String slug, Authentication authentication) {
        return feeds.get(staff.require(authentication), slug);
    }

    @Post
    HttpResponse<FeedService.View> create(@Body FeedService.Command command, Authentication authentication) {
        FeedService.View created = feeds.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/feeds/" + created.slug()));
    }

    @Put("/{slug}")
    FeedService.View update(String slug, @Body FeedService.Command command, Authentication authentication) {
        return feeds.update(staff.require(authentication), slug, command);
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        feeds.delete(staff.require(authentication), slug);
    }

    /** The calendar file of an ics-file feed, as the form field {@code file}. */
    @Post(value = "/{slug}/file", consumes = MediaType.MULTIPART_FORM_DATA)
    FeedService.View upload(String slug, @Nullable StreamingFileUpload file, Authentication authentication) {
        if (file == null) {
            return feeds.upload(staff.require(authentication), slug, null, null);
        }
        try (InputStream content = file.asInputStream()) {
            return feeds.upload(staff.require(authentication), slug, file.getFilename(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports the feed now, on this server, and says what changed (or what failed). */
    @Post("/{slug}/import")
    FeedService.ImportResult importNow(String slug, Authentication authentication) {
        return feeds.importNow(staff.require(authentication), slug);
    }
}
