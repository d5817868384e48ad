package dk.albertslund.signage.screen;

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
}
