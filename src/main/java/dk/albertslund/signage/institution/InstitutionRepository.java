package dk.albertslund.signage.institution;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InstitutionRepository extends PageableRepository<Institution, Long>, JpaSpecificationExecutor<Institution> {

    Optional<Institution> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<Institution> findByIdIn(Collection<Long> ids);

    List<Institution> findBySlugIn(Collection<String> slugs);

    List<String> findSlugByLogoMediaIdOrderBySlug(Long logoMediaId);
}
