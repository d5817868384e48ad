package dk.albertslund.signage.kiosk;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PairingRepository extends CrudRepository<Pairing, Long> {

    Optional<Pairing> findByPublicId(String publicId);

    Optional<Pairing> findByCode(String code);

    boolean existsByCode(String code);

    long countByAddressAndClaimedAtIsNullAndExpiresAtGreaterThan(String address, Instant now);

    long countByClaimedAtIsNullAndExpiresAtGreaterThan(Instant now);

    /** When the first of an address's open pairings expires, freeing a place. */
    @Query("SELECT min(expires_at) FROM kiosk_pairing WHERE address = :address AND claimed_at IS NULL AND expires_at > :now")
    Optional<Instant> firstExpiryOfOpen(String address, Instant now);

    /** Claims an open pairing; 0 when another claim came first or it has expired, so a code is used once. */
    @Query("UPDATE kiosk_pairing SET claimed_at = :now, claimed_by = :claimedBy, device_id = :deviceId "
            + "WHERE id = :id AND claimed_at IS NULL AND expires_at > :now")
    long claim(long id, Instant now, String claimedBy, long deviceId);

    /** Pairings that expired before the cutoff; a claimed one keeps its device. */
    @Query("DELETE FROM kiosk_pairing WHERE expires_at < :cutoff")
    long deleteExpiredBefore(Instant cutoff);
}
