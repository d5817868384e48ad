package dk.albertslund.signage.playlist;

import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.PageResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;

@Controller("/api/v1/playlists")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class PlaylistApiController {

    private final PlaylistService playlists;
    private final StaffDirectory staff;

    PlaylistApiController(PlaylistService playlists, StaffDirectory staff) {
        this.playlists = playlists;
        this.staff = staff;
    }

    @Get
    PageResponse<PlaylistService.View> list(HttpRequest<?> request) {
        return PageResponse.of(playlists.list(ListQuery.parse(request.getParameters(), PlaylistService.LIST)), v -> v);
    }

    @Get("/{slug}")
    PlaylistService.View get(String slug) {
        return playlists.get(slug);
    }

    /** What the playlist plays now: its items in order, then what its rule matches; approved and published only. */
    @Get("/{slug}/selection")
    PlaylistService.Selection selection(String slug) {
        return playlists.selection(slug);
    }

    @Post
    HttpResponse<PlaylistService.View> create(@Body PlaylistService.Command command, Authentication authentication) {
        PlaylistService.View created = playlists.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/playlists/" + created.slug()));
    }

    /** Replaces the whole playlist: name, institution, items and rule as sent. */
    @Put("/{slug}")
    PlaylistService.View update(String slug, @Body PlaylistService.Command command, Authentication authentication) {
        return playlists.update(staff.require(authentication), slug, command);
    }

    @Put("/{slug}/items")
    PlaylistService.View replaceItems(String slug, @Body PlaylistService.ItemsCommand command, Authentication authentication) {
        return playlists.replaceItems(staff.require(authentication), slug, command);
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        playlists.delete(staff.require(authentication), slug);
    }
}
