package dk.albertslund.signage.core;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpParameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Paging, sorting and filtering of a list endpoint, checked against what the endpoint
 * allows. Anything else is refused with a 400 that names it; names never reach SQL as
 * text, only as entity properties from the allow-list.
 */
public record ListQuery(int page, int size, Sort sort, Map<String, String> filters) {

    public static final int MAX_SIZE = 200;

    /**
     * The highest page asked for: page × size is the SQL offset, an int in Micronaut Data's
     * Pageable, so a larger page wrapped around and answered page 0 instead of refusing.
     */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE - 1;

    /** What one list endpoint accepts: sortable properties and filter names. */
    public record Allowed(Set<String> sortable, String defaultSort, Set<String> filters) {
    }

    public static ListQuery parse(HttpParameters parameters, Allowed allowed) {
        FieldErrors errors = new FieldErrors();
        int page = integer(parameters, "page", 0, 0, MAX_PAGE, errors);
        int size = integer(parameters, "size", 50, 1, MAX_SIZE, errors);
        Sort sort = sort(parameters.get("sort"), allowed, errors);
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : new TreeSet<>(parameters.names())) {
            if (name.equals("page") || name.equals("size") || name.equals("sort")) {
                continue;
            }
            if (!allowed.filters().contains(name)) {
                errors.add(name, "query.notAFilter", "page, size, sort"
                        + (allowed.filters().isEmpty() ? "" : ", " + String.join(", ", new TreeSet<>(allowed.filters()))));
                continue;
            }
            String value = parameters.get(name);
            if (value == null || value.isBlank() || value.length() > 200) {
                errors.add(name, "field.lengthBetween", 1, 200);
            } else {
                filters.put(name, value.strip());
            }
        }
        errors.throwIfAny();
        return new ListQuery(page, size, sort, filters);
    }

    /**
     * The page asked for, counted from 0, or a 400 naming {@code page}: the one rule for every
     * list that pages, API and staff pages alike, also those that build their own query.
     */
    public static int page(HttpParameters parameters) {
        FieldErrors errors = new FieldErrors();
        int page = integer(parameters, "page", 0, 0, MAX_PAGE, errors);
        errors.throwIfAny();
        return page;
    }

    public Pageable pageable() {
        return Pageable.from(page, size, sort);
    }

    private static int integer(HttpParameters parameters, String name, int fallback, int min, int max, FieldErrors errors) {
        String raw = parameters.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                errors.add(name, "field.between", min, max);
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(name, "field.wholeNumber");
            return fallback;
        }
    }

    private static Sort sort(String raw, Allowed allowed, FieldErrors errors) {
        String spec = raw == null || raw.isBlank() ? allowed.defaultSort() : raw.strip();
        String[] parts = spec.split(",");
        String property = parts[0].strip();
        String direction = parts.length > 1 ? parts[1].strip().toLowerCase(java.util.Locale.ROOT) : "asc";
        if (!allowed.sortable().contains(property)) {
            errors.add("sort", "query.cannotSortBy", property, String.join(", ", new TreeSet<>(allowed.sortable())));
            return Sort.UNSORTED;
        }
        if (parts.length > 2 || !List.of("asc", "desc").contains(direction)) {
            errors.add("sort", "query.sortForm");
            return Sort.UNSORTED;
        }
        return Sort.of(direction.equals("asc") ? Sort.Order.asc(property) : Sort.Order.desc(property));
    }
}
