package dk.albertslund.signage.playlist;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlaylistRepository extends PageableRepository<Playlist, Long>, JpaSpecificationExecutor<Playlist> {

    Optional<Playlist> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<Playlist> findByIdIn(Collection<Long> ids);

    // A playlist's items: announcement ids by position, counting from 1 with no gaps.

    @Query("SELECT announcement_id FROM playlist_item WHERE playlist_id = :playlistId ORDER BY position")
    List<Long> findItemIds(long playlistId);

    @Query("DELETE FROM playlist_item WHERE playlist_id = :playlistId")
    void deleteItems(long playlistId);

    @Query("INSERT INTO playlist_item (playlist_id, position, announcement_id) VALUES (:playlistId, :position, :announcementId)")
    void insertItem(long playlistId, int position, long announcementId);
}
