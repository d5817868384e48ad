package dk.albertslund.signage.staff;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StaffRepository extends PageableRepository<StaffUser, Long>, JpaSpecificationExecutor<StaffUser> {

    Optional<StaffUser> findByUsername(String username);

    /** Criteria queries cannot look inside the roles array, so the role filter asks here first. */
    @Query("SELECT id FROM staff_user WHERE :role = ANY(roles)")
    List<Long> findIdsWithRole(String role);

    @Query("SELECT count(*) FROM staff_user WHERE active AND 'admin' = ANY(roles)")
    long countActiveAdmins();
}
