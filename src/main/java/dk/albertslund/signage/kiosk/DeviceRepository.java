package dk.albertslund.signage.kiosk;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeviceRepository extends PageableRepository<Device, Long>, JpaSpecificationExecutor<Device> {

    Optional<Device> findByScreenIdAndRevokedAtIsNull(long screenId);

    Optional<Device> findByTokenHashAndRevokedAtIsNull(String tokenHash);

    /**
     * Holds a lock named after the screen until the transaction ends, so claims for one
     * screen take turns (an advisory lock: the screen's own row belongs to the screen feature).
     */
    @Query("SELECT 1 FROM pg_advisory_xact_lock(1263488883, CAST(:screenId AS integer))")
    Optional<Integer> lockScreen(int screenId);

    /** Stores the token's hash unless one is stored already: the token is handed out once, to one poll. */
    @Query("UPDATE device SET token_hash = :tokenHash WHERE id = :id AND token_hash IS NULL AND revoked_at IS NULL")
    long storeTokenOnce(long id, String tokenHash);

    /** Records that the device was seen, at most once a minute, so a busy kiosk does not write on every call. */
    @Query("UPDATE device SET last_seen_at = :now WHERE id = :id AND (last_seen_at IS NULL OR last_seen_at < :unlessSeenSince)")
    void markSeen(long id, Instant now, Instant unlessSeenSince);
}
