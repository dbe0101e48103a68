package org.ketnoi.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page's shell needs: the language links for the current page, the active language and
 * the menu entry; and the friendly page for a bad code in a page's address.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class PageShell implements PageAttributes {

    private final org.springframework.context.MessageSource messages;

    PageShell(org.springframework.context.MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public void addTo(HttpServletRequest request, Object handler, java.util.Map<String, Object> model) {
        model.put("shell", shell(request, org.springframework.web.servlet.support.RequestContextUtils.getLocale(request)));
    }

    Shell shell(HttpServletRequest request, Locale locale) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        UriComponentsBuilder uri = original != null
                ? UriComponentsBuilder.fromPath(original.toString())
                : ServletUriComponentsBuilder.fromRequest(request).scheme(null).host(null).port(null);
        boolean english = "en".equals(locale.getLanguage());
        return new Shell(english, english ? "en" : "vi",
                uri.cloneBuilder().replaceQueryParam("lang", "vi").build().toUriString(),
                uri.cloneBuilder().replaceQueryParam("lang", "en").build().toUriString(),
                section(request.getRequestURI()), signedIn().map(DisplayName::displayName).orElse(null),
                signedIn().map(DisplayName::audience).orElse(""));
    }

    private static final java.util.List<String> PREFIX_SECTIONS =
            java.util.List.of("procedures", "units", "agencies", "registry", "track", "dossiers", "desk");

    /**
     * The menu entry the page belongs to (marked as the current page), worked out here once rather than
     * by a string call per entry in every page's expressions; "" for none.
     */
    static String section(String path) {
        switch (path) {
            case "/": return "home";
            case "/about": return "about";
            case "/inbox": return "inbox";
            default:
                for (String s : PREFIX_SECTIONS) {
                    if (path.startsWith("/" + s)) {
                        return s;
                    }
                }
                return "";
        }
    }

    /** The signed-in person, for the header. */
    private static java.util.Optional<DisplayName> signedIn() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof DisplayName named) {
            return java.util.Optional.of(named);
        }
        return java.util.Optional.empty();
    }

    /** A bad code in a page's address: the friendly 400 or 404 page, with the reason shown. */
    @org.springframework.web.bind.annotation.ExceptionHandler({InvalidInput.class, NotFound.class})
    void refuse(RuntimeException e, Locale locale, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        request.setAttribute(ErrorPageAttributes.REASON, messages.getMessage(
                e instanceof NotFound n ? n.resolvable() : ((InvalidInput) e).resolvable(), locale));
        response.sendError(e instanceof NotFound ? 404 : 400, e.getMessage());
    }

    /** Page-wide values: {@code shell.english}, {@code shell.viUrl}, {@code shell.enUrl}, {@code shell.section}. */
    // public, as every record a page reads: the SpEL compiler compiles reads of public types only
    public record Shell(boolean english, String lang, String viUrl, String enUrl, String section, String user, String audience) {
    }
}
