package org.ketnoi.identity.admin;

import org.ketnoi.agency.AgencyId;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** The administration start page and the provider's signing keys. */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
@Controller
class AdminPages {

    private final Administration admin;
    private final AdminSupport support;

    AdminPages(Administration admin, AdminSupport support) {
        this.admin = admin;
        this.support = support;
    }

    @GetMapping("/admin")
    String index(@AuthenticationPrincipal Caller caller, Model model) {
        AdminSupport.requireAdministrator(caller);
        model.addAttribute("platformAdmin", caller.hasRole(Roles.PLATFORM_ADMIN));
        model.addAttribute("agency", caller.agencyId() == null ? null : support.agency(new AgencyId(caller.agencyId())));
        return "identity/admin/index";
    }

    @GetMapping("/admin/signing-keys")
    String keys(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("keys", admin.keys(caller));
        return "identity/admin/signing-keys";
    }

    @PostMapping("/admin/signing-keys/rotate")
    String rotate(@AuthenticationPrincipal Caller caller) {
        admin.rotateSigningKey(caller);
        return "redirect:/admin/signing-keys?rotated";
    }
}
