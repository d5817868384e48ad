package dk.albertslund.signage.staff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a provider's groups make of a person in Campus Signage: entries of the form
 * {@code group=role[:institution-slug]} (README "Sign-in with the municipality's
 * account"), e.g. {@code sig-gym-editors=editor:albertslund-gymnasium}. A person gets the
 * union of what their groups map to; a group that maps to nothing grants nothing. Plain
 * Java: it knows no settings, tokens or database.
 */
public record RoleMapping(List<Entry> entries) {

    /** One line of the mapping; {@code institution} is a slug or null. */
    public record Entry(String group, Role role, String institution) {
    }

    /** The roles and the institutions' slugs that a set of groups grants. */
    public record Grant(Set<Role> roles, Set<String> institutions) {

        public boolean isEmpty() {
            return roles.isEmpty();
        }
    }

    /**
     * Reads the entries, or says exactly which one is wrong and why. The group is what
     * stands before the last {@code =}, so a group named by a distinguished name
     * ({@code CN=sig-admins,OU=Groups}) works too.
     */
    public static RoleMapping parse(String provider, Collection<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String raw : lines) {
            String line = raw == null ? "" : raw.strip();
            int eq = line.lastIndexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                problems.add("'" + line + "' is not group=role[:institution-slug]");
                continue;
            }
            String group = line.substring(0, eq).strip();
            String grant = line.substring(eq + 1).strip();
            int colon = grant.indexOf(':');
            String roleName = colon < 0 ? grant : grant.substring(0, colon).strip();
            String institution = colon < 0 ? null : grant.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            Role role = Role.parse(roleName).orElse(null);
            if (role == null) {
                problems.add("'" + line + "': '" + roleName + "' is not a role (admin, approver, editor, viewer)");
            } else if (institution != null && !institution.matches("[a-z0-9][a-z0-9-]*")) {
                problems.add("'" + line + "': '" + institution + "' is not an institution slug");
            } else if (role == Role.EDITOR && institution == null) {
                problems.add("'" + line + "': an editor needs an institution (editor:institution-slug)");
            } else {
                entries.add(new Entry(group, role, institution));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("signage.oidc.providers." + provider + ".role-mapping: " + String.join("; ", problems));
        }
        return new RoleMapping(List.copyOf(entries));
    }

    /** Group names are compared exactly: providers send them as they are written there. */
    public Grant grant(Collection<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> institutions = new TreeSet<>();
        for (Entry entry : entries) {
            if (groups.contains(entry.group())) {
                roles.add(entry.role());
                if (entry.institution() != null) {
                    institutions.add(entry.institution());
                }
            }
        }
        return new Grant(roles, institutions);
    }

    /** Every institution slug the mapping names, to check against the database. */
    public Set<String> institutions() {
        Set<String> slugs = new TreeSet<>();
        entries.forEach(entry -> {
            if (entry.institution() != null) {
                slugs.add(entry.institution());
            }
        });
        return slugs;
    }
}
