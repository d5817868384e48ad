package dk.albertslund.signage.media;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MediaRepository extends PageableRepository<Media, Long>, JpaSpecificationExecutor<Media> {

    Optional<Media> findBySha256(String sha256);

    List<Media> findByIdIn(Collection<Long> ids);

    /** The files the last check found missing or corrupt, longest-standing first. */
    List<Media> findByFileProblemIsNotNullOrderByFileProblemSince();

}
