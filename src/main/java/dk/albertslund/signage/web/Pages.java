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
        return HttpResponse.seeOther(URI.create(path));
    }
}
