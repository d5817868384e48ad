package dk.albertslund.signage.staff;

import dk.albertslund.signage.web.ProblemException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Looks up the staff member behind a request. Roles and institutions are read from the
 * database on every request, not from the token, so a deactivation or a changed role
 * applies at once.
 */
@Singleton
public class StaffDirectory {

    private final StaffRepository staff;
    private final JdbcOperations jdbc;

    StaffDirectory(StaffRepository staff, JdbcOperations jdbc) {
        this.staff = staff;
        this.jdbc = jdbc;
    }

    @Transactional
    public Staff require(Authentication authentication) {
        StaffUser user = staff.findByUsername(authentication.getName())
                .filter(StaffUser::active)
                .orElseThrow(() -> new ProblemException(401, "Unauthorized",
                        "This account no longer exists or has been deactivated.", List.of()));
        return toStaff(user);
    }

    Staff toStaff(StaffUser user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : user.roles()) {
            roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT)));
        }
        return new Staff(user.id(), user.username(), roles, institutionIds(user.id()));
    }

    @Transactional
    public Set<Long> institutionIds(long staffUserId) {
        return jdbc.prepareStatement("SELECT institution_id FROM staff_user_institution WHERE staff_user_id = ?", statement -> {
            statement.setLong(1, staffUserId);
            Set<Long> ids = new HashSet<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        });
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void setInstitutions(long staffUserId, Set<Long> institutionIds) {
        jdbc.prepareStatement("DELETE FROM staff_user_institution WHERE staff_user_id = ?", statement -> {
            statement.setLong(1, staffUserId);
            return statement.executeUpdate();
        });
        for (long institutionId : institutionIds) {
            jdbc.prepareStatement("INSERT INTO staff_user_institution (staff_user_id, institution_id) VALUES (?, ?)", statement -> {
                statement.setLong(1, staffUserId);
                statement.setLong(2, institutionId);
                return statement.executeUpdate();
            });
        }
    }
}
