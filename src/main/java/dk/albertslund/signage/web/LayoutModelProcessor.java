package dk.albertslund.signage.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.csp.CspFilter;
import io.micronaut.views.model.ViewModelProcessor;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Adds {@link Layout} to every staff page's model. It reads only the request and the
 * sign-in token (name and roles are claims), never the database, because views may be
 * rendered on the event loop.
 */
@Singleton
final class LayoutModelProcessor implements ViewModelProcessor<Map<String, Object>> {

    private static final Pattern NOTICE = Pattern.compile("[a-z][a-zA-Z.-]{0,60}");

    private final Messages messages;
    private final CsrfCookieFilter csrf;
    @Nullable
    private final EmergencyBanners emergencies;

    LayoutModelProcessor(Messages messages, CsrfCookieFilter csrf, @Nullable EmergencyBanners emergencies) {
        this.messages = messages;
        this.csrf = csrf;
        this.emergencies = emergencies;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> modelAndView) {
        Map<String, Object> model = modelAndView.getModel().orElse(null);
        if (model == null) {
            model = new HashMap<>();
            modelAndView.setModel(model);
        }
        model.put("layout", layout(request));
    }

    Layout layout(HttpRequest<?> request) {
        String lang = StaffLanguage.of(request);
        String path = request.getPath();
        Layout.User user = request.getUserPrincipal()
                .filter(Authentication.class::isInstance).map(Authentication.class::cast)
                .map(LayoutModelProcessor::user).orElse(null);
        String notice = message(request, lang, "notice");
        String alert = message(request, lang, "alert");
        return new Layout(lang, StaffLanguage.other(lang), path,
                request.getAttribute(CspFilter.NONCE_PROPERTY, String.class).orElse(null),
                csrf.token(request),
                user, user == null ? List.of() : navigation(user, path), notice, alert,
                user == null || emergencies == null ? null : emergencies.current(lang));
    }

    /** Only keys of the page's own kind (notice.…, alert.…) are shown, so a link cannot put any text on a page. */
    private @Nullable String message(HttpRequest<?> request, String lang, String kind) {
        return request.getParameters().getFirst(kind)
                .filter(key -> NOTICE.matcher(key).matches() && messages.has(lang, kind + "." + key))
                .map(key -> kind + "." + key).orElse(null);
    }

    private static Layout.User user(Authentication authentication) {
        Collection<String> roles = authentication.getRoles();
        Object name = authentication.getAttributes().get("name");
        return new Layout.User(name == null ? authentication.getName() : name.toString(), authentication.getName(),
                roles.contains("admin"), roles.contains("admin") || roles.contains("approver"));
    }

    /** The sections a person may use, in the order of their day's work. */
    private static List<Layout.NavItem> navigation(Layout.User user, String path) {
        List<Layout.NavItem> items = new ArrayList<>();
        add(items, path, "nav.dashboard", "/admin/dashboard");
        add(items, path, "nav.announcements", "/admin/announcements");
        if (user.approver()) {
            add(items, path, "nav.approvals", "/admin/approvals");
        }
        add(items, path, "nav.playlists", "/admin/playlists");
        add(items, path, "nav.schedules", "/admin/schedules");
        add(items, path, "nav.screens", "/admin/screens");
        add(items, path, "nav.feeds", "/admin/feeds");
        if (user.approver()) {
            add(items, path, "nav.emergency", "/admin/emergency");
            add(items, path, "nav.submissionLinks", "/admin/submission-links");
        }
        add(items, path, "nav.reports", "/admin/reports");
        if (user.admin()) {
            add(items, path, "nav.users", "/admin/users");
        }
        return items;
    }

    private static void add(List<Layout.NavItem> items, String path, String label, String href) {
        items.add(new Layout.NavItem(label, href, path.equals(href) || path.startsWith(href + "/")));
    }
}
