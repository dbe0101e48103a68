package org.ketnoi.platform;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Adds the message key of the friendly error page (400, 403, 404 or 500 family) to Boot's error
 * model, and the reason when our own code refused the input (never framework internals).
 */
@Component
class ErrorPageAttributes extends DefaultErrorAttributes {

    /** Request attribute with the reason a page refused its input, shown on the error page. */
    static final String REASON = "ketnoi.error.reason";

    private static final Set<Integer> PAGES = Set.of(400, 403, 404, 500);

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object status = attributes.get("status");
        int code = status instanceof Integer i ? i : 500;
        attributes.put("errorKey", "error." + (PAGES.contains(code) ? code : code >= 500 ? 500 : 400));
        Object reason = request.getAttribute(REASON, WebRequest.SCOPE_REQUEST);
        if (reason != null) {
            attributes.put("reason", reason);
        }
        return attributes;
    }
}
