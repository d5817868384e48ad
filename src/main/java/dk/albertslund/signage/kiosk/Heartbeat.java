package dk.albertslund.signage.kiosk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/** What a kiosk reported about itself, checked and bounded, with when the server received it. */
@MappedEntity("heartbeat")
public record Heartbeat(
        @Id @GeneratedValue @Nullable Long id,
        long deviceId,
        long screenId,
        Instant receivedAt,
        @Nullable String clientVersion,
        @Nullable Long uptimeSeconds,
        @Nullable String currentSlideId,
        @Nullable String manifestEtag,
        @Nullable Long jsHeapBytes,
        @Nullable Long cacheBytes,
        @Nullable Long clockOffsetMs,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> recentErrors) {
}
