package dk.albertslund.signage.announcement;

import dk.albertslund.signage.core.StoredValueColumn;
import jakarta.inject.Singleton;

/** How an announcement's status is kept in its column ("approved"); the status itself stays plain Java. */
@Singleton
final class AnnouncementStatusColumn extends StoredValueColumn<AnnouncementStatus> {
    AnnouncementStatusColumn() {
        super(AnnouncementStatus.class);
    }
}
