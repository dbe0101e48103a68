package org.ketnoi.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Public pages rendered once and served again while what they show is unchanged. A controller names
 * the version of its content (the catalogue's generation, a dossier's row version); a visitor
 * without a session and without a language switch then gets the bytes rendered for the same
 * address, language and version, and the template is not run again. Rendering, not the data, was
 * most of such a page's cost. Anyone signed in, with a session, or answered with anything but a
 * 200 page is rendered for as usual; the security filters run on every request either way.
 */
@Component
public class RenderedPages {

    /** Answers carry it: {@code hit} when served from memory, {@code miss} when rendered and kept. */
    public static final String HEADER = "X-Ketnoi-Page-Cache";

    /** The pages kept at most; past it the memory starts over (a few tens of MB at worst). */
    static final int MAX_PAGES = 1024;

    record Page(String version, byte[] body, String contentType, Locale locale) {
    }

    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final LocaleResolver locales;
    private final ViewResolver views;

    // lazy: the command-line runs (verify-audit, …) have no web context and no view resolver
    RenderedPages(LocaleResolver locales, @org.springframework.context.annotation.Lazy
            @org.springframework.beans.factory.annotation.Qualifier("thymeleafViewResolver") ViewResolver views) {
        this.locales = locales;
        this.views = views;
    }

    /**
     * The page {@code viewName} at {@code version}: the bytes kept for this address and language when
     * the visitor may have them, else {@code fillModel} runs and the view is rendered (and kept when
     * the visitor gets what everyone gets). Whatever {@code fillModel} throws goes to the caller.
     */
    public ModelAndView page(HttpServletRequest request, String version, String viewName, Runnable fillModel) {
        if (!shared(request)) {
            fillModel.run();
            return new ModelAndView(viewName);
        }
        Locale locale = locales.resolveLocale(request);
        String key = key(request, locale);
        Page page = pages.get(key);
        if (page != null && page.version().equals(version)) {
            return new ModelAndView(new Kept(page));
        }
        fillModel.run();
        return new ModelAndView((View) (model, req, response) -> {
            View view = views.resolveViewName(viewName, locale);
            if (view == null) {
                throw new IllegalStateException("No view " + viewName);
            }
            ContentCachingResponseWrapper rendered = new ContentCachingResponseWrapper(response);
            rendered.setHeader(HEADER, "miss");
            view.render(model, req, rendered);
            // A page that opened a session (a saved request) or holds a form's token is that visitor's own.
            // The CSRF cookie Spring Security sets on the first page is not: it is issued again when needed.
            if (rendered.getStatus() == 200 && req.getSession(false) == null && rendered.getContentType() != null
                    && rendered.getContentType().startsWith("text/html") && !holdsFormToken(rendered)) {
                if (pages.size() >= MAX_PAGES) {
                    pages.clear();
                }
                pages.put(key, new Page(version, rendered.getContentAsByteArray(), rendered.getContentType(), locale));
            }
            rendered.copyBodyToResponse();
        });
    }

    /** A page served as the bytes kept for it: it reads no model, so nobody needs to fill one. */
    record Kept(Page page) implements View {

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.setLocale(page.locale());
            response.setContentType(page.contentType());
            response.setContentLength(page.body().length);
            response.setHeader(HEADER, "hit");
            response.getOutputStream().write(page.body());
        }
    }

    // only on a miss, once per page and version
    private static boolean holdsFormToken(ContentCachingResponseWrapper rendered) {
        return new String(rendered.getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("name=\"_csrf\"");
    }

    private static String key(HttpServletRequest request, Locale locale) {
        String query = request.getQueryString();
        return locale.toLanguageTag() + " " + request.getRequestURI()
                + (query == null ? "" : "?" + query);
    }

    private static boolean shared(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getRequestedSessionId() == null
                && request.getParameter("lang") == null
                && anonymous(SecurityContextHolder.getContext().getAuthentication());
    }

    private static boolean anonymous(Authentication auth) {
        return auth == null || auth instanceof AnonymousAuthenticationToken;
    }

}
