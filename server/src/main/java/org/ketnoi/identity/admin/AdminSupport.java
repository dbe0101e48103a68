package org.ketnoi.identity.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ketnoi.agency.Agency;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.InvalidInput;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What the administration pages share: reading an agency code from a form, showing a refusal, mail links. */
@Component
class AdminSupport {

    private final AgencyDirectory agencies;
    private final MessageSource messages;
    private final String publicUrl;

    AdminSupport(AgencyDirectory agencies, MessageSource messages, @Value("${ketnoi.public-url:}") String publicUrl) {
        this.agencies = agencies;
        this.messages = messages;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    static void requireAdministrator(Caller caller) {
        if (!Administration.isAdministrator(caller)) {
            throw new AccessDeniedException("Only administrators use the administration pages");
        }
    }

    /** An agency code from a form; a missing or malformed one is refused beside the form's agency field. */
    static AgencyId agencyId(String code) {
        if (code == null || code.isBlank()) {
            throw InvalidInput.because("agency.required", "agency",
                    "Give the agency's identifier, such as 000.00.03.H01");
        }
        try {
            return AgencyId.parse(code);
        } catch (InvalidInput e) {
            throw e.as("agency", e.getMessage());
        }
    }

    /** The agency a page is about: the one asked for, else the caller's own (none for a platform administrator without one). */
    static Optional<AgencyId> agencyOrOwn(String code, Caller caller) {
        if (code != null && !code.isBlank()) {
            return Optional.of(agencyId(code));
        }
        return Optional.ofNullable(caller.agencyId()).map(AgencyId::new);
    }

    Agency agency(AgencyId id) {
        return id == null ? null : agencies.find(id).orElse(null);
    }

    /** Puts a refusal where {@code identity/errors} shows it: in the summary and beside its field. */
    void refusal(Model model, InvalidInput e, Locale locale) {
        model.addAttribute("errorField", e.field());
        model.addAttribute("errorMessage", messages.getMessage(e.resolvable(), locale));
    }

    /** Links in mails point at the configured public address, or in development at the one the browser used. */
    String baseUrl(HttpServletRequest request) {
        return publicUrl.isBlank() ? ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()
                : publicUrl;
    }

    /** The lines of a text area, trimmed, blank ones dropped. */
    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
