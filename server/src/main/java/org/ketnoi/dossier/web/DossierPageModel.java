package org.ketnoi.dossier.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.ketnoi.dossier.Dossiers;
import org.ketnoi.platform.PageAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/** What every dossier page shows dates with: Vietnam's time zone, and the moment the page was made. */
@Component
class DossierPageModel implements PageAttributes {

    private static final Set<Class<?>> PAGES = Set.of(ApplicantPages.class, DeskPages.class, TrackPage.class);

    @Override
    public void addTo(HttpServletRequest request, Object handler, Map<String, Object> model) {
        if (handler instanceof HandlerMethod method && PAGES.contains(method.getBeanType())) {
            model.put("vn", Dossiers.VIETNAM);
            model.put("now", Instant.now());
        }
    }
}
