package org.ketnoi.portal;

import org.ketnoi.agency.AgencyDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The portal's own pages: home, about and licences, and the place where sign-in will live. */
@Controller
class PortalController {

    private final AgencyDirectory agencies;

    PortalController(AgencyDirectory agencies) {
        this.agencies = agencies;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("figures", agencies.statistics());
        return "portal/home";
    }

    @GetMapping("/about")
    String about() {
        return "portal/about";
    }

    @GetMapping("/sign-in")
    String signIn() {
        // The portal signs in through the platform's OpenID Connect provider, like any client.
        return "redirect:/oauth2/authorization/ketnoi-portal";
    }
}
