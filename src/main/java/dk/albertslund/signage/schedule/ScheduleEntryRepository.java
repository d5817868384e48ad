package dk.albertslund.signage.schedule;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScheduleEntryRepository extends PageableRepository<ScheduleEntry, Long>, JpaSpecificationExecutor<ScheduleEntry> {

    Optional<ScheduleEntry> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<ScheduleEntry> findByKindOrderById(EntryKind kind);

    // What schedules a playlist, screen or group, named before it may be deleted (the
    // foreign keys would otherwise delete these entries with it).

    List<String> findSlugByPlaylistIdOrderBySlug(long playlistId);

    List<ScheduleEntry> findByPlaylistIdAndKind(long playlistId, EntryKind kind);

    List<String> findSlugByTargetScreenIdOrderBySlug(Long targetScreenId);

    List<String> findSlugByTargetGroupIdOrderBySlug(Long targetGroupId);
}
