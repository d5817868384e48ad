package dk.albertslund.signage.kiosk;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface HeartbeatRepository extends CrudRepository<Heartbeat, Long> {

    Optional<Heartbeat> findFirstByScreenIdOrderByIdDesc(long screenId);

    /** The screen's latest heartbeats, newest first, for its page. */
    List<Heartbeat> findTop10ByScreenIdOrderByIdDesc(long screenId);

    /** Heartbeats received before the cutoff, except each device's latest, which the status still shows. */
    @Query("""
            DELETE FROM heartbeat h WHERE h.received_at < :cutoff
            AND h.id <> (SELECT max(latest.id) FROM heartbeat latest WHERE latest.device_id = h.device_id)""")
    long deleteReceivedBefore(Instant cutoff);
}
