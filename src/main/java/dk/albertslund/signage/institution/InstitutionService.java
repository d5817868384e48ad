package dk.albertslund.signage.institution;

import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.staff.InstitutionNames;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Institutions: read by every staff member, changed by admins. The features above ask
 * about institutions here (the finders below), never in the institution table.
 */
@Singleton
public class InstitutionService implements InstitutionNames {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(Set.of("slug", "name", "createdAt"), "name", Set.of("q"));
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    private final InstitutionRepository institutions;
    private final AuditLog audit;

    InstitutionService(InstitutionRepository institutions, AuditLog audit) {
        this.institutions = institutions;
        this.audit = audit;
    }

    /** What a caller may set on an institution. */
    @Serdeable
    @Strict
    public record Command(@Nullable String slug, @Nullable String name, @Nullable String colour, @Nullable Long logoMediaId) {
    }

    /** The API and audit view of an institution. */
    @Serdeable
    public record View(long id, String slug, String name, String colour, @Nullable Long logoMediaId) {
        static View of(Institution i) {
            return new View(i.id(), i.slug(), i.name(), i.colour(), i.logoMediaId());
        }
    }

    @Transactional
    public Page<View> list(ListQuery query) {
        PredicateSpecification<Institution> where = null;
        String q = query.filters().get("q");
        if (q != null) {
            String pattern = "%" + q.toLowerCase(java.util.Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
            where = (root, cb) -> cb.or(cb.like(cb.lower(root.get("name")), pattern), cb.like(root.get("slug"), pattern));
        }
        return institutions.findAll(where, query.pageable()).map(View::of);
    }

    @Transactional
    public Optional<View> find(String slug) {
        return institutions.findBySlug(slug).map(View::of);
    }

    @Transactional
    public View get(String slug) {
        return View.of(require(slug));
    }

    /** The institution behind a slug, or a 404 naming it. */
    @Transactional
    public Institution require(String slug) {
        return institutions.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("institution.notFound", slug));
    }

    @Transactional
    public Institution require(long id) {
        return institutions.findById(id).orElseThrow(() -> ProblemException.notFound("institution.notFoundById", id));
    }

    @Transactional
    public View create(Staff actor, Command command) {
        requireAdmin(actor);
        validate(command, true);
        if (institutions.existsBySlug(command.slug())) {
            throw ProblemException.conflict("institution.slug.taken", command.slug());
        }
        Institution saved = institutions.save(new Institution(null, command.slug(), command.name().strip(),
                command.colour() == null ? "#1d3557" : command.colour(), command.logoMediaId(), null, null));
        View view = View.of(saved);
        audit.record(actor.username(), "institution", saved.id(), "create", null, view);
        return view;
    }

    @Transactional
    public View update(Staff actor, String slug, Command command) {
        requireAdmin(actor);
        Institution existing = require(slug);
        validate(command, false);
        String newSlug = command.slug() == null ? existing.slug() : command.slug();
        if (!newSlug.equals(existing.slug()) && institutions.existsBySlug(newSlug)) {
            throw ProblemException.conflict("institution.slug.taken", newSlug);
        }
        Institution changed = new Institution(existing.id(), newSlug,
                command.name() == null ? existing.name() : command.name().strip(),
                command.colour() == null ? existing.colour() : command.colour(),
                command.logoMediaId() == null ? existing.logoMediaId() : command.logoMediaId(),
                existing.createdAt(), existing.updatedAt());
        if (changed.equals(existing)) {
            // Re-saving what is stored writes nothing, so a re-imported content pack leaves no trace.
            return View.of(existing);
        }
        Institution updated = institutions.update(changed);
        View view = View.of(updated);
        audit.record(actor.username(), "institution", existing.id(), "update", View.of(existing), view);
        return view;
    }

    @Transactional
    public void delete(Staff actor, String slug) {
        requireAdmin(actor);
        Institution existing = require(slug);
        institutions.delete(existing);
        audit.record(actor.username(), "institution", existing.id(), "delete", View.of(existing), null);
    }

    public Optional<Institution> findBySlug(String slug) {
        return institutions.findBySlug(slug);
    }

    public Optional<Institution> findById(long id) {
        return institutions.findById(id);
    }

    public boolean existsBySlug(String slug) {
        return institutions.existsBySlug(slug);
    }

    public List<Institution> findAll() {
        return institutions.findAll();
    }

    public List<Institution> findByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : institutions.findByIdIn(ids);
    }

    /** The institutions with this media file as their logo, so it is not deleted under them. */
    public List<String> slugsWithLogo(long mediaId) {
        return institutions.findSlugByLogoMediaIdOrderBySlug(mediaId);
    }

    @Override
    public List<Named> all() {
        return institutions.findAll().stream().map(i -> new Named(i.id(), i.slug(), i.name()))
                .sorted(Comparator.comparing(Named::name).thenComparing(Named::slug)).toList();
    }

    @Override
    public Map<String, Long> idsBySlug(Collection<String> slugs) {
        return institutions.findBySlugIn(slugs).stream().collect(Collectors.toMap(Institution::slug, Institution::id));
    }

    private static void requireAdmin(Staff actor) {
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden("institution.forbidden");
        }
    }

    private static void validate(Command command, boolean creating) {
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "slug", command.slug(), creating);
        if (creating || command.name() != null) {
            if (command.name() == null || command.name().isBlank() || command.name().length() > 120) {
                errors.add("name", "field.lengthBetween", 1, 120);
            }
        }
        if (command.colour() != null && !COLOUR.matcher(command.colour()).matches()) {
            errors.add("colour", "field.colour");
        }
        errors.throwIfAny();
    }
}
