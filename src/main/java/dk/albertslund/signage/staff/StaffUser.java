package dk.albertslund.signage.staff;

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

@MappedEntity("staff_user")
public record StaffUser(
        @Id @GeneratedValue @Nullable Long id,
        String username,
        String displayName,
        @Nullable String passwordHash,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> roles,
        boolean active,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    public StaffUser withPasswordHash(String hash) {
        return new StaffUser(id, username, displayName, hash, roles, active, createdAt, updatedAt);
    }
}
