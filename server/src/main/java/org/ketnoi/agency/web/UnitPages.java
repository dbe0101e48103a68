package org.ketnoi.agency.web;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ketnoi.agency.AdministrativeUnits;
import org.ketnoi.agency.Commune;
import org.ketnoi.agency.Province;
import org.ketnoi.agency.ProvinceCode;
import org.ketnoi.platform.SearchKey;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages to browse and search the administrative units; they work without JavaScript. */
@Controller
class UnitPages {

    private final AdministrativeUnits units;

    UnitPages(AdministrativeUnits units) {
        this.units = units;
    }

    @GetMapping("/units")
    String provinces(@RequestParam(name = "q", defaultValue = "") String query, Model model) {
        List<Province> provinces = units.provinces();
        model.addAttribute("provinces", provinces);
        model.addAttribute("chart", BarChart.of(provinces.stream()
                .sorted(Comparator.comparingInt(Province::communeCount).reversed()).toList()));
        model.addAttribute("q", query);
        if (!query.isBlank()) {
            String q = query.length() > 100 ? query.substring(0, 100) : query;
            model.addAttribute("results", units.searchCommunes(q, Optional.empty(), 100));
            model.addAttribute("provinceByCode", provinces.stream().collect(
                    java.util.stream.Collectors.toMap(p -> p.code().value(), p -> p)));
        }
        return "agency/units";
    }

    @GetMapping("/units/{code}")
    String province(@PathVariable String code, @RequestParam(name = "q", defaultValue = "") String query,
            Model model) {
        Province province = units.province(ProvinceCode.parse(code));
        List<Commune> communes = units.communes(province.code());
        String key = SearchKey.of(query);
        if (!key.isEmpty()) {
            communes = communes.stream().filter(c -> SearchKey.of(c.fullName()).contains(key)
                    || c.code().value().equals(query.trim())).toList();
        }
        model.addAttribute("province", province);
        model.addAttribute("communes", communes);
        model.addAttribute("q", query);
        return "agency/province";
    }

    /** A horizontal bar chart drawn on the server as SVG: readable without JavaScript. */
    record BarChart(List<Bar> bars, int width, int height) {

        static BarChart of(List<Province> provinces) {
            int max = provinces.stream().mapToInt(Province::communeCount).max().orElse(1);
            int rowHeight = 18;
            int labelWidth = 170;
            int plot = 700;
            List<Bar> bars = new java.util.ArrayList<>();
            for (int i = 0; i < provinces.size(); i++) {
                Province p = provinces.get(i);
                bars.add(new Bar(p, i * rowHeight, labelWidth,
                        Math.max(1, (int) Math.round((double) p.communeCount() * plot / max))));
            }
            return new BarChart(bars, labelWidth + plot + 50, provinces.size() * rowHeight + 4);
        }
    }

    record Bar(Province province, int y, int x, int length) {
    }
}
