package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.StoredValueColumn;
import jakarta.inject.Singleton;

/** How a schedule entry's target kind and kind are stored ("screen", "emergency"). */
final class ScheduleColumns {

    private ScheduleColumns() {
    }

    @Singleton
    static final class TargetKindColumn extends StoredValueColumn<TargetKind> {
        TargetKindColumn() {
            super(TargetKind.class);
        }
    }

    @Singleton
    static final class EntryKindColumn extends StoredValueColumn<EntryKind> {
        EntryKindColumn() {
            super(EntryKind.class);
        }
    }
}
