package dk.albertslund.signage.feed;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface FeedItemRepository extends CrudRepository<FeedItem, Long> {

    List<FeedItem> findByFeedId(long feedId);

    long countByFeedId(long feedId);

    List<FeedItem> findByAnnouncementIdIn(Collection<Long> announcementIds);
}
