package dk.albertslund.signage.staff;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Set;

/**
 * There are no default credentials. On a first start with no staff at all, either
 * {@code SIGNAGE_ADMIN_PASSWORD} creates the first admin unattended, or a one-time
 * setup link is logged for a person to choose the password.
 */
@Singleton
class FirstAdmin implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private final StaffService staff;
    private final SetupLinks setupLinks;
    private final String adminPassword;
    private final String adminUsername;

    FirstAdmin(StaffService staff, SetupLinks setupLinks,
               @Nullable @Value("${signage.admin.password:}") String adminPassword,
               @Value("${signage.admin.username:admin}") String adminUsername) {
        this.staff = staff;
        this.setupLinks = setupLinks;
        this.adminPassword = adminPassword;
        this.adminUsername = adminUsername;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (staff.anyExists()) {
            return;
        }
        if (adminPassword != null && !adminPassword.isBlank()) {
            staff.create("system", adminUsername, "Administrator", adminPassword, EnumSet.of(Role.ADMIN), Set.of());
            LOG.info("Created the first admin '{}' from SIGNAGE_ADMIN_PASSWORD", adminUsername);
            return;
        }
        String link = setupLinks.createFirstAdminLink();
        LOG.info("""

                ================================================================
                 No staff accounts yet. Open this one-time link to create the
                 first administrator (it expires and works once):
                   {}
                ================================================================""", link);
    }
}
