package dk.albertslund.signage.playlist;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlaylistRepository extends PageableRepository<Playlist, Long>, JpaSpecificationExecutor<Playlist> {

    Optional<Playlist> findBySlug(String slug);

    boolean existsBySlug(String slug);
}
