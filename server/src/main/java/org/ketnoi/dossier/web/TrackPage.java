package org.ketnoi.dossier.web;

import org.ketnoi.dossier.DossierList;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public status lookup (tra cứu hồ sơ): code plus the last four digits of the ID number, no sign-in. */
@Controller
class TrackPage {

    private final DossierList list;

    TrackPage(DossierList list) {
        this.list = list;
    }

    @GetMapping("/track")
    String track(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String digits,
            Model model) {
        model.addAttribute("code", code);
        if (!code.isBlank()) {
            DossierList.TrackResult r = list.track(code, digits);
            model.addAttribute("outcome", r.outcome().name());
            r.dossier().ifPresent(d -> model.addAttribute("tracked", d));
        }
        return "dossier/track";
    }
}
