package dk.albertslund.signage.feed;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface FeedImageRepository extends CrudRepository<FeedImage, Long> {

    List<FeedImage> findByFeedId(long feedId);

    /** The images that could not be used: why is a message key, or the text an older version stored. */
    @Query("SELECT * FROM feed_image WHERE feed_id = :feedId AND (error IS NOT NULL OR error_key IS NOT NULL) ORDER BY url")
    List<FeedImage> findFailedByFeedId(long feedId);
}
