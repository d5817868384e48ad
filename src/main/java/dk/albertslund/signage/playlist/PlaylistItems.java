package dk.albertslund.signage.playlist;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** The ordered announcements of a playlist; positions count from 1 with no gaps. */
@Singleton
class PlaylistItems {

    private final JdbcOperations jdbc;

    PlaylistItems(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    List<Long> announcementIds(long playlistId) {
        return jdbc.prepareStatement("SELECT announcement_id FROM playlist_item WHERE playlist_id = ? ORDER BY position", statement -> {
            statement.setLong(1, playlistId);
            List<Long> ids = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void replace(long playlistId, List<Long> announcementIds) {
        jdbc.prepareStatement("DELETE FROM playlist_item WHERE playlist_id = ?", statement -> {
            statement.setLong(1, playlistId);
            return statement.executeUpdate();
        });
        if (announcementIds.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("INSERT INTO playlist_item (playlist_id, position, announcement_id) VALUES (?, ?, ?)", statement -> {
            for (int i = 0; i < announcementIds.size(); i++) {
                statement.setLong(1, playlistId);
                statement.setInt(2, i + 1);
                statement.setLong(3, announcementIds.get(i));
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }
}
