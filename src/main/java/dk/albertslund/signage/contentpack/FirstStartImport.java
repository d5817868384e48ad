package dk.albertslund.signage.contentpack;

import dk.albertslund.signage.config.SignageConfiguration;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new installation shows real-looking campus content at once: the first time a server
 * starts on an empty database it imports the content pack. That is remembered in the
 * database, so deleting content later never brings the pack back by itself.
 */
@Singleton
class FirstStartImport implements ApplicationEventListener<ServerStartupEvent> {

    static final String STATE_KEY = "content-pack-imported-at";
    private static final Logger LOG = LoggerFactory.getLogger(FirstStartImport.class);

    private final ContentPackImporter importer;
    private final SignageConfiguration configuration;
    private final JdbcOperations jdbc;

    FirstStartImport(ContentPackImporter importer, SignageConfiguration configuration, JdbcOperations jdbc) {
        this.importer = importer;
        this.configuration = configuration;
        this.jdbc = jdbc;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!configuration.getContentPack().isImportOnFirstStart() || alreadyImported()) {
            return;
        }
        java.nio.file.Path directory = importer.defaultDirectory();
        if (!java.nio.file.Files.isDirectory(directory)) {
            // not a fault: an installation may start without the campus pack (README "Content pack")
            LOG.warn("No content pack at {}: the server starts empty. To import one later: java -jar campus-signage.jar "
                    + "--import-content-pack (server stopped), or POST /api/v1/content-pack/import as an admin.", directory);
            return;
        }
        try {
            ContentPackImporter.Report report = importer.importPack(directory);
            remember();
            LOG.info("{}", report);
        } catch (ContentPackException e) {
            // The server stays up: staff can fix the files and import again (POST /api/v1/content-pack/import).
            LOG.error("The content pack was not imported. {}", e.getMessage());
        }
    }

    @Transactional
    boolean alreadyImported() {
        return jdbc.prepareStatement("SELECT 1 FROM installation_state WHERE key = ?", statement -> {
            statement.setString(1, STATE_KEY);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    @Transactional
    void remember() {
        jdbc.prepareStatement("""
                INSERT INTO installation_state (key, value) VALUES (?, now()::text)
                ON CONFLICT (key) DO NOTHING""", statement -> {
            statement.setString(1, STATE_KEY);
            return statement.executeUpdate();
        });
    }
}
