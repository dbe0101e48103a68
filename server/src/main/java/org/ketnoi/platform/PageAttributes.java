package org.ketnoi.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * What a module adds to the model of the pages it shows (or of every page): called once a handler
 * has chosen a page to render, never for redirects, forwards or API answers. Used instead of
 * {@code @ModelAttribute} advice, for which Spring MVC builds new handler-method objects (with their
 * annotation look-ups) on every request: about a tenth of the desk page's CPU with four of them.
 */
public interface PageAttributes {

    /** @param handler what chose the page: a controller's {@link org.springframework.web.method.HandlerMethod} mostly */
    void addTo(HttpServletRequest request, Object handler, Map<String, Object> model);
}
