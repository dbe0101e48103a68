package org.ketnoi.dossier.web;

import jakarta.servlet.http.HttpServletRequest;
import org.ketnoi.dossier.DossierList;
import org.ketnoi.platform.RenderedPages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The public status lookup (tra cứu hồ sơ): code plus the last four digits of the ID number, no sign-in. */
@Controller
class TrackPage {

    private final DossierList list;
    private final RenderedPages rendered;

    TrackPage(DossierList list, RenderedPages rendered) {
        this.list = list;
        this.rendered = rendered;
    }

    @GetMapping("/track")
    ModelAndView track(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String digits,
            Model model, HttpServletRequest request) {
        model.addAttribute("code", code);
        if (code.isBlank()) {
            return new ModelAndView("dossier/track");
        }
        DossierList.TrackResult r = list.track(code, digits);
        model.addAttribute("outcome", r.outcome().name());
        if (r.dossier().isEmpty()) {
            return new ModelAndView("dossier/track");
        }
        // everything the page shows changes with the dossier's row version
        String version = "dossier " + r.dossier().get().version();
        return rendered.page(request, version, "dossier/track", () -> model.addAttribute("tracked", r.dossier().get()));
    }
}
