package dk.albertslund.signage.playlist;

import dk.albertslund.signage.core.InUse;
import io.micronaut.core.order.Ordered;

import java.util.List;

/**
 * What still plays a playlist (schedule entries, screens and groups falling back to it),
 * told by the features above this one in the stack (docs/ARCHITECTURE.md), so a playlist
 * in use is not deleted from under them. Their order decides the order of the refusal.
 */
public interface PlaylistUsers extends Ordered {

    List<InUse> usesOfPlaylist(long playlistId);
}
