package dk.albertslund.signage.screen;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScreenGroupRepository extends PageableRepository<ScreenGroup, Long>, JpaSpecificationExecutor<ScreenGroup> {

    Optional<ScreenGroup> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<ScreenGroup> findBySlugIn(Collection<String> slugs);

    List<ScreenGroup> findByIdIn(Collection<Long> ids);

    /** The groups that fall back to this playlist, to name them before it is deleted. */
    List<String> findSlugByDefaultPlaylistIdOrderBySlug(Long defaultPlaylistId);
}
