package org.ketnoi.platform;

import java.time.Duration;
import java.util.Locale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Vietnamese by default; {@code ?lang=en} switches to English and a cookie keeps the choice on
 * every later page, with no JavaScript needed. Modules' {@link PageAttributes} fill the model of
 * every page about to be rendered.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final ObjectProvider<PageAttributes> pageAttributes;
    private volatile java.util.List<PageAttributes> resolvedPageAttributes;

    WebConfiguration(ObjectProvider<PageAttributes> pageAttributes) {
        this.pageAttributes = pageAttributes;
    }

    /**
     * No link rewriting: Boot registers Spring's resource URL encoding filter because a WebJars locator is
     * present, and the filter then asks the static-resource resolvers about every link of every page (a
     * class-path search in the jar per link, misses not cached: most of a page's CPU in the dossier
     * benchmark). The pages link to WebJars without versions and the resolver finds them when they are
     * served, so nothing needs rewriting.
     */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<org.springframework.web.servlet.resource.ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new org.springframework.web.servlet.resource.ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("ketnoi-lang");
        resolver.setDefaultLocale(VIETNAMESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    // looked up at the first page rather than when MVC is configured: they need the database's beans
    private java.util.List<PageAttributes> pageAttributes() {
        java.util.List<PageAttributes> resolved = resolvedPageAttributes;
        if (resolved == null) {
            resolved = pageAttributes.orderedStream().toList();
            resolvedPageAttributes = resolved;
        }
        return resolved;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                    ModelAndView page) {
                if (page == null || !page.hasView() || page.getView() instanceof RedirectView
                        || page.getView() instanceof RenderedPages.Kept
                        || page.getViewName() != null && (page.getViewName().startsWith("redirect:")
                                || page.getViewName().startsWith("forward:"))) {
                    return;
                }
                for (PageAttributes a : pageAttributes()) {
                    a.addTo(request, handler, page.getModel());
                }
            }
        });
    }
}
