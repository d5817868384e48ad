package dk.albertslund.signage.screen;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScreenRepository extends PageableRepository<Screen, Long>, JpaSpecificationExecutor<Screen> {

    Optional<Screen> findBySlug(String slug);

    boolean existsBySlug(String slug);

    /** The screens that fall back to this playlist, to name them before it is deleted. */
    List<String> findSlugByDefaultPlaylistIdOrderBySlug(Long defaultPlaylistId);

    // Group membership (screen_group_member); rows go with either side when it is deleted.

    @Query("SELECT group_id FROM screen_group_member WHERE screen_id = :screenId ORDER BY group_id")
    List<Long> findGroupIds(long screenId);

    @Query("SELECT screen_id FROM screen_group_member WHERE group_id = :groupId")
    List<Long> findScreenIdsInGroup(long groupId);

    @Query("DELETE FROM screen_group_member WHERE screen_id = :screenId")
    void deleteMemberships(long screenId);

    @Query("INSERT INTO screen_group_member (screen_id, group_id) VALUES (:screenId, :groupId)")
    void insertMembership(long screenId, long groupId);
}
