package org.ketnoi.identity.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.identity.provider.Clients;
import org.ketnoi.platform.InvalidInput;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * OAuth2 clients: agency systems (an agency's administrators register their own) and relying
 * parties (platform administrators only). A new client's secret is shown once, on the answer to
 * the form that created it, and never again: only its hash is kept.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Controller
class ClientPages {

    private final Administration admin;
    private final AdminSupport support;

    ClientPages(Administration admin, AdminSupport support) {
        this.admin = admin;
        this.support = support;
    }

    /** The agency system form's values, kept when a refusal shows the form again. */
    record SystemForm(String clientId, String name, String agency, Set<String> roles, String authentication,
            String jwkSetUrl) {
    }

    /** The relying party form's values. */
    record RelyingPartyForm(String clientId, String name, String redirectUris, String postLogoutRedirectUris,
            String clientType, boolean personalId) {
    }

    @GetMapping("/admin/clients")
    String list(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("clients", admin.clients(caller));
        model.addAttribute("platformAdmin", caller.hasRole(Roles.PLATFORM_ADMIN));
        return "identity/admin/clients";
    }

    @GetMapping("/admin/clients/systems/new")
    String systemForm(@AuthenticationPrincipal Caller caller, Model model) {
        AdminSupport.requireAdministrator(caller);
        return systemForm(new SystemForm("", "", caller.agencyId(), Set.of(), Clients.Authentication.CLIENT_SECRET.name(),
                ""), caller, model);
    }

    @PostMapping("/admin/clients/systems")
    String registerSystem(@RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String agency, @RequestParam(required = false) List<String> roles,
            @RequestParam(defaultValue = "CLIENT_SECRET") String authentication,
            @RequestParam(defaultValue = "") String jwkSetUrl, @AuthenticationPrincipal Caller caller,
            HttpServletResponse response, Model model, Locale locale) {
        AdminSupport.requireAdministrator(caller);
        Set<String> chosen = roles == null ? Set.of() : Set.copyOf(roles);
        String code = caller.hasRole(Roles.PLATFORM_ADMIN) || agency != null ? agency : caller.agencyId();
        Clients.Authentication method = Clients.Authentication.PRIVATE_KEY_JWT.name().equals(authentication)
                ? Clients.Authentication.PRIVATE_KEY_JWT : Clients.Authentication.CLIENT_SECRET;
        try {
            AgencyId agencyId = AdminSupport.agencyId(code);
            Clients.Registered registered = admin.registerSystem(clientId.strip(), name.strip(), agencyId, chosen,
                    method, method == Clients.Authentication.PRIVATE_KEY_JWT ? jwkSetUrl.strip() : null, caller);
            model.addAttribute("registered", registered);
            model.addAttribute("client", admin.client(registered.clientId(), caller));
            model.addAttribute("jwkSetUrl", method == Clients.Authentication.PRIVATE_KEY_JWT ? jwkSetUrl.strip() : null);
            return "identity/admin/client-registered";
        } catch (InvalidInput e) {
            response.setStatus(422);
            support.refusal(model, e, locale);
            return systemForm(new SystemForm(clientId, name, code, chosen, method.name(), jwkSetUrl), caller, model);
        }
    }

    private String systemForm(SystemForm form, Caller caller, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("platformAdmin", caller.hasRole(Roles.PLATFORM_ADMIN));
        model.addAttribute("systemRoles", Roles.SYSTEM_ROLES);
        model.addAttribute("ownAgency", caller.agencyId() == null ? null : support.agency(new AgencyId(caller.agencyId())));
        return "identity/admin/system-new";
    }

    @GetMapping("/admin/clients/relying-parties/new")
    String relyingPartyForm(@AuthenticationPrincipal Caller caller, Model model) {
        requirePlatformAdministrator(caller);
        model.addAttribute("form", new RelyingPartyForm("", "", "", "", "CONFIDENTIAL", false));
        return "identity/admin/relying-party-new";
    }

    @PostMapping("/admin/clients/relying-parties")
    String registerRelyingParty(@RequestParam(defaultValue = "") String clientId,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String redirectUris,
            @RequestParam(defaultValue = "") String postLogoutRedirectUris,
            @RequestParam(defaultValue = "CONFIDENTIAL") String clientType,
            @RequestParam(defaultValue = "false") boolean personalId, @AuthenticationPrincipal Caller caller,
            HttpServletResponse response, Model model, Locale locale) {
        boolean publicClient = "PUBLIC".equals(clientType);
        try {
            Clients.Registered registered = admin.registerRelyingParty(clientId.strip(), name.strip(),
                    AdminSupport.lines(redirectUris), AdminSupport.lines(postLogoutRedirectUris), publicClient,
                    personalId, caller);
            model.addAttribute("registered", registered);
            model.addAttribute("client", admin.client(registered.clientId(), caller));
            return "identity/admin/client-registered";
        } catch (InvalidInput e) {
            response.setStatus(422);
            support.refusal(model, e, locale);
            model.addAttribute("form", new RelyingPartyForm(clientId, name, redirectUris, postLogoutRedirectUris,
                    publicClient ? "PUBLIC" : "CONFIDENTIAL", personalId));
            return "identity/admin/relying-party-new";
        }
    }

    @GetMapping("/admin/clients/{clientId}/remove")
    String confirmRemoval(@PathVariable String clientId, @AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("client", admin.client(clientId, caller));
        return "identity/admin/client-remove";
    }

    @PostMapping("/admin/clients/{clientId}/remove")
    String remove(@PathVariable String clientId, @AuthenticationPrincipal Caller caller, HttpServletResponse response,
            Model model, Locale locale) {
        try {
            admin.removeClient(clientId, caller);
            return "redirect:/admin/clients?removed=" + clientId;
        } catch (InvalidInput e) {
            response.setStatus(422);
            support.refusal(model, e, locale);
            return confirmRemoval(clientId, caller, model);
        }
    }

    private static void requirePlatformAdministrator(Caller caller) {
        if (caller == null || !caller.hasRole(Roles.PLATFORM_ADMIN)) {
            throw new AccessDeniedException("Only platform administrators register relying parties");
        }
    }
}
