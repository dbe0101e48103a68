package org.ketnoi.agency;

import java.util.Optional;

/** A state agency in the tree: its identifier, names, level, superior and administrative area. */
public record Agency(AgencyId id, String name, String nameEn, String kind, String level, Optional<AgencyId> parent,
        Optional<ProvinceCode> province, Optional<CommuneCode> commune) {
}
