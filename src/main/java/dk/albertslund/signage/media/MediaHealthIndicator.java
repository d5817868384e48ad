package dk.albertslund.signage.media;

import dk.albertslund.signage.core.DatabaseStatus;
import dk.albertslund.signage.health.StoredProblemsIndicator;
import io.micronaut.health.HealthStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /health lists the media files that are missing or corrupt, each marked DOWN with what is
 * wrong, since when and its URL (the details are for signed-in staff only). The server
 * itself stays UP: the media folder is shared, so every server would report the same
 * file, and a load balancer taking them out would turn one lost picture into blank
 * screens everywhere. Kiosks are already not sent the file (README "Media integrity").
 */
@Singleton
class MediaHealthIndicator extends StoredProblemsIndicator {

    private final MediaIntegrity integrity;

    MediaHealthIndicator(MediaIntegrity integrity, DatabaseStatus database) {
        super(database);
        this.integrity = integrity;
    }

    @Override
    protected Map<String, Object> problems() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (Media file : integrity.problems()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("status", HealthStatus.DOWN.getName());
            problem.put("problem", file.fileProblem() == null ? null : file.fileProblem().value());
            problem.put("since", file.fileProblemSince() == null ? null : file.fileProblemSince().toString());
            problem.put("url", file.url());
            problem.put("originalName", file.originalName());
            details.put(file.sha256(), problem);
        }
        return details;
    }

    @Override
    protected String getName() {
        return "media";
    }
}
