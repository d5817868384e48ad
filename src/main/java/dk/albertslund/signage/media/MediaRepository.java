package dk.albertslund.signage.media;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MediaRepository extends PageableRepository<Media, Long>, JpaSpecificationExecutor<Media> {

    Optional<Media> findBySha256(String sha256);

    java.util.List<Media> findByIdIn(java.util.Collection<Long> ids);

    /** Announcements showing this file; a file in use is not deleted from under them. */
    @Query("SELECT slug FROM announcement WHERE media_id = :mediaId ORDER BY slug")
    List<String> announcementsUsing(long mediaId);

    /** Institutions with this file as their logo. */
    @Query("SELECT slug FROM institution WHERE logo_media_id = :mediaId ORDER BY slug")
    List<String> institutionLogosUsing(long mediaId);
}
