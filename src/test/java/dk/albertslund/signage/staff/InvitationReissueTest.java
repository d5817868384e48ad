package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issuing a new invitation link revokes the old one. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationReissueTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StaffService service;
    @Inject
    StaffDirectory directory;
    @Inject
    StaffRepository staff;

    @Test
    void the_old_link_stops_working_when_a_new_one_is_issued() {
        String username = fixtures.unique("invitee");
        Api.Response created = fixtures.signedIn(Role.ADMIN).post("/api/v1/staff", Map.of("username", username,
                "displayName", "Invitee", "roles", List.of("approver")));
        assertThat(created.status()).isEqualTo(201);
        String old = StaffClients.tokenOf((String) created.body().get("invitationUrl"));

        String adminName = fixtures.staffMember(java.util.EnumSet.of(Role.ADMIN));
        String fresh = StaffClients.tokenOf(service.invite(directory.require(
                io.micronaut.security.authentication.Authentication.build(adminName)), username));

        Api.Response withOld = fixtures.anonymous().post("/api/v1/auth/setup", Map.of("token", old, "password", "the invitees password"));
        Api.Response withNew = fixtures.anonymous().post("/api/v1/auth/setup", Map.of("token", fresh, "password", "the invitees password"));

        assertThat(withOld.status()).isBetween(400, 499);
        assertThat(withNew.status()).isEqualTo(200);
    }
}
