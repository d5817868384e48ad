package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks up the staff member behind a request. Roles and institutions are read from the
 * database on every request, not from the token, so a deactivation or a changed role
 * applies at once.
 */
@Singleton
public class StaffDirectory {

    /** An arbitrary constant naming the advisory lock; only this class takes it. */
    private static final long ADMINISTRATORS_LOCK = 0x5349474e41444dL;

    private final StaffRepository staff;
    private final JdbcOperations jdbc;
    private final InstitutionNames institutions;

    StaffDirectory(StaffRepository staff, JdbcOperations jdbc, InstitutionNames institutions) {
        this.staff = staff;
        this.jdbc = jdbc;
        this.institutions = institutions;
    }

    @Transactional
    public Staff require(Authentication authentication) {
        StaffUser user = staff.findByUsername(authentication.getName())
                .filter(StaffUser::active)
                .orElseThrow(() -> new ProblemException(401, "Unauthorized", Message.of("staff.signedOut"), List.of()));
        return toStaff(user);
    }

    Staff toStaff(StaffUser user) {
        return new Staff(user.id(), user.username(), roles(user), institutionIds(user.id()));
    }

    /** The roles stored on an account; a name no longer known grants nothing. */
    static Set<Role> roles(StaffUser user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        user.roles().forEach(name -> Role.parse(name).ifPresent(roles::add));
        return roles;
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

    /** The slugs of each staff member's institutions, sorted; staff without any are missing from the map. */
    @Transactional
    public Map<Long, List<String>> institutionSlugs(Collection<Long> staffUserIds) {
        if (staffUserIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> slugs = new HashMap<>();
        institutions.all().forEach(i -> slugs.put(i.id(), i.slug()));
        return jdbc.prepareStatement("""
                SELECT staff_user_id, institution_id FROM staff_user_institution WHERE staff_user_id = ANY(?)""", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("bigint", staffUserIds.toArray()));
            Map<Long, List<String>> found = new HashMap<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    String slug = slugs.get(rows.getLong(2));
                    if (slug != null) {
                        found.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(slug);
                    }
                }
            }
            found.values().forEach(list -> list.sort(null));
            return found;
        });
    }

    /** The ids of the institutions with these slugs; a slug with no institution is missing from the map. */
    public Map<String, Long> institutionIdsBySlug(Collection<String> slugs) {
        return slugs.isEmpty() ? Map.of() : institutions.idsBySlug(slugs);
    }

    /**
     * Serialises changes that could leave the system without an administrator (the first
     * admin's setup, demoting or deactivating an admin) until the transaction ends, so two
     * of them cannot both see "another admin remains".
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void lockAdministrators() {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(?)", statement -> {
            statement.setLong(1, ADMINISTRATORS_LOCK);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }
}
