package org.ketnoi.agency.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.ketnoi.agency.AdministrativeUnits;
import org.ketnoi.agency.BirthRegistrationProvince;
import org.ketnoi.agency.Commune;
import org.ketnoi.agency.CommuneCode;
import org.ketnoi.agency.Province;
import org.ketnoi.agency.ProvinceCode;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.platform.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/units")
@Tag(name = "Administrative units", description = "34 provinces and 3,321 communes (Decision 19/2025/QĐ-TTg)")
class UnitsApi {

    private final AdministrativeUnits units;

    UnitsApi(AdministrativeUnits units) {
        this.units = units;
    }

    @GetMapping("/provinces")
    @Operation(summary = "All provinces and centrally-run cities")
    List<Province> provinces() {
        return units.provinces();
    }

    @GetMapping("/provinces/{code}")
    @Operation(summary = "One province by its 2-digit code; 400 if malformed, 404 if unknown")
    Province province(@PathVariable String code) {
        return units.province(ProvinceCode.parse(code));
    }

    @GetMapping("/provinces/{code}/communes")
    @Operation(summary = "The commune-level units of a province")
    List<Commune> communes(@PathVariable String code) {
        return units.communes(ProvinceCode.parse(code));
    }

    @GetMapping("/communes/{code}")
    @Operation(summary = "One commune-level unit by its 5-digit code; 400 if malformed, 404 if unknown")
    Commune commune(@PathVariable String code) {
        return units.commune(CommuneCode.parse(code));
    }

    @GetMapping("/communes")
    @Operation(summary = "Search commune-level units by name (diacritics optional) or code")
    List<Commune> searchCommunes(@RequestParam("q") String query,
            @RequestParam(name = "province", required = false) String province,
            @RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (query.isBlank() || query.length() > 100) {
            throw new InvalidInput("q", "The search text must have 1 to 100 characters");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidInput("limit", "limit must be between 1 and 500");
        }
        return units.searchCommunes(query, Optional.ofNullable(province).map(ProvinceCode::parse), limit);
    }

    @GetMapping("/birth-registration-provinces")
    @Operation(summary = "The 63 province codes carried by personal identification numbers")
    List<BirthRegistrationProvince> birthRegistrationProvinces() {
        return units.birthRegistrationProvinces();
    }

    @GetMapping("/birth-registration-provinces/{code}")
    @Operation(summary = "Decode the first three digits of a personal identification number")
    BirthRegistrationProvince birthRegistrationProvince(@PathVariable String code) {
        if (!code.matches("[0-9]{3}")) {
            throw new InvalidInput("code", "A birth-registration province code has 3 digits, got '" + code + "'");
        }
        return units.birthRegistrationProvince(code)
                .orElseThrow(() -> new NotFound("No birth-registration province has the code " + code));
    }
}
