package org.ketnoi.agency.web;

import java.util.Optional;
import org.ketnoi.agency.Agency;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.agency.AdministrativeUnits;
import org.ketnoi.agency.ProvinceCode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages to browse the agency tree and search it by name, level and province. */
@Controller
class AgencyPages {

    private final AgencyDirectory directory;
    private final AdministrativeUnits units;

    AgencyPages(AgencyDirectory directory, AdministrativeUnits units) {
        this.directory = directory;
        this.units = units;
    }

    @GetMapping("/agencies")
    String agencies(@RequestParam(name = "q", defaultValue = "") String query,
            @RequestParam(name = "level", defaultValue = "") String level,
            @RequestParam(name = "province", defaultValue = "") String province, Model model) {
        model.addAttribute("q", query);
        model.addAttribute("level", level);
        model.addAttribute("province", province);
        model.addAttribute("levels", directory.levels());
        model.addAttribute("provinces", units.provinces());
        model.addAttribute("counts", directory.countsByLevel());
        boolean searching = !query.isBlank() || !level.isBlank() || !province.isBlank();
        model.addAttribute("searching", searching);
        model.addAttribute("agencies", searching
                ? directory.search(query.length() > 100 ? query.substring(0, 100) : query,
                        Optional.of(level).filter(s -> !s.isBlank()),
                        Optional.of(province).filter(s -> !s.isBlank()).map(ProvinceCode::parse), 200)
                : directory.roots());
        return "agency/agencies";
    }

    @GetMapping("/agencies/{id}")
    String agency(@PathVariable String id, Model model) {
        Agency agency = directory.agency(AgencyId.parse(id));
        model.addAttribute("agency", agency);
        model.addAttribute("path", directory.path(agency.id()));
        model.addAttribute("children", directory.children(agency.id()));
        model.addAttribute("level", directory.level(agency.level()));
        agency.province().ifPresent(p -> model.addAttribute("provinceUnit", units.province(p)));
        agency.commune().ifPresent(c -> model.addAttribute("communeUnit", units.commune(c)));
        return "agency/agency";
    }
}
