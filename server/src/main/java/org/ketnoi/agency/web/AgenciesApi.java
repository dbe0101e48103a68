package org.ketnoi.agency.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.ketnoi.agency.Agency;
import org.ketnoi.agency.AgencyDirectory;
import org.ketnoi.agency.AgencyId;
import org.ketnoi.agency.AgencyLevel;
import org.ketnoi.agency.ProvinceCode;
import org.ketnoi.platform.InvalidInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/agencies")
@Tag(name = "State agencies", description = "The agency tree with QCVN 102 electronic identifiers")
class AgenciesApi {

    private final AgencyDirectory directory;

    AgenciesApi(AgencyDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    @Operation(summary = "Search agencies by name (diacritics optional) or identifier, by level and province")
    List<Agency> search(@RequestParam(name = "q", defaultValue = "") String query,
            @RequestParam(name = "level", required = false) String level,
            @RequestParam(name = "province", required = false) String province,
            @RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (query.length() > 100) {
            throw new InvalidInput("q", "The search text must have at most 100 characters");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidInput("limit", "limit must be between 1 and 500");
        }
        return directory.search(query, Optional.ofNullable(level),
                Optional.ofNullable(province).map(ProvinceCode::parse), limit);
    }

    @GetMapping("/levels")
    @Operation(summary = "The levels of government, highest first")
    List<AgencyLevel> levels() {
        return directory.levels();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One agency by its identifier; 400 if malformed, 404 if unknown")
    Agency agency(@PathVariable String id) {
        return directory.agency(AgencyId.parse(id));
    }

    @GetMapping("/{id}/children")
    @Operation(summary = "The agencies directly under one agency")
    List<Agency> children(@PathVariable String id) {
        return directory.children(AgencyId.parse(id));
    }

    @GetMapping("/{id}/path")
    @Operation(summary = "The chain of superiors from the top of the tree down to the agency")
    List<Agency> path(@PathVariable String id) {
        return directory.path(AgencyId.parse(id));
    }
}
