package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.data.model.Page;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Creates and changes staff accounts: admins manage everyone, each person their own password. */
@Singleton
public class StaffService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(
            Set.of("username", "displayName", "createdAt"), "username", Set.of("role", "active", "q"));
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

    private final StaffRepository staff;
    private final StaffDirectory directory;
    private final PasswordHasher hasher;
    private final SetupLinks setupLinks;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final ApiTokens apiTokens;
    private final SignOuts sessions;
    private final ProviderAccounts providerAccounts;

    StaffService(StaffRepository staff, StaffDirectory directory, PasswordHasher hasher, SetupLinks setupLinks,
                 LoginThrottle throttle, AuditLog audit, ApiTokens apiTokens, SignOuts sessions,
                 ProviderAccounts providerAccounts) {
        this.sessions = sessions;
        this.providerAccounts = providerAccounts;
        this.apiTokens = apiTokens;
        this.staff = staff;
        this.directory = directory;
        this.hasher = hasher;
        this.setupLinks = setupLinks;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** What an admin may set on an account. The password is optional: without one, the person is invited. */
    @Serdeable
    @Strict
    public record Command(@Nullable String username, @Nullable String displayName, @Nullable List<String> roles,
                          @Nullable List<String> institutions, @Nullable String password, @Nullable Boolean active) {
    }

    /** The API and audit view of an account: never the password hash. */
    @Serdeable
    public record View(long id, String username, String displayName, List<String> roles, List<String> institutions,
                       boolean active, @Nullable Instant createdAt, @Nullable Instant updatedAt) {
    }

    /** A new account, and for an invited person the one-time link to pass on (shown only here). */
    @Serdeable
    public record Created(View staff, @Nullable String invitationUrl) {
    }

    /**
     * The signed-in person as they see themselves; {@code signInProvider} names the
     * OpenID Connect provider of an account that signs in through one (and so has no password here).
     */
    @Serdeable
    public record Me(String username, String displayName, List<String> roles, List<String> institutions,
                     @Nullable String signInProvider) {
    }

    @Serdeable
    @Strict
    public record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {
    }

    @Transactional
    public Page<View> list(Staff actor, ListQuery query) {
        requireAdmin(actor);
        List<PredicateSpecification<StaffUser>> conditions = new ArrayList<>();
        String role = query.filters().get("role");
        if (role != null) {
            String name = Role.parse(role).map(Role::storedName)
                    .orElseThrow(() -> ProblemException.badRequest("role", "staff.role.oneOf"));
            List<Long> ids = staff.findIdsWithRole(name);
            if (ids.isEmpty()) {
                return Page.of(List.of(), query.pageable(), 0L);
            }
            conditions.add((root, cb) -> root.get("id").in(ids));
        }
        String active = query.filters().get("active");
        if (active != null) {
            if (!active.equals("true") && !active.equals("false")) {
                throw ProblemException.badRequest("active", "field.trueOrFalse");
            }
            boolean wanted = Boolean.parseBoolean(active);
            conditions.add((root, cb) -> cb.equal(root.get("active"), wanted));
        }
        String q = query.filters().get("q");
        if (q != null) {
            String pattern = "%" + q.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add((root, cb) -> cb.or(cb.like(root.get("username"), pattern),
                    cb.like(cb.lower(root.get("displayName")), pattern)));
        }
        PredicateSpecification<StaffUser> where = conditions.stream().reduce(PredicateSpecification::and).orElse(null);
        Page<StaffUser> page = staff.findAll(where, query.pageable());
        Map<Long, List<String>> slugs = directory.institutionSlugs(page.getContent().stream().map(StaffUser::id).toList());
        return page.map(user -> view(user, slugs.getOrDefault(user.id(), List.of())));
    }

    @Transactional
    public View get(Staff actor, String username) {
        requireAdmin(actor);
        return view(require(username));
    }

    /** An account made by an admin; without a password it comes with an invitation link. */
    @Transactional
    public Created create(Staff actor, Command command) {
        requireAdmin(actor);
        FieldErrors errors = new FieldErrors();
        Set<Role> roles = roles(command.roles(), errors);
        Set<Long> institutionIds = institutions(command.institutions(), errors);
        if (Boolean.FALSE.equals(command.active())) {
            errors.add("active", "staff.active.onCreate");
        }
        StaffUser user = create(actor.username(), command.username(), command.displayName(), command.password(),
                roles, institutionIds, errors);
        String invitation = command.password() == null ? setupLinks.createInvitation(user.id()) : null;
        return new Created(view(user), invitation);
    }

    /** A new account; {@code password} may be null for an invited user who sets it later. */
    @Transactional
    public StaffUser create(String actor, String username, String displayName, String password,
                            Set<Role> roles, Set<Long> institutionIds) {
        return create(actor, username, displayName, password, roles, institutionIds, new FieldErrors());
    }

    /** As above, adding to {@code errors} that the caller already found, so all are reported together. */
    @Transactional
    StaffUser create(String actor, @Nullable String username, @Nullable String displayName, @Nullable String password,
                     Set<Role> roles, Set<Long> institutionIds, FieldErrors errors) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            errors.add("username", "staff.username.form");
        }
        checkDisplayName(displayName, errors);
        if (password != null && PasswordHasher.weakness(password) != null) {
            errors.add("password", PasswordHasher.weakness(password));
        }
        checkRoles(roles, institutionIds, errors);
        errors.throwIfAny();
        if (staff.findByUsername(name).isPresent()) {
            throw ProblemException.conflict("staff.username.taken", name);
        }
        StaffUser user = staff.save(new StaffUser(null, name, displayName.strip(),
                password == null ? null : hasher.hash(password), roleNames(roles), true, null, null));
        directory.setInstitutions(user.id(), institutionIds);
        audit.record(actor, "staff_user", user.id(), "create", null, view(user));
        return user;
    }

    /**
     * Changes display name, roles, institutions or whether the account is active. The
     * username is fixed and the password belongs to its owner. The last active admin can
     * be neither demoted nor deactivated, or nobody could manage the system any more.
     */
    @Transactional
    public View update(Staff actor, String username, Command command) {
        requireAdmin(actor);
        StaffUser existing = require(username);
        FieldErrors errors = new FieldErrors();
        if (command.username() != null && !command.username().strip().toLowerCase(Locale.ROOT).equals(existing.username())) {
            errors.add("username", "field.unchangeable");
        }
        if (command.password() != null) {
            errors.add("password", "staff.password.notSet");
        }
        if (command.displayName() != null) {
            checkDisplayName(command.displayName(), errors);
        }
        Set<Role> roles = command.roles() == null ? StaffDirectory.roles(existing) : roles(command.roles(), errors);
        Set<Long> institutionIds = command.institutions() == null
                ? directory.institutionIds(existing.id()) : institutions(command.institutions(), errors);
        checkRoles(roles, institutionIds, errors);
        errors.throwIfAny();
        boolean active = command.active() == null ? existing.active() : command.active();
        boolean wasActiveAdmin = existing.active() && StaffDirectory.roles(existing).contains(Role.ADMIN);
        if (wasActiveAdmin && !(active && roles.contains(Role.ADMIN))) {
            directory.lockAdministrators();
            if (staff.countActiveAdmins() <= 1) {
                throw existing.username().equals(actor.username())
                        ? ProblemException.conflict("staff.lastAdmin.self")
                        : ProblemException.conflict("staff.lastAdmin", existing.username());
            }
        }
        View before = view(existing);
        StaffUser updated = staff.update(new StaffUser(existing.id(), existing.username(),
                command.displayName() == null ? existing.displayName() : command.displayName().strip(),
                existing.passwordHash(), roleNames(roles), active, existing.createdAt(), existing.updatedAt()));
        directory.setInstitutions(existing.id(), institutionIds);
        if (existing.active() && !active) {
            // A deactivated person is out everywhere now, and stays out if the account is
            // reactivated later: their sessions end and their API tokens are revoked.
            sessions.endSessions(existing.id(), null);
            apiTokens.revokeAllOf(actor, existing.id());
        }
        View after = view(updated);
        audit.record(actor.username(), "staff_user", existing.id(), "update", before, after);
        return after;
    }

    /**
     * A new one-time link for an existing account, for someone whose first link expired or
     * who forgot their password: following it sets a new password. Older links of the
     * account stop working.
     */
    @Transactional
    public String invite(Staff actor, String username) {
        requireAdmin(actor);
        StaffUser user = require(username);
        if (!user.active()) {
            throw ProblemException.conflict("staff.link.deactivated", user.username());
        }
        refuseProviderAccount(user);
        String link = setupLinks.createInvitation(user.id());
        audit.record(actor.username(), "staff_user", user.id(), "invite", null, null);
        return link;
    }

    @Transactional
    public Me me(Staff actor) {
        return me(account(actor));
    }

    @Transactional
    Me me(StaffUser user) {
        View view = view(user);
        return new Me(view.username(), view.displayName(), view.roles(), view.institutions(),
                providerAccounts.providerOf(user.id()).orElse(null));
    }

    /**
     * A person changes their own password, proving they know the current one. Wrong
     * guesses count towards the sign-in throttle, so a stolen session cannot be used to
     * guess the password at leisure.
     */
    @Transactional
    public void changePassword(Staff actor, Authentication session, PasswordChange change, String address) {
        StaffUser user = account(actor);
        refuseProviderAccount(user);
        throttle.check(user.username(), address);
        FieldErrors errors = new FieldErrors();
        boolean knowsCurrent = change.currentPassword() != null && hasher.matches(change.currentPassword(), user.passwordHash());
        if (!knowsCurrent) {
            throttle.failed(user.username(), address);
            errors.add("currentPassword", "staff.password.notCurrent");
        }
        Message weakness = PasswordHasher.weakness(change.newPassword());
        if (weakness != null) {
            errors.add("newPassword", weakness);
        } else if (knowsCurrent && change.newPassword().equals(change.currentPassword())) {
            errors.add("newPassword", "staff.password.unchanged");
        }
        errors.throwIfAny();
        staff.update(user.withPasswordHash(hasher.hash(change.newPassword())));
        audit.record(user.username(), "staff_user", user.id(), "change-password", null, null);
        // A password change is how someone shuts out whoever learnt the old one; their
        // sessions and tokens would otherwise keep that person in. The session that made
        // the change stays: the person is still at their desk.
        sessions.endSessions(user.id(), session);
        apiTokens.revokeAllOf(actor, user.id());
    }

    /** An invited person chooses their password through their link. */
    @Transactional
    void setInvitedPassword(StaffUser user, String password) {
        staff.update(user.withPasswordHash(hasher.hash(password)));
        audit.record(user.username(), "staff_user", user.id(), "set-password", null, null);
        // a new password by invitation is often for a forgotten or leaked one: nobody
        // signed in with the old one stays in
        sessions.endSessions(user.id(), null);
    }

    @Transactional
    public boolean anyExists() {
        return staff.count() > 0;
    }

    /** The account behind a username, or a 404 naming it. */
    @Transactional
    public StaffUser require(String username) {
        return staff.findByUsername(username.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ProblemException.notFound("staff.notFound", username));
    }

    private StaffUser account(Staff actor) {
        return staff.findById(actor.id()).orElseThrow(() -> ProblemException.notFound("staff.notFound", actor.username()));
    }

    View view(StaffUser user) {
        return view(user, directory.institutionSlugs(List.of(user.id())).getOrDefault(user.id(), List.of()));
    }

    private static View view(StaffUser user, List<String> institutions) {
        return new View(user.id(), user.username(), user.displayName(), user.roles(), institutions, user.active(),
                user.createdAt(), user.updatedAt());
    }

    /** An account of an OpenID Connect provider signs in only there: it gets no password here. */
    private void refuseProviderAccount(StaffUser user) {
        providerAccounts.providerOf(user.id()).ifPresent(provider -> {
            throw ProblemException.conflict("staff.password.fromProvider", provider);
        });
    }

    private static void requireAdmin(Staff actor) {
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden("staff.forbidden");
        }
    }

    private static void checkDisplayName(@Nullable String displayName, FieldErrors errors) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 120) {
            errors.add("displayName", "field.lengthBetween", 1, 120);
        }
    }

    private static void checkRoles(Set<Role> roles, Set<Long> institutionIds, FieldErrors errors) {
        if (roles.isEmpty() && !errors.has("roles")) {
            errors.add("roles", "staff.roles.required");
        }
        if (roles.contains(Role.EDITOR) && institutionIds.isEmpty() && !errors.has("institutions")) {
            errors.add("institutions", "staff.institutions.forEditor");
        }
    }

    private static Set<Role> roles(@Nullable List<String> names, FieldErrors errors) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> unknown = new TreeSet<>();
        for (String name : names == null ? List.<String>of() : names) {
            Role.parse(name).ifPresentOrElse(roles::add, () -> unknown.add(String.valueOf(name)));
        }
        if (!unknown.isEmpty()) {
            errors.add("roles", "staff.roles.unknown", quoted(unknown));
        }
        return roles;
    }

    private Set<Long> institutions(@Nullable List<String> slugs, FieldErrors errors) {
        Set<String> wanted = new LinkedHashSet<>();
        (slugs == null ? List.<String>of() : slugs).forEach(slug -> wanted.add(String.valueOf(slug)));
        Map<String, Long> found = directory.institutionIdsBySlug(wanted);
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(found.keySet());
        if (!missing.isEmpty()) {
            errors.add("institutions", "staff.institutions.unknown", quoted(missing));
        }
        return Set.copyOf(found.values());
    }

    private static List<String> roleNames(Set<Role> roles) {
        return roles.stream().map(Role::storedName).sorted().toList();
    }

    private static String quoted(Set<String> values) {
        return "'" + String.join("', '", values) + "'";
    }
}
