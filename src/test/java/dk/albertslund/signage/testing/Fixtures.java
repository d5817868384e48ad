package dk.albertslund.signage.testing;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.StaffService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the data a test needs through the real services and signs staff in over HTTP.
 * Each call makes new, uniquely named things, so tests never depend on each other.
 */
@Singleton
@Requires(env = "test")
public class Fixtures {

    public static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final StaffService staff;
    private final EmbeddedServer server;
    private final HttpClient client;
    private final JsonMapper json;

    private final DataSource dataSource;
    private Api secondApprover;

    Fixtures(StaffService staff, EmbeddedServer server, JsonMapper json, DataSource dataSource) {
        this.staff = staff;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.server = server;
        this.json = json;
        this.client = HttpClient.create(server.getURL());
    }

    public String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    /** A new staff member with these roles (and institutions, by id); returns the username. */
    public String staffMember(Set<Role> roles, Long... institutionIds) {
        String username = unique(roles.iterator().next().name().toLowerCase()) ;
        staff.create("test", username, "Test " + username, PASSWORD, roles, Set.copyOf(Arrays.asList(institutionIds)));
        return username;
    }

    /** An API client signed in as a new staff member with these roles. */
    public Api signedIn(Role role, Long... institutionIds) {
        return signInAs(staffMember(EnumSet.of(role), institutionIds));
    }

    /**
     * A message {@code writer} creates from {@code command} and submits, approved by another
     * approver: with four eyes (on by default) nobody approves what they wrote. Returns its slug.
     */
    public String approvedMessage(Api writer, Map<String, Object> command) {
        String slug = (String) command.get("slug");
        writer.post("/api/v1/announcements", command).expect(201);
        writer.post("/api/v1/announcements/" + slug + "/submit", Map.of()).expect(200);
        approve(slug).expect(200);
        return slug;
    }

    /** The second approver approves this submitted message; returns the answer. */
    public Api.Response approve(String slug) {
        return secondApprover().post("/api/v1/announcements/" + slug + "/approve", Map.of());
    }

    /** An approver who writes nothing, so may approve what anyone else wrote (four eyes). */
    public synchronized Api secondApprover() {
        if (secondApprover == null) {
            secondApprover = signedIn(Role.APPROVER);
        }
        return secondApprover;
    }

    public Api signInAs(String username) {
        Api.Response response = anonymous().post("/api/v1/auth/login", Map.of("username", username, "password", PASSWORD));
        if (response.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + response.text());
        }
        return new Api(client.toBlocking(), json, (String) response.body().get("access_token"));
    }

    /** A browser for the staff pages, signed in as a new staff member with this role. */
    public WebClient browserAs(Role role, Long... institutionIds) {
        return browser().signIn(staffMember(EnumSet.of(role), institutionIds), PASSWORD);
    }

    /** A browser for the staff pages that has not signed in. */
    public WebClient browser() {
        return new WebClient(url());
    }

    public Api anonymous() {
        return new Api(client.toBlocking(), json, null);
    }

    public String url() {
        return server.getURL().toString();
    }

    /** Rows of a query straight from the database, to check what was (or was not) written. */
    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                        row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
