package dk.albertslund.signage.feed;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface FeedSourceRepository extends PageableRepository<FeedSource, Long>, JpaSpecificationExecutor<FeedSource> {

    Optional<FeedSource> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<FeedSource> findByImportStatus(String importStatus);

    /** Progress of a running import, written outside its transaction so others can watch it. */
    @Query("UPDATE feed_source SET import_status = 'running', import_started_at = :at, items_processed = :processed, items_total = :total WHERE id = :id")
    void updateProgress(long id, Instant at, int processed, int total);

    @Query("UPDATE feed_source SET items_processed = :processed, items_total = :total WHERE id = :id")
    void updateCount(long id, int processed, int total);

    /**
     * A failed import: what (a message key and its arguments; the English text of older
     * versions is cleared), when and where; the rest of the feed (and its announcements) stays as it was.
     */
    @Query("""
            UPDATE feed_source SET import_status = 'failed', error = NULL, error_key = :errorKey, error_args = :errorArgs,
                   error_line = :line, failed_at = :at
            WHERE id = :id""")
    void updateFailure(long id, String errorKey, @TypeDef(type = DataType.STRING_ARRAY) String[] errorArgs,
                       @io.micronaut.core.annotation.Nullable Integer line, Instant at);

    /** A good import (or an unchanged feed): the error is cleared, the validators kept for next time. */
    @Query("""
            UPDATE feed_source SET import_status = :status, imported_at = :at, error = NULL, error_key = NULL, error_args = '{}',
                   error_line = NULL, failed_at = NULL,
                   etag = :etag, last_modified = :lastModified, items_processed = :processed, items_total = :total
            WHERE id = :id""")
    void updateSuccess(long id, String status, Instant at, @io.micronaut.core.annotation.Nullable String etag,
                       @io.micronaut.core.annotation.Nullable String lastModified, int processed, int total);
}
