package dk.albertslund.signage.schedule;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A playlist on a target (one screen, a group, or every screen) during the windows of
 * a {@link TimeRule}, with a priority, as normal content or as an emergency. Staff know it
 * by its name; the slug is for addresses, the API and the content pack.
 */
@MappedEntity("schedule_entry")
public record ScheduleEntry(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String name,
        long playlistId,
        @TypeDef(type = DataType.STRING, converter = ScheduleColumns.TargetKindColumn.class) TargetKind targetKind,
        @Nullable Long targetScreenId,
        @Nullable Long targetGroupId,
        @Nullable LocalDate startDate,
        @Nullable LocalDate endDate,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> daysOfWeek,
        @Nullable String rrule,
        LocalTime startTime,
        LocalTime endTime,
        int priority,
        @TypeDef(type = DataType.STRING, converter = ScheduleColumns.EntryKindColumn.class) EntryKind kind,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    /** The entry's time rule; stored rows were checked when written. */
    public TimeRule timeRule() {
        return new TimeRule(startDate, endDate, TimeRule.parseDays(daysOfWeek), rrule, startTime, endTime);
    }
}
