package dk.albertslund.signage.staff;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiTokenRepository extends CrudRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHash(String tokenHash);

    List<ApiToken> findByStaffUserIdOrderByIdDesc(long staffUserId);

    /** Records a use unless one was recorded since {@code unlessUsedSince}: at most one write a minute per token. */
    @Query("UPDATE api_token SET last_used_at = :now WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :unlessUsedSince)")
    void markUsed(long id, Instant now, Instant unlessUsedSince);
}
