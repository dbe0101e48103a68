package org.ketnoi.catalogue.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.ketnoi.catalogue.internal.Catalogue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The catalogue's public pages, rendered once per address and language and then served as they are
 * until the procedures in force change. A visitor without a session sees exactly what everyone else
 * sees there, and rendering the list was most of a view's cost. The security filters still run on
 * every request (their headers are on every answer); anyone with a session, a language switch or
 * anything but a 200 page gets a fresh rendering.
 */
@Configuration(proxyBeanMethods = false)
class CataloguePageCache {

    /** Answers carry it: {@code hit} when served from the cache (tests and operators look at it). */
    static final String HEADER = "X-Ketnoi-Page-Cache";

    /** Enough for every procedure in both languages and the common searches; a few MB at most. */
    static final int MAX_PAGES = 512;

    private static final Pattern PAGES = Pattern.compile("/procedures(/[0-9]\\.[0-9]{6})?");

    record Page(long generation, byte[] body, String contentType) {
    }

    @Bean
    FilterRegistrationBean<PageFilter> cataloguePageFilter(Catalogue catalogue, LocaleResolver locales) {
        var registration = new FilterRegistrationBean<>(new PageFilter(catalogue, locales));
        registration.addUrlPatterns("/procedures", "/procedures/*");
        // After Spring Security's chain (-100): its headers and its view of who is asking come first.
        registration.setOrder(0);
        return registration;
    }

    static final class PageFilter extends OncePerRequestFilter {

        private final Catalogue catalogue;
        private final LocaleResolver locales;
        private final Map<String, Page> pages = new ConcurrentHashMap<>();

        PageFilter(Catalogue catalogue, LocaleResolver locales) {
            this.catalogue = catalogue;
            this.locales = locales;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!cacheable(request)) {
                chain.doFilter(request, response);
                return;
            }
            Locale locale = locales.resolveLocale(request);
            String query = request.getQueryString();
            String key = locale.toLanguageTag() + " " + request.getRequestURI() + (query == null ? "" : "?" + query);
            long generation = catalogue.generation();
            Page page = pages.get(key);
            if (page != null && page.generation() == generation) {
                response.setLocale(locale);
                response.setContentType(page.contentType());
                response.setContentLength(page.body().length);
                response.setHeader(HEADER, "hit");
                response.getOutputStream().write(page.body());
                return;
            }
            ContentCachingResponseWrapper rendered = new ContentCachingResponseWrapper(response);
            rendered.setHeader(HEADER, "miss");
            chain.doFilter(request, rendered);
            // A page that opened a session (a form token, a saved request) belongs to that visitor.
            if (rendered.getStatus() == 200 && request.getSession(false) == null
                    && rendered.getContentType() != null && rendered.getContentType().startsWith("text/html")) {
                if (pages.size() >= MAX_PAGES) {
                    pages.values().removeIf(p -> p.generation() != generation);
                }
                if (pages.size() < MAX_PAGES) {
                    pages.put(key, new Page(generation, rendered.getContentAsByteArray(), rendered.getContentType()));
                }
            }
            rendered.copyBodyToResponse();
        }

        private static boolean cacheable(HttpServletRequest request) {
            return "GET".equals(request.getMethod()) && request.getRequestedSessionId() == null
                    && request.getParameter("lang") == null && PAGES.matcher(request.getRequestURI()).matches()
                    && anonymous(SecurityContextHolder.getContext().getAuthentication());
        }

        private static boolean anonymous(Authentication auth) {
            return auth == null || auth instanceof AnonymousAuthenticationToken;
        }
    }
}
