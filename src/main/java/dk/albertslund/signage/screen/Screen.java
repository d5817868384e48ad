package dk.albertslund.signage.screen;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/**
 * A kiosk screen somewhere on campus: its size and layout decide what is readable on
 * it, its languages which versions of an announcement it plays, and its default
 * playlist what plays when nothing is scheduled. {@code infoBand}: on the full layout, a band
 * with the date, the time and the next message (V16). {@code departures}: the station's next
 * trains off, as a zone of the side column, or as a slide of their own (V21, README
 * "Departures at the station"). {@code touch}: a touch screen, whose kiosk offers "Hvad sker
 * der? / What's on" and is sent the screen's coming week (V25, README "Touch kiosk"). Group
 * membership is kept in
 * screen_group_member.
 */
@MappedEntity("screen")
public record Screen(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String name,
        String location,
        String orientation,
        int widthPx,
        int heightPx,
        String layout,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> languages,
        @Nullable Long defaultPlaylistId,
        boolean infoBand,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt,
        String departures,
        boolean touch) {
}
