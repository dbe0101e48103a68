package org.ketnoi.identity.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Account;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.platform.InvalidInput;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Officials of an agency: the list, appointing one (who is invited by e-mail to set a password),
 * changing their roles, disabling and enabling them. Agency administrators see their own agency;
 * platform administrators choose any by its code.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Controller
class OfficialPages {

    private final Administration admin;
    private final AdminSupport support;

    OfficialPages(Administration admin, AdminSupport support) {
        this.admin = admin;
        this.support = support;
    }

    /** The create form's values, kept when a refusal shows the form again. */
    record Form(String username, String displayName, String email, String agency, Set<String> roles) {
    }

    @GetMapping("/admin/officials")
    String list(@RequestParam(required = false) String agency, @AuthenticationPrincipal Caller caller,
            HttpServletResponse response, Model model, Locale locale) {
        AdminSupport.requireAdministrator(caller);
        model.addAttribute("platformAdmin", caller.hasRole(Roles.PLATFORM_ADMIN));
        model.addAttribute("allRoles", Roles.OFFICIAL_ROLES);
        model.addAttribute("agencyCode", agency == null ? caller.agencyId() : agency.strip());
        try {
            Optional<AgencyId> id = AdminSupport.agencyOrOwn(agency, caller);
            if (id.isPresent()) {
                model.addAttribute("officials", admin.officials(id.get(), caller));
                model.addAttribute("agency", support.agency(id.get()));
            }
        } catch (InvalidInput e) {
            response.setStatus(422);
            support.refusal(model, e, locale);
        }
        return "identity/admin/officials";
    }

    @GetMapping("/admin/officials/new")
    String form(@RequestParam(required = false) String agency, @AuthenticationPrincipal Caller caller, Model model) {
        AdminSupport.requireAdministrator(caller);
        String code = caller.hasRole(Roles.PLATFORM_ADMIN) && agency != null ? agency.strip() : caller.agencyId();
        return form(new Form("", "", "", code, Set.of()), caller, model);
    }

    @PostMapping("/admin/officials")
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String email, @RequestParam(required = false) String agency,
            @RequestParam(required = false) List<String> roles, @AuthenticationPrincipal Caller caller,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        AdminSupport.requireAdministrator(caller);
        Set<String> chosen = roles == null ? Set.of() : Set.copyOf(roles);
        // An agency administrator's form has no agency field: their officials join their agency.
        String code = caller.hasRole(Roles.PLATFORM_ADMIN) || agency != null ? agency : caller.agencyId();
        try {
            Account official = admin.appoint(new Accounts.NewOfficial(username.strip().toLowerCase(Locale.ROOT),
                    displayName.strip(), email.strip(), AdminSupport.agencyId(code), chosen),
                    support.baseUrl(request), locale, caller);
            return "redirect:/admin/officials/" + official.id() + "?invited";
        } catch (InvalidInput e) {
            response.setStatus(422);
            support.refusal(model, e, locale);
            return form(new Form(username, displayName, email, code, chosen), caller, model);
        }
    }

    private String form(Form form, Caller caller, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("platformAdmin", caller.hasRole(Roles.PLATFORM_ADMIN));
        model.addAttribute("grantable", grantable(caller));
        model.addAttribute("ownAgency", caller.agencyId() == null ? null : support.agency(new AgencyId(caller.agencyId())));
        return "identity/admin/official-new";
    }

    @GetMapping("/admin/officials/{id}")
    String official(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, Model model) {
        Account official = admin.official(id, caller);
        model.addAttribute("official", official);
        model.addAttribute("agency", support.agency(new AgencyId(official.agencyId())));
        model.addAttribute("grantable", grantable(caller));
        model.addAttribute("allRoles", Roles.OFFICIAL_ROLES);
        model.addAttribute("self", official.username().equals(caller.username()));
        if (!model.containsAttribute("roles")) {
            model.addAttribute("roles", official.roles());
        }
        return "identity/admin/official";
    }

    @PostMapping("/admin/officials/{id}/roles")
    String roles(@PathVariable UUID id, @RequestParam(required = false) List<String> roles,
            @AuthenticationPrincipal Caller caller, HttpServletResponse response, Model model, Locale locale) {
        Set<String> chosen = roles == null ? Set.of() : Set.copyOf(roles);
        try {
            admin.changeRoles(id, chosen, caller);
            return "redirect:/admin/officials/" + id + "?rolesChanged";
        } catch (InvalidInput e) {
            response.setStatus(422);
            support.refusal(model, e, locale);
            model.addAttribute("roles", chosen);
            return official(id, caller, model);
        }
    }

    @PostMapping("/admin/officials/{id}/disable")
    String disable(@PathVariable UUID id, @AuthenticationPrincipal Caller caller, HttpServletResponse response,
            Model model, Locale locale) {
        try {
            admin.disable(id, caller);
            return "redirect:/admin/officials/" + id + "?disabled";
        } catch (InvalidInput e) {
            response.setStatus(422);
            support.refusal(model, e, locale);
            return official(id, caller, model);
        }
    }

    @PostMapping("/admin/officials/{id}/enable")
    String enable(@PathVariable UUID id, @AuthenticationPrincipal Caller caller) {
        admin.enable(id, caller);
        return "redirect:/admin/officials/" + id + "?enabled";
    }

    /** The roles this administrator may give: all but the platform administrator's, unless they are one. */
    static List<String> grantable(Caller caller) {
        return Roles.OFFICIAL_ROLES.stream()
                .filter(r -> !Roles.PLATFORM_ADMIN.equals(r) || caller.hasRole(Roles.PLATFORM_ADMIN)).toList();
    }
}
