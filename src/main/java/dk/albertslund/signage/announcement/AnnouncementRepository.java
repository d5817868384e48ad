package dk.albertslund.signage.announcement;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AnnouncementRepository extends PageableRepository<Announcement, Long>, JpaSpecificationExecutor<Announcement> {

    Optional<Announcement> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<Announcement> findBySlugIn(Collection<String> slugs);

    List<Announcement> findByIdIn(Collection<Long> ids);

    List<String> findSlugByMediaIdOrderBySlug(Long mediaId);

    List<Announcement> findByStatus(AnnouncementStatus status);

    long countByStatus(AnnouncementStatus status);

    List<Announcement> findByStatusAndPublishUntilGreaterThanEqualsAndPublishUntilLessThan(AnnouncementStatus status, Instant from, Instant to);

    /**
     * Announcements in this status whose window ended at or before {@code until}, locked
     * until the transaction ends: a second run waiting on the lock then finds them changed
     * and leaves them alone.
     */
    List<Announcement> findByStatusAndPublishUntilLessThanEqualsForUpdate(AnnouncementStatus status, Instant until);
}
