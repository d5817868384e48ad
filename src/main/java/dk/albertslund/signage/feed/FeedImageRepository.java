package dk.albertslund.signage.feed;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface FeedImageRepository extends CrudRepository<FeedImage, Long> {

    List<FeedImage> findByFeedId(long feedId);

    List<FeedImage> findByFeedIdAndErrorIsNotNullOrderByUrl(long feedId);
}
