package dk.albertslund.signage.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * How staff page controllers answer. A page's own model is a typed record under
 * {@code page}; {@link LayoutModelProcessor} adds {@code layout} beside it, so
 * templates read {@code page.…} and {@code layout.…}.
 */
public final class Pages {

    private Pages() {
    }

    public static ModelAndView<Map<String, Object>> page(String view, Object page) {
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        return new ModelAndView<>(view, model);
    }

    /** The page with a status other than 200, e.g. 400 when a form comes back with its errors. */
    public static MutableHttpResponse<ModelAndView<Map<String, Object>>> page(HttpStatus status, String view, Object page) {
        return HttpResponse.<ModelAndView<Map<String, Object>>>status(status).body(page(view, page));
    }

    /** After a successful form post: to the page that shows the result (post, redirect, get). */
    public static <T> MutableHttpResponse<T> seeOther(String path) {
        return HttpResponse.seeOther(URI.create(safeTarget(path)));
    }

    /** Where a redirect goes when the target asked for cannot be a Location header. */
    static final String SAFE_DEFAULT = "/admin/dashboard";

    /**
     * Targets can come from input (a sign-in form's next, a page's back link). A control
     * character would split the Location header and a space or other unparsable text made
     * URI.create throw a 500, so such a target, or one that leaves this site, goes to the
     * dashboard instead; the redirect still happens.
     */
    static String safeTarget(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
            return SAFE_DEFAULT;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return SAFE_DEFAULT;
            }
        }
        try {
            URI uri = new URI(path);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? path : SAFE_DEFAULT;
        } catch (java.net.URISyntaxException e) {
            return SAFE_DEFAULT;
        }
    }
}
